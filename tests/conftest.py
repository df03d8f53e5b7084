"""Shared fixtures: the real data mirror in ../shared/data and a store loaded from it once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from alliancewatch.codes import CountryCodes
from alliancewatch.config import load_config
from alliancewatch.services import Context, fetch_datasets, open_context

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def mirror() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def codes() -> CountryCodes:
    return CountryCodes.load()


@pytest.fixture(scope="session")
def loaded(mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    """A store with every structured dataset loaded from the mirror (shared by read-only tests)."""
    db = tmp_path_factory.mktemp("loaded") / "aw.duckdb"
    ctx = open_context(load_config(db=db, mirror=str(mirror)))
    fetch_datasets(ctx, [])
    yield ctx
    ctx.close()


@pytest.fixture
def empty_ctx(tmp_path: Path) -> Iterator[Context]:
    ctx = open_context(load_config(db=tmp_path / "empty.duckdb"))
    yield ctx
    ctx.close()
