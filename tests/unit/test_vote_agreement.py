"""The agreement measures on hand-made 3x3 tables whose answers can be worked out by hand."""

from __future__ import annotations

import pytest

from alliancewatch.analyze.votes import agreement


def test_identical_votes_agree_fully() -> None:
    m = agreement({("yes", "yes"): 6, ("no", "no"): 2, ("abstain", "abstain"): 2})
    assert (m.n, m.exact, m.agree, m.s_score) == (10, 1.0, 1.0, 1.0)
    assert m.kappa == pytest.approx(1.0)


def test_half_credit_when_one_abstains_and_none_for_yes_against_no() -> None:
    m = agreement({("yes", "yes"): 2, ("yes", "abstain"): 1, ("yes", "no"): 1})
    assert m.n == 4
    assert m.exact == pytest.approx(0.5)
    assert m.agree == pytest.approx((2 + 0.5) / 4)
    assert m.s_score == pytest.approx(2 * (2.5 / 4) - 1)


def test_kappa_discounts_chance_agreement() -> None:
    # a: yes 8, no 2; b: yes 7, no 3; joint: yy 6, yn 2, ny 1, nn 1
    m = agreement({("yes", "yes"): 6, ("yes", "no"): 2, ("no", "yes"): 1, ("no", "no"): 1})
    po = 7 / 10
    pe = 0.8 * 0.7 + 0.2 * 0.3
    assert m.kappa == pytest.approx((po - pe) / (1 - pe))


def test_kappa_is_undefined_when_both_always_vote_yes() -> None:
    m = agreement({("yes", "yes"): 5})
    assert m.exact == 1.0
    assert m.kappa is None


def test_empty_table_gives_nulls() -> None:
    m = agreement({})
    assert m.n == 0
    assert m.agree is None
