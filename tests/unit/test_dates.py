"""Resolving date expressions against a publication date, with a precision and never a made-up day."""

from __future__ import annotations

from datetime import date

import pytest

from alliancewatch.text.dates import Period, resolve_date, resolve_period

FRIDAY = date(2025, 6, 20)  # a Friday
D = date


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        # absolute
        ("in 2013", (D(2013, 1, 1), "year")),
        ("2013", (D(2013, 1, 1), "year")),
        ("since 2013", (D(2013, 1, 1), "year")),
        ("June 15, 2025", (D(2025, 6, 15), "day")),
        ("on June 15, 2025", (D(2025, 6, 15), "day")),
        ("15 June 2025", (D(2025, 6, 15), "day")),
        ("Sunday, June 15, 2025", (D(2025, 6, 15), "day")),
        ("Sept. 11, 2001", (D(2001, 9, 11), "day")),
        ("2025-06-15", (D(2025, 6, 15), "day")),
        ("June 2025", (D(2025, 6, 1), "month")),
        ("in June of 2024", (D(2024, 6, 1), "month")),
        ("late June 2025", (D(2025, 6, 1), "month")),
        ("early 2024", (D(2024, 1, 1), "year")),
        ("the end of 2024", (D(2024, 1, 1), "year")),
        ("the summer of 2024", (D(2024, 1, 1), "year")),
        ("the first quarter of 2024", (D(2024, 1, 1), "year")),
        ("the 2022 invasion", (D(2022, 1, 1), "year")),
        # relative to the publication date
        ("yesterday", (D(2025, 6, 19), "day")),
        ("today", (FRIDAY, "day")),
        ("last night", (D(2025, 6, 19), "day")),
        ("three days ago", (D(2025, 6, 17), "day")),
        ("on Tuesday", (D(2025, 6, 17), "day")),
        ("Tuesday", (D(2025, 6, 17), "day")),
        ("on Friday", (FRIDAY, "day")),  # news says "on Friday" of the day it reports
        ("last Friday", (D(2025, 6, 13), "day")),
        ("next Tuesday", (D(2025, 6, 24), "day")),
        ("in June", (D(2025, 6, 1), "month")),
        ("mid-June", (D(2025, 6, 1), "month")),
        ("in December", (D(2024, 12, 1), "month")),  # the latest December before publication
        ("June 15", (D(2025, 6, 15), "day")),
        ("September 11", (D(2024, 9, 11), "day")),
        ("last week", (D(2025, 6, 1), "month")),  # 9-15 June: all in June
        ("this week", (D(2025, 6, 1), "month")),
        ("last weekend", (D(2025, 6, 1), "month")),
        ("two weeks ago", (D(2025, 6, 1), "month")),
        ("last month", (D(2025, 5, 1), "month")),
        ("earlier this month", (D(2025, 6, 1), "month")),
        ("two months ago", (D(2025, 4, 1), "month")),
        ("earlier this year", (D(2025, 1, 1), "year")),
        ("this year", (D(2025, 1, 1), "year")),
        ("last year", (D(2024, 1, 1), "year")),
        ("a year ago", (D(2024, 1, 1), "year")),
        ("next year", (D(2026, 1, 1), "year")),
        ("last summer", (D(2024, 1, 1), "year")),
    ],
)
def test_resolves_as_a_reader_would(expression: str, expected: tuple[date, str]) -> None:
    assert resolve_date(expression, FRIDAY) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Tuesday", (D(2025, 6, 24), "day")),  # "will meet on Tuesday": the coming one
        ("in June", (D(2025, 6, 1), "month")),
        ("in March", (D(2026, 3, 1), "month")),
        ("June 15", (D(2026, 6, 15), "day")),
        ("in 2013", (D(2013, 1, 1), "year")),  # absolute dates do not move
    ],
)
def test_future_sentences_look_forward(expression: str, expected: tuple[date, str]) -> None:
    assert resolve_date(expression, FRIDAY, future=True) == expected


def test_last_week_across_a_month_boundary_is_year_precision() -> None:
    # read on Wednesday 4 June 2025, last week is 26 May - 1 June: no single month holds it
    assert resolve_date("last week", D(2025, 6, 4)) == (D(2025, 1, 1), "year")
    period = resolve_period("last week", D(2025, 6, 4))
    assert period == Period(D(2025, 5, 26), D(2025, 6, 1))


def test_on_a_monday_last_week_is_the_week_before() -> None:
    assert resolve_period("last week", D(2025, 6, 16)) == Period(D(2025, 6, 9), D(2025, 6, 15))


def test_year_boundaries() -> None:
    new_year = D(2025, 1, 3)
    assert resolve_date("in December", new_year) == (D(2024, 12, 1), "month")
    assert resolve_date("last month", new_year) == (D(2024, 12, 1), "month")
    assert resolve_date("December 28", new_year) == (D(2024, 12, 28), "day")
    assert resolve_date("yesterday", new_year) == (D(2025, 1, 2), "day")


def test_a_datetime_publication_is_read_as_its_day() -> None:
    from datetime import datetime

    assert resolve_date("yesterday", datetime(2025, 6, 20, 23, 59)) == (D(2025, 6, 19), "day")


@pytest.mark.parametrize(
    "expression",
    ["recently", "the 1990s", "the next day", "that week", "several weeks ago", "February 30, 2025",
     "decades", "last winter"],  # last winter: Dec 2024 - Feb 2025, no unit holds it
)  # fmt: skip
def test_no_date_rather_than_an_invented_one(expression: str) -> None:
    assert resolve_date(expression, FRIDAY) is None


def test_relative_expressions_need_a_publication_date() -> None:
    assert resolve_date("last week", None) is None
    assert resolve_date("on Tuesday", None) is None
    assert resolve_date("June 15, 2025", None) == (D(2025, 6, 15), "day")
    assert resolve_date("in 2013", None) == (D(2013, 1, 1), "year")


def test_leap_day_without_a_year() -> None:
    assert resolve_date("February 29", D(2025, 6, 20)) == (D(2024, 2, 29), "day")
    assert resolve_date("February 29", D(2025, 6, 20), future=True) == (D(2028, 2, 29), "day")
