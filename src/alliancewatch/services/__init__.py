"""The service layer: plain functions that the CLI, the notebook API and the HTTP API all call."""

from alliancewatch.services.arms import (
    arms,
    arms_deals,
    arms_record,
    deals_record,
    deals_rows,
    partner_rows,
)
from alliancewatch.services.code import code_text, evaluate_gold, load_coder
from alliancewatch.services.context import Context, open_context
from alliancewatch.services.datasets import fetch_datasets, list_datasets, load_dataset
from alliancewatch.services.dyad import (
    dyad,
    dyad_records,
    dyad_rows,
    event_counts,
    top_dyads,
    top_dyads_records,
    top_dyads_rows,
)
from alliancewatch.services.event_list import event_count, event_filter, event_rows, list_events
from alliancewatch.services.events import load_event_files, load_rows
from alliancewatch.services.gdelt_fetch import fetch_gdelt, gdelt_fetch_rows
from alliancewatch.services.ingest import (
    IngestReport,
    dated_sentences,
    documents,
    ingest,
    ingest_records,
    ingest_rows,
    sentences,
)
from alliancewatch.services.trade import trade, trade_records, trade_rows
from alliancewatch.services.treaties import treaties, treaties_records, treaties_rows
from alliancewatch.services.vetoes import veto_draft_rows, vetoes, vetoes_records, vetoes_rows
from alliancewatch.services.votes import votes, votes_records

__all__ = [
    "Context",
    "IngestReport",
    "arms",
    "arms_deals",
    "arms_record",
    "code_text",
    "dated_sentences",
    "deals_record",
    "deals_rows",
    "documents",
    "dyad",
    "dyad_records",
    "dyad_rows",
    "evaluate_gold",
    "event_count",
    "event_counts",
    "event_filter",
    "event_rows",
    "fetch_datasets",
    "fetch_gdelt",
    "gdelt_fetch_rows",
    "ingest",
    "ingest_records",
    "ingest_rows",
    "list_datasets",
    "list_events",
    "load_coder",
    "load_dataset",
    "load_event_files",
    "load_rows",
    "open_context",
    "partner_rows",
    "sentences",
    "top_dyads",
    "top_dyads_records",
    "top_dyads_rows",
    "trade",
    "trade_records",
    "trade_rows",
    "treaties",
    "treaties_records",
    "treaties_rows",
    "veto_draft_rows",
    "vetoes",
    "vetoes_records",
    "vetoes_rows",
    "votes",
    "votes_records",
]
