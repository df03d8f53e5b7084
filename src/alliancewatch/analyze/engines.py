"""The engines that run the event analytics: DuckDB (embedded, the default) and Apache Spark.

Every analytic in :mod:`alliancewatch.analyze.events` is an Ibis expression over one table of events with
the columns of :data:`ANALYTIC_SCHEMA`. An engine does two things only: build that table from where the
events are (:class:`EventLocation`), and run an expression. The expressions are the same objects on every
engine, so the answers are the same too.

Where the events are: machine-coded events as Parquet under ``<db stem>.events/origin=O/year=Y/month=M/``
(read by both engines straight from the files, so Spark needs nothing from DuckDB for them), and
text-coded events in the DuckDB table ``text_events`` (small: read once as Arrow and handed to the engine).
"""

from __future__ import annotations

import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.common.exceptions import TableNotFound

from alliancewatch.errors import NotLoadedError, StoreError, UserInputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

ENGINES = ("duckdb", "spark")
ORIGINS = ("gdelt", "icews", "polecat", "text")
DEFAULT_SPARK_MASTER = "local[*]"

# The columns the analytics use, with one type on every engine (Parquet partition columns come back as
# BIGINT from DuckDB and INT from Spark; small integer columns are widened so sums never overflow).
ANALYTIC_SCHEMA = ibis.schema(
    {
        "event_id": "string",
        "origin": "string",
        "date": "date",
        "type": "string",
        "quad": "int16",
        "intensity": "float64",
        "contexts": "array<string>",
        "source_countries": "array<string>",
        "target_countries": "array<string>",
        "raw_count": "int64",
        "negated": "boolean",
        "modality": "string",
        "mirror_of": "string",
    }
)
ANALYTIC_COLUMNS = tuple(ANALYTIC_SCHEMA.names)


@dataclass(frozen=True)
class EventLocation:
    """Where the events are.

    ``parquet_root`` is the folder of machine-coded events partitioned ``origin=/year=/month=`` (a local
    path, or for a Spark cluster any URL its workers can read, e.g. ``hdfs://…``); ``db`` is the DuckDB
    file holding ``text_events`` (None: no text-coded events).
    """

    parquet_root: str
    db: Path | None = None

    @classmethod
    def beside(cls, db: Path | str) -> EventLocation:
        """The store's layout (see store/events.py) without opening the store: ``<db stem>.events`` next
        to the DuckDB file ``db``."""
        path = Path(db).absolute()
        return cls(str(path.parent / f"{path.stem}.events"), path)

    @property
    def is_local(self) -> bool:
        return "://" not in self.parquet_root


@dataclass(frozen=True)
class EventScope:
    """Which events to read: one origin (None: all) and a date range (inclusive; None: open)."""

    origin: str | None = None
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.origin is not None and self.origin not in ORIGINS:
            raise UserInputError(f"--origin must be one of {', '.join(ORIGINS)}, not {self.origin!r}")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise UserInputError(f"--from {self.start} is after --to {self.end}")


class Engine(ABC):
    """An Ibis backend plus the knowledge of how to read the events into it."""

    name: str
    backend: Any  # an ibis BaseBackend; typed loosely because ibis ships no type information

    def events(self, location: EventLocation, scope: EventScope | None = None) -> ir.Table:
        """The events in ``scope`` as one table with the columns of :data:`ANALYTIC_SCHEMA`.

        Raises NotLoadedError when no event of the origin asked for was ever loaded (an empty scope over
        loaded events gives an empty table instead).
        """
        scope = scope or EventScope()
        parts: list[ir.Table] = []
        if scope.origin != "text":
            parquet = self._read_parquet(location, scope.origin)
            if parquet is not None:
                parts.append(_normalise(_scoped(parquet, scope, partitioned=True)))
        if scope.origin in (None, "text") and location.db is not None:
            text = read_text_events(location.db, scope)
            if text is not None:
                parts.append(_normalise(self._from_arrow(text)))
        if not parts:
            what = f"{scope.origin} events" if scope.origin else "events"
            raise NotLoadedError(
                f"no {what} loaded in {location.parquet_root} or {location.db}; "
                "load some with: alliancewatch load gdelt|icews|polecat FILES"
            )
        return parts[0] if len(parts) == 1 else ibis.union(*parts, distinct=False)

    def run(self, expr: ir.Table) -> pa.Table:
        """Execute ``expr`` on this engine and return the result as Arrow."""
        result: pa.Table = self.backend.to_pyarrow(expr)
        return result

    @abstractmethod
    def close(self) -> None:
        """Release what this engine started (a Spark session it did not create is left running)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def _read_parquet(self, location: EventLocation, origin: str | None) -> ir.Table | None:
        """The raw Parquet events of one origin (None: all), or None when there are no files."""

    @abstractmethod
    def _from_arrow(self, table: pa.Table) -> ir.Table:
        """An Arrow table as a table of this engine."""


class DuckDBEngine(Engine):
    """An in-memory DuckDB that reads the Parquet files directly (with partition pruning)."""

    name = "duckdb"

    def __init__(self, threads: int | None = None) -> None:
        config = {"threads": threads} if threads else {}
        self.backend = ibis.duckdb.connect(**config)

    def _read_parquet(self, location: EventLocation, origin: str | None) -> ir.Table | None:
        root = location.parquet_root.rstrip("/")
        folder = f"{root}/origin={origin}" if origin else root
        if location.is_local and not _has_parquet(Path(folder)):
            return None
        return self.backend.read_parquet(f"{folder}/**/*.parquet", hive_partitioning=True)

    def _from_arrow(self, table: pa.Table) -> ir.Table:
        return ibis.memtable(table)

    def close(self) -> None:
        self.backend.disconnect()


class SparkEngine(Engine):
    """Apache Spark through Ibis: PySpark local (``local[N]``) or a cluster (``spark://…``, ``yarn``)."""

    name = "spark"

    def __init__(self, session: SparkSession, owned: bool = False) -> None:
        with _quiet_pandas_notice():
            # Importing the backend here (ibis would on first use) keeps PySpark's import-time notice quiet.
            import ibis.backends.pyspark
        self.session = session
        self.owned = owned
        self.backend = ibis.pyspark.connect(session)

    @classmethod
    def start(cls, master: str = DEFAULT_SPARK_MASTER) -> SparkEngine:
        """Join the running Spark session, or start one on ``master``; only a started one is stopped."""
        session_class = _spark_session_class()
        active = session_class.getActiveSession()
        if active is not None:
            return cls(active, owned=False)
        builder = (
            session_class.builder.master(master)
            .appName("alliancewatch")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")  # its bar would garble table/CSV output
            .config("spark.sql.session.timeZone", "UTC")
        )
        if master.startswith("local"):
            # Loopback only: a laptop or CI runner must not depend on how its hostname resolves.
            builder = builder.config("spark.driver.host", "127.0.0.1").config(
                "spark.driver.bindAddress", "127.0.0.1"
            )
        try:
            with _quiet_pandas_notice():
                session = builder.getOrCreate()
        except Exception as exc:  # Py4J/JVM start-up failures have no common base class
            raise StoreError(f"cannot start Spark on {master!r} (is Java 17+ installed?): {exc}") from exc
        session.sparkContext.setLogLevel("ERROR")
        return cls(session, owned=True)

    def _read_parquet(self, location: EventLocation, origin: str | None) -> ir.Table | None:
        root = location.parquet_root.rstrip("/")
        folder = f"{root}/origin={origin}" if origin else root
        if location.is_local and not _has_parquet(Path(folder)):
            return None
        # basePath keeps ``origin`` as a column when only one origin's folder is read (set as an option:
        # passed to ``parquet(...)`` as a keyword, which ibis's read_parquet does, it is ignored).
        name = ibis.util.gen_name("aw_parquet")
        self.session.read.option("basePath", root).parquet(folder).createOrReplaceTempView(name)
        return self.backend.table(name)

    def run(self, expr: ir.Table) -> pa.Table:
        # Spark's own Arrow collection rather than ibis's to_pyarrow, which goes through pandas (PySpark
        # 4.3 warns about pandas 3) and fails on an empty result; cast to the types ibis promises.
        result: pa.Table = self.session.sql(self.backend.compile(expr)).toArrow()
        return result.cast(expr.schema().to_pyarrow())

    def _from_arrow(self, table: pa.Table) -> ir.Table:
        name = ibis.util.gen_name("aw_arrow")
        if table.num_rows == 0:
            table = table.schema.empty_table()  # one empty chunk: Spark refuses a column of no chunks
        with _quiet_pandas_notice():
            self.session.createDataFrame(table).createOrReplaceTempView(name)
        return self.backend.table(name)

    def close(self) -> None:
        if self.owned:
            self.session.stop()


def open_engine(name: str, spark_master: str | None = None) -> Engine:
    """The engine called ``name`` (duckdb or spark); Spark runs on ``spark_master`` (default local[*])."""
    if name == "duckdb":
        return DuckDBEngine()
    if name == "spark":
        return SparkEngine.start(spark_master or DEFAULT_SPARK_MASTER)
    raise UserInputError(f"--engine must be one of {', '.join(ENGINES)}, not {name!r}")


def read_text_events(db: Path, scope: EventScope) -> pa.Table | None:
    """Text-coded events in ``scope`` from the ``text_events`` table of ``db`` as Arrow (analytic columns).

    None when the file or the table does not exist or the table is empty. Connects with the default
    configuration so that a store already open in this process is shared rather than locked out.
    """
    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(db))
    except duckdb.Error as exc:
        raise StoreError(f"cannot read text events from {db}: {exc}") from exc
    try:
        backend = ibis.duckdb.from_connection(con)
        try:
            # Not list_tables(): with DuckDB 2.0 it calls a cursor method that no longer exists.
            table = backend.table("text_events")
        except TableNotFound:
            return None
        if backend.execute(table.count()) == 0:
            return None
        result: pa.Table = backend.to_pyarrow(
            _scoped(table, scope, partitioned=False).select(*ANALYTIC_COLUMNS)
        )
        return result
    finally:
        con.close()


def _has_parquet(folder: Path) -> bool:
    return folder.is_dir() and next(folder.rglob("*.parquet"), None) is not None


def _scoped(table: ir.Table, scope: EventScope, partitioned: bool) -> ir.Table:
    """Filter to ``scope``; on partitioned Parquet the year bounds also prune whole folders."""
    predicates = []
    if scope.origin is not None:
        predicates.append(table.origin == scope.origin)
    if scope.start is not None:
        predicates.append(table.date >= scope.start)
        if partitioned:
            predicates.append(table.year.cast("int32") >= scope.start.year)
    if scope.end is not None:
        predicates.append(table.date <= scope.end)
        if partitioned:
            predicates.append(table.year.cast("int32") <= scope.end.year)
    return table.filter(*predicates) if predicates else table


def _normalise(table: ir.Table) -> ir.Table:
    """The analytic columns with one type everywhere; a missing raw count means one raw row."""
    columns = {name: table[name].cast(dtype) for name, dtype in ANALYTIC_SCHEMA.items()}
    columns["raw_count"] = columns["raw_count"].fill_null(1)
    return table.select(**columns)


@contextmanager
def _quiet_pandas_notice() -> Iterator[None]:
    """Silence PySpark 4.3's notice that pandas 3 is not yet fully supported (ibis's Spark backend brings
    results back through pandas; ours are plain numbers, strings and dates, which convert exactly)."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="PySpark does not yet fully support", category=FutureWarning
        )
        yield


def _spark_session_class() -> Any:
    try:
        with _quiet_pandas_notice():
            from pyspark.sql import SparkSession
    except ImportError as exc:
        raise UserInputError(
            "--engine spark needs PySpark: pip install 'alliancewatch[spark]' (pyspark 4.3)"
        ) from exc
    return SparkSession
