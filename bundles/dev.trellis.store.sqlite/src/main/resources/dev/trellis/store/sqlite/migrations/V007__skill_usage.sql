-- Usage statistics of skills (reference §4 skill_usage_stats), keyed by the skill block's address.
-- Outside the block on purpose: loading a skill never changes its content, revision or file, so a
-- skill file stays byte-for-byte the same after any number of loads. Rows are not deleted with the
-- block: a skill that comes back (plugin reinstalled, file restored) keeps its count.
CREATE TABLE skill_usage (
    scope        TEXT    NOT NULL,
    label        TEXT    NOT NULL,
    use_count    INTEGER NOT NULL CHECK (use_count >= 1),
    last_used    TEXT    NOT NULL,
    last_used_by TEXT    NOT NULL CHECK (length(last_used_by) > 0),
    PRIMARY KEY (scope, label)
) WITHOUT ROWID;
