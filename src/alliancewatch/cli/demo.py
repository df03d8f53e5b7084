"""`alliancewatch demo`: build the observatory from the data and show what it found for one pair."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from alliancewatch.cli.common import FormatOption, check_format, context, emit
from alliancewatch.registry import DatasetSpec
from alliancewatch.report.output import render
from alliancewatch.services import (
    fetch_datasets,
    partner_rows,
    treaties_rows,
    veto_draft_rows,
    vetoes_rows,
)
from alliancewatch.services.summary import PairSummary, pair_summary


def demo_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="First country (the arms recipient).")] = "IRN",
    b: Annotated[str, typer.Argument(help="Second country.")] = "RUS",
    mirror: Annotated[
        str | None, typer.Option("--mirror", help="Directory or URL laid out like ../shared/data.")
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch/--no-fetch", help="Fetch and load every dataset first.")
    ] = True,
    fmt: FormatOption = "table",
) -> None:
    """Load every dataset, then print a pair's alignment: votes, ideal points, arms, treaties, vetoes, trade.

    Example: alliancewatch demo IRN RUS --mirror ../shared/data
    """
    check_format(fmt)
    aw = context(ctx, mirror)
    err = Console(stderr=True)
    if fetch:

        def started(spec: DatasetSpec) -> None:
            err.print(f"[dim]loading {spec.name} …[/dim]")

        reports = fetch_datasets(aw, [], mirror, on_start=started)
        total = sum(sum(r.rows.values()) for r in reports)
        seconds = sum(r.seconds for r in reports)
        err.print(f"loaded {len(reports)} datasets, {total:,} rows, in {seconds:.1f} s into {aw.config.db}")
    summary = pair_summary(aw, a, b)
    if fmt == "json":
        emit(summary, fmt)
        return
    _print_sections(summary, fmt)


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
