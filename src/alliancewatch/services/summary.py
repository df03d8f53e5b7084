"""A pair's alignment at a glance: every structured measure for two states, plus plain-language findings.

This is what `alliancewatch demo` prints for Iran and Russia and what a brief would start from. Each finding
is a sentence built from the figures next to it, never typed in by hand.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from alliancewatch.analyze.vetoes import PERMANENT_MEMBERS
from alliancewatch.services.arms import ArmsResult, arms
from alliancewatch.services.context import Context
from alliancewatch.services.trade import TradeResult, trade
from alliancewatch.services.treaties import TreatiesOverTime, treaties
from alliancewatch.services.vetoes import VetoesResult, vetoes
from alliancewatch.services.votes import VotesResult, votes

OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")


@dataclass(frozen=True)
class PairSummary:
    a: str
    b: str
    since: int
    votes_by_decade: VotesResult
    votes_by_year: VotesResult
    arms_tiv: ArmsResult
    arms_register: ArmsResult
    treaties: TreatiesOverTime
    vetoes: list[VetoesResult]
    trade: TradeResult
    findings: list[str]


def pair_summary(ctx: Context, a: str, b: str, since: int = 1992) -> PairSummary:
    """All structured measures for ``a`` and ``b``; arms are ``a``'s imports (``a`` as recipient).

    ``since`` starts the yearly series (1992: the first full year of the Russian Federation).
    """
    code_a, code_b = ctx.codes.resolve(a), ctx.codes.resolve(b)
    this_year = date.today().year
    by_decade = votes(ctx, code_a, code_b, by="decade", merge_predecessors=True)
    by_year = votes(ctx, code_a, code_b, by="year", start=since, merge_predecessors=True)
    arms_tiv = arms(ctx, code_a, start=since, end=None, merge_predecessors=True)
    arms_register = arms(ctx, code_a, start=2022, end=None, source="register", merge_predecessors=True)
    over_time = treaties(ctx, code_a, code_b, start=since, end=this_year, merge_predecessors=True)
    if not isinstance(over_time, TreatiesOverTime):  # a range always gives a series
        raise TypeError("treaties over a range must give one row per year")
    veto_results = [
        vetoes(ctx, member=m, start=since, merge_predecessors=False)
        for m in (code_a, code_b)
        if m in PERMANENT_MEMBERS
    ]
    flows = trade(ctx, code_a, code_b, start=since, merge_predecessors=True)
    summary = PairSummary(
        code_a, code_b, since, by_decade, by_year, arms_tiv, arms_register, over_time, veto_results, flows, []
    )
    return dataclasses.replace(summary, findings=findings(ctx, summary))


def findings(ctx: Context, s: PairSummary) -> list[str]:
    """Sentences stating what the figures show, each naming its source."""
    name_a, name_b = ctx.codes.name(s.a), ctx.codes.name(s.b)
    out: list[str] = []
    decades = [p for p in s.votes_by_decade.periods if p.n >= 50 and p.agree is not None]
    if len(decades) >= 2:
        first, last = decades[0], decades[-1]
        out.append(
            f"UN General Assembly: {name_a} and {name_b} (with predecessors) cast matching votes "
            f"(agree) {first.agree:.2f} in the {first.period}s and {last.agree:.2f} in the "
            f"{last.period}s (kappa {_fmt(first.kappa)} to {_fmt(last.kappa)}; Voeten UNGA votes)."
        )
    distances = [p for p in s.votes_by_year.periods if p.idealpoint_distance is not None]
    if distances:
        first_d, latest = distances[0], distances[-1]
        nearest = min(distances, key=lambda p: p.idealpoint_distance or 0.0)
        out.append(
            f"Ideal points: distance {first_d.idealpoint_distance:.2f} in {first_d.period} and "
            f"{latest.idealpoint_distance:.2f} in {latest.period}; smallest since {s.since}: "
            f"{nearest.idealpoint_distance:.2f} in {nearest.period} (Bailey-Strezhnev-Voeten, idealpointfp)."
        )
    if s.arms_tiv.partners:
        top = s.arms_tiv.partners[0]
        b_share = next((p.share for p in s.arms_tiv.partners if p.code == s.b), None) or 0.0
        b_part = "" if top.code == s.b else f"{name_b}'s share {b_share:.0%}; "
        out.append(
            f"Arms: {ctx.codes.name(top.code) if top.code else top.name} was {name_a}'s largest "
            f"supplier in {s.arms_tiv.start}-{s.arms_tiv.end} with {top.share:.0%} of "
            f"{s.arms_tiv.total_tiv:,.0f} million TIV; {b_part}supplier HHI "
            f"{_fmt(s.arms_tiv.hhi)} (SIPRI TIV)."
        )
    if s.arms_register.partners:
        parts = ", ".join(
            f"{p.label} {p.share:.0%}" for p in s.arms_register.partners[:3] if p.share is not None
        )
        out.append(
            f"Arms since {s.arms_register.start} (estimated from the SIPRI register): {parts} of "
            f"{s.arms_register.total_tiv:,.0f} million TIV delivered."
        )
    if s.treaties.years:
        latest_year = s.treaties.years[-1]
        held = [k for k in OBLIGATIONS if latest_year.obligations.get(k)]
        out.append(
            f"Treaties in {latest_year.year}: {', '.join(held) or 'no obligations'}; "
            f"mutual defence: {'yes' if latest_year.obligations.get('defense') else 'no'} "
            f"({', '.join(latest_year.treaties) or 'no treaty'}; ATOP 5.1 and the curated registry)."
        )
    for result in s.vetoes:
        for summary in result.summaries:
            partners = ", ".join(f"{m} {n}" for m, n in sorted(summary.joint.items(), key=lambda kv: -kv[1]))
            out.append(
                f"UN Security Council: {summary.member} vetoed {summary.vetoes} drafts since {s.since}"
                f"{f', jointly with {partners}' if partners else ''} (Dag Hammarskjöld Library veto list)."
            )
    known = [y for y in s.trade.years if y.total is not None]
    if known:
        last_trade = known[-1]
        out.append(
            f"Trade: {last_trade.total:,.0f} million USD in {last_trade.year} ({name_a} to {name_b} "
            f"{_fmt(last_trade.a_to_b, 0)}, {name_b} to {name_a} {_fmt(last_trade.b_to_a, 0)}; "
            "COW trade v4.0)."
        )
    return out


def _fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"
