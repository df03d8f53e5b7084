"""The PLOVER taxonomy and the CAMEO → PLOVER crosswalk, loaded from data files into a :class:`Plover`.

The data lives in ``alliancewatch/data/plover/`` (CSV, written by this project; ``README.md`` there lists
the sources and every judgment call):

- ``types.csv``: the 16 event types with their quad, PLOVER's published conflict–cooperation score, the
  CAMEO root a type goes back to by default, and whether PLOVER requires a target.
- ``modes.csv`` / ``contexts.csv``: the modes each type allows and the contexts any event may carry.
  ``current`` terms are PLOVER's (2021 manual, plus the AID modes of the 0.7 draft and CONSULT/host from
  PLOVER's own CAMEO crosswalk); ``legacy`` terms come from older drafts or the gold-standard records and
  name the current term that replaces them; ``alias`` terms are the product's plain-word names.
- ``cameo.csv``: every CAMEO 1.1b3 event code (the 20 roots and all 3- and 4-digit codes) with its
  PLOVER type, mode, contexts, Goldstein score (the values GDELT publishes) and how the type was chosen:
  ``direct`` (PLOVER's crosswalk and manual agree), ``judgment`` (ours, with a note) or ``outside`` (CAMEO
  01 public statements, which PLOVER does not code; they get SUPPORT only to stay in CAMEO's quad 1).

Nothing is loaded at import: :meth:`Plover.load` reads the files and checks them, and the object is
passed to whoever needs it. Look-ups of user-supplied values raise
:class:`~alliancewatch.errors.UserInputError`; a malformed data file raises
:class:`~alliancewatch.errors.MalformedFileError` naming the file and line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from alliancewatch.errors import UserInputError
from alliancewatch.model import CAMEO_ROOTS, PLOVER_TYPES, Event
from alliancewatch.plover_data import FITS, CameoMapping, PloverType, Term, read_taxonomy

_CODE = re.compile(r"\d{2,4}")


class Plover:
    """The PLOVER taxonomy with the CAMEO crosswalk. Build it with :meth:`load`."""

    def __init__(
        self,
        types: Mapping[str, PloverType],
        modes: Mapping[str, Mapping[str, Term]],
        contexts: Mapping[str, Term],
        cameo: Mapping[str, CameoMapping],
    ) -> None:
        self._types = dict(types)
        self._modes = {t: dict(m) for t, m in modes.items()}
        self._contexts = dict(contexts)
        self._cameo = dict(cameo)

    @classmethod
    def load(cls, folder: Traversable | Path | None = None) -> Plover:
        """Read and check the taxonomy files in ``folder`` (default: the package's ``data/plover``)."""
        where = folder if folder is not None else resources.files("alliancewatch") / "data" / "plover"
        taxonomy = read_taxonomy(where)
        return cls(taxonomy.types, taxonomy.modes, taxonomy.contexts, taxonomy.cameo)

    # -- types ---------------------------------------------------------------------------------------

    @property
    def types(self) -> tuple[PloverType, ...]:
        """The 16 types in PLOVER's order (quad 1 to 4)."""
        return tuple(self._types[name] for name in PLOVER_TYPES)

    def type(self, name: str) -> PloverType:
        """The type called ``name``; an unknown name lists the valid ones."""
        found = self._types.get(name)
        if found is None:
            raise UserInputError(f"unknown PLOVER type {name!r}; valid types: {', '.join(PLOVER_TYPES)}")
        return found

    def quad(self, type_name: str) -> int:
        """The quad (1..4) of a type."""
        return self.type(type_name).quad

    # -- modes and contexts --------------------------------------------------------------------------

    def modes(self, type_name: str, *, legacy: bool = False) -> tuple[str, ...]:
        """The current modes of a type (with ``legacy=True``, older names too); empty for types
        such as AGREE that PLOVER gives no modes."""
        self.type(type_name)
        terms = self._modes.get(type_name, {})
        return tuple(n for n, t in terms.items() if legacy or t.status == "current")

    def contexts(self, *, legacy: bool = False) -> tuple[str, ...]:
        """The current contexts (with ``legacy=True``, legacy and alias names too)."""
        return tuple(n for n, t in self._contexts.items() if legacy or t.status == "current")

    def mode_term(self, type_name: str, mode: str) -> Term:
        """The record of one mode of a type; unknown ones raise, listing the valid modes."""
        term = self._modes.get(self.type(type_name).name, {}).get(mode)
        if term is None:
            valid = ", ".join(self.modes(type_name)) or "none"
            raise UserInputError(f"{mode!r} is not a PLOVER mode of {type_name}; its modes: {valid}")
        return term

    def context_term(self, context: str) -> Term:
        """The record of one context; unknown ones raise, listing the valid contexts."""
        term = self._contexts.get(context)
        if term is None:
            raise UserInputError(
                f"unknown PLOVER context {context!r}; contexts: {', '.join(self.contexts())}"
            )
        return term

    def normalize_mode(self, type_name: str, mode: str | None) -> str | None:
        """The current name for a mode: itself if current, its replacement if legacy, None for a legacy
        mode nothing replaces under this type (COERCE/destroy moved to ASSAULT)."""
        if mode is None:
            return None
        term = self.mode_term(type_name, mode)
        return mode if term.status == "current" else term.replaced_by

    def normalize_context(self, context: str) -> str | None:
        """The current name for a context (see :meth:`normalize_mode`)."""
        term = self.context_term(context)
        return context if term.status == "current" else term.replaced_by

    # -- CAMEO ---------------------------------------------------------------------------------------

    def type_for_cameo(self, code: str) -> CameoMapping:
        """The PLOVER reading of a CAMEO event code given as a string of 2 to 4 digits ("010", "1384";
        read codes as text: "010" and "10" are different codes). A sub-code missing from the table
        takes its longest listed prefix; anything else raises :class:`UserInputError`."""
        text = code.strip() if isinstance(code, str) else code
        if not isinstance(text, str) or not _CODE.fullmatch(text) or text[:2] not in CAMEO_ROOTS:
            raise UserInputError(
                f"unknown CAMEO event code {code!r}: expected 2 to 4 digits starting with a root 01..20"
            )
        for size in range(len(text), 1, -1):
            found = self._cameo.get(text[:size])
            if found is not None:
                return found if size == len(text) else replace(found, code=text)
        raise UserInputError(f"unknown CAMEO event code {code!r}")  # pragma: no cover - roots all listed

    def goldstein(self, code: str) -> float:
        """The Goldstein score (in [-10, 10]) of a CAMEO event code."""
        return self.type_for_cameo(code).goldstein

    def cameo_codes(self) -> tuple[str, ...]:
        """Every CAMEO code in the table, sorted."""
        return tuple(sorted(self._cameo))

    def mappings(self) -> tuple[CameoMapping, ...]:
        """Every row of the crosswalk, sorted by code (for loaders to turn into a join table)."""
        return tuple(self._cameo[c] for c in self.cameo_codes())

    def cameo_root(self, type_name: str, mode: str | None = None) -> str:
        """The CAMEO root a PLOVER type (and mode) goes back to: with a mode, the root most CAMEO codes
        of that type and mode sit under (ties go to the type's default); otherwise the default."""
        default = self.type(type_name).default_root
        roots = Counter(m.root for m in self._coded(type_name, mode)) if mode is not None else Counter()
        if not roots:
            return default
        top = max(roots.values())
        best = sorted(r for r, n in roots.items() if n == top)
        return default if default in best else best[0]

    def intensity_default(self, type_name: str, mode: str | None = None) -> float:
        """A Goldstein-compatible intensity in [-10, 10] for an event known only by type and mode: the
        mean Goldstein score of the CAMEO codes of that type and mode under its root, or PLOVER's
        score for the type where there is no mode or no such code."""
        score = self.type(type_name).score
        if mode is None:
            return score
        root = self.cameo_root(type_name, mode)
        values = [m.goldstein for m in self._coded(type_name, mode) if m.root == root]
        return round(sum(values) / len(values), 1) if values else score

    def roots_of(self, type_name: str) -> tuple[str, ...]:
        """The CAMEO roots that have at least one code of this type."""
        self.type(type_name)
        return tuple(sorted({m.root for m in self._cameo.values() if m.type == type_name}))

    def _coded(self, type_name: str, mode: str | None) -> Iterator[CameoMapping]:
        for mapping in self._cameo.values():
            if mapping.type == type_name and mapping.mode == mode and mapping.in_plover:
                yield mapping

    # -- events --------------------------------------------------------------------------------------

    def check_event(self, event: Event) -> None:
        """Check what the model cannot: the event's mode is a current mode of its type, its contexts are
        current contexts and its CAMEO root holds codes of its type. Raises :class:`UserInputError`."""
        if event.mode is not None and self.normalize_mode(event.type, event.mode) != event.mode:
            raise UserInputError(
                f"{event.mode!r} is an old PLOVER mode of {event.type}; use "
                f"{self.normalize_mode(event.type, event.mode)!r}"
            )
        for context in event.contexts:
            if self.normalize_context(context) != context:
                raise UserInputError(
                    f"{context!r} is not a current PLOVER context; use {self.normalize_context(context)!r}"
                )
        roots = self.roots_of(event.type)
        if event.cameo_root not in roots:
            raise UserInputError(
                f"CAMEO root {event.cameo_root} has no {event.type} codes; its roots: {', '.join(roots)}"
            )


__all__ = ["FITS", "CameoMapping", "Plover", "PloverType", "Term"]
