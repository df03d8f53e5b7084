"""Listing, fetching and loading the registered datasets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alliancewatch.registry import DatasetSpec
from alliancewatch.services.context import Context
from alliancewatch.sources.fetch import obtain
from alliancewatch.store import FileRecord


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    title: str
    version: str
    kind: str
    files: list[str]
    licence: str
    citation: str
    homepage: str
    loaded: bool
    rows: int
    loaded_at: str | None


@dataclass(frozen=True)
class LoadReport:
    dataset: str
    files: list[str]
    rows: dict[str, int]
    seconds: float


def list_datasets(ctx: Context) -> list[DatasetInfo]:
    loaded: dict[str, list[FileRecord]] = {}
    for record in ctx.store.provenance():
        loaded.setdefault(record.dataset, []).append(record)
    out = []
    for spec in ctx.registry.datasets():
        records = loaded.get(spec.name, [])
        out.append(
            DatasetInfo(
                name=spec.name,
                title=spec.title,
                version=spec.version,
                kind=spec.kind,
                files=[f.name for f in spec.files],
                licence=spec.licence,
                citation=spec.citation,
                homepage=spec.homepage,
                loaded=bool(records),
                rows=sum(r.rows for r in records),
                loaded_at=max(r.loaded_at for r in records).isoformat(timespec="seconds")
                if records
                else None,
            )
        )
    return out


def fetch_datasets(
    ctx: Context,
    names: list[str],
    mirror: str | None = None,
    on_start: Callable[[DatasetSpec], None] | None = None,
) -> list[LoadReport]:
    """Obtain, verify and load each dataset, one transaction each; ``names`` empty means all."""
    specs = [ctx.registry.dataset(n) for n in names] if names else ctx.registry.datasets()
    mirror = mirror if mirror is not None else ctx.config.mirror
    reports = []
    for spec in specs:
        if on_start is not None:
            on_start(spec)
        reports.append(load_dataset(ctx, spec, obtain(spec, mirror, ctx.config.cache_dir)))
    return reports


def load_dataset(ctx: Context, spec: DatasetSpec, paths: dict[str, Path]) -> LoadReport:
    """Run the dataset's loader on verified files and replace its rows in the store."""
    started = datetime.now()
    tables = spec.loader(paths, ctx.codes)
    now = datetime.now()
    by_role = {f.role: f for f in spec.files}
    records = [
        FileRecord(
            spec.name,
            spec.version,
            by_role[role].name,
            by_role[role].sha256,
            tables[role].num_rows if role in tables else 0,
            now,
        )
        for role in paths
    ]
    ctx.store.replace_dataset(spec.name, tables, records)
    return LoadReport(
        dataset=spec.name,
        files=[by_role[r].name for r in paths],
        rows={name: t.num_rows for name, t in tables.items()},
        seconds=(datetime.now() - started).total_seconds(),
    )
