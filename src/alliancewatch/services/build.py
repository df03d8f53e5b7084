"""Building the whole observatory in one go: structured datasets, the article corpus, event files.

`alliancewatch demo` calls :func:`build_observatory`; each step is the same service a single command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from alliancewatch.services.code import code_ingested, load_coder
from alliancewatch.services.context import Context
from alliancewatch.services.datasets import LoadReport, fetch_datasets
from alliancewatch.services.events import load_event_files
from alliancewatch.services.ingest import ingest
from alliancewatch.sources.fetch import is_url

#: Event files that a mirror laid out like ../shared/data holds, by origin.
MIRROR_EVENT_FILES = {
    "gdelt": ("events/*.export.CSV", "events/*.export.CSV.zip"),
    "icews": ("events/icews_events*.tab",),
}


@dataclass
class BuildReport:
    datasets: list[LoadReport] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)
    coded_documents: int = 0
    text_events: int = 0
    event_files: dict[str, int] = field(default_factory=dict)  # origin -> events stored (folded)


def build_observatory(
    ctx: Context,
    mirror: str | None,
    corpus: Path | None,
    say: Callable[[str], None] = lambda _: None,
) -> BuildReport:
    """Load every registered dataset, ingest and code ``corpus`` (when given and present), and load the
    GDELT/ICEWS files a local mirror holds. Each step is idempotent, so running it twice adds nothing."""
    report = BuildReport()
    report.datasets = fetch_datasets(ctx, [], mirror, on_start=lambda spec: say(f"loading {spec.name}"))
    if corpus is not None and corpus.is_dir():
        say(f"ingesting {corpus}")
        # Articles live in the corpus's subfolders; files at its top (README, gold events) are not articles.
        folders = sorted(str(p) for p in corpus.iterdir() if p.is_dir())
        report.documents = ingest(ctx, folders).summary()
        say("coding the ingested documents")
        coder = load_coder(ctx.codes)
        for _, events in code_ingested(ctx, coder, store=True):
            report.coded_documents += 1
            report.text_events += len(events)
    mirror = mirror if mirror is not None else ctx.config.mirror
    if mirror is not None and not is_url(mirror):
        for origin, patterns in MIRROR_EVENT_FILES.items():
            paths = sorted({p for pattern in patterns for p in Path(mirror).glob(pattern)})
            if paths:
                say(f"loading {origin} event files")
                loaded = load_event_files(ctx, origin, [str(p) for p in paths])
                report.event_files[origin] = loaded.events
    return report
