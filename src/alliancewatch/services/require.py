"""Guards that turn "nothing loaded yet" into a clear message instead of an empty answer."""

from __future__ import annotations

from alliancewatch.errors import NotLoadedError
from alliancewatch.services.context import Context


def require_loaded(ctx: Context, *datasets: str) -> None:
    loaded = {r.dataset for r in ctx.store.provenance()}
    missing = [d for d in datasets if d not in loaded]
    if missing:
        names = " ".join(missing)
        raise NotLoadedError(
            f"dataset {names} not loaded into {ctx.config.db}; run: alliancewatch datasets fetch {names} "
            "--mirror DIR"
        )
