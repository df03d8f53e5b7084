"""UN General Assembly voting agreement between two states."""

from __future__ import annotations

from dataclasses import dataclass

from alliancewatch.analyze.votes import ISSUES, PERIODS, VotePeriod, agreement_by_period
from alliancewatch.services.context import Context, check_choice, check_years
from alliancewatch.services.require import require_loaded


@dataclass(frozen=True)
class VotesResult:
    a: str
    b: str
    by: str
    issue: str | None
    periods: list[VotePeriod]


def votes(
    ctx: Context,
    a: str,
    b: str,
    by: str = "decade",
    start: int | None = None,
    end: int | None = None,
    issue: str | None = None,
    merge_predecessors: bool = False,
) -> VotesResult:
    """Agreement of ``a`` and ``b`` in UNGA roll calls per decade or year (see analyze.votes)."""
    check_choice(by, "--by", PERIODS)
    check_choice(issue, "--issue", ISSUES)
    check_years(start, end)
    codes_a = ctx.country(a, merge_predecessors)
    codes_b = ctx.country(b, merge_predecessors)
    require_loaded(ctx, "unga_votes", *(("unga_idealpoints",) if by == "year" else ()))
    periods = agreement_by_period(ctx.store, codes_a, codes_b, by, start, end, issue)
    return VotesResult(codes_a[0], codes_b[0], by, issue, periods)


def votes_records(result: VotesResult) -> list[dict[str, object]]:
    """The JSON contract: ``idealpoint_distance`` appears with yearly periods only."""
    out = []
    for p in result.periods:
        record: dict[str, object] = {
            "period": p.period,
            "n": p.n,
            "exact": p.exact,
            "agree": p.agree,
            "s_score": p.s_score,
            "kappa": p.kappa,
        }
        if result.by == "year":
            record["idealpoint_distance"] = p.idealpoint_distance
        out.append(record)
    return out
