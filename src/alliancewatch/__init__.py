"""alliancewatch: an open, local-first observatory of geopolitical alignments.

For notebooks::

    import alliancewatch
    obs = alliancewatch.open("alliancewatch.duckdb")
    obs.votes("IRN", "RUS", by="decade")   # a pandas DataFrame
"""

from alliancewatch.errors import AllianceWatchError
from alliancewatch.notebook import Observatory, open

__all__ = ["AllianceWatchError", "Observatory", "open"]
__version__ = "0.1.0"
