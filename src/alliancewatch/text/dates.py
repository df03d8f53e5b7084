"""Event dates from date expressions, resolved against the publication date as a reader would.

A resolved expression is a :class:`Period`: the first and last day it may mean, and the *precision* of the
smallest calendar unit (day, month, year — the precisions of :mod:`alliancewatch.model`) that holds the
whole period. Its ``date`` is the first day of that unit, so "in 2013" is ``2013-01-01`` at year
precision and never a made-up day.

How expressions resolve (``published`` = P; ``future`` = the sentence speaks of what will happen):

- absolute: "June 15, 2025", "15 June 2025", "2025-06-15" (day); "June 2025" (month); "2013" (year);
  "early/mid/late 2024", "the end of June 2025" keep the unit they qualify;
- a month or day without a year ("in June", "June 15") is the latest such date on or before P, or with
  ``future`` the first on or after P;
- weekdays: "on Tuesday" is the latest Tuesday on or before P (P itself when P is a Tuesday: news says
  "on Tuesday" of the day it reports), "last Tuesday" the latest strictly before P, "next Tuesday" or a
  future sentence the first after P;
- "today", "yesterday", "tomorrow", "N days ago" (day);
- "this week", "last week", "N weeks ago", "last weekend": the Monday-to-Sunday week (Saturday and Sunday
  for a weekend); its precision is the month holding all of it, or the year when it straddles two months;
- "this month", "last month", "earlier this month", "N months ago" (month);
- "this year", "earlier this year", "last year", "N years ago" (year); "last summer" and other seasons
  (northern hemisphere) give the year;
- anything else that contains exactly one four-digit year ("the 2022 invasion", "the first quarter of
  2024") gives that year. Expressions anchored to another event ("the next day", "that week") or with no
  calendar unit ("recently", "the 1990s") give None: better no date than an invented one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

PRECISION_ORDER = ("day", "month", "year")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")),
    )
    for name in names
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}  # fmt: skip
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?"
_COUNT = r"(?P<count>\d+|" + "|".join(_NUMBERS) + r")"

_PREFIX = re.compile(
    r"^(?:(?:on|in|during|since|by|from|until|till|as of|at|around|about|before|after|over|of)\s+)*"
    r"(?:(?:early|mid|late|the start of|the beginning of|the middle of|the end of|the first half of|"
    r"the second half of|the first|the last)[\s-]+(?:of\s+)?)?(?:the\s+)?"
)
_FULL_DATE = (
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+(?:of\s+)?{_YEAR}$"),
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)$"),
)
_MONTH_DAY = (
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}$"),
    re.compile(rf"^(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}$"),
)
_MONTH_YEAR = (
    re.compile(rf"^{_MONTH},?\s+(?:of\s+)?{_YEAR}$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d\d)$"),
)
_MONTH_ONLY = re.compile(rf"^(?:(?P<rel>last|this|next|past|previous|coming)\s+)?{_MONTH}$")
_YEAR_ONLY = re.compile(rf"^(?:the\s+)?(?:year\s+)?{_YEAR}$")
_WEEKDAY_ONLY = re.compile(
    rf"^(?:(?P<rel>last|this|next|this past|this coming|past|coming)\s+)?{_WEEKDAY}"
    r"(?:\s+(?:morning|afternoon|evening|night))?$"
)
_RELATIVE_UNIT = re.compile(
    r"^(?:(?P<qual>earlier|later)\s+)?(?P<rel>this|last|next|past|previous|coming|the previous|the past)\s+"
    r"(?P<unit>week|weekend|month|year)$"
)
_AGO = re.compile(
    rf"^{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|before|from now|later)$"
)
_SEASON = re.compile(
    rf"^(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<season>{'|'.join(_SEASONS)})(?:\s+(?:of\s+)?{_YEAR})?$"
)
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?![\d'’]|s\b)")
_DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "now": None,
    "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
    "yesterday evening": -1, "the day before yesterday": -2, "tomorrow": 1, "tomorrow morning": 1,
    "the day after tomorrow": 2,
}  # fmt: skip


@dataclass(frozen=True)
class Period:
    """The days an expression may mean (``earliest``..``latest``, inclusive) and the precision of the
    smallest calendar unit holding them all; ``date`` is that unit's first day."""

    earliest: date
    latest: date

    @property
    def precision(self) -> str:
        if self.earliest == self.latest:
            return "day"
        if (self.earliest.year, self.earliest.month) == (self.latest.year, self.latest.month):
            return "month"
        return "year"

    @property
    def date(self) -> date:
        precision = self.precision
        if precision == "day":
            return self.earliest
        return self.earliest.replace(day=1) if precision == "month" else date(self.earliest.year, 1, 1)


def resolve_date(expression: str, published: date | None, future: bool = False) -> tuple[date, str] | None:
    """``(date, precision)`` for a date expression read on ``published`` (see the module docstring);
    None when it names no calendar period or needs a publication date that is unknown.

    When a year-long period straddles two years ("last winter"), the date is None too: no unit holds it.
    """
    period = resolve_period(expression, published, future)
    if period is None or period.earliest.year != period.latest.year:
        return None
    return period.date, period.precision


def resolve_period(expression: str, published: date | None, future: bool = False) -> Period | None:
    """The :class:`Period` an expression means, or None (see :func:`resolve_date`)."""
    text = re.sub(r"\s+", " ", expression.casefold().replace("’", "'")).strip(" ,.;:")
    text = _PREFIX.sub("", text, count=1).strip()
    if isinstance(published, datetime):  # a timestamp counts as its calendar day
        published = published.date()
    try:
        return _absolute(text) or (_relative(text, published, future) if published is not None else None)
    except ValueError:  # "February 30": not a date
        return None


def _absolute(text: str) -> Period | None:
    for pattern in _FULL_DATE:
        if m := pattern.match(text):
            day = date(int(m["year"]), _month(m["month"]), int(m["day"]))
            return Period(day, day)
    for pattern in _MONTH_YEAR:
        if m := pattern.match(text):
            return _month_period(int(m["year"]), _month(m["month"]))
    if m := _YEAR_ONLY.match(text):
        return _year_period(int(m["year"]))
    if (m := _SEASON.match(text)) and m["year"]:
        return _season(m["season"], int(m["year"]))
    return None


def _relative(text: str, p: date, future: bool) -> Period | None:
    if text in _DAY_WORDS:
        offset = _DAY_WORDS[text]
        return None if offset is None else _day(p + timedelta(days=offset))
    for pattern in _MONTH_DAY:
        if m := pattern.match(text):
            return _month_day(_month(m["month"]), int(m["day"]), p, future)
    if m := _MONTH_ONLY.match(text):
        return _month_alone(_month(m["month"]), m["rel"], p, future)
    if m := _WEEKDAY_ONLY.match(text):
        return _weekday(_WEEKDAYS[m["weekday"]], m["rel"], p, future)
    if m := _RELATIVE_UNIT.match(text):
        return _unit(m["unit"], _step(m["rel"]), p)
    if m := _AGO.match(text):
        count = _NUMBERS.get(m["count"]) if not m["count"].isdigit() else int(m["count"])
        if count is None:
            return None
        sign = 1 if m["dir"] in ("from now", "later") else -1
        return _shifted(m["unit"], sign * count, p)
    if m := _SEASON.match(text):
        return _season_near(m["season"], m["rel"], p, future)
    return _lone_year(text)


def _lone_year(text: str) -> Period | None:
    years = {int(y) for y in _ANY_YEAR.findall(text)}
    return _year_period(years.pop()) if len(years) == 1 else None


def _month(name: str) -> int:
    return int(name) if name.isdigit() else _MONTHS[name]


def _day(day: date) -> Period:
    return Period(day, day)


def _month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return Period(first, following - timedelta(days=1))


def _year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def _step(rel: str | None) -> int:
    if rel in ("last", "past", "previous", "the previous", "the past"):
        return -1
    return 1 if rel in ("next", "coming") else 0


def _month_day(month: int, day: int, p: date, future: bool) -> Period:
    candidate = date(p.year, month, day) if (month, day) != (2, 29) else _leap_day(p.year, future)
    if future and candidate < p:
        candidate = date(candidate.year + 1, month, day)
    elif not future and candidate > p:
        candidate = date(candidate.year - 1, month, day)
    return _day(candidate)


def _leap_day(year: int, future: bool) -> date:
    while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        year += 1 if future else -1
    return date(year, 2, 29)


def _month_alone(month: int, rel: str | None, p: date, future: bool) -> Period:
    step = _step(rel)
    if rel == "this":
        year = p.year
    elif step == -1:
        year = p.year if month < p.month else p.year - 1
    elif step == 1:
        year = p.year if month > p.month else p.year + 1
    elif future:
        year = p.year if month >= p.month else p.year + 1
    else:
        year = p.year if month <= p.month else p.year - 1
    return _month_period(year, month)


def _weekday(weekday: int, rel: str | None, p: date, future: bool) -> Period:
    back = (p.weekday() - weekday) % 7
    ahead = (weekday - p.weekday()) % 7
    if rel in ("next", "coming", "this coming") or (rel is None and future):
        return _day(p + timedelta(days=ahead or (7 if rel is not None else 0)))
    if rel in ("last", "past", "this past"):
        return _day(p - timedelta(days=back or 7))
    if rel == "this":
        monday = p - timedelta(days=p.weekday())
        return _day(monday + timedelta(days=weekday))
    return _day(p - timedelta(days=back))


def _unit(unit: str, step: int, p: date) -> Period:
    if unit in ("week", "weekend"):
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            # "this weekend" read on a weekday of a past-tense report is the one just gone; on Sat/Sun, now
            if step == 0 and p.weekday() < 5:
                monday -= timedelta(weeks=1)
            return Period(monday + timedelta(days=5), monday + timedelta(days=6))
        return Period(monday, monday + timedelta(days=6))
    return _shifted(unit, step, p)


def _shifted(unit: str, count: int, p: date) -> Period:
    if unit == "day":
        return _day(p + timedelta(days=count))
    if unit == "week":
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=count)
        return Period(monday, monday + timedelta(days=6))
    if unit == "month":
        index = p.year * 12 + p.month - 1 + count
        return _month_period(index // 12, index % 12 + 1)
    return _year_period(p.year + count)


def _season(season: str, year: int) -> Period:
    first, last = _SEASONS[season]
    if first > last:  # winter: December of the year before to February of the year named
        return Period(date(year - 1, first, 1), _month_period(year, last).latest)
    return Period(date(year, first, 1), _month_period(year, last).latest)


def _season_near(season: str, rel: str | None, p: date, future: bool) -> Period:
    step = _step(rel)
    if step == 0 and not future:
        step = 0 if _season(season, p.year).earliest <= p else -1
    elif step == 0:
        step = 0 if _season(season, p.year).latest >= p else 1
    elif step == -1 and _season(season, p.year).latest < p:
        step = 0  # "last summer" read in November is this year's
    return _season(season, p.year + step)
