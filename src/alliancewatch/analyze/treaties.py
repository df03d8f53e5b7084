"""Treaty obligations between two states, year by year.

For each year the five ATOP obligation types (defence, offence, neutrality, non-aggression,
consultation) are true when either source says so:

- ATOP 5.1, for years it covers (1815-2018): a row in either direction of the directed dyad;
- the curated treaty registry: a treaty in force on any day of the year that binds both states (a
  bilateral treaty between them, or a multilateral one of which both were members that year).

Every true obligation carries the sources it came from (ATOP's citation, or the treaty with the article
that creates the obligation and its reference URLs), so a figure can always be traced back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from alliancewatch.sources.atop import ATOP_CITATION, ATOP_FIRST_YEAR, ATOP_LAST_YEAR, ATOP_VERSION
from alliancewatch.sources.treaties import OBLIGATIONS
from alliancewatch.store import Store
from alliancewatch.store import treaties as sql

ATOP_ID = f"atop-{ATOP_VERSION}"


@dataclass(frozen=True)
class ObligationSource:
    """Where one true obligation in one year comes from."""

    obligation: str
    treaty: str
    article: str | None
    references: list[str]


@dataclass(frozen=True)
class YearObligations:
    """The obligations binding the pair in one year; ``treaties`` lists the ids that contributed."""

    year: int
    obligations: dict[str, bool]
    treaties: list[str]
    sources: list[ObligationSource]


@dataclass(frozen=True)
class Reference:
    url: str
    title: str


@dataclass(frozen=True)
class TreatyEntry:
    """A curated treaty between the pair, or the ATOP entry (``source`` tells which).

    ``obligations`` are the treaty's own; for the ATOP entry, those ATOP gives in the years asked for
    (OR-ed over them). ``status`` says whether it bound the pair in the years asked for.
    """

    id: str
    source: str
    name: str
    status: str
    obligations: dict[str, bool]
    articles: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    type: str | None = None
    signed: str | None = None
    signed_at: str | None = None
    in_force: str | None = None
    ended: str | None = None
    term: str | None = None
    summary: str | None = None
    uncertain: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    citation: str | None = None


@dataclass(frozen=True)
class DyadObligations:
    years: list[YearObligations]
    treaties: list[TreatyEntry]
    notes: list[str]


def no_obligations() -> dict[str, bool]:
    return dict.fromkeys(OBLIGATIONS, False)


def obligations_by_year(store: Store, a: list[str], b: list[str], start: int, end: int) -> DyadObligations:
    """Obligations between ``a`` and ``b`` (each a list of ISO-3 codes) for every year in [start, end]."""
    atop = {row.year: row for row in sql.atop_by_year(store, a, b, start, end)}
    listed = sql.treaties_by_year(store, a, b, start, end)
    ids = sorted({t.treaty_id for t in listed})
    records = sql.treaty_records(store, ids)
    own: dict[str, dict[str, sql.ObligationRecord]] = defaultdict(dict)
    for o in sql.obligation_records(store, ids):
        own[o.treaty_id][o.obligation] = o
    urls: dict[str, list[Reference]] = defaultdict(list)
    for s in sql.source_records(store, ids):
        urls[s.treaty_id].append(Reference(s.url, s.title))
    in_force: dict[int, list[str]] = defaultdict(list)
    for t in listed:
        if t.in_force:
            in_force[t.year].append(t.treaty_id)

    years = []
    for year in range(start, end + 1):
        flags = no_obligations()
        sources: list[ObligationSource] = []
        contributors: list[str] = []
        if year in atop:
            contributors.append(ATOP_ID)
            for name in OBLIGATIONS:
                if getattr(atop[year], name):
                    flags[name] = True
                    sources.append(ObligationSource(name, ATOP_ID, None, [ATOP_CITATION]))
        for treaty_id in in_force.get(year, []):
            contributors.append(treaty_id)
            for name in OBLIGATIONS:
                o = own[treaty_id][name]
                if o.present:
                    flags[name] = True
                    refs = [r.url for r in urls[treaty_id]]
                    sources.append(ObligationSource(name, treaty_id, o.article, refs))
        years.append(YearObligations(year, flags, contributors, sources))

    entries = [_curated_entry(r, own[r.id], urls[r.id], listed, start, end) for r in records]
    if atop:
        entries.append(_atop_entry(list(atop.values()), start, end))
    return DyadObligations(years, entries, _coverage_notes(store, years, start, end))


def _curated_entry(
    record: sql.TreatyRecord,
    own: dict[str, sql.ObligationRecord],
    references: list[Reference],
    listed: list[sql.TreatyYear],
    start: int,
    end: int,
) -> TreatyEntry:
    binding = [t.year for t in listed if t.treaty_id == record.id and t.in_force]
    if not binding:
        status = "signed, not in force" if start == end else f"signed, not in force in {start}-{end}"
    elif start == end:
        status = "in force"
    else:
        status = f"in force {min(binding)}-{max(binding)}"
    return TreatyEntry(
        id=record.id,
        source="curated",
        name=record.name,
        status=status,
        obligations={name: own[name].present for name in OBLIGATIONS},
        articles={n: a for n in OBLIGATIONS if (a := own[n].article) is not None},
        notes={n: note for n in OBLIGATIONS if (note := own[n].note) is not None},
        type=record.type,
        signed=record.signed,
        signed_at=record.signed_at,
        in_force=record.in_force,
        ended=record.terminated or record.expires,
        term=record.term,
        summary=record.summary,
        uncertain=record.uncertain,
        references=references,
    )


def _atop_entry(rows: list[sql.AtopYear], start: int, end: int) -> TreatyEntry:
    flags = {name: any(getattr(r, name) for r in rows) for name in OBLIGATIONS}
    years = [r.year for r in rows]
    if start == end:
        status = "ATOP dyad-year row (either direction)"
    else:
        status = f"ATOP rows in {len(years)} of the years, {min(years)}-{max(years)}"
    return TreatyEntry(
        id=ATOP_ID,
        source="atop",
        name=f"ATOP {ATOP_VERSION} directed dyad-year data",
        status=status,
        obligations=flags,
        citation=ATOP_CITATION,
    )


def _coverage_notes(store: Store, years: list[YearObligations], start: int, end: int) -> list[str]:
    coverage = sql.atop_coverage(store) or (ATOP_FIRST_YEAR, ATOP_LAST_YEAR)
    first, last = coverage
    notes = []
    if end > last:
        after = [y for y in years if y.year > last]
        span = f"{after[0].year}" if len(after) == 1 else f"{after[0].year}-{after[-1].year}"
        note = (
            f"ATOP {ATOP_VERSION} ends in {last}: for {span} obligations come from the curated registry only"
        )
        if not any(y.treaties for y in after):
            note += ", and no curated treaty in force binds this pair then, so all are false"
        notes.append(note + ".")
    if start < first:
        notes.append(f"ATOP {ATOP_VERSION} starts in {first}; earlier years have no ATOP data.")
    return notes
