-- The derived index of task-list blocks (reference 3.4). The block content (JSON) is the truth; the tasks
-- bundle writes these rows from it through the store SPI (TaskIndexStore) inside the block's own write
-- transaction, and can rebuild them from the blocks at any time. Handles are block labels of the list's
-- scope; edges never leave their scope.

-- One row per indexed list: which block revision the rows reflect (a rebuild compares it with the block).
CREATE TABLE task_lists (
    id       INTEGER PRIMARY KEY,
    scope    TEXT    NOT NULL,
    label    TEXT    NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    UNIQUE (scope, label)
);

-- One row per item: what lists, filters and search need (metadata stays in the block). position = place in
-- the list (display order); comments_text = the comment texts, one per line, for full-text search.
CREATE TABLE tasks (
    id             INTEGER PRIMARY KEY,
    list_id        INTEGER NOT NULL REFERENCES task_lists (id) ON DELETE CASCADE,
    scope          TEXT    NOT NULL,
    block_handle   TEXT    NOT NULL,
    task_item_id   TEXT    NOT NULL CHECK (length(task_item_id) = 13),
    position       INTEGER NOT NULL CHECK (position >= 0),
    subject        TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    active_form    TEXT,
    status         TEXT    NOT NULL
                   CHECK (status IN ('pending', 'in-progress', 'blocked', 'completed', 'cancelled')),
    owner_agent_id TEXT,
    comments_text  TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    completed_at   TEXT,
    UNIQUE (scope, block_handle, task_item_id)
);

CREATE INDEX idx_tasks_list ON tasks (list_id, position);
CREATE INDEX idx_tasks_owner ON tasks (scope, owner_agent_id, status);

-- Outgoing edges, stored on the source item only ("source blocks target"); target_item NULL = the whole
-- target list. The unique index maps a block-level target to '<block>', which no 13-character item id
-- can equal, so a block-level edge never collides with an item edge.
CREATE TABLE task_edges (
    scope        TEXT NOT NULL,
    source_block TEXT NOT NULL,
    source_item  TEXT NOT NULL,
    target_block TEXT NOT NULL,
    target_item  TEXT
);

CREATE UNIQUE INDEX idx_task_edges_pk
    ON task_edges (scope, source_block, source_item, target_block, COALESCE(target_item, '<block>'));
CREATE INDEX idx_task_edges_target ON task_edges (scope, target_block, target_item);

-- An item that leaves the index takes its outgoing edges with it (edges pointing at it stay: they are
-- stored on their own source, which may be another list).
CREATE TRIGGER tasks_delete_edges AFTER DELETE ON tasks BEGIN
    DELETE FROM task_edges
    WHERE scope = old.scope AND source_block = old.block_handle AND source_item = old.task_item_id;
END;

CREATE VIRTUAL TABLE tasks_fts USING fts5 (
    subject, description, comments,
    content = 'tasks_fts_source', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The external content FTS5 reads back for 'rebuild' and 'integrity-check' (column names must match).
CREATE VIEW tasks_fts_source AS SELECT id, subject, description, comments_text AS comments FROM tasks;

CREATE TRIGGER tasks_fts_after_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts (rowid, subject, description, comments)
    VALUES (new.id, new.subject, new.description, new.comments_text);
END;

-- Only when indexed text changed: a status or position change leaves the full-text index alone.
CREATE TRIGGER tasks_fts_after_update AFTER UPDATE OF subject, description, comments_text ON tasks
WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description
     OR old.comments_text IS NOT new.comments_text BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, subject, description, comments)
    VALUES ('delete', old.id, old.subject, old.description, old.comments_text);
    INSERT INTO tasks_fts (rowid, subject, description, comments)
    VALUES (new.id, new.subject, new.description, new.comments_text);
END;

CREATE TRIGGER tasks_fts_after_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts (tasks_fts, rowid, subject, description, comments)
    VALUES ('delete', old.id, old.subject, old.description, old.comments_text);
END;
