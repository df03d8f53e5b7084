"""Refusals and denials worded with "dismiss": reports and charges dismissed are rejected."""

import datetime as dt

import pytest

from alliancewatch.extract.pipeline import Coder


@pytest.fixture(scope="module")
def coder():
    return Coder.load()


def _types(coder, text, date):
    return [(e.type, e.negated) for e in coder.code(text, date)]


def test_dismissed_reports_is_a_rejection(coder):
    text = (
        "Moscow dismissed reports that separatists in eastern Ukraine had shot down a Malaysian "
        "airliner with a Russian-made missile."
    )
    assert ("REJECT", False) in _types(coder, text, dt.date(2014, 7, 18))


def test_dismissed_charges_is_a_rejection(coder):
    text = (
        "Beijing dismissed charges that its hackers had stolen American military secrets, "
        "the foreign ministry said."
    )
    events = coder.code(text, dt.date(2015, 6, 5))
    assert any(e.type == "REJECT" and e.source and e.source[0].country == "CHN" for e in events)


def test_refusal_still_keeps_the_refused_action_negated(coder):
    text = (
        "Germany again declined to send Taurus cruise missiles to Ukraine, "
        "Chancellor Olaf Scholz told reporters."
    )
    got = _types(coder, text, dt.date(2024, 2, 15))
    assert ("REJECT", False) in got and ("AID", True) in got
