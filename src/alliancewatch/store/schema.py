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
            a VARCHAR NOT NULL, b VARCHAR NOT NULL, ccode1 INTEGER, ccode2 INTEGER, year INTEGER NOT NULL,
            defense BOOLEAN, offense BOOLEAN, neutrality BOOLEAN, nonaggression BOOLEAN, consultation BOOLEAN
        );
        CREATE TABLE cow_states (
            ccode INTEGER NOT NULL, stateabb VARCHAR, statenme VARCHAR, country VARCHAR,
            styear INTEGER, stmonth INTEGER, stday INTEGER, endyear INTEGER, endmonth INTEGER, endday INTEGER
        );
        CREATE TABLE cow_trade (
            a VARCHAR NOT NULL, b VARCHAR NOT NULL, ccode1 INTEGER, ccode2 INTEGER, year INTEGER NOT NULL,
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
            delivery_years VARCHAR, status VARCHAR, comments VARCHAR,
            tiv_unit DOUBLE, tiv_order DOUBLE, tiv_delivered DOUBLE
        );
        CREATE TABLE unsc_vetoes (
            draft VARCHAR NOT NULL, year INTEGER, date DATE, meeting_record VARCHAR, agenda_item VARCHAR,
            crisis_topic VARCHAR, region VARCHAR
        );
        CREATE TABLE unsc_veto_members (draft VARCHAR NOT NULL, member VARCHAR NOT NULL);
        """,
    ),
)

LATEST = MIGRATIONS[-1][0]
