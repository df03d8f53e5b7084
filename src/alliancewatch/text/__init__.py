"""Text: from a raw article to clean prose, its language, its duplicates, its sentences and their dates.

:mod:`~alliancewatch.text.clean` (trafilatura for HTML, :mod:`~alliancewatch.text.boilerplate` for plain
text), :mod:`~alliancewatch.text.language`, :mod:`~alliancewatch.text.dedup`,
:mod:`~alliancewatch.text.segment` (spaCy, loaded once into a :class:`Segmenter`),
:mod:`~alliancewatch.text.dates` (resolving an expression) and :mod:`~alliancewatch.text.datefind` (finding
expressions in a sentence). Heavy libraries are imported where they are used, so importing this package
stays cheap.
"""
