"""Shared helpers for tabular loaders: strict CSV reading into Arrow and vectorised code mapping."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from alliancewatch.codes import CountryCodes
from alliancewatch.errors import MalformedFileError


def read_csv(
    path: Path,
    types: dict[str, pa.DataType],
    *,
    delimiter: str = ",",
    encoding: str = "utf8",
    skip_rows: int = 0,
    null_values: Sequence[str] = ("",),
    header: Sequence[str] | None = None,
) -> pa.Table:
    """Read a CSV with the given column types; every named column must be present.

    Only the empty string is read as null by default: "NA" is Namibia in the UN files.
    """
    read_options = pacsv.ReadOptions(
        encoding=encoding,
        skip_rows=skip_rows,
        column_names=list(header) if header is not None else None,
        block_size=8 << 20,
    )
    parse_options = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True)
    convert_options = pacsv.ConvertOptions(
        column_types=types,
        include_columns=list(types),
        null_values=list(null_values),
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    try:
        return pacsv.read_csv(
            path, read_options=read_options, parse_options=parse_options, convert_options=convert_options
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, KeyError, UnicodeDecodeError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise MalformedFileError(f"{path.name}: {first_line}") from exc


def map_values(
    column: pa.Array | pa.ChunkedArray,
    mapping: Callable[[Hashable], str | None],
) -> pa.Array:
    """Apply ``mapping`` once per distinct value and broadcast the result (None stays None)."""
    combined = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    encoded = pc.dictionary_encode(combined)
    mapped = pa.array(
        [None if v is None else mapping(v) for v in encoded.dictionary.to_pylist()], type=pa.string()
    )
    return pc.take(mapped, encoded.indices)


def unmapped(column: pa.Array | pa.ChunkedArray, mapped: pa.Array) -> list[str]:
    """Distinct input values that mapped to null (for error messages and tests)."""
    mask = pc.and_(pc.is_valid(column), pc.is_null(mapped))
    return sorted({str(v) for v in pc.filter(column, mask).to_pylist()})


def iso_from_cow_by_year(
    codes: CountryCodes, ccode: pa.Array | pa.ChunkedArray, year: pa.Array | pa.ChunkedArray
) -> pa.Array:
    """ISO-3 of each COW code in its year (365 is SUN up to 1991, RUS after), looked up once per distinct
    (ccode, year) pair and broadcast back; None where the tables cannot place the code."""
    # One integer key per pair: dictionary-encoding it is much cheaper than a join and a re-sort.
    key = pc.add(pc.multiply(pc.cast(ccode, pa.int64()), 10_000), pc.cast(year, pa.int64()))

    def lookup(value: Hashable) -> str | None:
        packed = int(str(value))
        return codes.from_cow(packed // 10_000, packed % 10_000)

    return map_values(key, lookup)
