"""Settings, declared once as (name, env var, default, help) and read from flags or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "ALLIANCEWATCH_DB", "alliancewatch.duckdb", "Path of the DuckDB store file."),
    Setting(
        "mirror",
        "ALLIANCEWATCH_MIRROR",
        None,
        "Local directory or http(s) URL laid out like the official data (e.g. ../shared/data).",
    ),
    Setting(
        "cache",
        "ALLIANCEWATCH_CACHE",
        None,
        "Where downloaded files are kept; default: a .alliancewatch folder beside the store.",
    ),
    Setting(
        "spark_master",
        "ALLIANCEWATCH_SPARK_MASTER",
        None,
        "Spark master for --engine spark: local[N], spark://HOST:7077, yarn… (default local[*]).",
    ),
)


@dataclass(frozen=True)
class Config:
    """Resolved settings; build with :func:`load_config`."""

    db: Path
    mirror: str | None = None
    cache: Path | None = None
    spark_master: str | None = None

    @property
    def cache_dir(self) -> Path:
        return self.cache if self.cache is not None else self.db.parent / ".alliancewatch" / "downloads"


def load_config(
    db: str | Path | None = None,
    mirror: str | Path | None = None,
    cache: str | Path | None = None,
    environ: dict[str, str] | None = None,
    spark_master: str | None = None,
) -> Config:
    """Explicit arguments win over environment variables, which win over defaults."""
    env = os.environ if environ is None else environ
    values: dict[str, str | None] = {}
    given = {"db": db, "mirror": mirror, "cache": cache, "spark_master": spark_master}
    for setting in SETTINGS:
        explicit = given[setting.name]
        values[setting.name] = (
            str(explicit) if explicit is not None else env.get(setting.env) or setting.default
        )
    db_value = values["db"] or "alliancewatch.duckdb"
    cache_value = values["cache"]
    return Config(
        db=Path(db_value),
        mirror=values["mirror"],
        cache=Path(cache_value) if cache_value else None,
        spark_master=values["spark_master"],
    )
