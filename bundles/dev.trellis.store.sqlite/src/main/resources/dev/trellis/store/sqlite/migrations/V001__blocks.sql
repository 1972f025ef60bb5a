-- Current state of blocks. Deleting a block only sets deleted = 1 (kept for admin surfaces and
-- forensics); only live rows are unique per address and only live rows are in the full-text index.
-- Times are ISO-8601 instants (Instant.toString), authors are '<kind>:<value>'.
CREATE TABLE blocks (
    id           INTEGER PRIMARY KEY,
    scope        TEXT    NOT NULL,
    label        TEXT    NOT NULL,
    tier         TEXT    NOT NULL CHECK (tier IN ('core', 'working')),
    schema       TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    char_limit   INTEGER NOT NULL CHECK (char_limit >= 1),
    permission   TEXT    NOT NULL,
    pinned       INTEGER NOT NULL CHECK (pinned IN (0, 1)),
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    content      TEXT    NOT NULL,
    content_hash TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    last_author  TEXT    NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE UNIQUE INDEX blocks_live_address ON blocks (scope, label) WHERE deleted = 0;

-- The rows the index covers. Using this view (not blocks) as the external content keeps FTS5's own
-- 'rebuild' and 'integrity-check' commands right: soft-deleted rows are not expected in the index.
CREATE VIEW blocks_live AS SELECT id, label, description, content FROM blocks WHERE deleted = 0;

-- External-content index: the text lives once, in blocks; the triggers below keep the index in the
-- same transaction as the row change.
CREATE VIRTUAL TABLE blocks_fts USING fts5 (
    label, description, content,
    content = 'blocks_live', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER blocks_fts_after_insert AFTER INSERT ON blocks WHEN new.deleted = 0 BEGIN
    INSERT INTO blocks_fts (rowid, label, description, content)
    VALUES (new.id, new.label, new.description, new.content);
END;

CREATE TRIGGER blocks_fts_after_update AFTER UPDATE ON blocks BEGIN
    INSERT INTO blocks_fts (blocks_fts, rowid, label, description, content)
    SELECT 'delete', old.id, old.label, old.description, old.content WHERE old.deleted = 0;
    INSERT INTO blocks_fts (rowid, label, description, content)
    SELECT new.id, new.label, new.description, new.content WHERE new.deleted = 0;
END;

CREATE TRIGGER blocks_fts_after_delete AFTER DELETE ON blocks WHEN old.deleted = 0 BEGIN
    INSERT INTO blocks_fts (blocks_fts, rowid, label, description, content)
    VALUES ('delete', old.id, old.label, old.description, old.content);
END;
