"""The one columnar shape of an event, whatever its origin (text, gdelt, icews, polecat).

Text-coded events and events loaded from GDELT/ICEWS/POLECAT files share these columns, so every analytic
(dyad counts, quads, intensity) runs over the union. Raw machine-coded event tables are Parquet files
partitioned by ``year``/``month`` beside the DuckDB file; text-coded events live in the DuckDB table
``text_events``; the view ``events`` is the union of both. Actors are kept whole in ``sources``/``targets``
(a list, because "Russia and China vetoed" is one event with two sources) and flattened into
``source_countries``/``target_countries`` for dyad filters.
"""

from __future__ import annotations

import pyarrow as pa

ACTOR = pa.struct([("name", pa.string()), ("country", pa.string()), ("sector", pa.string())])

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),  # origin-prefixed and unique: "gdelt:884245", "text:<doc>:<sent>:<n>"
        ("origin", pa.string()),  # text | gdelt | icews | polecat
        ("date", pa.date32()),
        ("date_precision", pa.string()),  # day | month | year
        ("year", pa.int16()),
        ("month", pa.int8()),
        ("type", pa.string()),  # one of the 16 PLOVER types
        ("mode", pa.string()),
        ("contexts", pa.list_(pa.string())),
        ("quad", pa.int8()),  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
        ("cameo_code", pa.string()),  # full CAMEO code where the origin has one ("0231"), else null
        ("cameo_root", pa.string()),  # "01".."20"
        ("intensity", pa.float64()),  # [-10, 10], Goldstein-compatible
        ("sources", pa.list_(ACTOR)),
        ("targets", pa.list_(ACTOR)),
        ("source_countries", pa.list_(pa.string())),  # ISO-3 or "IGO"; may be empty
        ("target_countries", pa.list_(pa.string())),
        ("negated", pa.bool_()),
        ("modality", pa.string()),  # asserted | reported | hypothetical | future | historical
        ("confidence", pa.float64()),  # 0..1
        ("doc_id", pa.string()),  # text: document id; gdelt: source URL; icews: story id
        ("sentence_index", pa.int32()),
        ("sentence", pa.string()),
        ("triggers", pa.list_(pa.string())),
        ("span_start", pa.int32()),
        ("span_end", pa.int32()),
        ("geo_country", pa.string()),  # ISO-3 of where it happened, where the origin says
        ("raw_count", pa.int32()),  # raw rows folded into this event by deduplication (1 if none)
        ("mirror_of", pa.string()),  # event_id of the A->B event this B->A row mirrors (ICEWS), else null
        ("source_file", pa.string()),  # the loaded file's name (provenance)
    ]
)

EVENT_COLUMNS = tuple(EVENT_SCHEMA.names)
