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

    def vetoes(
        self,
        member: str | None = None,
        start: int | None = None,
        end: int | None = None,
        merge_predecessors: bool = False,
        drafts: bool = False,
    ) -> pd.DataFrame:
        """UNSC vetoes: one row per member (member, counted_as, vetoes, alone, joint, by_topic,
        by_region; the last three are {name: vetoes} dicts), or with ``drafts=True`` one row per vetoed
        draft (member, date, draft, cast_by, co_vetoers, crisis_topic, region, agenda_item).
        ``df.attrs`` holds from, to, data_end and note."""
        result = services.vetoes(self.ctx, member, start, end, merge_predecessors)
        if drafts:
            frame = pd.DataFrame(services.veto_draft_rows(result))
        else:
            records = services.vetoes_records(result)
            listed = records if isinstance(records, builtins.list) else [records]
            frame = pd.DataFrame([{k: v for k, v in r.items() if k != "drafts"} for r in listed])
        frame.attrs.update(
            {"from": start, "to": end, "data_end": to_plain(result.data_end), "note": result.note}
        )
        return frame

    def trade(
        self,
        a: str,
        b: str,
        start: int | None = None,
        end: int | None = None,
        merge_predecessors: bool = False,
    ) -> pd.DataFrame:
        """COW bilateral trade by year, million current USD: year, a_to_b (B's imports from A), b_to_a,
        total and the smoothed flows; None where missing. ``df.attrs`` holds a, b, counted_as, unit,
        data_end and note."""
        result = services.trade(self.ctx, a, b, start, end, merge_predecessors)
        frame = pd.DataFrame(services.trade_rows(result))
        frame.attrs.update({k: v for k, v in services.trade_records(result).items() if k != "years"})
        return frame

    def arms(
        self,
        recipient: str | None = None,
        start: int | None = None,
        end: int | None = None,
        supplier: str | None = None,
        deals: bool = False,
        source: str = "tiv",
        merge_predecessors: bool = False,
    ) -> pd.DataFrame:
        """SIPRI arms transfers: one row per supplier (or recipient) with code, name, tiv, share.

        TIV in millions; the scalar fields (total_tiv, hhi, from, to, coverage, note, ...) are in
        ``df.attrs``. With ``deals=True``, one row per trade-register deal instead.
        """
        if deals:
            found = services.arms_deals(self.ctx, recipient, start, end, supplier, merge_predecessors)
            record = services.deals_record(found)
            frame = pd.DataFrame(found.deals)
        else:
            result = services.arms(self.ctx, recipient, start, end, supplier, source, merge_predecessors)
            record = services.arms_record(result)
            frame = pd.DataFrame(services.partner_rows(result))
        frame.attrs.update({k: to_plain(v) for k, v in record.items() if not isinstance(v, list)})
        return frame

    def treaties(
        self,
        a: str,
        b: str,
        year: int | None = None,
        start: int | None = None,
        end: int | None = None,
        merge_predecessors: bool = False,
    ) -> pd.DataFrame:
        """Alliance obligations of ``a`` and ``b`` (ATOP 5.1 OR-ed with the curated treaty registry).

        One row per year (one row when ``year`` is given): year, defense, offense, neutrality,
        nonaggression, consultation (booleans), treaties (ids in force that year) and sources (where
        each true obligation comes from). ``df.attrs`` holds a, b, the treaty details and notes.
        """
        result = services.treaties(self.ctx, a, b, year, start, end, merge_predecessors)
        record = services.treaties_records(result)
        if "years" in record:
            rows = record["years"]
        else:
            rows = [
                {
                    "year": record["year"],
                    **record["obligations"],
                    "treaties": record["binding"],
                    "sources": record["sources"],
                }
            ]
        frame = pd.DataFrame(rows)
        frame.attrs.update({k: record[k] for k in ("a", "b", "treaties", "notes")})
        return frame


def open(db: str | Path | None = None, mirror: str | None = None) -> Observatory:
    """Open (or create) a store; ``db`` defaults to ALLIANCEWATCH_DB or ./alliancewatch.duckdb."""
    return Observatory(services.open_context(load_config(db=db, mirror=mirror)))
