"""Fetching datasets from local and http mirrors: checksums verified, failures leave the store untouched."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from alliancewatch.config import load_config
from alliancewatch.errors import ChecksumMismatchError, FetchError, MissingFileError, UnknownDatasetError
from alliancewatch.services import Context, fetch_datasets, list_datasets, open_context

IDEALPOINTS = "structured/unga_idealpoints_bsv_july2025.csv"


def _ctx(tmp_path: Path, mirror: str | None = None) -> Context:
    return open_context(load_config(db=tmp_path / "aw.duckdb", mirror=mirror, cache=tmp_path / "cache"))


def _mirror_copy(src: Path, dest: Path, truncate: bool = False) -> Path:
    target = dest / IDEALPOINTS
    target.parent.mkdir(parents=True)
    data = (src / IDEALPOINTS).read_bytes()
    target.write_bytes(data[: len(data) // 2] if truncate else data)
    return dest


def test_load_twice_keeps_one_copy(tmp_path: Path, mirror: Path) -> None:
    with _ctx(tmp_path, str(mirror)) as ctx:
        first = fetch_datasets(ctx, ["unga_idealpoints"])
        fetch_datasets(ctx, ["unga_idealpoints"])
        assert ctx.store.count("unga_idealpoints") == first[0].rows["unga_idealpoints"]
        assert len(ctx.store.provenance("unga_idealpoints")) == 1


def test_truncated_file_is_refused_and_store_unchanged(tmp_path: Path, mirror: Path) -> None:
    bad = _mirror_copy(mirror, tmp_path / "bad", truncate=True)
    with _ctx(tmp_path, str(mirror)) as ctx:
        fetch_datasets(ctx, ["unga_idealpoints"])
        before = ctx.store.count("unga_idealpoints")
        with pytest.raises(ChecksumMismatchError, match="does not match"):
            fetch_datasets(ctx, ["unga_idealpoints"], mirror=str(bad))
        assert ctx.store.count("unga_idealpoints") == before


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with _ctx(tmp_path, str(tmp_path / "nowhere")) as ctx, pytest.raises(MissingFileError, match="nowhere"):
        fetch_datasets(ctx, ["unga_idealpoints"])


def test_unknown_dataset_lists_known_ones(tmp_path: Path) -> None:
    with _ctx(tmp_path) as ctx, pytest.raises(UnknownDatasetError, match="unga_votes"):
        fetch_datasets(ctx, ["nosuch"])


def test_no_direct_download_says_where_to_get_it(tmp_path: Path) -> None:
    with _ctx(tmp_path) as ctx, pytest.raises(FetchError, match="--mirror"):
        fetch_datasets(ctx, ["unga_idealpoints"])


@pytest.fixture
def http_mirror(mirror: Path, tmp_path: Path) -> Iterator[str]:
    root = _mirror_copy(mirror, tmp_path / "served")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_http_mirror_downloads_verifies_and_caches(tmp_path: Path, http_mirror: str) -> None:
    with _ctx(tmp_path, http_mirror) as ctx:
        fetch_datasets(ctx, ["unga_idealpoints"])
        cached = tmp_path / "cache" / "unga_idealpoints" / "unga_idealpoints_bsv_july2025.csv"
        assert cached.is_file()
        info = {i.name: i for i in list_datasets(ctx)}
        assert info["unga_idealpoints"].loaded
        assert info["unga_idealpoints"].rows == ctx.store.count("unga_idealpoints")


def test_http_mirror_missing_file_is_a_fetch_error(tmp_path: Path, http_mirror: str) -> None:
    with _ctx(tmp_path, http_mirror) as ctx, pytest.raises(FetchError, match="HTTP 404"):
        fetch_datasets(ctx, ["unga_votes"])
    assert not list((tmp_path / "cache").rglob("*.part"))


def test_unreachable_mirror_is_a_fetch_error(tmp_path: Path) -> None:
    with _ctx(tmp_path, "http://127.0.0.1:9/") as ctx, pytest.raises(FetchError):
        fetch_datasets(ctx, ["unga_idealpoints"])


def test_cached_copy_is_reused(tmp_path: Path, mirror: Path) -> None:
    cache = tmp_path / "cache" / "unga_idealpoints"
    cache.mkdir(parents=True)
    shutil.copy(mirror / IDEALPOINTS, cache / "unga_idealpoints_bsv_july2025.csv")
    # The mirror URL is unreachable, so only the verified cached copy can make this succeed.
    with _ctx(tmp_path, "http://127.0.0.1:9/") as ctx:
        fetch_datasets(ctx, ["unga_idealpoints"])
        assert ctx.store.count("unga_idealpoints") > 10000
