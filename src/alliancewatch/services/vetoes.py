"""Vetoes cast in the UN Security Council by a permanent member, with whom, and on what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alliancewatch.analyze.vetoes import (
    PERMANENT_MEMBERS,
    SEAT_HOLDERS,
    VetoSummary,
    seat_codes,
    veto_coverage,
    veto_summary,
)
from alliancewatch.errors import UserInputError
from alliancewatch.services.context import Context, check_years
from alliancewatch.services.require import require_loaded


@dataclass(frozen=True)
class VetoesResult:
    """``member`` is the ISO-3 code asked for, or None when every seat holder is summarised."""

    member: str | None
    start: int | None
    end: int | None
    merge_predecessors: bool
    data_end: date | None
    note: str | None
    summaries: list[VetoSummary]


def vetoes(
    ctx: Context,
    member: str | None = None,
    start: int | None = None,
    end: int | None = None,
    merge_predecessors: bool = False,
) -> VetoesResult:
    """Veto counts, co-vetoers, topics and the vetoed drafts of one permanent member, or of each.

    Without ``merge_predecessors`` every seat holder stands alone (RUS is the Russian Federation since
    1992, SUN the USSR, CHN the People's Republic, TWN the Republic of China before 25 October 1971) and
    the summaries of all seat holders add up to every veto cast. With it, RUS includes the USSR and CHN
    the Republic of China, and only the five current members are summarised.
    """
    check_years(start, end)
    code = ctx.codes.resolve(member) if member is not None else None
    if code is not None and code not in SEAT_HOLDERS:
        historical = sorted(set(SEAT_HOLDERS) - set(PERMANENT_MEMBERS))
        raise UserInputError(
            f"--member must be a permanent member of the Security Council: {' '.join(PERMANENT_MEMBERS)} "
            f"(earlier seat holders: {' '.join(historical)}), not {member!r} ({code})"
        )
    require_loaded(ctx, "unsc_vetoes")
    every = PERMANENT_MEMBERS if merge_predecessors else SEAT_HOLDERS
    members = [code] if code is not None else list(every)
    summaries = [veto_summary(ctx.store, m, seat_codes(m, merge_predecessors), start, end) for m in members]
    _, last = veto_coverage(ctx.store)
    note = None
    if last is not None and end is not None and end >= last.year:
        note = f"the veto list ends on {last.isoformat()}; later vetoes are not counted"
    return VetoesResult(code, start, end, merge_predecessors, last, note, summaries)


def _record(result: VetoesResult, summary: VetoSummary) -> dict[str, object]:
    return {
        "member": summary.member,
        "counted_as": summary.counted_as,
        "from": result.start,
        "to": result.end,
        "vetoes": summary.vetoes,
        "alone": summary.alone,
        "joint": summary.joint,
        "by_topic": summary.by_topic,
        "by_region": summary.by_region,
        "drafts": [
            {
                "date": v.date.isoformat(),
                "draft": v.draft,
                "meeting_record": v.meeting_record,
                "agenda_item": v.agenda_item,
                "crisis_topic": v.crisis_topic,
                "region": v.region,
                "cast_by": v.cast_by,
                "co_vetoers": v.co_vetoers,
            }
            for v in summary.drafts
        ],
        "data_end": result.data_end.isoformat() if result.data_end else None,
        "note": result.note,
    }


def vetoes_records(result: VetoesResult) -> dict[str, object] | list[dict[str, object]]:
    """The JSON contract: one object when a member was asked for, else a list with one per seat holder.

    Each object: ``member``, ``counted_as`` (codes counted as the member), ``from``, ``to``, ``vetoes``,
    ``alone``, ``joint`` ({member: vetoes cast together}), ``by_topic``, ``by_region`` ({value: vetoes},
    most frequent first), ``drafts`` (each veto: date, draft, meeting_record, agenda_item, crisis_topic,
    region, cast_by, co_vetoers), ``data_end`` (last date in the list) and ``note``.
    """
    records = [_record(result, s) for s in result.summaries]
    return records[0] if result.member is not None else records


def _top(counts: dict[str, int], limit: int = 3) -> str:
    return ", ".join(f"{k} {n}" for k, n in list(counts.items())[:limit])


def vetoes_rows(result: VetoesResult) -> list[dict[str, object]]:
    """One flat row per member for tables and CSV (``joint`` and the top three topics as text)."""
    return [
        {
            "member": s.member,
            "vetoes": s.vetoes,
            "alone": s.alone,
            "joint": _top(s.joint, len(s.joint)),
            "top_topics": _top(s.by_topic),
            "top_regions": _top(s.by_region),
        }
        for s in result.summaries
    ]


def veto_draft_rows(result: VetoesResult) -> list[dict[str, object]]:
    """One flat row per veto and member, in date order: the evidence behind the counts."""
    return [
        {
            "member": s.member,
            "date": v.date.isoformat(),
            "draft": v.draft,
            "cast_by": v.cast_by,
            "co_vetoers": " ".join(v.co_vetoers),
            "crisis_topic": v.crisis_topic,
            "region": v.region,
            "agenda_item": v.agenda_item,
        }
        for s in result.summaries
        for v in s.drafts
    ]
