"""`alliancewatch code` (text to PLOVER events) and `alliancewatch eval` (score the coder on gold)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from alliancewatch.cli.common import context, emit
from alliancewatch.errors import UserInputError
from alliancewatch.extract.evaluate import DEFAULT_SEED, SUBSETS
from alliancewatch.model import Event
from alliancewatch.report.output import FORMATS, to_plain
from alliancewatch.services.code import (
    BadLine,
    TextInput,
    code_ingested,
    code_inputs,
    code_text,
    coded_rows,
    eval_record,
    eval_rows,
    evaluate_gold,
    load_coder,
    parse_day,
    read_inputs,
    store_events,
)

CODE_FORMATS = (*FORMATS, "jsonl")
ClassifierOption = Annotated[
    bool,
    typer.Option(
        "--classifier/--no-classifier",
        help="Add the sentence classifier's second opinion on event types (needs the ml extra).",
    ),
]


def code_command(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="The text to code (or use --input).")] = None,
    input_file: Annotated[
        Path | None,
        typer.Option("--input", "-i", help='JSONL file, one {"id", "text", "date"?} object per line.'),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Publication date YYYY-MM-DD (for --input: of records without one)."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="table, json or csv (default table); jsonl for --input (default)."
        ),
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="With --input: report malformed lines and go on.")
    ] = False,
    store: Annotated[bool, typer.Option("--store", help="Also save the events in the store.")] = False,
    ingested: Annotated[
        bool, typer.Option("--ingested", help="Code every document in the store (see `ingest`).")
    ] = False,
    classifier: ClassifierOption = False,
) -> None:
    """Code news text into PLOVER events (who did what to whom, when, how sure, from which words).

    Example: alliancewatch code "Russia declined to supply S-400 missiles to Iran." --date 2025-06-20
    """
    if sum((text is not None, input_file is not None, ingested)) != 1:
        raise UserInputError("give one of a TEXT to code, --input FILE.jsonl or --ingested")
    chosen = fmt or ("table" if text is not None else "jsonl")
    if chosen not in CODE_FORMATS:
        raise UserInputError(f"--format must be one of {', '.join(CODE_FORMATS)}, not {chosen!r}")
    published = parse_day(date)
    aw = context(ctx) if store or ingested else None
    coder = load_coder(classifier=classifier)
    if ingested:
        assert aw is not None
        _emit_coded(code_ingested(aw, coder, store), chosen, "Events in the store")
        return
    if text is not None:
        events = code_text(coder, text, published)
        if aw is not None:
            store_events(aw.store, events)
        if chosen == "jsonl":
            for event in events:
                sys.stdout.write(json.dumps(to_plain(event.to_dict()), ensure_ascii=False) + "\n")
            return
        emit([e.to_dict() for e in events], chosen, rows=coded_rows(events), title="Events")
        return
    assert input_file is not None
    bad: list[BadLine] = []
    items = (
        TextInput(i.doc_id, i.text, i.date or published) if isinstance(i, TextInput) else i
        for i in read_inputs(input_file)
    )
    coded: list[str] = []
    title = f"Events in {input_file.name}"
    kept = _emit_coded(code_inputs(coder, items, skip_bad, bad), chosen, title, coded)
    if aw is not None:  # every record coded again replaces its events, also when it now yields none
        store_events(aw.store, kept, input_file.name, coded)
    if bad:
        sys.stderr.write(f"skipped {len(bad)} bad line(s) of {input_file}:\n")
        for item in bad[:20]:
            sys.stderr.write(f"  {item}\n")


def _emit_coded(
    coded: Iterable[tuple[str, list[Event]]], fmt: str, title: str, ids: list[str] | None = None
) -> list[Event]:
    """Print ``{id, events}`` per document (JSON lines as they come, or one table or JSON document);
    returns every event printed and appends each document id to ``ids``."""
    kept: list[Event] = []
    if fmt == "jsonl":
        for doc_id, events in coded:
            if ids is not None:
                ids.append(doc_id)
            line = {"id": doc_id, "events": [e.to_dict() for e in events]}
            sys.stdout.write(json.dumps(to_plain(line), ensure_ascii=False) + "\n")
            kept.extend(events)
        return kept
    results = list(coded)
    if ids is not None:
        ids.extend(d for d, _ in results)
    kept = [e for _, events in results for e in events]
    records = [{"id": d, "events": [e.to_dict() for e in events]} for d, events in results]
    rows = [{"id": d, **row} for d, events in results for row in coded_rows(events)]
    emit(records, fmt, rows=rows, title=title)
    return kept


def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (the shape of plover_gsr_dev.jsonl).")],
    subset: Annotated[
        str,
        typer.Option("--subset", help="all, or one half of a fixed random split: dev or holdout."),
    ] = "all",
    seed: Annotated[int, typer.Option("--seed", help="Seed of the dev/holdout split.")] = DEFAULT_SEED,
    mistakes: Annotated[
        bool, typer.Option("--mistakes", help="List the sentences where coder and gold differ.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    classifier: ClassifierOption = False,
) -> None:
    """Score the event coder on hand-coded sentences: precision, recall and F1 for event type (per type,
    micro and macro), for (source, target, type) triples, and for quads.

    Example: alliancewatch eval ../shared/data/gold/plover_gsr_dev.jsonl --subset holdout
    """
    if subset not in SUBSETS:
        raise UserInputError(f"--subset must be one of {', '.join(SUBSETS)}, not {subset!r}")
    if fmt not in FORMATS:
        raise UserInputError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    report = evaluate_gold(load_coder(classifier=classifier), gold, subset, seed, mistakes)
    record = eval_record(report, subset, seed)
    caption = {
        "gold": f"{gold.name} ({subset}, {report.sentences} sentences, {report.gold_events} events)",
        "predicted events": report.predicted_events,
        "type macro-F1": round(report.type_macro_f1, 3),
        "triple F1": round(report.triple.f1, 3),
    }
    emit(record, fmt, rows=eval_rows(report), title="Event coder against gold", caption=caption)
    if mistakes and fmt == "table":
        for m in report.mistakes:
            sys.stdout.write(f"\n{m.id}: {m.text}\n  missed {list(m.missed)}\n  extra  {list(m.extra)}\n")
