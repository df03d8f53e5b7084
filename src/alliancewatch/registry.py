"""The registry of extension points: datasets (with their loaders) and, later, pipeline stages and exports.

Built-in datasets register through :meth:`Registry.add_dataset` exactly as a third-party plugin would (see
:func:`default_registry`), and plugins found under the ``alliancewatch.plugins`` entry-point group are
called with the registry to add theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

import pyarrow as pa

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import UnknownDatasetError

#: A loader reads the dataset's files (keyed by :attr:`FileSpec.role`) and returns Arrow tables keyed by
#: store table name. It must raise :class:`alliancewatch.errors.MalformedFileError` on bad input.
Loader = Callable[[Mapping[str, Path], CountryCodes], dict[str, pa.Table]]


@dataclass(frozen=True)
class FileSpec:
    """One file of a dataset: where it lives in a mirror and, if it has one, its direct download URL.

    ``url`` is None where the publisher offers no stable direct link to these exact bytes (a form, a zip
    of other files); such files come from a mirror, and ``DatasetSpec.homepage`` says where to get them.

    ``package`` names a file shipped inside the ``alliancewatch`` package (curated data the project itself
    maintains, e.g. ``data/treaties.yaml``): it is always read from there, never from a mirror or URL, and
    ``mirror_path`` is left empty.
    """

    role: str  # the key the loader reads it by; the store table its rows land in, where there is one
    name: str
    mirror_path: str
    sha256: str
    url: str | None = None
    package: str | None = None


@dataclass(frozen=True)
class DatasetSpec:
    """A public dataset the product knows how to get, verify and load."""

    name: str
    title: str
    version: str
    homepage: str
    licence: str
    citation: str
    files: tuple[FileSpec, ...]
    tables: tuple[str, ...]
    loader: Loader = field(repr=False, compare=False)
    kind: str = "structured"


class Registry:
    """Holds every extension the running program knows; several registries can live in one process."""

    def __init__(self) -> None:
        self._datasets: dict[str, DatasetSpec] = {}

    def add_dataset(self, spec: DatasetSpec) -> None:
        if spec.name in self._datasets:
            raise ValueError(f"dataset {spec.name!r} is registered twice")
        self._datasets[spec.name] = spec

    def datasets(self) -> list[DatasetSpec]:
        return sorted(self._datasets.values(), key=lambda s: s.name)

    def dataset(self, name: str) -> DatasetSpec:
        try:
            return self._datasets[name]
        except KeyError:
            known = ", ".join(sorted(self._datasets))
            raise UnknownDatasetError(f"unknown dataset {name!r}; known datasets: {known}") from None


def default_registry(load_plugins: bool = True) -> Registry:
    """The built-in datasets, then whatever installed plugins add."""
    from alliancewatch.sources import register_builtins

    registry = Registry()
    register_builtins(registry)
    if load_plugins:
        for ep in entry_points(group="alliancewatch.plugins"):
            ep.load()(registry)
    return registry
