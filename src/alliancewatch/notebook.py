"""The Python API for notebooks: the same services as the CLI, returning pandas DataFrames."""

from __future__ import annotations

import builtins
from pathlib import Path

import pandas as pd

from alliancewatch import services
from alliancewatch.config import load_config
from alliancewatch.report.output import to_plain


class Observatory:
    """A handle on one store. Methods are named like the CLI commands and take the same arguments."""

    def __init__(self, ctx: services.Context) -> None:
        self.ctx = ctx

    def close(self) -> None:
        self.ctx.close()

    def __enter__(self) -> Observatory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, *names: str, mirror: str | None = None) -> pd.DataFrame:
        """Fetch and load datasets (all when no name is given)."""
        reports = services.fetch_datasets(self.ctx, builtins.list(names), mirror)
        return pd.DataFrame([to_plain(r) for r in reports])

    def datasets(self) -> pd.DataFrame:
        return pd.DataFrame([to_plain(i) for i in services.list_datasets(self.ctx)])

    def votes(
        self,
        a: str,
        b: str,
        by: str = "decade",
        start: int | None = None,
        end: int | None = None,
        issue: str | None = None,
        merge_predecessors: bool = False,
    ) -> pd.DataFrame:
        """UNGA agreement per period: columns period, n, exact, agree, s_score, kappa (+ distance)."""
        result = services.votes(self.ctx, a, b, by, start, end, issue, merge_predecessors)
        return pd.DataFrame(services.votes_records(result))


def open(db: str | Path | None = None, mirror: str | None = None) -> Observatory:
    """Open (or create) a store; ``db`` defaults to ALLIANCEWATCH_DB or ./alliancewatch.duckdb."""
    return Observatory(services.open_context(load_config(db=db, mirror=mirror)))
