"""Reading and checking the PLOVER taxonomy files (``alliancewatch/data/plover/``) into plain records.

:func:`read_taxonomy` checks every file against the others and against the model's 16 types before a
:class:`~alliancewatch.plover.Plover` is built: the types and quads must be exactly the model's; every
replacement, mode and context named must exist and be current; every CAMEO code must be 2 to 4 digits
under a root 01..20, listed once, with its parent code listed too; every Goldstein score and type score
must lie in [-10, 10]. A bad value raises :class:`MalformedFileError` naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.abc import Traversable
from pathlib import Path
from typing import NamedTuple

from alliancewatch.errors import MalformedFileError, MissingFileError
from alliancewatch.model import CAMEO_ROOTS, PLOVER_QUADS

FITS = ("direct", "judgment", "outside")
STATUSES = ("current", "legacy", "alias")
_CODE = re.compile(r"\d{2,4}")
_TERM = re.compile(r"[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*|sideAB")


@dataclass(frozen=True)
class PloverType:
    """One event type: its quad, PLOVER's score for it (in [-10, 10]) and its default CAMEO root."""

    name: str
    quad: int
    score: float
    default_root: str
    requires_target: bool
    description: str


@dataclass(frozen=True)
class Term:
    """A mode or context: ``status`` current, legacy or alias; ``replaced_by`` the current term a
    legacy or alias term stands for (None where nothing replaces it)."""

    name: str
    status: str
    replaced_by: str | None
    source: str
    description: str


@dataclass(frozen=True)
class CameoMapping:
    """What one CAMEO event code means in PLOVER. ``code`` is the code looked up and ``matched`` the
    table code it resolved to (its longest known prefix, so an unlisted sub-code takes its parent's)."""

    code: str
    matched: str
    name: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    quad: int
    goldstein: float
    fit: str
    note: str

    @property
    def root(self) -> str:
        """The CAMEO root ("01".."20")."""
        return self.matched[:2]

    @property
    def exact(self) -> bool:
        """True when the code itself is in the table (not resolved through a parent)."""
        return self.code == self.matched

    @property
    def in_plover(self) -> bool:
        """False for CAMEO statements (root 01), which PLOVER does not code."""
        return self.fit != "outside"


class Taxonomy(NamedTuple):
    """The checked contents of the taxonomy files, keyed for look-up."""

    types: dict[str, PloverType]
    modes: dict[str, dict[str, Term]]  # type -> mode -> term
    contexts: dict[str, Term]
    cameo: dict[str, CameoMapping]  # code -> mapping


def read_taxonomy(folder: Traversable | Path) -> Taxonomy:
    """Read ``types.csv``, ``modes.csv``, ``contexts.csv`` and ``cameo.csv`` from ``folder`` and check
    them (see the module docstring)."""
    types = _read_types(folder)
    modes = _read_modes(folder, types)
    contexts = _read_contexts(folder)
    cameo = _read_cameo(folder, types, modes, contexts)
    for kind in types.values():
        if not any(m.root == kind.default_root and m.type == kind.name for m in cameo.values()):
            raise MalformedFileError(
                f"types.csv: no CAMEO code of {kind.name} under its root {kind.default_root}"
            )
    return Taxonomy(types, modes, contexts, cameo)


def _rows(
    folder: Traversable | Path, name: str, columns: tuple[str, ...]
) -> Iterator[tuple[str, dict[str, str]]]:
    path = folder / name
    if not path.is_file():
        raise MissingFileError(f"PLOVER data file {name} is missing from {folder}")
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise MalformedFileError(f"{name}: missing columns {missing}")
    for row in reader:
        yield f"{name} line {reader.line_num}", {k: (v or "").strip() for k, v in row.items() if k}


def _score(where: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise MalformedFileError(f"{where}: {text!r} is not a number") from None
    if not -10.0 <= value <= 10.0:
        raise MalformedFileError(f"{where}: score {value} is outside [-10, 10]")
    return value


def _read_types(folder: Traversable | Path) -> dict[str, PloverType]:
    out: dict[str, PloverType] = {}
    columns = ("type", "quad", "score", "default_root", "requires_target", "description")
    for where, row in _rows(folder, "types.csv", columns):
        name = row["type"]
        if name not in PLOVER_QUADS or name in out:
            raise MalformedFileError(f"{where}: {name!r} is not a PLOVER type or is listed twice")
        if row["quad"] != str(PLOVER_QUADS[name]):
            raise MalformedFileError(f"{where}: {name} is quad {PLOVER_QUADS[name]}, not {row['quad']!r}")
        if row["default_root"] not in CAMEO_ROOTS or row["requires_target"] not in ("yes", "no"):
            raise MalformedFileError(f"{where}: bad default_root or requires_target")
        out[name] = PloverType(
            name, PLOVER_QUADS[name], _score(where, row["score"]), row["default_root"],
            row["requires_target"] == "yes", row["description"],
        )  # fmt: skip
    if set(out) != set(PLOVER_QUADS):
        raise MalformedFileError(f"types.csv: missing types {sorted(set(PLOVER_QUADS) - set(out))}")
    return out


def _term(where: str, row: dict[str, str], name: str) -> Term:
    if not _TERM.fullmatch(name) or row["status"] not in STATUSES:
        raise MalformedFileError(f"{where}: bad name {name!r} or status {row['status']!r}")
    # current terms replace nothing; aliases always stand for a current term; legacy ones may not
    if (row["status"] == "current" and row["replaced_by"]) or (
        row["status"] == "alias" and not row["replaced_by"]
    ):
        raise MalformedFileError(f"{where}: a {row['status']} term with replaced_by {row['replaced_by']!r}")
    return Term(name, row["status"], row["replaced_by"] or None, row["source"], row["description"])


def _check_replacements(name: str, terms: dict[str, Term]) -> None:
    for term in terms.values():
        target = terms.get(term.replaced_by) if term.replaced_by else None
        if term.replaced_by and (target is None or target.status != "current"):
            raise MalformedFileError(
                f"{name}: {term.name} is replaced by {term.replaced_by!r}, not a current term"
            )


def _read_modes(folder: Traversable | Path, types: dict[str, PloverType]) -> dict[str, dict[str, Term]]:
    out: dict[str, dict[str, Term]] = {name: {} for name in types}
    for where, row in _rows(
        folder, "modes.csv", ("type", "mode", "status", "replaced_by", "source", "description")
    ):
        if row["type"] not in out or row["mode"] in out[row["type"]]:
            raise MalformedFileError(
                f"{where}: unknown type {row['type']!r} or repeated mode {row['mode']!r}"
            )
        out[row["type"]][row["mode"]] = _term(where, row, row["mode"])
    for kind, terms in out.items():
        _check_replacements(f"modes.csv ({kind})", terms)
    return out


def _read_contexts(folder: Traversable | Path) -> dict[str, Term]:
    out: dict[str, Term] = {}
    for where, row in _rows(
        folder, "contexts.csv", ("context", "status", "replaced_by", "source", "description")
    ):
        if row["context"] in out:
            raise MalformedFileError(f"{where}: context {row['context']!r} listed twice")
        out[row["context"]] = _term(where, row, row["context"])
    _check_replacements("contexts.csv", out)
    return out


def _read_cameo(
    folder: Traversable | Path,
    types: dict[str, PloverType],
    modes: dict[str, dict[str, Term]],
    contexts: dict[str, Term],
) -> dict[str, CameoMapping]:
    out: dict[str, CameoMapping] = {}
    columns = ("code", "name", "type", "mode", "contexts", "goldstein", "fit", "note")
    for where, row in _rows(folder, "cameo.csv", columns):
        code, kind, mode = row["code"], row["type"], row["mode"] or None
        if not _CODE.fullmatch(code) or code[:2] not in CAMEO_ROOTS or code in out:
            raise MalformedFileError(f"{where}: bad or repeated CAMEO code {code!r}")
        parent = code[:3] if len(code) == 4 else code[:2]
        if len(code) > 2 and parent not in out:
            raise MalformedFileError(f"{where}: code {code} comes before its parent")
        if kind not in types or row["fit"] not in FITS or not row["name"]:
            raise MalformedFileError(f"{where}: unknown type {kind!r}, fit {row['fit']!r} or empty name")
        term = modes[kind].get(mode) if mode else None
        if mode and (term is None or term.status != "current"):
            raise MalformedFileError(f"{where}: {mode!r} is not a current mode of {kind}")
        tags = tuple(t for t in row["contexts"].split("|") if t)
        if any(contexts.get(t) is None or contexts[t].status != "current" for t in tags):
            raise MalformedFileError(f"{where}: contexts {list(tags)} are not all current PLOVER contexts")
        if row["fit"] == "judgment" and not row["note"]:
            raise MalformedFileError(f"{where}: a judgment call needs a note saying why")
        out[code] = CameoMapping(
            code, code, row["name"], kind, mode, tags, types[kind].quad,
            _score(where, row["goldstein"]), row["fit"], row["note"],
        )  # fmt: skip
    missing = [r for r in CAMEO_ROOTS if r not in out]
    if missing:
        raise MalformedFileError(f"cameo.csv: roots {missing} are missing")
    return out
