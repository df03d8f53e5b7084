"""GDELT's file lists: parsing, the window of days, and what a fetch plans to do with each file."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest
from rich.console import Console

from alliancewatch.cli.gdelt import ProgressBar, progress_bar
from alliancewatch.errors import FetchError, UserInputError
from alliancewatch.services.gdelt_fetch import _check_request, _plan, parse_day
from alliancewatch.sources.gdelt_fetch import (
    Mirror,
    RemoteFile,
    mirror_master_list,
    open_mirror,
    parse_master_list,
    parse_v1_lists,
)
from alliancewatch.store.gdelt_files import GdeltFileRecord

MD5 = "297a16b493de7cf6ca809a7cc31d0b93"
HOST = "http://data.gdeltproject.org/gdeltv2"
MASTER = [
    f"150383 {MD5} {HOST}/20191023234500.export.CSV.zip",
    f"150384 {MD5.upper()} {HOST}/20191024000000.export.CSV.zip",
    f"318084 {MD5} {HOST}/20191024000000.mentions.CSV.zip",
    f"10768507 {MD5} {HOST}/20191024000000.gkg.csv.zip",
    f"149211 {MD5} {HOST}/20191024234500.export.CSV.zip",
    f"{MD5} {HOST}/20191024120000.export.CSV.zip",  # size missing
    f"12 nothex {HOST}/20191024121500.export.CSV.zip",
    f"13 {MD5} {HOST}/20191324121500.export.CSV.zip",  # month 13
    "",
    f"149723 {MD5} {HOST}/20191025000000.export.CSV.zip",
]


def test_master_list_keeps_export_files_of_the_window_only() -> None:
    listing = parse_master_list(MASTER, date(2019, 10, 24), date(2019, 10, 24))
    assert [f.name for f in listing.files] == [
        "20191024000000.export.CSV.zip",
        "20191024234500.export.CSV.zip",
    ]
    first = listing.files[0]
    assert first.md5 == MD5  # lower-cased
    assert first.size == 150384
    assert first.path == "gdeltv2/20191024000000.export.CSV.zip"
    assert first.url == f"{HOST}/20191024000000.export.CSV.zip"
    assert (first.first_day, first.last_day, first.version) == (date(2019, 10, 24), date(2019, 10, 24), 2)
    assert listing.malformed == 2  # the month-13 line lies outside the window by its digits


def test_master_list_counts_an_impossible_stamp_inside_the_window() -> None:
    lines = [f"13 {MD5} {HOST}/20190230121500.export.CSV.zip"]
    listing = parse_master_list(lines, date(2019, 2, 1), date(2019, 3, 1))
    assert (listing.files, listing.malformed) == ([], 1)


V1_MD5S = [
    f"{MD5}  GDELT.MASTERREDUCEDV2.1979-2013.zip",
    f"{MD5}  1979.zip",
    f"{MD5}  2005.zip",
    f"{MD5}  200602.zip",
    f"{MD5}  201302.zip",
    f"{MD5} *20130401.export.CSV.zip",
    f"{MD5}  20190101.export.CSV.zip",
    f"{MD5}  20190102.export.CSV.zip",
    "garbage",
]
V1_SIZES = ["1000 1979.zip", "2000 200602.zip", "3000 20190101.export.CSV.zip", "oops"]


@pytest.mark.parametrize(
    ("first", "last", "names"),
    [
        (date(1979, 6, 1), date(1979, 6, 1), ["1979.zip"]),
        (date(2006, 2, 28), date(2006, 3, 1), ["200602.zip"]),
        (date(2013, 2, 1), date(2013, 4, 1), ["201302.zip", "20130401.export.CSV.zip"]),
        (date(2019, 1, 2), date(2019, 1, 9), ["20190102.export.CSV.zip"]),
        (date(2020, 1, 1), date(2020, 1, 2), []),
    ],
)
def test_v1_files_overlapping_the_window(first: date, last: date, names: list[str]) -> None:
    listing = parse_v1_lists(V1_MD5S, V1_SIZES, first, last)
    assert [f.name for f in listing.files] == names
    assert listing.malformed == 1


def test_v1_sizes_and_periods() -> None:
    files = {f.name: f for f in parse_v1_lists(V1_MD5S, V1_SIZES, date(1979, 1, 1), date(2030, 1, 1)).files}
    assert files["200602.zip"].size == 2000
    assert files["201302.zip"].size is None
    assert (files["200602.zip"].first_day, files["200602.zip"].last_day) == (
        date(2006, 2, 1),
        date(2006, 2, 28),
    )
    assert files["2005.zip"].last_day == date(2005, 12, 31)
    assert (
        files["20190101.export.CSV.zip"].url == "http://data.gdeltproject.org/events/20190101.export.CSV.zip"
    )
    assert files["20190101.export.CSV.zip"].path == "events/20190101.export.CSV.zip"
    assert "GDELT.MASTERREDUCEDV2.1979-2013.zip" not in files


def test_mirror_locates_relative_paths(tmp_path: Path) -> None:
    assert (
        Mirror("http://example.org/gdelt/").locate("events/md5sums")
        == "http://example.org/gdelt/events/md5sums"
    )
    assert open_mirror(None).base == "http://data.gdeltproject.org"
    assert open_mirror(str(tmp_path)).locate("gdeltv2/x") == str(tmp_path / "gdeltv2" / "x")
    with pytest.raises(UserInputError, match="neither an http"):
        open_mirror(str(tmp_path / "missing"))


def _client(handler: httpx.MockTransport) -> httpx.Client:
    return httpx.Client(transport=handler)


def test_cached_master_list_is_extended_with_its_new_tail(tmp_path: Path) -> None:
    old = b"".join(f"{n} {MD5} {HOST}/2019102400{n:02d}00.export.CSV.zip\n".encode() for n in range(20))
    new = old + b"999 " + MD5.encode() + b" " + HOST.encode() + b"/20191024010000.export.CSV.zip\n"
    ranges: list[str | None] = []

    def serve(request: httpx.Request) -> httpx.Response:
        ranges.append(request.headers.get("range"))
        start = int(request.headers["range"].removeprefix("bytes=").rstrip("-"))
        return httpx.Response(
            206, content=new[start:], headers={"content-range": f"bytes {start}-/{len(new)}"}
        )

    cached = tmp_path / "masterfilelist.txt"
    cached.write_bytes(old)
    with _client(httpx.MockTransport(serve)) as client:
        mirror_master_list(client, Mirror("http://mirror"), cached)
    assert cached.read_bytes() == new
    assert ranges == [f"bytes={len(old) - 512}-"]


@pytest.mark.parametrize("rewritten", [True, False])
def test_master_list_is_fetched_whole_when_the_tail_does_not_match_or_ranges_are_ignored(
    tmp_path: Path, rewritten: bool
) -> None:
    server = b"a completely different list\n" * 40

    def serve(request: httpx.Request) -> httpx.Response:
        if rewritten and "range" in request.headers:
            start = int(request.headers["range"].removeprefix("bytes=").rstrip("-"))
            return httpx.Response(206, content=server[start:])
        return httpx.Response(200, content=server)

    cached = tmp_path / "masterfilelist.txt"
    cached.write_bytes(b"an old list\n" * 100)
    with _client(httpx.MockTransport(serve)) as client:
        mirror_master_list(client, Mirror("http://mirror"), cached)
    assert cached.read_bytes() == server


def test_master_list_http_error_and_unreachable_host(tmp_path: Path) -> None:
    with (
        _client(httpx.MockTransport(lambda r: httpx.Response(503))) as client,
        pytest.raises(FetchError, match="503"),
    ):
        mirror_master_list(client, Mirror("http://mirror"), tmp_path / "m.txt")

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    with (
        _client(httpx.MockTransport(refuse)) as client,
        pytest.raises(FetchError, match="Connection refused"),
    ):
        mirror_master_list(client, Mirror("http://mirror"), tmp_path / "m.txt")
    with pytest.raises(FetchError, match=r"no GDELT 2\.0 master list"):
        mirror_master_list(httpx.Client(), Mirror(str(tmp_path)), tmp_path / "m.txt")


def _remote(name: str, md5: str = MD5) -> RemoteFile:
    day = date(2019, 10, 24)
    return RemoteFile(name, f"gdeltv2/{name}", f"{HOST}/{name}", md5, 10, day, day, 2)


def _record(name: str, status: str, md5: str = MD5) -> GdeltFileRecord:
    return GdeltFileRecord(f"{HOST}/{name}", md5, 10, status, datetime(2019, 10, 24), status == "loaded")


def test_plan_skips_loaded_and_quarantined_files_unless_they_changed() -> None:
    files = [_remote(n) for n in ("a", "b", "c", "d", "e")]
    known = {
        r.url: r
        for r in (
            _record("a", "loaded"),
            _record("b", "quarantined"),
            _record("c", "failed"),
            _record("d", "loaded", md5="0" * 32),  # GDELT republished it
        )
    }
    todo, loaded, held = _plan(files, known, retry_quarantined=False)
    assert ([f.name for f in todo], loaded, held) == (["c", "d", "e"], 1, 1)
    todo, loaded, held = _plan(files, known, retry_quarantined=True)
    assert ([f.name for f in todo], loaded, held) == (["b", "c", "d", "e"], 1, 0)


def test_parse_day_and_request_checks() -> None:
    assert parse_day("2019-10-24", "--from") == date(2019, 10, 24)
    assert parse_day("20191024", "--from") == date(2019, 10, 24)
    assert parse_day(date(2019, 1, 1), "--to") == date(2019, 1, 1)
    with pytest.raises(UserInputError, match="--to must be a day"):
        parse_day("yesterday", "--to")
    _check_request(date(1979, 1, 1), date(1979, 1, 2), 1, 4)
    with pytest.raises(UserInputError, match=r"GDELT 2\.0 events begin on 2015-02-18"):
        _check_request(date(2014, 1, 1), date(2015, 2, 17), 2, 4)
    with pytest.raises(UserInputError, match=r"GDELT 1\.0 events begin on 1979-01-01"):
        _check_request(date(1970, 1, 1), date(1970, 1, 2), 1, 4)


def test_progress_bar_counts_bytes_and_files() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with progress_bar(console) as progress:
        bar = ProgressBar(progress)
        bar.planned(2, 300)
        bar.advanced(100)
        bar.advanced(200)
        bar.settled("a.zip", "loaded")
        bar.settled("b.zip", "quarantined")
        task = progress.tasks[0]
        assert (task.completed, task.total, task.description) == (300, 300, "2/2 files")
    out = console.file
    assert isinstance(out, io.StringIO)
    assert "2/2 files" in out.getvalue()


def test_a_file_listed_twice_is_planned_once() -> None:
    lines = [MASTER[1], MASTER[1].replace(MD5.upper(), "a" * 32)]
    listing = parse_master_list(lines, date(2019, 10, 24), date(2019, 10, 24))
    assert [(f.name, f.md5) for f in listing.files] == [("20191024000000.export.CSV.zip", "a" * 32)]
    v1 = parse_v1_lists([f"{MD5}  1979.zip", f"{'b' * 32}  1979.zip"], [], date(1979, 1, 1), date(1979, 1, 1))
    assert [f.md5 for f in v1.files] == ["b" * 32]
