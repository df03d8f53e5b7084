"""The plain data types: validation on construction and the JSON round trip of events."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from alliancewatch.errors import UserInputError
from alliancewatch.model import (
    PLOVER_QUADS,
    PLOVER_TYPES,
    Actor,
    Document,
    Event,
    Evidence,
    Sentence,
    parse_date,
)

RUSSIA = Actor("Russia", "RUS", "GOV", "RUSGOV")
IRAN = Actor("Iran", "IRN", None)
UNSC = Actor("UN Security Council", "IGO", "IGO", "IGOUNSC")
SENTENCE = "Russia declined to supply S-400 systems to Iran."


def evidence() -> Evidence:
    return Evidence("doc-1", 3, SENTENCE, ("declined", "supply"), (7, 25))


def event(**changes: Any) -> Event:
    fields: dict[str, Any] = {
        "type": "AID",
        "mode": "military",
        "contexts": ("military",),
        "quad": 2,
        "cameo_root": "07",
        "intensity": 8.3,
        "source": (RUSSIA,),
        "target": (IRAN,),
        "date": date(2025, 6, 1),
        "date_precision": "month",
        "negated": True,
        "modality": "reported",
        "evidence": evidence(),
        "confidence": 0.8,
        "origin": "text",
        "event_id": "e1",
    }
    fields.update(changes)
    return Event(**fields)


def test_sixteen_types_with_sanction_in_quad_four() -> None:
    assert len(PLOVER_TYPES) == 16
    assert PLOVER_QUADS["SANCTION"] == 4
    assert [t for t in PLOVER_TYPES if PLOVER_QUADS[t] == 2] == ["COOPERATE", "AID", "RETREAT"]


def test_event_round_trips_through_json() -> None:
    original = event()
    shape = json.loads(json.dumps(original.to_dict()))
    assert shape["source"] == [{"name": "Russia", "country": "RUS", "sector": "GOV", "code": "RUSGOV"}]
    assert shape["target"] == [{"name": "Iran", "country": "IRN", "sector": None}]
    assert shape["date"] == "2025-06-01"
    assert shape["evidence"]["span"] == [7, 25]
    assert Event.from_dict(shape) == original


def test_round_trip_of_a_bare_gdelt_event() -> None:
    bare = Event(
        type="ASSAULT", quad=4, cameo_root="19", intensity=-10, source=(), origin="gdelt", raw_count=7
    )
    back = Event.from_dict(bare.to_dict())
    assert back == bare
    assert back.evidence is None and back.contexts == () and back.intensity == -10.0


def test_lists_are_stored_as_tuples_and_events_hash() -> None:
    made = event(source=[RUSSIA, UNSC], contexts=["military", "cbrn"])
    assert made.source == (RUSSIA, UNSC)
    assert made.contexts == ("military", "cbrn")
    assert len({made, event(source=[RUSSIA, UNSC], contexts=["military", "cbrn"])}) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "FIGHT"}, "event type"),
        ({"type": "assault"}, "event type"),
        ({"quad": 3}, "AID is quad 2"),
        ({"type": "SANCTION", "quad": 3}, "SANCTION is quad 4"),
        ({"cameo_root": "7"}, "cameo_root"),
        ({"cameo_root": "21"}, "cameo_root"),
        ({"intensity": 10.5}, "intensity"),
        ({"intensity": -11}, "intensity"),
        ({"intensity": float("nan")}, "intensity"),
        ({"intensity": True}, "intensity"),
        ({"confidence": 1.2}, "confidence"),
        ({"confidence": -0.1}, "confidence"),
        ({"date_precision": "week"}, "date_precision"),
        ({"date": date(2025, 6, 15), "date_precision": "month"}, "first day"),
        ({"date": date(2013, 6, 1), "date_precision": "year"}, "first day"),
        ({"date": None, "date_precision": "day"}, "null"),
        ({"date": "2025-06-01"}, "event date"),
        ({"modality": "rumoured"}, "modality"),
        ({"origin": "acled"}, "origin"),
        ({"negated": "yes"}, "negated"),
        ({"raw_count": 0}, "raw_count"),
        ({"mode": "Military"}, "mode"),
        ({"contexts": ("military", "military")}, "repeated"),
        ({"contexts": ("Military",)}, "context"),
        ({"source": ("Russia",)}, "Actor"),
        ({"event_id": ""}, "event_id"),
    ],
)
def test_event_rejects_bad_values(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        event(**changes)


def test_dates_known_to_a_year_or_month_only() -> None:
    assert event(date=date(2013, 1, 1), date_precision="year").date == date(2013, 1, 1)
    assert event(date=None, date_precision=None).to_dict()["date"] is None
    assert parse_date("2013") == (date(2013, 1, 1), "year")
    assert parse_date("2025-06") == (date(2025, 6, 1), "month")
    assert parse_date("2025-06-15") == (date(2025, 6, 15), "day")
    assert parse_date(None) == (None, None)
    shape = event().to_dict() | {"date": "2013", "date_precision": None}
    assert Event.from_dict(shape).date_precision == "year"


@pytest.mark.parametrize("text", ["13", "2013-6", "2013-02-30", "June 2013", "2013-06-01T00:00", ""])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(UserInputError, match="date"):
        parse_date(text)


def test_from_dict_is_strict_about_keys() -> None:
    shape = event().to_dict()
    with pytest.raises(UserInputError, match="unknown keys"):
        Event.from_dict(shape | {"context": "military"})
    with pytest.raises(UserInputError, match="missing required key 'quad'"):
        Event.from_dict({k: v for k, v in shape.items() if k != "quad"})
    with pytest.raises(UserInputError, match="unknown keys"):
        Event.from_dict(shape | {"source": [{"name": "Iran", "country": "IRN", "sector": None, "iso": "IR"}]})
    with pytest.raises(UserInputError, match="expected a list"):
        Event.from_dict(shape | {"target": "Iran"})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("", "IRN", None), "actor name"),
        (("Iran", "IR", None), "ISO-3"),
        (("Iran", "irn", None), "ISO-3"),
        (("Iran", "IRN", "ARMY"), "sector"),
        (("Iran", "IRN", "gov"), "sector"),
    ],
)
def test_actor_rejects_bad_values(args: tuple[str, str, str | None], message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        Actor(*args)


def test_actor_shapes() -> None:
    assert Actor("Hezbollah", "LBN", "REB").to_dict() == {
        "name": "Hezbollah",
        "country": "LBN",
        "sector": "REB",
    }
    assert Actor.from_dict(UNSC.to_dict()) == UNSC
    assert Actor("Islamic State", None, "REB").country is None


@pytest.mark.parametrize(
    ("span", "triggers", "message"),
    [
        ((7, 60), ("declined",), "inside"),
        ((9, 7), ("declined",), "inside"),
        ((-1, 7), ("declined",), "start"),
        ((7,), ("declined",), "start, end"),
        ((7, 15), "declined", "string"),
        ((7, 15), ("",), "trigger"),
    ],
)
def test_evidence_rejects_bad_spans(span: tuple[int, ...], triggers: Any, message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        Evidence("doc-1", 0, SENTENCE, triggers, span)  # type: ignore[arg-type]


def test_evidence_span_points_at_the_triggers() -> None:
    found = evidence()
    assert SENTENCE[found.span[0] : found.span[1]] == "declined to supply"
    assert Evidence.from_dict(found.to_dict()) == found


def test_document_and_sentence() -> None:
    text = "Tehran said talks went well. Moscow agreed."
    doc = Document(
        "d1", text, published=datetime(2025, 6, 15, 9, 30), sha256=Document.digest(text), language="en"
    )
    assert doc.sha256 == Document.digest(text.encode("utf-8"))
    assert len(doc.sha256 or "") == 64
    second = Sentence("d1", 1, "Moscow agreed.", 29, 43)
    assert doc.text[second.start : second.end] == second.text
    with pytest.raises(UserInputError, match="offsets"):
        Sentence("d1", 1, "Moscow agreed.", 29, 40)
    with pytest.raises(UserInputError, match="sha256"):
        Document("d1", text, sha256="abc")
    with pytest.raises(UserInputError, match="language"):
        Document("d1", text, language="English")
    with pytest.raises(UserInputError, match="published"):
        Document("d1", text, published="2025-06-15")  # type: ignore[arg-type]
