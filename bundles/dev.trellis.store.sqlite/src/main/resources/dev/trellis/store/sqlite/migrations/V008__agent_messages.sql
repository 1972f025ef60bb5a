-- Agents' conversation history, turn log, compaction summaries and the persisted input queue.

-- One row per message as it was sent to the model. content_json is the agent runtime's own JSON of
-- the message parts (opaque to the store); text is what full-text search indexes (inputs and answers,
-- not memory snapshots or tool output). scope is the memory scope searches find the message in.
-- archived = 1 once compaction took it out of the active history; it stays searchable.
CREATE TABLE agent_messages (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id     TEXT    NOT NULL,
    turn_id      TEXT    NOT NULL,
    seq          INTEGER NOT NULL CHECK (seq >= 0),
    role         TEXT    NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
    author       TEXT,
    scope        TEXT    NOT NULL,
    content_json TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    UNIQUE (turn_id, seq)
);

CREATE INDEX agent_messages_active ON agent_messages (agent_id, archived, id);
CREATE INDEX agent_messages_scope ON agent_messages (scope);

CREATE VIRTUAL TABLE agent_messages_fts USING fts5 (
    text,
    content = 'agent_messages', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER agent_messages_fts_after_insert AFTER INSERT ON agent_messages BEGIN
    INSERT INTO agent_messages_fts (rowid, text) VALUES (new.id, new.text);
END;

-- archiving changes only the flag: the index is touched only when the text itself changes
CREATE TRIGGER agent_messages_fts_after_update AFTER UPDATE OF text ON agent_messages BEGIN
    INSERT INTO agent_messages_fts (agent_messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO agent_messages_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER agent_messages_fts_after_delete AFTER DELETE ON agent_messages BEGIN
    INSERT INTO agent_messages_fts (agent_messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- The turn log: one row per finished turn, with token and prompt-cache figures summed over its
-- model calls. stop_reason is set for turns that ended normally, failure for the others.
CREATE TABLE agent_turns (
    turn_id               TEXT    PRIMARY KEY,
    agent_id              TEXT    NOT NULL,
    author                TEXT    NOT NULL,
    input                 TEXT    NOT NULL,
    started_at            TEXT    NOT NULL,
    ended_at              TEXT    NOT NULL,
    stop_reason           TEXT,
    failure               TEXT,
    model_calls           INTEGER NOT NULL CHECK (model_calls >= 0),
    input_tokens          INTEGER NOT NULL CHECK (input_tokens >= 0),
    output_tokens         INTEGER NOT NULL CHECK (output_tokens >= 0),
    cache_read_tokens     INTEGER NOT NULL CHECK (cache_read_tokens >= 0),
    cache_creation_tokens INTEGER NOT NULL CHECK (cache_creation_tokens >= 0)
) WITHOUT ROWID;

CREATE INDEX agent_turns_agent ON agent_turns (agent_id, started_at);

-- Summaries written by compaction (recursive summarisation): each folds in its predecessor.
CREATE TABLE agent_summaries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id         TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    depth            INTEGER NOT NULL CHECK (depth >= 1),
    previous_id      INTEGER REFERENCES agent_summaries (id),
    first_message_id INTEGER NOT NULL,
    last_message_id  INTEGER NOT NULL,
    message_count    INTEGER NOT NULL CHECK (message_count >= 0),
    created_at       TEXT    NOT NULL
);

CREATE INDEX agent_summaries_agent ON agent_summaries (agent_id, id);

-- Inputs waiting for an agent's turn; a row leaves in the transaction that stores its turn.
CREATE TABLE agent_queue (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id  TEXT NOT NULL,
    turn_id   TEXT NOT NULL UNIQUE,
    author    TEXT NOT NULL,
    body      TEXT NOT NULL,
    queued_at TEXT NOT NULL
);

CREATE INDEX agent_queue_agent ON agent_queue (agent_id, id);
