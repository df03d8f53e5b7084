"""Arms transfers: who supplies a country (or whom a supplier arms), each partner's share, concentration.

Volumes are SIPRI trend-indicator values (TIV), in millions: a common unit for the military capability
transferred, not a price. For a country and a period:

- ``total_tiv``: the sum of TIV over every partner, states and others alike.
- ``share`` of a partner: its TIV divided by ``total_tiv`` (0..1; null when the total is 0).
- ``hhi``: the Herfindahl-Hirschman index of those shares, ``sum(share ** 2)``, on a 0..1 scale (1 = a
  single partner; 1/n = n equal partners). Each non-state or unknown party counts as one partner.

Two sources of yearly TIV:

- ``tiv``: SIPRI's annual TIV table (deliveries by year, 1950-2021).
- ``register``: the trade register (to 2024). SIPRI gives the TIV of delivered weapons per deal, not per
  year, so each deal's figure is spread evenly over its delivery years: an approximation of SIPRI's
  annual figures, which weight years by the units delivered in them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from alliancewatch.store import Store
from alliancewatch.store import sipri as sql

SOURCES = ("tiv", "register")
ROLES = ("recipient", "supplier")
METHODS = {
    "tiv": "SIPRI annual TIV of deliveries (TIV table, by delivery year)",
    "register": (
        "trade register: each deal's TIV of delivered weapons spread evenly over its delivery years "
        "(approximates SIPRI's annual TIV, which weights years by units delivered)"
    ),
}


@dataclass(frozen=True)
class PartnerShare:
    """One supplier (or recipient): ISO-3 code (None for non-state and unknown parties), name, TIV, share."""

    code: str | None
    name: str
    tiv: float
    share: float | None

    @property
    def label(self) -> str:
        """The code for a state, SIPRI's name for anyone else."""
        return self.code if self.code is not None else self.name


@dataclass(frozen=True)
class ArmsProfile:
    """Partners of one country in one period, largest first; ``total_tiv`` in millions of TIV."""

    total_tiv: float
    partners: list[PartnerShare]
    hhi: float | None


def concentration(volumes: Sequence[tuple[str | None, str, float]]) -> ArmsProfile:
    """Shares and HHI (0..1) from (code, name, TIV) per partner; the order given is kept."""
    total = float(sum(tiv for _, _, tiv in volumes))
    if total <= 0:
        partners = [PartnerShare(code, name, tiv, None) for code, name, tiv in volumes]
        return ArmsProfile(total, partners, None)
    partners = [PartnerShare(code, name, tiv, tiv / total) for code, name, tiv in volumes]
    hhi = sum((p.share or 0.0) ** 2 for p in partners)
    return ArmsProfile(total, partners, hhi)


def arms_profile(
    store: Store,
    countries: Sequence[str],
    role: str = "recipient",
    start: int | None = None,
    end: int | None = None,
    source: str = "tiv",
    fold: Sequence[tuple[str, str]] = (),
) -> ArmsProfile:
    """The partners of ``countries`` (one state, or a state with its predecessors) in ``start..end``.

    ``role`` "recipient" lists suppliers, "supplier" lists recipients; ``fold`` counts partner codes as
    others (predecessor -> successor) before the shares are taken.
    """
    return concentration(sql.tiv_by_partner(store, source, role, countries, start, end, fold))


def coverage(store: Store, source: str) -> tuple[int | None, int | None]:
    """First and last year with TIV in a source."""
    return sql.year_coverage(store, source)


def deals(
    store: Store,
    recipients: Sequence[str] | None,
    suppliers: Sequence[str] | None,
    start: int | None = None,
    end: int | None = None,
) -> pa.Table:
    """Register deals active in ``start..end`` (see :func:`alliancewatch.store.sipri.deals`)."""
    return sql.deals(store, recipients, suppliers, start, end)
