-- One row per committed revision of a block, keyed by address (not by blocks.id) so the history of
-- an address survives a soft delete until the memory bundle clears it.
CREATE TABLE block_history (
    scope    TEXT    NOT NULL,
    label    TEXT    NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    op_kind  TEXT    NOT NULL,
    author   TEXT    NOT NULL,
    at       TEXT    NOT NULL,
    content  TEXT    NOT NULL,
    PRIMARY KEY (scope, label, revision)
) WITHOUT ROWID;
