-- Corrections made to published penalty decisions: the public record keeps
-- its history. `changes` is a JSON array of {"field", "before", "after"}.
CREATE TABLE penalty_decision_amendments (
    decision_id INTEGER NOT NULL REFERENCES penalty_decisions (id),
    version     INTEGER NOT NULL CHECK (version >= 2),
    amended_at  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    changes     TEXT NOT NULL,
    PRIMARY KEY (decision_id, version)
) STRICT;
