"""`alliancewatch demo`: build the observatory from the data and show what it found for one pair."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from alliancewatch.cli.common import FormatOption, check_format, context, emit
from alliancewatch.errors import NotLoadedError
from alliancewatch.report.output import render
from alliancewatch.services import (
    Context,
    event_filter,
    list_events,
    partner_rows,
    treaties_rows,
    veto_draft_rows,
    vetoes_rows,
)
from alliancewatch.services.build import build_observatory
from alliancewatch.services.summary import PairSummary, pair_summary


def demo_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (the arms recipient).")] = "IRN",
    b: Annotated[str, typer.Argument(help="Second country.")] = "RUS",
    mirror: Annotated[
        str | None, typer.Option("--mirror", help="Directory or URL laid out like ../shared/data.")
    ] = None,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch/--no-fetch", help="Build first: datasets, the corpus, the mirror's event files."
        ),
    ] = True,
    corpus: Annotated[
        Path, typer.Option("--corpus", help="Articles to ingest and code (skipped when absent).")
    ] = Path("corpus"),
    fmt: FormatOption = "table",
) -> None:
    """Build the observatory, then show a pair: votes, ideal points, arms, treaties, vetoes, trade, events.

    Example: alliancewatch demo IRN RUS --mirror ../shared/data
    """
    check_format(fmt)
    aw = context(ctx, mirror)
    err = Console(stderr=True)
    if fetch:
        started = time.perf_counter()
        built = build_observatory(aw, mirror, corpus, say=lambda line: err.print(f"[dim]{line} …[/dim]"))
        rows = sum(sum(r.rows.values()) for r in built.datasets)
        err.print(
            f"built in {time.perf_counter() - started:.1f} s into {aw.config.db}: "
            f"{len(built.datasets)} datasets ({rows:,} rows); documents {built.documents or 'none'}; "
            f"{built.text_events} events coded from "
            f"{built.coded_documents} documents; event files {built.event_files or 'none'}"
        )
    summary = pair_summary(aw, a, b)
    evidence = _pair_events(aw, summary.a, summary.b)
    if fmt == "json":
        emit({"summary": summary, "text_events": evidence}, fmt)
        return
    _print_sections(summary, fmt)
    if evidence:
        rows_out = [_evidence_row(e) for e in evidence]
        title = f"Events between {summary.a} and {summary.b} coded from the articles (the evidence)"
        sys.stdout.write("\n" + (f"# {title}\n" if fmt == "csv" else ""))
        sys.stdout.write(render(rows_out, fmt, rows=rows_out, title=title) + "\n")


def _pair_events(aw: Context, a: str, b: str, limit: int = 25) -> list[dict[str, Any]]:
    """Text-coded events between the pair, either direction, newest first (empty when none are stored)."""
    try:
        found = list_events(aw, event_filter(aw, dyad=(a, b), both=True, origin="text"), limit=0)
    except NotLoadedError:
        return []
    return sorted(found.events, key=lambda e: str(e["date"]), reverse=True)[:limit]


def _evidence_row(event: dict[str, Any]) -> dict[str, Any]:
    def countries(actors: list[dict[str, Any]]) -> str:
        return " ".join(sorted({str(x.get("country")) for x in actors if x.get("country")}))

    sentence = (event.get("evidence") or {}).get("sentence") or ""
    return {
        "date": str(event["date"])[: {"year": 4, "month": 7}.get(str(event["date_precision"]), 10)],
        "type": event["type"] + (" (negated)" if event["negated"] else ""),
        "source": countries(event["source"]),
        "target": countries(event["target"]),
        "modality": event["modality"],
        "sentence": sentence if len(sentence) <= 110 else sentence[:107] + "…",
    }


def _print_sections(s: PairSummary, fmt: str) -> None:
    out = sys.stdout
    if fmt == "table":
        out.write(f"\n{s.a}–{s.b}: what the data show\n")
        for finding in s.findings:
            out.write(f"  • {finding}\n")
    decade_rows = [
        {k: getattr(p, k) for k in ("period", "n", "exact", "agree", "s_score", "kappa")}
        for p in s.votes_by_decade.periods
    ]
    year_rows = [
        {
            "year": p.period,
            "n": p.n,
            "agree": p.agree,
            "kappa": p.kappa,
            "idealpoint_distance": p.idealpoint_distance,
        }
        for p in s.votes_by_year.periods
    ]
    sections = [
        (f"UN General Assembly agreement by decade ({s.a}–{s.b}, with predecessors)", decade_rows, None),
        (f"UN votes and ideal-point distance by year since {s.since}", year_rows, None),
        (
            f"{s.a}'s arms suppliers {s.arms_tiv.start}–{s.arms_tiv.end} (SIPRI TIV, million)",
            partner_rows(s.arms_tiv),
            {"total_tiv": s.arms_tiv.total_tiv, "hhi": s.arms_tiv.hhi},
        ),
        (
            f"{s.a}'s arms suppliers since {s.arms_register.start} (estimated from the SIPRI register)",
            partner_rows(s.arms_register),
            {"method": s.arms_register.method},
        ),
        (
            f"Treaty obligations {s.a}–{s.b} by year (ATOP 5.1 + curated registry)",
            treaties_rows(s.treaties),
            None,
        ),
    ]
    for result in s.vetoes:
        sections.append((f"UN Security Council vetoes since {s.since}", vetoes_rows(result), None))
        drafts = [
            {k: v for k, v in r.items() if k != "agenda_item"}
            for r in veto_draft_rows(result)
            if r["co_vetoers"]
        ]
        sections.append((f"Joint vetoes since {s.since} (the evidence)", drafts, None))
    trade_rows = [
        {"year": y.year, f"{s.a}_to_{s.b}": y.a_to_b, f"{s.b}_to_{s.a}": y.b_to_a, "total": y.total}
        for y in s.trade.years
    ]
    sections.append((f"Trade {s.a}–{s.b}, million current USD (COW)", trade_rows, None))
    for title, rows, caption in sections:
        out.write("\n" + (f"# {title}\n" if fmt == "csv" else ""))
        out.write(render(rows, fmt, rows=rows, title=title, caption=caption) + "\n")
