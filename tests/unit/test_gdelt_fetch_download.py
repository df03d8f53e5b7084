"""Downloading one GDELT file: verification, quarantine, resume and the answers a server may give."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from alliancewatch.sources.gdelt_download import Downloaded, check_zip, download_file, md5_file, verify
from alliancewatch.sources.gdelt_fetch import Mirror, RemoteFile

NAME = "20191024143000.export.CSV.zip"


def _zip(text: bytes = b"1\t20191024\n2\t20191024\n" * 200) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("20191024143000.export.CSV", text)
    return buffer.getvalue()


DATA = _zip()


def _remote(data: bytes = DATA, md5: str | None = None, size: int | None = -1) -> RemoteFile:
    day = date(2019, 10, 24)
    return RemoteFile(
        NAME,
        f"gdeltv2/{NAME}",
        f"http://data.gdeltproject.org/gdeltv2/{NAME}",
        md5 or hashlib.md5(data).hexdigest(),
        len(data) if size == -1 else size,
        day,
        day,
        2,
    )


class Server:
    """A MockTransport handler that serves DATA, honours Range, and remembers what it was asked."""

    def __init__(self, data: bytes = DATA, ignore_range: bool = False, status: int | None = None) -> None:
        self.data, self.ignore_range, self.status = data, ignore_range, status
        self.ranges: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        rng = request.headers.get("range")
        self.ranges.append(rng)
        if self.status is not None:
            return httpx.Response(self.status)
        if rng is None or self.ignore_range:
            return httpx.Response(200, content=self.data)
        start = int(rng.removeprefix("bytes=").rstrip("-"))
        if start >= len(self.data):
            return httpx.Response(416)
        headers = {"content-range": f"bytes {start}-{len(self.data) - 1}/{len(self.data)}"}
        return httpx.Response(206, content=self.data[start:], headers=headers)


def _get(tmp_path: Path, server: Server, remote: RemoteFile | None = None, **kw: Any) -> Downloaded:
    with httpx.Client(transport=httpx.MockTransport(server)) as client:
        return download_file(
            client,
            Mirror("http://mirror"),
            remote or _remote(),
            tmp_path / "c",
            tmp_path / "q",
            backoff=0,
            **kw,
        )


def test_download_verifies_and_renames(tmp_path: Path) -> None:
    seen: list[int] = []
    got = _get(tmp_path, Server(), on_bytes=seen.append)
    assert (got.status, got.received, got.resumed_from) == ("downloaded", len(DATA), 0)
    assert got.path == tmp_path / "c" / NAME
    assert got.path.read_bytes() == DATA
    assert sum(seen) == len(DATA)
    assert not list((tmp_path / "c").glob("*.part"))


def test_a_verified_file_in_the_cache_is_not_fetched_again(tmp_path: Path) -> None:
    _get(tmp_path, Server())
    server = Server()
    got = _get(tmp_path, server)
    assert (got.status, server.ranges) == ("cached", [])


def test_a_cached_file_gdelt_has_since_replaced_is_fetched_again(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / NAME).write_bytes(_zip(b"old\n"))
    got = _get(tmp_path, Server())
    assert got.status == "downloaded"
    assert md5_file(tmp_path / "c" / NAME) == hashlib.md5(DATA).hexdigest()


def test_a_part_file_is_resumed(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / f"{NAME}.part").write_bytes(DATA[:100])
    server = Server()
    got = _get(tmp_path, server)
    assert server.ranges == ["bytes=100-"]
    assert (got.status, got.received, got.resumed_from) == ("downloaded", len(DATA) - 100, 100)


def test_a_server_that_ignores_range_gets_a_fresh_start(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / f"{NAME}.part").write_bytes(b"x" * 100)
    got = _get(tmp_path, Server(ignore_range=True))
    assert got.status == "downloaded"
    assert got.path is not None and got.path.read_bytes() == DATA


def test_a_complete_part_is_verified_without_a_request(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / f"{NAME}.part").write_bytes(DATA)
    server = Server()
    assert _get(tmp_path, server).status == "downloaded"
    assert server.ranges == []


def test_a_bad_resume_starts_over_once(tmp_path: Path) -> None:
    # The .part holds bytes of another version of the file: the MD5 fails after the resume, so the
    # file is fetched again from byte 0 and then verifies.
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / f"{NAME}.part").write_bytes(b"y" * 100)
    server = Server()
    got = _get(tmp_path, server)
    assert server.ranges == ["bytes=100-", None]
    assert got.status == "downloaded"


def test_md5_mismatch_is_quarantined_and_named(tmp_path: Path) -> None:
    got = _get(tmp_path, Server(), _remote(md5="0" * 32))
    assert got.status == "quarantined"
    assert got.path == tmp_path / "q" / NAME
    assert got.reason is not None and "MD5 mismatch" in got.reason and "0" * 32 in got.reason
    assert not (tmp_path / "c" / NAME).exists()


def test_http_error_fails_without_quarantine(tmp_path: Path) -> None:
    got = _get(tmp_path, Server(status=404))
    assert (got.status, got.path) == ("failed", None)
    assert got.reason is not None and "HTTP 404" in got.reason
    assert not (tmp_path / "q").exists()


def test_network_errors_are_retried_then_reported(tmp_path: Path) -> None:
    calls: list[int] = []

    def drop(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ReadError("connection reset by peer")

    with httpx.Client(transport=httpx.MockTransport(drop)) as client:
        got = download_file(client, Mirror("http://m"), _remote(), tmp_path / "c", tmp_path / "q", backoff=0)
    assert (got.status, len(calls)) == ("failed", 3)
    assert got.reason is not None and "connection reset" in got.reason


def test_a_stopped_run_keeps_nothing_it_has_not_verified(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    server = Server()
    got = _get(tmp_path, server, stop=stop)
    assert (got.status, server.ranges) == ("stopped", [])


def test_local_mirror_copies_and_verifies(tmp_path: Path) -> None:
    root = tmp_path / "mirror" / "gdeltv2"
    root.mkdir(parents=True)
    (root / NAME).write_bytes(DATA)
    got = download_file(
        httpx.Client(), Mirror(str(tmp_path / "mirror")), _remote(), tmp_path / "c", tmp_path / "q"
    )
    assert got.status == "downloaded"
    (root / NAME).unlink()
    (tmp_path / "c" / NAME).unlink()
    got = download_file(
        httpx.Client(), Mirror(str(tmp_path / "mirror")), _remote(), tmp_path / "c", tmp_path / "q"
    )
    assert got.status == "failed"
    assert got.reason is not None and "not in the mirror" in got.reason


def test_zip_checks(tmp_path: Path) -> None:
    good = tmp_path / "good.zip"
    good.write_bytes(DATA)
    assert check_zip(good) is None
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(DATA[: len(DATA) // 2])
    assert "truncated or damaged zip" in (check_zip(truncated) or "")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    assert check_zip(empty) == "the zip archive is empty"
    # Flip one byte of the compressed data: the directory is intact, the CRC is not.
    damaged = bytearray(DATA)
    damaged[60] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(damaged))
    problem = check_zip(bad) or ""
    assert "damaged zip" in problem
    # A truncated zip whose listed MD5 matches the truncated bytes is caught by the zip check.
    remote = _remote(DATA[: len(DATA) // 2])
    assert verify(truncated, remote) == ("AW203", "truncated or damaged zip (File is not a zip file)")
    assert verify(good, _remote()) is None
    code, message = verify(good, _remote(md5="0" * 32)) or ("", "")
    assert code == "AW202" and message.startswith("MD5 mismatch")


@pytest.mark.parametrize("size", [None, 5])
def test_listed_size_is_reported_or_optional(tmp_path: Path, size: int | None) -> None:
    got = _get(tmp_path, Server(), _remote(md5="0" * 32, size=size))
    assert got.status == "quarantined"
    assert ("5 bytes listed" in (got.reason or "")) == (size == 5)
