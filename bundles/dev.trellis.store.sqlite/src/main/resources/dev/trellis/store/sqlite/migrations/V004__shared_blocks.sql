-- Blocks attached to agents that do not own their scope. Keyed by the block row (not the address):
-- a soft-deleted block keeps its rows but the store only returns attachments of live rows, and a
-- block created later at the same address is a new row that starts with no attachments. A hard
-- delete of a block row (admin purge) takes its attachments with it.
CREATE TABLE shared_blocks (
    block_id    INTEGER NOT NULL REFERENCES blocks (id) ON DELETE CASCADE,
    agent_id    TEXT    NOT NULL CHECK (length(agent_id) > 0),
    permission  TEXT    NOT NULL,
    attached_at TEXT    NOT NULL,
    PRIMARY KEY (block_id, agent_id)
) WITHOUT ROWID;

-- "what is shared with agent x"
CREATE INDEX shared_blocks_agent ON shared_blocks (agent_id, block_id);
