"""The service layer: plain functions that the CLI, the notebook API and the HTTP API all call."""

from alliancewatch.services.arms import (
    arms,
    arms_deals,
    arms_record,
    deals_record,
    deals_rows,
    partner_rows,
)
from alliancewatch.services.context import Context, open_context
from alliancewatch.services.datasets import fetch_datasets, list_datasets, load_dataset
from alliancewatch.services.trade import trade, trade_records, trade_rows
from alliancewatch.services.treaties import treaties, treaties_records, treaties_rows
from alliancewatch.services.vetoes import veto_draft_rows, vetoes, vetoes_records, vetoes_rows
from alliancewatch.services.votes import votes, votes_records

__all__ = [
    "Context",
    "arms",
    "arms_deals",
    "arms_record",
    "deals_record",
    "deals_rows",
    "fetch_datasets",
    "list_datasets",
    "load_dataset",
    "open_context",
    "partner_rows",
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
