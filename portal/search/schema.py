"""The full-text structures each database engine keeps over ``portal_searchentry``.

SQLite: an FTS5 table with external content (the rows of ``portal_searchentry``, joined by
``rowid = id``), kept in sync by triggers, so bulk inserts and queryset deletes stay in
sync too. PostgreSQL: a stored generated ``tsvector`` column (title weight A, body
weight B) with a GIN index. Both use the pre-analysed terms as they are: the SQLite
tokenizer and the PostgreSQL ``simple`` configuration only split them at spaces.

Both also keep ``portal_searchentry_version``: one row whose value changes, by triggers, on
every insert, update and delete of an entry, whoever makes it (indexing, a bulk rebuild, a
restore, a test's rollback). Each process's in-memory facet table (``facet_table.py``)
compares it to decide whether to reload. The new value is unique rather than a count, so
a rolled-back change can never bring back a value a process already saw with other rows.

Every statement is idempotent. The migration runs ``install()``; ``rebuild_search_index``
first repairs what is missing (SQLite drops a table's triggers when a later migration
makes Django recreate the table), then drops the SQLite triggers while it rewrites every
row, reinstalls them and refills the FTS table in one pass.
"""


def _statements(ENTRY_TABLE):  # noqa: N803 (named like the constant it fills in)
    """Every statement of this module, for the entries table ``ENTRY_TABLE``."""
    FTS_TABLE = f"{ENTRY_TABLE}_fts"
    VECTOR_COLUMN = "search_vector"
    TITLE_VECTOR_COLUMN = "title_vector"
    # A Django index on SearchEntry (see its Meta): id, staff_only, what the first score
    # reads (rank weight, body length, key terms) and every facet column. SQLite's matching
    # reads staff_only through it and the facet table loads from it, neither touching the
    # wide rows.
    FACETS_INDEX = "search_entry_facets"
    VERSION_TABLE = f"{ENTRY_TABLE}_version"

    SQLITE_STATEMENTS = [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
            title_terms, body_terms,
            content='{ENTRY_TABLE}', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0', prefix='2 3'
        )""",
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON {ENTRY_TABLE} BEGIN
            INSERT INTO {FTS_TABLE}(rowid, title_terms, body_terms)
            VALUES (new.id, new.title_terms, new.body_terms);
        END""",  # nosec B608 # constant table names
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON {ENTRY_TABLE} BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_terms, body_terms)
            VALUES ('delete', old.id, old.title_terms, old.body_terms);
        END""",  # nosec B608 # constant table names
        f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update
            AFTER UPDATE OF title_terms, body_terms ON {ENTRY_TABLE} BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title_terms, body_terms)
            VALUES ('delete', old.id, old.title_terms, old.body_terms);
            INSERT INTO {FTS_TABLE}(rowid, title_terms, body_terms)
            VALUES (new.id, new.title_terms, new.body_terms);
        END""",  # nosec B608 # constant table names
    ]
    _VERSION_EVENTS = ("insert", "update", "delete")
    _SQLITE_VERSION_TRIGGER = f"""CREATE TRIGGER IF NOT EXISTS {ENTRY_TABLE}_version_{{event}}
        AFTER {{event}} ON {ENTRY_TABLE} BEGIN
            INSERT OR REPLACE INTO {VERSION_TABLE}(id, version) VALUES (1, random());
        END"""  # nosec B608 # constant table names
    SQLITE_VERSION_STATEMENTS = [
        f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} "
        "(id INTEGER PRIMARY KEY, version BIGINT NOT NULL)",
        *(_SQLITE_VERSION_TRIGGER.format(event=event) for event in _VERSION_EVENTS),
    ]
    SQLITE_DROP_STATEMENTS = [
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
        *(f"DROP TRIGGER IF EXISTS {ENTRY_TABLE}_version_{event}" for event in _VERSION_EVENTS),
        f"DROP TABLE IF EXISTS {VERSION_TABLE}",
    ]
    # Re-reads every row of the content table: used after a rebuild outside the triggers.
    SQLITE_REBUILD = f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"  # nosec B608 # constant table names

    POSTGRES_STATEMENTS = [
        f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS {VECTOR_COLUMN} tsvector
            GENERATED ALWAYS AS (
                setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
                || setweight(to_tsvector('simple'::regconfig, body_terms), 'B')
            ) STORED""",
        f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_vector_gin
            ON {ENTRY_TABLE} USING gin ({VECTOR_COLUMN})""",
        # Small enough to stay in the row: a cheap first score for very large result sets.
        f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS {TITLE_VECTOR_COLUMN} tsvector
            GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title_terms)) STORED""",
        # A search visits the row of every match (a common word: nearly all of them). The
        # long texts and the body vector go out of line, so rows are short and a search reads
        # a third fewer pages; the title vector, tested for every match, stays in the row.
        # Rows take this on their next write (a rebuild rewrites them all).
        f"ALTER TABLE {ENTRY_TABLE} ALTER COLUMN {TITLE_VECTOR_COLUMN} SET STORAGE MAIN",
        f"ALTER TABLE {ENTRY_TABLE} SET (toast_tuple_target = 400)",
    ]
    MATCHES_FUNCTION = "portal_search_term_ids"
    # Its first version returned a row per match; install() replaces it.
    EARLIER_MATCHES_FUNCTION = "portal_search_matches"
    # What a search asks PostgreSQL: the ids of every visible match and of those whose title
    # matches too, each list as one value of 8-byte big-endian integers (no row per match to
    # pass on, no number to print and parse). When most rows match, the planner prefers a
    # sequential scan, which must read every tsvector to test it; the GIN bitmap scan reads
    # none of them. The function's own setting says so for this one statement.
    POSTGRES_MATCHES_FUNCTION = f"""CREATE OR REPLACE FUNCTION {MATCHES_FUNCTION}(
            query tsquery, include_staff boolean
        ) RETURNS TABLE (ids bytea, title_ids bytea)
        LANGUAGE sql STABLE SET enable_seqscan = off AS $$
            SELECT string_agg(int8send(e.id), ''::bytea),
                string_agg(CASE WHEN e.{TITLE_VECTOR_COLUMN} @@ query THEN int8send(e.id) END,
                    ''::bytea)
            FROM {ENTRY_TABLE} e
            WHERE e.{VECTOR_COLUMN} @@ query AND (include_staff OR NOT e.staff_only)
        $$"""  # nosec B608 # constant names
    DROP_EARLIER_MATCHES_FUNCTION = (
        f"DROP FUNCTION IF EXISTS {EARLIER_MATCHES_FUNCTION}(tsquery, boolean)"
    )
    # A sequence, not a counter: its values are never handed out twice, even when rolled back.
    POSTGRES_VERSION_STATEMENTS = [
        f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} "
        "(id integer PRIMARY KEY, version bigint NOT NULL)",
        f"CREATE SEQUENCE IF NOT EXISTS {VERSION_TABLE}_seq",
        f"""CREATE OR REPLACE FUNCTION {VERSION_TABLE}_bump() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN
                INSERT INTO {VERSION_TABLE} (id, version) VALUES (1, nextval('{VERSION_TABLE}_seq'))
                ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
                RETURN NULL;
            END $$""",  # nosec B608 # constant table names
        f"""CREATE OR REPLACE TRIGGER {VERSION_TABLE}_bump
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {ENTRY_TABLE}
            FOR EACH STATEMENT EXECUTE FUNCTION {VERSION_TABLE}_bump()""",
    ]
    POSTGRES_DROP_STATEMENTS = [
        f"DROP FUNCTION IF EXISTS {MATCHES_FUNCTION}(tsquery, boolean)",
        DROP_EARLIER_MATCHES_FUNCTION,
        f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS {TITLE_VECTOR_COLUMN}",
        f"DROP INDEX IF EXISTS {ENTRY_TABLE}_vector_gin",
        f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS {VECTOR_COLUMN}",
        f"DROP TRIGGER IF EXISTS {VERSION_TABLE}_bump ON {ENTRY_TABLE}",
        f"DROP FUNCTION IF EXISTS {VERSION_TABLE}_bump()",
        f"DROP SEQUENCE IF EXISTS {VERSION_TABLE}_seq",
        f"DROP TABLE IF EXISTS {VERSION_TABLE}",
    ]

    STATEMENTS = {
        "sqlite": SQLITE_STATEMENTS + SQLITE_VERSION_STATEMENTS,
        "postgresql": [
            *POSTGRES_STATEMENTS,
            *POSTGRES_VERSION_STATEMENTS,
            DROP_EARLIER_MATCHES_FUNCTION,
            POSTGRES_MATCHES_FUNCTION,
        ],
    }
    DROP_STATEMENTS = {"sqlite": SQLITE_DROP_STATEMENTS, "postgresql": POSTGRES_DROP_STATEMENTS}
    return dict(locals())


CURRENT_ENTRY_TABLE = "search_searchentry"
LEGACY_ENTRY_TABLE = "portal_searchentry"
_CURRENT = _statements(CURRENT_ENTRY_TABLE)
ENTRY_TABLE = _CURRENT["ENTRY_TABLE"]
FTS_TABLE = _CURRENT["FTS_TABLE"]
VERSION_TABLE = _CURRENT["VERSION_TABLE"]
VECTOR_COLUMN = _CURRENT["VECTOR_COLUMN"]
TITLE_VECTOR_COLUMN = _CURRENT["TITLE_VECTOR_COLUMN"]
FACETS_INDEX = _CURRENT["FACETS_INDEX"]
MATCHES_FUNCTION = _CURRENT["MATCHES_FUNCTION"]


def _run(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection, entry_table=CURRENT_ENTRY_TABLE):
    """Create the full-text structures for this database, if it is one we know."""
    _run(connection, _statements(entry_table)["STATEMENTS"].get(connection.vendor, []))


def is_installed(connection):
    """Whether this database already has its full-text structure."""
    if connection.vendor == "sqlite":
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s"
        params = [f"{ENTRY_TABLE}_%"]  # the FTS table's three and the version's three
        expected = 6
    elif connection.vendor == "postgresql":
        sql = (
            "SELECT (SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = %s AND column_name IN (%s, %s)) "
            "+ (SELECT count(*) FROM pg_trigger WHERE tgname = %s) "
            "+ (SELECT count(*) FROM pg_proc WHERE proname = %s)"
        )
        params = [
            ENTRY_TABLE,
            VECTOR_COLUMN,
            TITLE_VECTOR_COLUMN,
            f"{VERSION_TABLE}_bump",
            MATCHES_FUNCTION,
        ]
        expected = 4
    else:
        return True
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] >= expected


def repair(connection):
    """Install what is missing (SQLite drops triggers when a migration rebuilds the table)."""
    if not is_installed(connection):
        install(connection)


def index_version(connection):
    """The current value of the version row (None before any entry was written)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {VERSION_TABLE} WHERE id = 1")  # nosec B608 # constant table name
        row = cursor.fetchone()
    return row[0] if row else None


def suspend_sync(connection):
    """Before a full rebuild: SQLite stops syncing row by row (``resume_sync`` refills)."""
    if connection.vendor == "sqlite":
        _run(connection, _CURRENT["SQLITE_DROP_STATEMENTS"][:3])


def resume_sync(connection):
    """After a full rebuild: SQLite's triggers are back and its FTS table matches every row."""
    if connection.vendor == "sqlite":
        install(connection)
        refill(connection)


def uninstall(connection, entry_table=CURRENT_ENTRY_TABLE):
    _run(connection, _statements(entry_table)["DROP_STATEMENTS"].get(connection.vendor, []))


def refill(connection, entry_table=CURRENT_ENTRY_TABLE):
    """Make the full-text structure match the rows again (SQLite only; PostgreSQL's is derived)."""
    if connection.vendor == "sqlite":
        _run(connection, [_statements(entry_table)["SQLITE_REBUILD"]])
