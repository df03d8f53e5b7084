"""`gdelt fetch` against a local GDELT look-alike on 127.0.0.1, serving zips cut from the real sample.

The server lists eleven 15-minute export files (plus the mentions/GKG lines GDELT also lists): four good
ones on 2019-10-24; one listed with a wrong MD5; one zip that GDELT "published" truncated (its listed
MD5 matches the broken bytes, so only the zip check can catch it); three that verify but that the
events loader must refuse (wrong column count, bytes that are not UTF-8, an empty file); and two
outside the window. The real events loader loads them.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from alliancewatch.cli import main
from alliancewatch.config import load_config
from alliancewatch.notebook import Observatory
from alliancewatch.services import Context, open_context
from alliancewatch.services.gdelt_fetch import GdeltFetchReport, fetch_gdelt
from alliancewatch.store.events import events_view, loaded_files, quarantined
from alliancewatch.store.gdelt_files import gdelt_files

SAMPLE = "events/gdelt2_20191024143000.export.CSV"
GOOD = ["20191024140000", "20191024141500", "20191024143000", "20191024144500"]
WRONG_MD5 = "20191024150000"
TRUNCATED = "20191024151500"
COLUMNS, NOT_UTF8, EMPTY = "20191024153000", "20191024154500", "20191024160000"
BAD = sorted(_n for _n in (WRONG_MD5, TRUNCATED, COLUMNS, NOT_UTF8, EMPTY))
OUTSIDE = ["20191023234500", "20191025000000"]


def _name(stamp: str) -> str:
    return f"{stamp}.export.CSV.zip"


@dataclass
class FakeGdelt:
    """What the server serves (path -> bytes) and what it was asked (path, Range header)."""

    files: dict[str, bytes] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    log: list[tuple[str, str | None]] = field(default_factory=list)
    cut_once: set[str] = field(default_factory=set)
    url: str = ""

    def asked(self, name: str) -> list[str | None]:
        return [rng for path, rng in self.log if path.endswith("/" + name)]


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGdelt

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        fake = self.fake
        rng = self.headers.get("Range")
        fake.log.append((self.path, rng))
        data = fake.files.get(self.path)
        if data is None:
            self.send_error(404)
            return
        start = int(rng.removeprefix("bytes=").rstrip("-")) if rng else 0
        if start >= len(data) > 0:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{len(data)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = data[start:]
        self.send_response(206 if rng else 200)
        if rng:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path in fake.cut_once:
            # Promise the whole body, send half, hang up: what a dropped connection looks like.
            fake.cut_once.discard(self.path)
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)


def _zip(stamp: str, text: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # A fixed timestamp keeps the bytes, hence the MD5, the same from one build to the next.
        info = zipfile.ZipInfo(f"{stamp}.export.CSV", (2019, 10, 24, 14, 30, 0))
        archive.writestr(info, text, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _spoil(stamp: str, chunk: list[bytes]) -> list[bytes]:
    """The rows of one file as the test wants them: whole, or broken the way ``stamp`` says."""
    if stamp == COLUMNS:
        return [b"\t".join(line.split(b"\t")[:50]) + b"\n" for line in chunk]
    if stamp == NOT_UTF8:
        return [*chunk[:10], chunk[10].replace(b"\t", b"\t\xff\xfe", 1), *chunk[11:]]
    if stamp == EMPTY:
        return []
    return chunk


def build_fake(sample: Path) -> FakeGdelt:
    """Split the real sample into 15-minute files and write a master list naming them."""
    lines = sample.read_bytes().splitlines(keepends=True)
    stamps = [OUTSIDE[0], *GOOD, WRONG_MD5, TRUNCATED, COLUMNS, NOT_UTF8, EMPTY, OUTSIDE[1]]
    per = len(lines) // len(stamps)
    fake = FakeGdelt()
    listing: list[str] = []
    for i, stamp in enumerate(stamps):
        chunk = _spoil(stamp, lines[i * per : (i + 1) * per])
        data = _zip(stamp, b"".join(chunk))
        if stamp == TRUNCATED:
            data = data[: len(data) * 2 // 3]
        md5 = hashlib.md5(data).hexdigest()
        if stamp == WRONG_MD5:
            md5 = hashlib.md5(b"some other file").hexdigest()
        fake.files[f"/gdeltv2/{_name(stamp)}"] = data
        fake.rows[_name(stamp)] = len(chunk)
        host = "http://data.gdeltproject.org/gdeltv2"
        listing.append(f"{len(data)} {md5} {host}/{_name(stamp)}")
        listing.append(f"1234 {'0' * 32} {host}/{stamp}.mentions.CSV.zip")
        listing.append(f"5678 {'f' * 32} {host}/{stamp}.gkg.csv.zip")
    listing.insert(3, "not a line GDELT would write .export.CSV.zip")
    fake.files["/gdeltv2/masterfilelist.txt"] = ("\n".join(listing) + "\n").encode()
    return fake


@pytest.fixture
def fake_gdelt(mirror: Path) -> Iterator[FakeGdelt]:
    fake = build_fake(mirror / SAMPLE)
    handler = type("Handler", (_Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    context = open_context(load_config(db=tmp_path / "aw.duckdb", cache=tmp_path / "cache"))
    yield context
    context.close()


def _fetch(ctx: Context, fake: FakeGdelt, **options: Any) -> GdeltFetchReport:
    return fetch_gdelt(ctx, "2019-10-24", "2019-10-24", mirror=fake.url, **options)


def _in_store(ctx: Context) -> dict[str, int]:
    """Raw rows per loaded GDELT file, as the events store has them."""
    return {f.name: f.raw_rows for f in loaded_files(ctx.store, "gdelt")}


def test_good_files_load_and_bad_ones_are_set_aside(ctx: Context, fake_gdelt: FakeGdelt) -> None:
    report = _fetch(ctx, fake_gdelt)
    good = [_name(s) for s in GOOD]
    assert report.listed == 9
    assert report.malformed_list_lines == 1
    assert _in_store(ctx) == {n: fake_gdelt.rows[n] for n in good}
    assert (report.loaded, report.rows) == (4, sum(fake_gdelt.rows[n] for n in good))
    assert 0 < report.events <= report.rows
    assert sorted(report.quarantined) == [_name(s) for s in BAD]
    reasons = {f.name: f.reason or "" for f in report.files}
    assert "MD5 mismatch" in reasons[_name(WRONG_MD5)]
    assert "zip" in reasons[_name(TRUNCATED)]
    assert "50 tab-separated columns" in reasons[_name(COLUMNS)]
    assert "not UTF-8" in reasons[_name(NOT_UTF8)]
    assert "empty" in reasons[_name(EMPTY)]
    quarantine = Path(report.quarantine_dir)
    assert sorted(p.name for p in quarantine.iterdir()) == sorted(report.quarantined)
    assert sorted(p.name for p in Path(report.cache_dir).glob("*.zip")) == good
    events_view(ctx.store)
    files = {row[0] for row in ctx.store.rows("SELECT DISTINCT source_file FROM raw_events")}
    assert files == set(good)
    refused = {r.name: r.code for r in quarantined(ctx.store, "gdelt")}
    assert refused == {
        _name(WRONG_MD5): "AW202",
        _name(TRUNCATED): "AW203",
        _name(COLUMNS): "AW203",
        _name(NOT_UTF8): "AW203",
        _name(EMPTY): "AW203",
    }
    status = {r.url.rsplit("/", 1)[1]: (r.status, r.loaded) for r in gdelt_files(ctx.store)}
    assert status[_name(WRONG_MD5)] == ("quarantined", False)
    assert status[_name(GOOD[0])] == ("loaded", True)


def test_dates_outside_the_window_and_other_kinds_are_not_fetched(
    ctx: Context, fake_gdelt: FakeGdelt
) -> None:
    _fetch(ctx, fake_gdelt)
    asked = {path for path, _ in fake_gdelt.log}
    assert not any(_name(s) in p for s in OUTSIDE for p in asked)
    assert not any("mentions" in p or "gkg" in p for p in asked)


def test_second_run_downloads_and_loads_nothing(ctx: Context, fake_gdelt: FakeGdelt) -> None:
    _fetch(ctx, fake_gdelt)
    before = loaded_files(ctx.store, "gdelt")
    fake_gdelt.log.clear()
    report = _fetch(ctx, fake_gdelt)
    assert (report.downloaded, report.bytes, report.loaded) == (0, 0, 0)
    assert (report.already_loaded, report.held_back) == (4, 5)
    assert loaded_files(ctx.store, "gdelt") == before
    # Only the master list is asked for, and only its tail.
    assert [path for path, _ in fake_gdelt.log] == ["/gdeltv2/masterfilelist.txt"]
    assert fake_gdelt.log[0][1] is not None


def test_retry_quarantined_tries_the_bad_files_again(ctx: Context, fake_gdelt: FakeGdelt) -> None:
    _fetch(ctx, fake_gdelt)
    report = _fetch(ctx, fake_gdelt, retry_quarantined=True)
    assert sorted(report.quarantined) == [_name(s) for s in BAD]
    assert report.already_loaded == 4


def test_a_dropped_connection_resumes_with_a_range_request(ctx: Context, fake_gdelt: FakeGdelt) -> None:
    name = _name(GOOD[1])
    size = len(fake_gdelt.files[f"/gdeltv2/{name}"])
    fake_gdelt.cut_once.add(f"/gdeltv2/{name}")
    report = _fetch(ctx, fake_gdelt)
    asked = fake_gdelt.asked(name)
    assert asked[0] is None
    assert asked[1] == f"bytes={size // 2}-"
    outcome = next(f for f in report.files if f.name == name)
    assert (outcome.status, outcome.resumed_from) == ("loaded", size // 2)
    assert _in_store(ctx)[name] == fake_gdelt.rows[name]


def test_a_part_file_left_by_an_earlier_run_is_resumed(
    ctx: Context, fake_gdelt: FakeGdelt, tmp_path: Path
) -> None:
    name = _name(GOOD[2])
    data = fake_gdelt.files[f"/gdeltv2/{name}"]
    part = tmp_path / "cache" / "gdelt" / "v2" / f"{name}.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(data[:1000])
    report = _fetch(ctx, fake_gdelt)
    assert fake_gdelt.asked(name) == ["bytes=1000-"]
    outcome = next(f for f in report.files if f.name == name)
    assert (outcome.status, outcome.bytes) == ("loaded", len(data) - 1000)
    assert not part.exists()


def test_a_file_the_mirror_lacks_fails_and_is_fetched_by_the_next_run(
    ctx: Context, fake_gdelt: FakeGdelt
) -> None:
    name = _name(GOOD[3])
    data = fake_gdelt.files.pop(f"/gdeltv2/{name}")
    report = _fetch(ctx, fake_gdelt)
    assert report.failed == [name]
    assert "HTTP 404" in (next(f for f in report.files if f.name == name).reason or "")
    assert name not in _in_store(ctx)
    fake_gdelt.files[f"/gdeltv2/{name}"] = data
    again = _fetch(ctx, fake_gdelt)
    assert (again.loaded, again.failed, again.already_loaded) == (1, [], 3)
    assert name in _in_store(ctx)


def test_a_local_directory_mirror_works_the_same(ctx: Context, fake_gdelt: FakeGdelt, tmp_path: Path) -> None:
    root = tmp_path / "mirror"
    for path, data in fake_gdelt.files.items():
        (root / path.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / path.lstrip("/")).write_bytes(data)
    report = fetch_gdelt(ctx, "2019-10-24", mirror=str(root))
    assert report.loaded == 4
    assert sorted(report.quarantined) == [_name(s) for s in BAD]


def test_version_1_reads_md5sums_and_fetches_daily_files(ctx: Context, fake_gdelt: FakeGdelt) -> None:
    text = b"".join(fake_gdelt_lines(fake_gdelt)[:50])
    days = {"20190101": _zip("20190101", text), "20190102": _zip("20190102", text)}
    md5s, sizes = [], []
    for day, data in days.items():
        fake_gdelt.files[f"/events/{day}.export.CSV.zip"] = data
        md5s.append(f"{hashlib.md5(data).hexdigest()}  {day}.export.CSV.zip")
        sizes.append(f"{len(data)} {day}.export.CSV.zip")
    fake_gdelt.files["/events/md5sums"] = "\n".join(md5s).encode()
    fake_gdelt.files["/events/filesizes"] = "\n".join(sizes).encode()
    report = fetch_gdelt(ctx, "2019-01-02", "2019-01-05", mirror=fake_gdelt.url, version=1)
    assert (report.listed, report.loaded, report.rows) == (1, 1, 50)
    assert _in_store(ctx) == {"20190102.export.CSV.zip": 50}
    assert Path(report.cache_dir).name == "v1"


def fake_gdelt_lines(fake: FakeGdelt) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(fake.files[f"/gdeltv2/{_name(GOOD[0])}"])) as archive:
        return archive.read(archive.namelist()[0]).splitlines(keepends=True)


def test_cli_prints_the_summary_names_the_bad_files_and_exits_3(
    tmp_path: Path, fake_gdelt: FakeGdelt, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(tmp_path / "aw.duckdb"), "gdelt", "fetch", "--from", "2019-10-24"]
    code = main([*argv, "--mirror", fake_gdelt.url, "--workers", "2", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 3
    record = json.loads(out)
    assert (record["loaded"], record["start"], record["end"]) == (4, "2019-10-24", "2019-10-24")
    assert sorted(record["quarantined"]) == [_name(s) for s in BAD]
    for stamp in BAD:
        assert f"quarantined: {_name(stamp)}:" in err
    code = main([*argv, "--mirror", fake_gdelt.url])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "already loaded" in out and "still quarantined" in out


def test_unreachable_mirror_is_one_line_and_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(tmp_path / "aw.duckdb"), "gdelt", "fetch", "--from", "2019-10-24"]
    code = main([*argv, "--mirror", "http://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 5
    assert err.startswith("error[AW400]: cannot reach the GDELT mirror")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", "2019-10-25", "--to", "2019-10-24"], "is after --to"),
        (["--from", "24/10/2019"], "must be a day like"),
        (["--from", "2014-01-01"], "use --version 1"),
        (["--from", "2019-10-24", "--version", "3"], "--version must be 1 or 2"),
        (["--from", "2019-10-24", "--workers", "0"], "--workers must be between"),
    ],
)
def test_bad_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    code = main(["--db", str(tmp_path / "aw.duckdb"), "gdelt", "fetch", *options])
    assert code == 2
    assert message in capsys.readouterr().err


def test_notebook_method_returns_one_row_per_file(ctx: Context, fake_gdelt: FakeGdelt) -> None:
    frame = Observatory(ctx).gdelt_fetch("2019-10-24", mirror=fake_gdelt.url)
    assert sorted(frame.loc[frame.status == "loaded", "name"]) == [_name(s) for s in GOOD]
    assert (frame.attrs["loaded"], frame.attrs["listed"]) == (4, 9)
