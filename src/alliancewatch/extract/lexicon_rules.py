"""The rules half of the lexicon (``rules.yaml``): words that change events, and derivation tables.

See ``alliancewatch/data/lexicon/rules.yaml`` for what each list and table means; :func:`parse_rules`
checks every table against the PLOVER taxonomy (modes of the right type, CAMEO codes of that type).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

from alliancewatch.errors import MalformedFileError, UserInputError
from alliancewatch.plover import Plover


@dataclass(frozen=True)
class Rules:
    """The contents of ``rules.yaml`` (see the file for what each list means)."""

    version: int
    reporting: frozenset[str]
    reporting_preps: tuple[str, ...]
    future: frozenset[str]
    hypothetical: frozenset[str]
    transparent: frozenset[str]
    negating: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    background_marks: frozenset[str]
    negators: frozenset[str]
    light_verbs: frozenset[str]
    light_preps: frozenset[str]
    historical_years: int
    reject_by_content: MappingProxyType[str, tuple[str, str]]
    request_by_content: MappingProxyType[str, tuple[str, str]]
    threaten_by_content: MappingProxyType[str, tuple[str, str]]
    threaten_by_mode: MappingProxyType[str, tuple[str, str]]
    agree_from: frozenset[str]
    threaten_from: frozenset[str]
    agree_code: str
    mode_by_context: MappingProxyType[str, MappingProxyType[str, tuple[str, str]]]
    agent_nouns: frozenset[str]
    generic_agents: frozenset[str]
    domestic_types: frozenset[str]
    self_target_types: frozenset[str]
    unofficial_speakers: frozenset[str]
    force_nouns: frozenset[str]
    pronouns: frozenset[str]
    object_control: frozenset[str]
    person_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    thing_nouns: frozenset[str]
    people_groups: frozenset[str]
    announcing: frozenset[str]
    deep_target_types: frozenset[str]
    unreal_nouns: frozenset[str]
    authoring_verbs: frozenset[str]


def parse_rules(text: str, plover: Plover) -> Rules:
    """Read and check ``rules.yaml``; raises :class:`MalformedFileError` naming the key at fault."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MalformedFileError(f"rules.yaml: {exc}") from None
    if not isinstance(data, dict):
        raise MalformedFileError("rules.yaml: expected a mapping at the top")

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise MalformedFileError(f"rules.yaml: {key} must be a list of words")
        return frozenset(v.lower() for v in value)

    def table(key: str, derived: str) -> MappingProxyType[str, tuple[str, str]]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise MalformedFileError(f"rules.yaml: {key} must be a mapping")
        out: dict[str, tuple[str, str]] = {}
        for name, pair in value.items():
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                raise MalformedFileError(f"rules.yaml: {key}.{name} must be [mode, CAMEO code]")
            mode, code = pair
            if mode not in plover.modes(derived) or _cameo_type(plover, code, key) != derived:
                raise MalformedFileError(
                    f"rules.yaml: {key}.{name}: {mode}/{code} is not a {derived} mode and code"
                )
            out[str(name)] = (mode, code)
        return MappingProxyType(out)

    def types(key: str) -> frozenset[str]:
        return frozenset(check_type(plover, t.upper(), f"rules.yaml {key}") for t in words(key))

    version = data.get("version")
    years = data.get("historical_years")
    if not isinstance(version, int) or not isinstance(years, int) or years < 0:
        raise MalformedFileError("rules.yaml: version and historical_years must be whole numbers")
    agree_code = str(data.get("agree_code", ""))
    if _cameo_type(plover, agree_code, "agree_code") != "AGREE":
        raise MalformedFileError("rules.yaml: agree_code must be an AGREE CAMEO code")
    return Rules(
        version=version,
        reporting=words("reporting"),
        reporting_preps=tuple(words("reporting_preps")),
        future=words("future"),
        hypothetical=words("hypothetical"),
        transparent=words("transparent"),
        negating=words("negating"),
        future_aux=words("future_aux"),
        hypothetical_aux=words("hypothetical_aux"),
        conditional_marks=words("conditional_marks"),
        background_marks=words("background_marks"),
        negators=words("negators"),
        light_verbs=words("light_verbs"),
        light_preps=words("light_preps"),
        historical_years=years,
        reject_by_content=table("reject_by_content", "REJECT"),
        request_by_content=table("request_by_content", "REQUEST"),
        threaten_by_content=table("threaten_by_content", "THREATEN"),
        threaten_by_mode=table("threaten_by_mode", "THREATEN"),
        agree_from=types("agree_from"),
        threaten_from=types("threaten_from"),
        agree_code=agree_code,
        mode_by_context=_by_context(data.get("mode_by_context"), plover),
        agent_nouns=words("agent_nouns"),
        generic_agents=words("generic_agents"),
        domestic_types=types("domestic_types"),
        self_target_types=types("self_target_types"),
        unofficial_speakers=words("unofficial_speakers"),
        force_nouns=words("force_nouns"),
        pronouns=words("pronouns"),
        object_control=words("object_control"),
        person_nouns=words("person_nouns"),
        quantity_nouns=words("quantity_nouns"),
        thing_nouns=words("thing_nouns"),
        people_groups=words("people_groups"),
        announcing=words("announcing"),
        deep_target_types=types("deep_target_types"),
        unreal_nouns=words("unreal_nouns"),
        authoring_verbs=words("authoring_verbs"),
    )


def _by_context(value: Any, plover: Plover) -> MappingProxyType[str, MappingProxyType[str, tuple[str, str]]]:
    if not isinstance(value, dict):
        raise MalformedFileError("rules.yaml: mode_by_context must be a mapping of types")
    out: dict[str, MappingProxyType[str, tuple[str, str]]] = {}
    for type_name, table in value.items():
        kind = check_type(plover, str(type_name), "rules.yaml mode_by_context")
        if not isinstance(table, dict):
            raise MalformedFileError(f"rules.yaml: mode_by_context.{kind} must be a mapping of contexts")
        entries: dict[str, tuple[str, str]] = {}
        for context, pair in table.items():
            where = f"rules.yaml mode_by_context.{kind}.{context}"
            if not (isinstance(pair, list) and len(pair) == 2):
                raise MalformedFileError(f"{where}: must be [mode, CAMEO code]")
            mode, code = str(pair[0]), str(pair[1])
            if mode not in plover.modes(kind) or _cameo_type(plover, code, where) != kind:
                raise MalformedFileError(f"{where}: {mode}/{code} is not a {kind} mode and code")
            entries[check_context(plover, str(context), where)] = (mode, code)
        out[kind] = MappingProxyType(entries)
    return MappingProxyType(out)


def check_type(plover: Plover, value: str, where: str) -> str:
    """The PLOVER type called ``value``; an unknown one raises :class:`MalformedFileError`."""
    try:
        return plover.type(value).name
    except UserInputError as exc:
        raise MalformedFileError(f"{where}: {exc.message}") from None


def check_context(plover: Plover, value: str, where: str) -> str:
    """The current name of a PLOVER context; an unknown one raises :class:`MalformedFileError`."""
    try:
        found = plover.normalize_context(value)
    except UserInputError as exc:
        raise MalformedFileError(f"{where}: {exc.message}") from None
    if found is None:
        raise MalformedFileError(f"{where}: context {value!r} has no current name")
    return found


def _cameo_type(plover: Plover, code: Any, where: str) -> str:
    try:
        return plover.type_for_cameo(str(code)).type
    except UserInputError as exc:
        raise MalformedFileError(f"rules.yaml {where}: {exc.message}") from None
