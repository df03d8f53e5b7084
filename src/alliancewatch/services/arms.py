"""Arms transfers: a country's suppliers (or a supplier's recipients) with shares and HHI, and the deals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alliancewatch.analyze import arms as measure
from alliancewatch.analyze.arms import METHODS, ROLES, SOURCES, PartnerShare
from alliancewatch.errors import UserInputError
from alliancewatch.services.context import Context, check_choice, check_years
from alliancewatch.services.require import require_loaded

_DATASET = {"tiv": "sipri_tiv", "register": "sipri_register"}


@dataclass(frozen=True)
class ArmsResult:
    """Partners of ``recipient`` (or of ``supplier`` when no recipient is given) in ``start..end``.

    With both countries, ``partners`` holds only the supplier's row, while ``total_tiv`` and ``hhi``
    describe all the recipient's suppliers (so the share is the supplier's share of the recipient's
    imports). ``coverage`` is the first and last year the source has; ``note`` says when the years asked
    for go beyond it.
    """

    recipient: str | None
    supplier: str | None
    start: int | None
    end: int | None
    source: str
    method: str
    merge_predecessors: bool
    total_tiv: float
    partners: list[PartnerShare]
    hhi: float | None
    coverage: tuple[int | None, int | None]
    note: str | None

    @property
    def role(self) -> str:
        return "recipient" if self.recipient is not None else "supplier"


@dataclass(frozen=True)
class DealsResult:
    recipient: str | None
    supplier: str | None
    start: int | None
    end: int | None
    deals: list[dict[str, Any]]


def arms(
    ctx: Context,
    recipient: str | None = None,
    start: int | None = None,
    end: int | None = None,
    supplier: str | None = None,
    source: str = "tiv",
    merge_predecessors: bool = False,
) -> ArmsResult:
    """Suppliers of ``recipient`` (TIV in millions, share 0..1, HHI 0..1) over ``start..end`` inclusive.

    Without ``recipient``, the recipients of ``supplier`` instead. ``source`` "tiv" reads SIPRI's annual
    TIV table (1950-2021), "register" estimates yearly TIV from the trade register (see analyze.arms).
    With ``merge_predecessors`` a state counts with its predecessors, on both sides (RUS with SUN).
    Missing years default to the source's coverage.
    """
    check_choice(source, "--source", SOURCES)
    check_years(start, end)
    if recipient is None and supplier is None:
        raise UserInputError("give a recipient, a --supplier, or both")
    own = ctx.country(recipient or supplier or "", merge_predecessors)
    other = ctx.country(supplier, merge_predecessors) if recipient and supplier else None
    require_loaded(ctx, _DATASET[source])
    first, last = measure.coverage(ctx.store, source)
    start = first if start is None else start
    end = last if end is None else end
    fold = _successors(ctx) if merge_predecessors else []
    role = ROLES[0] if recipient is not None else ROLES[1]
    profile = measure.arms_profile(ctx.store, own, role, start, end, source, fold)
    partners = profile.partners
    if other is not None:
        # with merging, a historical supplier's rows are listed under its successor's code
        wanted = set(other) | {dict(fold).get(code, code) for code in other}
        partners = [p for p in partners if p.code in wanted]
    return ArmsResult(
        recipient=own[0] if recipient is not None else None,
        supplier=own[0] if recipient is None else (other[0] if other else None),
        start=start,
        end=end,
        source=source,
        method=METHODS[source],
        merge_predecessors=merge_predecessors,
        total_tiv=profile.total_tiv,
        partners=partners,
        hhi=profile.hhi,
        coverage=(first, last),
        note=_coverage_note(source, start, end, first, last),
    )


def _successors(ctx: Context) -> list[tuple[str, str]]:
    """(historical state, the state it is merged into) for every state with a successor."""
    out = []
    for code in ctx.codes.countries:
        target = code
        while (nxt := ctx.codes.successor(target)) is not None and nxt != code:
            target = nxt
        if target != code:
            out.append((code, target))
    return out


def _coverage_note(
    source: str, start: int | None, end: int | None, first: int | None, last: int | None
) -> str | None:
    if first is None or last is None:
        return "no TIV data in the store"
    name = "SIPRI's TIV table" if source == "tiv" else "The trade register"
    gaps = []
    if start is not None and start < first:
        gaps.append(f"starts in {first}")
    if end is not None and end > last:
        gaps.append(f"ends in {last}")
    if not gaps:
        return None
    hint = (
        "; --source register estimates later years from the trade register and --deals lists the deals"
        if source == "tiv" and end is not None and end > last
        else ""
    )
    return f"{name} {' and '.join(gaps)}: years outside {first}-{last} are not counted{hint}"


def arms_deals(
    ctx: Context,
    recipient: str | None = None,
    start: int | None = None,
    end: int | None = None,
    supplier: str | None = None,
    merge_predecessors: bool = False,
) -> DealsResult:
    """Trade-register deals of ``recipient`` (and/or ``supplier``) active in ``start..end``.

    A deal is active from its order year to its last delivery year. TIV fields are in millions; a field
    is null where SIPRI gives no figure, and ``*_estimated`` is true where SIPRI marks it uncertain.
    """
    check_years(start, end)
    if recipient is None and supplier is None:
        raise UserInputError("give a recipient, a --supplier, or both")
    recipients = ctx.country(recipient, merge_predecessors) if recipient else None
    suppliers = ctx.country(supplier, merge_predecessors) if supplier else None
    require_loaded(ctx, "sipri_register")
    table = measure.deals(ctx.store, recipients, suppliers, start, end)
    return DealsResult(
        recipient=recipients[0] if recipients else None,
        supplier=suppliers[0] if suppliers else None,
        start=start,
        end=end,
        deals=table.to_pylist(),
    )


def arms_record(result: ArmsResult) -> dict[str, Any]:
    """The JSON contract of ``alliancewatch arms``.

    Partners are listed under "suppliers" (or "recipients") as ``{supplier|recipient, code, name, tiv,
    share}``: the first field is the ISO-3 code for a state and SIPRI's name for a non-state or unknown
    party, whose ``code`` is null.
    """
    key = "supplier" if result.role == "recipient" else "recipient"
    record: dict[str, Any] = {}
    if result.recipient is not None:
        record["recipient"] = result.recipient
    if result.supplier is not None:
        record["supplier"] = result.supplier
    record |= {
        "from": result.start,
        "to": result.end,
        "source": result.source,
        "total_tiv": result.total_tiv,
        f"{key}s": partner_rows(result),
        "hhi": result.hhi,
        "merge_predecessors": result.merge_predecessors,
        "coverage": {"from": result.coverage[0], "to": result.coverage[1]},
        "method": result.method,
        "note": result.note,
    }
    return record


def partner_rows(result: ArmsResult) -> list[dict[str, Any]]:
    """One flat record per partner (the rows of the table and CSV output)."""
    key = "supplier" if result.role == "recipient" else "recipient"
    return [
        {key: p.label, "code": p.code, "name": p.name, "tiv": p.tiv, "share": p.share}
        for p in result.partners
    ]


def deals_record(result: DealsResult) -> dict[str, Any]:
    """The JSON contract of ``alliancewatch arms --deals``."""
    return {
        "recipient": result.recipient,
        "supplier": result.supplier,
        "from": result.start,
        "to": result.end,
        "deals": result.deals,
    }


def deals_rows(result: DealsResult) -> list[dict[str, Any]]:
    """Deals flattened for a table or CSV: estimates marked with '?', delivery years as one string."""

    def mark(value: Any, estimated: bool | None) -> str:
        return "" if value is None else f"{value}{'?' if estimated else ''}"

    return [
        {
            "supplier": d["supplier"] or d["supplier_name"],
            "recipient": d["recipient"] or d["recipient_name"],
            "ordered_in": mark(d["order_year"], d["order_year_estimated"]),
            "weapon": d["weapon"],
            "description": d["description"],
            "ordered": mark(d["number_ordered"], d["number_ordered_estimated"]),
            "delivered": mark(d["number_delivered"], d["number_delivered_estimated"]),
            "delivery_years": _year_span(d["delivery_years"]),
            "status": d["status"],
            "tiv_delivered": d["tiv_delivered"],
            "tiv_order": d["tiv_order"],
            "comments": d["comments"],
        }
        for d in result.deals
    ]


def _year_span(years: list[int] | None) -> str:
    if not years:
        return ""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
