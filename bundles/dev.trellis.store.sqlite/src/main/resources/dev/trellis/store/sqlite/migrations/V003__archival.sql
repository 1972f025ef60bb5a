-- Archival entries: immutable text. AUTOINCREMENT so the id of a deleted entry is never handed out
-- again (ids are what search hits point at).
CREATE TABLE archival (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    scope         TEXT NOT NULL,
    content       TEXT NOT NULL,
    metadata_json TEXT CHECK (metadata_json IS NULL
                              OR CASE WHEN json_valid(metadata_json) THEN json_type(metadata_json) = 'object' ELSE 0 END),
    created_at    TEXT NOT NULL
);

CREATE INDEX archival_scope ON archival (scope, id);

CREATE VIRTUAL TABLE archival_fts USING fts5 (
    content,
    content = 'archival', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER archival_fts_after_insert AFTER INSERT ON archival BEGIN
    INSERT INTO archival_fts (rowid, content) VALUES (new.id, new.content);
END;

-- Entries are immutable through the SPI; this keeps the index right if an admin edits a row by hand.
CREATE TRIGGER archival_fts_after_update AFTER UPDATE ON archival BEGIN
    INSERT INTO archival_fts (archival_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO archival_fts (rowid, content) VALUES (new.id, new.content);
END;

CREATE TRIGGER archival_fts_after_delete AFTER DELETE ON archival BEGIN
    INSERT INTO archival_fts (archival_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
