"""Readers for every input the product takes: one module per dataset or input kind."""

from __future__ import annotations

from alliancewatch.registry import Registry


def register_builtins(registry: Registry) -> None:
    """Register the built-in datasets through the same call a plugin uses."""
    from alliancewatch.sources import atop, cow, sipri, treaties, unga, unsc

    for module in (unga, unsc, cow, sipri, atop, treaties):
        module.register(registry)
