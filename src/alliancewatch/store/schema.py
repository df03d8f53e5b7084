"""The versioned schema. Migrations are applied in order when a store is opened; never edit a released one,
append a new one instead."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE provenance (
            dataset VARCHAR NOT NULL,
            version VARCHAR NOT NULL,
            file VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            rows BIGINT NOT NULL,
            loaded_at TIMESTAMP NOT NULL,
            PRIMARY KEY (dataset, file)
        );
        CREATE TABLE unga_rollcalls (
            rcid INTEGER PRIMARY KEY, session INTEGER, important BOOLEAN, date DATE,
            unres VARCHAR, amend BOOLEAN, para BOOLEAN, short VARCHAR, descr VARCHAR
        );
        CREATE TABLE unga_votes (rcid INTEGER NOT NULL, country VARCHAR NOT NULL, vote VARCHAR NOT NULL);
        CREATE TABLE unga_issues (rcid INTEGER NOT NULL, issue VARCHAR NOT NULL, issue_name VARCHAR);
        CREATE TABLE unga_idealpoints (
            country VARCHAR NOT NULL, ccode INTEGER, year INTEGER NOT NULL,
            idealpointfp DOUBLE, idealpointall DOUBLE, idealpointlegacy DOUBLE,
            nvotesfp DOUBLE, nvotesall DOUBLE
        );
        CREATE TABLE atop_dyads (
            a VARCHAR, b VARCHAR, ccode1 INTEGER NOT NULL, ccode2 INTEGER NOT NULL, year INTEGER NOT NULL,
            defense BOOLEAN NOT NULL, offense BOOLEAN NOT NULL, neutrality BOOLEAN NOT NULL,
            nonaggression BOOLEAN NOT NULL, consultation BOOLEAN NOT NULL
        );
        CREATE TABLE treaties (
            id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, type VARCHAR NOT NULL,
            signed VARCHAR NOT NULL, signed_year INTEGER NOT NULL, signed_at VARCHAR,
            in_force VARCHAR, in_force_year INTEGER, expires VARCHAR, terminated VARCHAR, end_year INTEGER,
            term VARCHAR, summary VARCHAR NOT NULL, uncertain VARCHAR[]
        );
        CREATE TABLE treaty_parties (
            treaty_id VARCHAR NOT NULL, country VARCHAR NOT NULL, continues VARCHAR,
            signed VARCHAR, signed_year INTEGER NOT NULL, ratified VARCHAR,
            in_force VARCHAR, in_force_year INTEGER, left_on VARCHAR, left_year INTEGER, note VARCHAR
        );
        CREATE TABLE treaty_obligations (
            treaty_id VARCHAR NOT NULL, obligation VARCHAR NOT NULL, present BOOLEAN NOT NULL,
            article VARCHAR, note VARCHAR, PRIMARY KEY (treaty_id, obligation)
        );
        CREATE TABLE treaty_sources (
            treaty_id VARCHAR NOT NULL, url VARCHAR NOT NULL, title VARCHAR NOT NULL
        );
        CREATE TABLE cow_states (
            ccode INTEGER NOT NULL, stateabb VARCHAR, statenme VARCHAR, country VARCHAR,
            styear INTEGER, stmonth INTEGER, stday INTEGER, endyear INTEGER, endmonth INTEGER, endday INTEGER
        );
        CREATE TABLE cow_trade (
            a VARCHAR, b VARCHAR, ccode1 INTEGER NOT NULL, ccode2 INTEGER NOT NULL, year INTEGER NOT NULL,
            flow1 DOUBLE, flow2 DOUBLE, smoothflow1 DOUBLE, smoothflow2 DOUBLE
        );
        CREATE TABLE sipri_tiv (
            supplier VARCHAR, recipient VARCHAR, supplier_name VARCHAR NOT NULL,
            recipient_name VARCHAR NOT NULL, year INTEGER NOT NULL, tiv DOUBLE NOT NULL
        );
        CREATE TABLE sipri_deals (
            deal_id INTEGER NOT NULL, recipient VARCHAR, supplier VARCHAR,
            recipient_name VARCHAR NOT NULL, supplier_name VARCHAR NOT NULL,
            order_year INTEGER, order_year_estimated BOOLEAN,
            number_ordered INTEGER, number_ordered_estimated BOOLEAN,
            weapon VARCHAR, description VARCHAR,
            number_delivered INTEGER, number_delivered_estimated BOOLEAN,
            delivery_years INTEGER[], status VARCHAR, comments VARCHAR,
            tiv_unit DOUBLE, tiv_order DOUBLE, tiv_delivered DOUBLE, source_line INTEGER
        );
        CREATE TABLE unsc_vetoes (
            veto_id INTEGER, draft VARCHAR NOT NULL, year INTEGER, date DATE,
            meeting_record VARCHAR, agenda_item VARCHAR, crisis_topic VARCHAR, region VARCHAR
        );
        CREATE TABLE unsc_veto_members (veto_id INTEGER NOT NULL, member VARCHAR NOT NULL);
        """,
    ),
    (
        2,
        # GDELT files that `gdelt fetch` has dealt with, so a re-run fetches and loads only what is new.
        """
        CREATE TABLE gdelt_files (
            url VARCHAR PRIMARY KEY, md5 VARCHAR NOT NULL, size BIGINT, status VARCHAR NOT NULL,
            fetched_at TIMESTAMP NOT NULL, loaded BOOLEAN NOT NULL, reason VARCHAR, rows BIGINT
        );
        """,
    ),
    (
        3,
        # Events: text-coded events (the columns of store/events_schema.py EVENT_SCHEMA; machine-coded ones
        # are Parquet beside the store), the event files loaded (one row per file, so reloading is
        # incremental), and the files refused as malformed (a copy is kept, the user's file is not touched).
        """
        CREATE TABLE text_events (
            event_id VARCHAR NOT NULL, origin VARCHAR NOT NULL, date DATE, date_precision VARCHAR,
            year SMALLINT, month TINYINT, type VARCHAR, mode VARCHAR, contexts VARCHAR[], quad TINYINT,
            cameo_code VARCHAR, cameo_root VARCHAR, intensity DOUBLE,
            sources STRUCT(name VARCHAR, country VARCHAR, sector VARCHAR)[],
            targets STRUCT(name VARCHAR, country VARCHAR, sector VARCHAR)[],
            source_countries VARCHAR[], target_countries VARCHAR[], negated BOOLEAN, modality VARCHAR,
            confidence DOUBLE, doc_id VARCHAR, sentence_index INTEGER, sentence VARCHAR, triggers VARCHAR[],
            span_start INTEGER, span_end INTEGER, geo_country VARCHAR, raw_count INTEGER, mirror_of VARCHAR,
            source_file VARCHAR
        );
        CREATE TABLE event_files (
            origin VARCHAR NOT NULL, name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, rows BIGINT NOT NULL,
            raw_rows BIGINT NOT NULL, mirrored BIGINT NOT NULL, unmapped BIGINT NOT NULL,
            first_date DATE, last_date DATE, parts VARCHAR[] NOT NULL, loaded_at TIMESTAMP NOT NULL,
            PRIMARY KEY (origin, name)
        );
        CREATE TABLE quarantine (
            origin VARCHAR NOT NULL, name VARCHAR NOT NULL, path VARCHAR NOT NULL, copy VARCHAR,
            sha256 VARCHAR, code VARCHAR NOT NULL, error VARCHAR NOT NULL, quarantined_at TIMESTAMP NOT NULL
        );
        """,
    ),
    (
        4,
        # Ingested articles (store/documents.py): the clean text with its provenance (sha256 of the bytes
        # as read, sha256 of the normalised text for exact duplicates, MinHash LSH band hashes for near
        # ones), and its sentences with character offsets into that text and a candidate event date.
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY, title VARCHAR, url VARCHAR, published DATE, outlet VARCHAR,
            text VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, content_sha256 VARCHAR NOT NULL UNIQUE,
            language VARCHAR NOT NULL, source VARCHAR NOT NULL, external_id VARCHAR,
            lsh_bands UBIGINT[] NOT NULL, ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, text VARCHAR NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            date DATE, date_precision VARCHAR, date_text VARCHAR, date_basis VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, idx)
        );
        """,
    ),
)

LATEST = MIGRATIONS[-1][0]
