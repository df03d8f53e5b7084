"""SQL over the SIPRI arms-transfer tables (``sipri_tiv``, ``sipri_deals``)."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from alliancewatch.store.db import Store

#: Yearly TIV rows by source, all with the columns supplier, recipient, supplier_name, recipient_name,
#: year, tiv. "register" spreads each deal's TIV of delivered weapons evenly over its delivery years.
_YEARLY = {
    "tiv": "SELECT supplier, recipient, supplier_name, recipient_name, year, tiv FROM sipri_tiv",
    "register": """
        SELECT supplier, recipient, supplier_name, recipient_name,
               unnest(delivery_years) AS year, tiv_delivered / len(delivery_years) AS tiv
        FROM sipri_deals
        WHERE tiv_delivered IS NOT NULL AND len(delivery_years) > 0
    """,
}
#: (the queried side, the side listed) for each role of the queried country.
_SIDES = {"recipient": ("recipient", "supplier"), "supplier": ("supplier", "recipient")}


def tiv_by_partner(
    store: Store,
    source: str,
    role: str,
    countries: Sequence[str],
    start: int | None,
    end: int | None,
    fold: Sequence[tuple[str, str]] = (),
) -> list[tuple[str | None, str, float]]:
    """(partner ISO-3 or None, partner name, TIV in millions) of ``countries`` as ``role``, largest first.

    ``role`` is "recipient" (partners are suppliers) or "supplier" (partners are recipients). ``fold``
    maps partner codes onto others (a predecessor state onto its successor) before summing. Partners
    without a code (non-state actors, organisations, unknown parties) are summed by SIPRI's name. The
    name of a state is the one SIPRI used in the latest year counted.
    """
    own, partner = _SIDES[role]
    sql = f"""
        WITH folded AS (SELECT unnest(?::VARCHAR[]) AS old, unnest(?::VARCHAR[]) AS new),
        yearly AS ({_YEARLY[source]}),
        rows AS (
            SELECT coalesce(f.new, y.{partner}) AS code, y.{partner}_name AS name, y.year, y.tiv
            FROM yearly y LEFT JOIN folded f ON f.old = y.{partner}
            WHERE list_contains(?, y.{own})
              AND (?::INTEGER IS NULL OR y.year >= ?::INTEGER)
              AND (?::INTEGER IS NULL OR y.year <= ?::INTEGER)
        )
        SELECT code, arg_max(name, year) AS name, sum(tiv) AS tiv
        FROM rows
        GROUP BY code, CASE WHEN code IS NULL THEN name END
        ORDER BY tiv DESC, code NULLS LAST, name
    """
    params = [[o for o, _ in fold], [n for _, n in fold], list(countries), start, start, end, end]
    return [(code, str(name), float(tiv)) for code, name, tiv in store.rows(sql, params)]


def year_coverage(store: Store, source: str) -> tuple[int | None, int | None]:
    """First and last year with TIV in ``source`` ("tiv": the TIV table; "register": deliveries)."""
    row = store.rows(f"SELECT min(year), max(year) FROM ({_YEARLY[source]})")
    first, last = row[0] if row else (None, None)
    return (None if first is None else int(first), None if last is None else int(last))


def deals(
    store: Store,
    recipients: Sequence[str] | None,
    suppliers: Sequence[str] | None,
    start: int | None,
    end: int | None,
) -> pa.Table:
    """Register deals between the given recipients and suppliers (None: any) active in the years.

    A deal is active from its order year to its last delivery year (the order year when nothing has been
    delivered), and is returned when that span meets ``start..end``. Ordered by order year, then deal.
    """
    sql = """
        SELECT deal_id, recipient, recipient_name, supplier, supplier_name,
               order_year, order_year_estimated, weapon, description,
               number_ordered, number_ordered_estimated, number_delivered, number_delivered_estimated,
               delivery_years, status, tiv_unit, tiv_order, tiv_delivered, comments
        FROM sipri_deals
        WHERE (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], recipient))
          AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], supplier))
          AND (?::INTEGER IS NULL
               OR greatest(order_year, coalesce(list_max(delivery_years), order_year)) >= ?::INTEGER)
          AND (?::INTEGER IS NULL OR order_year <= ?::INTEGER)
        ORDER BY order_year, deal_id
    """
    r = list(recipients) if recipients is not None else None
    s = list(suppliers) if suppliers is not None else None
    return store.query(sql, [r, r, s, s, start, start, end, end])
