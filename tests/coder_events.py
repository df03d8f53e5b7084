"""Helpers for tests that look for one coded event among a sentence's events."""

from __future__ import annotations

from alliancewatch.model import Actor, Event


def countries(actors: tuple[Actor, ...]) -> set[str | None]:
    """The countries of some actors."""
    return {a.country for a in actors}


def find_event(events: list[Event], kind: str, source: str | None, target: str | None) -> Event | None:
    """The first non-negated event of type ``kind`` with ``source`` among its sources and ``target`` among
    its targets (None: any), or None."""
    for event in events:
        if event.type != kind or event.negated:
            continue
        if source is not None and source not in countries(event.source):
            continue
        if target is not None and target not in countries(event.target):
            continue
        return event
    return None
