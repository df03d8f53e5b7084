"""The Python API for notebooks: the same services as the CLI, returning pandas DataFrames."""

from __future__ import annotations

import builtins
from datetime import date
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

    def gdelt_fetch(
        self,
        start: str,
        end: str | None = None,
        mirror: str | None = None,
        version: int = 2,
        workers: int = 4,
        retry_quarantined: bool = False,
    ) -> pd.DataFrame:
        """Fetch and load the GDELT events files published from ``start`` to ``end`` (YYYY-MM-DD, UTC)
        that are not loaded yet. One row per file dealt with now: name, url, status (loaded, quarantined,
        failed), bytes, resumed_from, rows, reason, path; the totals are in ``df.attrs``."""
        report = services.fetch_gdelt(self.ctx, start, end, mirror, version, workers, retry_quarantined)
        frame = pd.DataFrame([to_plain(f) for f in report.files])
        frame.attrs.update({k: v for k, v in to_plain(report).items() if k != "files"})
        return frame

    def dyad(
        self,
        a: str,
        b: str,
        freq: str = "month",
        by: str = "quad",
        origin: str | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
        both: bool = False,
        engine: str = "duckdb",
        everything: bool = False,
        merge_predecessors: bool = False,
    ) -> pd.DataFrame:
        """Events A→B (both ways with ``both``) per period: period, quad (or context), events, raw_rows,
        mean_intensity; with ``by="direction"``: period, a_to_b, b_to_a, a_share and each side's mean
        intensity. ``df.attrs`` holds the question (a, b, freq, origin, from, to, engine)."""
        result = services.dyad(
            self.ctx, a, b, freq, by, origin, start, end, both, engine, everything, merge_predecessors
        )
        record = services.dyad_records(result)
        frame = pd.DataFrame(services.dyad_rows(result))
        frame.attrs.update({k: v for k, v in record.items() if k != "periods"})
        return frame

    def dyads(
        self,
        top: int = 20,
        origin: str | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
        quad: int | None = None,
        country: str | None = None,
        engine: str = "duckdb",
    ) -> pd.DataFrame:
        """The busiest directed pairs: source, target, events, raw_rows, mean_intensity."""
        result = services.top_dyads(self.ctx, top, origin, start, end, quad, country, engine)
        frame = pd.DataFrame(services.top_dyads_rows(result))
        frame.attrs.update({k: v for k, v in services.top_dyads_records(result).items() if k != "dyads"})
        return frame

    def ingest(
        self,
        *inputs: str,
        published: str | date | None = None,
        skip_bad: bool = False,
        max_bytes: int = 20_000_000,
        follow_links: bool = False,
    ) -> pd.DataFrame:
        """Ingest files, directories or URLs: one row per record (source, status, doc_id, sentences,
        detail); ``df.attrs`` holds the counts per status and the new document ids."""
        from alliancewatch.sources.articles import ReadOptions

        when = date.fromisoformat(published) if isinstance(published, str) else published
        options = ReadOptions(max_bytes=max_bytes, skip_bad=skip_bad, follow_links=follow_links)
        report = services.ingest(self.ctx, builtins.list(inputs), options, when)
        frame = pd.DataFrame(services.ingest_rows(report))
        frame.attrs.update({"summary": report.summary(), "new_doc_ids": report.new_doc_ids})
        return frame

    def sentences(self, doc_id: str) -> pd.DataFrame:
        """The sentences of an ingested document: index, text, start, end (characters in its text),
        date, date_precision, date_text and date_basis (expression, published or none)."""
        rows = [
            {**to_plain(s.sentence), "date": s.date, "date_precision": s.date_precision,
             "date_text": s.date_text, "date_basis": s.date_basis}
            for s in services.dated_sentences(self.ctx, doc_id)
        ]  # fmt: skip
        return pd.DataFrame(rows).drop(columns=["doc_id"], errors="ignore")

    def code(self, text: str, date: str | None = None, store: bool = False) -> pd.DataFrame:
        """PLOVER events in ``text`` (published on ``date``, YYYY-MM-DD): one row per event with type,
        mode, source, target, quad, intensity, date, modality, negated, confidence and triggers;
        ``store`` also saves them. The coder is loaded on first use and kept."""
        from alliancewatch.services import code as coding

        coder = self.__dict__.get("_coder") or coding.load_coder(self.ctx.codes)
        self.__dict__["_coder"] = coder
        events = coding.code_text(coder, text, coding.parse_day(date))
        if store:
            coding.store_events(self.ctx.store, events)
        return pd.DataFrame(coding.coded_rows(events))

    def load(self, origin: str, *paths: str) -> pd.DataFrame:
        """Load GDELT, ICEWS or POLECAT event files (files, globs, zips, directories): one row per file
        (file, status, events, raw_rows, mirrored, seconds, error); the totals are in ``df.attrs``."""
        report = services.load_event_files(self.ctx, origin, builtins.list(paths))
        frame = pd.DataFrame(services.load_rows(report))
        frame.attrs.update({k: v for k, v in to_plain(report).items() if k != "files"})
        return frame

    def events(
        self,
        dyad: tuple[str, str] | None = None,
        start: str | date | None = None,
        end: str | date | None = None,
        type: str | None = None,
        origin: str | None = None,
        both: bool = False,
        limit: int | None = 100,
        unfolded: bool = False,
        count: bool = False,
    ) -> pd.DataFrame:
        """Events in the PLOVER shape, one row each (event_id, type, mode, contexts, quad, cameo_root,
        intensity, source, target, date, …, origin, raw_count, mirror_of); ``limit`` None or 0 for all.
        With ``count=True``, one row: origin, events (folded), raw_rows, mirrored."""
        query = services.event_filter(self.ctx, dyad, start, end, type, origin, both, unfolded)
        if count:
            return pd.DataFrame([to_plain(services.event_count(self.ctx, query))])
        result = services.list_events(self.ctx, query, limit)
        frame = pd.DataFrame(result.events)
        frame.attrs.update({"total": result.total, "limit": result.limit})
        return frame


def open(db: str | Path | None = None, mirror: str | None = None) -> Observatory:
    """Open (or create) a store; ``db`` defaults to ALLIANCEWATCH_DB or ./alliancewatch.duckdb."""
    return Observatory(services.open_context(load_config(db=db, mirror=mirror)))
