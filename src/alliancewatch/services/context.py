"""What every service needs: settings, the store, the code tables and the registry, built once."""

from __future__ import annotations

from dataclasses import dataclass

from alliancewatch.codes import CountryCodes
from alliancewatch.config import Config
from alliancewatch.errors import UserInputError
from alliancewatch.registry import Registry, default_registry
from alliancewatch.store import Store


@dataclass
class Context:
    config: Config
    store: Store
    codes: CountryCodes
    registry: Registry

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Context:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def country(self, text: str, merge_predecessors: bool = False) -> list[str]:
        """The ISO-3 code of ``text``, followed by its predecessors when they are to be merged."""
        code = self.codes.resolve(text)
        return [code, *self.codes.predecessors(code)] if merge_predecessors else [code]


def open_context(config: Config, registry: Registry | None = None) -> Context:
    return Context(
        config=config,
        store=Store(config.db),
        codes=CountryCodes.load(),
        registry=registry or default_registry(),
    )


def check_years(start: int | None, end: int | None) -> None:
    """Reject an empty or implausible year range with a clear message."""
    for year in (start, end):
        if year is not None and not 1800 <= year <= 2100:
            raise UserInputError(f"year {year} is outside 1800-2100")
    if start is not None and end is not None and start > end:
        raise UserInputError(f"--from {start} is after --to {end}")


def check_choice(value: str | None, option: str, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise UserInputError(f"{option} must be one of {', '.join(choices)}, not {value!r}")
