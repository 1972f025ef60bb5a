-- Block text is indexed in chunks instead of whole: with one index row per block, every append
-- deleted and re-inserted the whole text in blocks_fts (quadratic in the block size). Chunks are
-- cut append-stably by the store (BlockChunks.java): an append rewrites only the last chunk and
-- adds new ones. The chunk rows are written by the store in the same statement sequence (and so the
-- same transaction) as the block row; the triggers below keep the FTS index in step with the chunks.

DROP TRIGGER blocks_fts_after_insert;
DROP TRIGGER blocks_fts_after_update;
DROP TRIGGER blocks_fts_after_delete;
DROP TABLE blocks_fts;
DROP VIEW blocks_live;

-- Chunks of live blocks only: a soft delete removes them (trigger below). label and description
-- are repeated in every chunk so that label/description terms combine with content terms of any
-- chunk in one query; the column is named content so 'content:word' filters keep working.
CREATE TABLE block_chunks (
    id          INTEGER PRIMARY KEY,
    block_id    INTEGER NOT NULL REFERENCES blocks (id) ON DELETE CASCADE,
    chunk_no    INTEGER NOT NULL CHECK (chunk_no >= 0),
    label       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    UNIQUE (block_id, chunk_no)
);

CREATE VIRTUAL TABLE block_chunks_fts USING fts5 (
    label, description, content,
    content = 'block_chunks', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER block_chunks_fts_after_insert AFTER INSERT ON block_chunks BEGIN
    INSERT INTO block_chunks_fts (rowid, label, description, content)
    VALUES (new.id, new.label, new.description, new.content);
END;

CREATE TRIGGER block_chunks_fts_after_update AFTER UPDATE ON block_chunks BEGIN
    INSERT INTO block_chunks_fts (block_chunks_fts, rowid, label, description, content)
    VALUES ('delete', old.id, old.label, old.description, old.content);
    INSERT INTO block_chunks_fts (rowid, label, description, content)
    VALUES (new.id, new.label, new.description, new.content);
END;

CREATE TRIGGER block_chunks_fts_after_delete AFTER DELETE ON block_chunks BEGIN
    INSERT INTO block_chunks_fts (block_chunks_fts, rowid, label, description, content)
    VALUES ('delete', old.id, old.label, old.description, old.content);
END;

-- A soft delete takes the block out of the index (a hard delete cascades).
CREATE TRIGGER blocks_soft_delete_chunks AFTER UPDATE OF deleted ON blocks WHEN new.deleted = 1 BEGIN
    DELETE FROM block_chunks WHERE block_id = new.id;
END;

-- The chunks of existing live blocks are written by the store's Java step of this migration
-- (Migrations: BlockChunks.rebuildAll), in the same transaction as this script.
