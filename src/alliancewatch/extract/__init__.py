"""Extraction: from clean sentences to actors and events.

The gazetteer (:mod:`alliancewatch.extract.gazetteer`) turns words into candidate actors; the event coder
builds on it.
"""

from alliancewatch.extract.gazetteer import Actor, Gazetteer, Mention

__all__ = ["Actor", "Gazetteer", "Mention"]
