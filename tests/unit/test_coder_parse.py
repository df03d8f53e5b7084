"""Parse walks of the coder on hand-built spaCy Docs (no trained model): subjects, passives, control,
pronouns, negation and modality. The parses are written out as a parser would give them."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from alliancewatch.codes import CountryCodes
from alliancewatch.extract.arguments import DocMemory, SentenceActors
from alliancewatch.extract.clauses import ClauseReader
from alliancewatch.extract.gazetteer import Gazetteer
from alliancewatch.extract.lexicon import Lexicon
from alliancewatch.extract.syntax import depth, is_passive, verb_forms, within
from alliancewatch.plover import Plover

Row = tuple[str, int, str, str, str, str]  # word, head index, dep, POS, tag, lemma


@pytest.fixture(scope="module")
def gazetteer(codes: CountryCodes) -> Gazetteer:
    return Gazetteer.load(codes)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load(Plover.load())


VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case), no trained model


def parsed(rows: list[Row]) -> Doc:
    return Doc(
        VOCAB,
        words=[r[0] for r in rows],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )


def actors(
    doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon, memory: DocMemory | None = None
) -> SentenceActors:
    sent = next(iter(doc.sents))
    mentions = gazetteer.match(sent.text, date(2025, 6, 14))
    return SentenceActors(sent, mentions, lexicon.rules, memory or DocMemory(), gazetteer.names)


PASSIVE: list[Row] = [
    ("Strikes", 2, "nsubjpass", "NOUN", "NNS", "strike"),
    ("were", 2, "auxpass", "AUX", "VBD", "be"),
    ("condemned", 2, "ROOT", "VERB", "VBN", "condemn"),
    ("by", 2, "agent", "ADP", "IN", "by"),
    ("Moscow", 3, "pobj", "PROPN", "NNP", "Moscow"),
    (".", 2, "punct", "PUNCT", ".", "."),
]

URGED: list[Row] = [
    ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
    ("urged", 1, "ROOT", "VERB", "VBD", "urge"),
    ("Iran", 1, "dobj", "PROPN", "NNP", "Iran"),
    ("and", 2, "cc", "CCONJ", "CC", "and"),
    ("Syria", 2, "conj", "PROPN", "NNP", "Syria"),
    ("to", 6, "aux", "PART", "TO", "to"),
    ("resume", 1, "xcomp", "VERB", "VB", "resume"),
    ("talks", 6, "dobj", "NOUN", "NNS", "talk"),
    (".", 1, "punct", "PUNCT", ".", "."),
]

SAID: list[Row] = [
    ("Iraq", 1, "nsubj", "PROPN", "NNP", "Iraq"),
    ("said", 1, "ROOT", "VERB", "VBD", "say"),
    ("it", 5, "nsubj", "PRON", "PRP", "it"),
    ("would", 5, "aux", "AUX", "MD", "would"),
    ("not", 5, "neg", "PART", "RB", "not"),
    ("allow", 1, "ccomp", "VERB", "VB", "allow"),
    ("inspectors", 5, "dobj", "NOUN", "NNS", "inspector"),
    (".", 1, "punct", "PUNCT", ".", "."),
]


def test_passive_agent_is_the_subject(gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    doc = parsed(PASSIVE)
    found = actors(doc, gazetteer, lexicon)
    verb = doc[2]
    assert is_passive(verb)
    subject, how = found.subject(verb)
    assert subject is not None and subject.text == "Moscow" and how == "direct"
    assert [a.country for a in found.np_actors(subject).actors] == ["RUS"]


def test_object_control_and_coordination(gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    doc = parsed(URGED)
    found = actors(doc, gazetteer, lexicon)
    subject, how = found.subject(doc[6])  # "resume": its subject is urge's object
    assert subject is not None and subject.text == "Iran" and how == "inherited"
    assert [a.country for a in found.np_actors(subject).actors] == ["IRN", "SYR"]


def test_pronoun_stands_for_the_reporting_subject(gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    doc = parsed(SAID)
    found = actors(doc, gazetteer, lexicon)
    antecedent = found.antecedent(doc[2])
    assert [a.country for a in antecedent.actors] == ["IRQ"] and antecedent.how == "pronoun"


def test_pronoun_falls_back_on_the_document_memory(gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    rows: list[Row] = [("It", 1, "nsubj", "PRON", "PRP", "it"), ("agreed", 1, "ROOT", "VERB", "VBD", "agree")]
    doc = parsed(rows)
    memory = DocMemory(last_subject=tuple(gazetteer.lookup("Turkey")))
    found = actors(doc, gazetteer, lexicon, memory)
    assert [a.country for a in found.np_actors(doc[0]).actors] == ["TUR"]


def test_negation_and_future_of_the_past(gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    doc = parsed(SAID)
    found = actors(doc, gazetteer, lexicon)
    clause = ClauseReader(lexicon.rules, found, frames=set()).read(doc[5])
    assert clause.negated
    assert clause.modality == "future"  # "would" under a past "said"
    assert clause.reporter is not None and clause.reporter.text == "Iraq"


def test_conditional_clause_is_hypothetical(gazetteer: Gazetteer, lexicon: Lexicon) -> None:
    rows: list[Row] = [
        ("Israel", 1, "nsubj", "PROPN", "NNP", "Israel"),
        ("strikes", 1, "ROOT", "VERB", "VBZ", "strike"),
        ("if", 4, "mark", "SCONJ", "IN", "if"),
        ("Iran", 4, "nsubj", "PROPN", "NNP", "Iran"),
        ("attacks", 1, "advcl", "VERB", "VBZ", "attack"),
    ]
    doc = parsed(rows)
    found = actors(doc, gazetteer, lexicon)
    reader = ClauseReader(lexicon.rules, found, frames=set())
    assert reader.read(doc[4]).modality == "hypothetical"
    assert reader.read(doc[1]).modality == "asserted"


def test_syntax_helpers() -> None:
    doc = parsed(URGED)
    assert within(doc[6], doc[1]) and not within(doc[1], doc[6])
    staged = parsed([("staged", 0, "ROOT", "VERB", "VBD", "stag")])[0]
    assert "stage" in verb_forms(staged)  # a lemmatizer slip is caught by the spelling guesses


def test_depth_counts_heads_up_to_the_root() -> None:
    doc = parsed(
        [
            ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
            ("delivered", 1, "ROOT", "VERB", "VBD", "deliver"),
            ("missiles", 1, "dobj", "NOUN", "NNS", "missile"),
            ("to", 1, "prep", "ADP", "IN", "to"),
            ("Iran", 3, "pobj", "PROPN", "NNP", "Iran"),
        ]
    )
    assert [depth(t) for t in doc] == [1, 0, 1, 1, 2]
