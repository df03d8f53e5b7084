"""The service layer: plain functions that the CLI, the notebook API and the HTTP API all call."""

from alliancewatch.services.context import Context, open_context
from alliancewatch.services.datasets import fetch_datasets, list_datasets, load_dataset
from alliancewatch.services.votes import votes, votes_records

__all__ = [
    "Context",
    "fetch_datasets",
    "list_datasets",
    "load_dataset",
    "open_context",
    "votes",
    "votes_records",
]
