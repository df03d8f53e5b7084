"""Language detection: English kept, other languages named, short name-heavy English not lost."""

from __future__ import annotations

import pytest

from alliancewatch.text.language import LanguageDetector


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("La Russie et la Chine ont opposé leur veto à la résolution du Conseil de sécurité.", "fr"),
        ("Der Kreml hat die israelischen Angriffe auf den Iran scharf verurteilt.", "de"),
        ("Россия и Китай заблокировали резолюцию Совета Безопасности ООН по Сирии.", "ru"),
        ("Rusia y China vetaron la resolución del Consejo de Seguridad sobre Siria.", "es"),
    ],
)
def test_other_languages_are_named_and_not_english(detector: LanguageDetector, text: str, code: str) -> None:
    guess = detector.detect(text)
    assert not guess.english
    assert guess.code == code
    assert guess.describe().startswith(f"{code} at p=")


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China vetoed the resolution on Syria at the Security Council.",
        "Putin met Pezeshkian in Moscow.",  # few letters to go on: the function words decide
        "Iran, Russia sign pact",
    ],
)
def test_english(detector: LanguageDetector, text: str) -> None:
    guess = detector.detect(text)
    assert guess.english and guess.code == "en"


def test_answers_are_reproducible() -> None:
    text = "Putin met Pezeshkian in Moscow."
    assert LanguageDetector().detect(text) == LanguageDetector().detect(text)


def test_nothing_to_detect(detector: LanguageDetector) -> None:
    guess = detector.detect("12345 67890 !!!")
    assert (guess.code, guess.english, guess.describe()) == (None, False, "undetermined")
