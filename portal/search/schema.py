"""The full-text structures each database engine keeps over ``portal_searchentry``.

SQLite: an FTS5 table with external content (the rows of ``portal_searchentry``, joined by
``rowid = id``), kept in sync by triggers, so bulk inserts and queryset deletes stay in
sync too. PostgreSQL: a stored generated ``tsvector`` column (title weight A, body
weight B) with a GIN index. Both use the pre-analysed terms as they are: the SQLite
tokenizer and the PostgreSQL ``simple`` configuration only split them at spaces.

Every statement is idempotent. The migration runs ``install()``; ``rebuild_search_index``
first repairs what is missing (SQLite drops a table's triggers when a later migration
makes Django recreate the table), then drops the SQLite triggers while it rewrites every
row, reinstalls them and refills the FTS table in one pass.
"""

ENTRY_TABLE = "portal_searchentry"
FTS_TABLE = "portal_searchentry_fts"
VECTOR_COLUMN = "search_vector"
TITLE_VECTOR_COLUMN = "title_vector"
# A Django index on SearchEntry (see its Meta): id and every facet column, so that SQLite
# can read the facets of thousands of matches without touching the wide rows.
FACETS_INDEX = "search_entry_facets"

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
SQLITE_DROP_STATEMENTS = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
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
]
POSTGRES_DROP_STATEMENTS = [
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS {TITLE_VECTOR_COLUMN}",
    f"DROP INDEX IF EXISTS {ENTRY_TABLE}_vector_gin",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS {VECTOR_COLUMN}",
]

STATEMENTS = {"sqlite": SQLITE_STATEMENTS, "postgresql": POSTGRES_STATEMENTS}
DROP_STATEMENTS = {"sqlite": SQLITE_DROP_STATEMENTS, "postgresql": POSTGRES_DROP_STATEMENTS}


def _run(connection, statements):
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection):
    """Create the full-text structures for this database, if it is one we know."""
    _run(connection, STATEMENTS.get(connection.vendor, []))


def is_installed(connection):
    """Whether this database already has its full-text structure."""
    if connection.vendor == "sqlite":
        sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s"
        params = [f"{FTS_TABLE}_%"]
        expected = 3
    elif connection.vendor == "postgresql":
        sql = (
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_name = %s AND column_name IN (%s, %s)"
        )
        params = [ENTRY_TABLE, VECTOR_COLUMN, TITLE_VECTOR_COLUMN]
        expected = 2
    else:
        return True
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0] >= expected


def repair(connection):
    """Install what is missing (SQLite drops triggers when a migration rebuilds the table)."""
    if not is_installed(connection):
        install(connection)


def suspend_sync(connection):
    """Before a full rebuild: SQLite stops syncing row by row (``resume_sync`` refills)."""
    if connection.vendor == "sqlite":
        _run(connection, SQLITE_DROP_STATEMENTS[:3])


def resume_sync(connection):
    """After a full rebuild: SQLite's triggers are back and its FTS table matches every row."""
    if connection.vendor == "sqlite":
        install(connection)
        refill(connection)


def uninstall(connection):
    _run(connection, DROP_STATEMENTS.get(connection.vendor, []))


def refill(connection):
    """Make the full-text structure match the rows again (SQLite only; PostgreSQL's is derived)."""
    if connection.vendor == "sqlite":
        _run(connection, [SQLITE_REBUILD])
