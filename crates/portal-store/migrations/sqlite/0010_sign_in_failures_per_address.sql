-- Failed sign-ins are counted, and a name locked, per user name and client
-- address: a stranger's failures lock the stranger's address out of that
-- name, never the owner's (issue #13). The old per-name counts are dropped;
-- a lock in force at the upgrade ends with it.
DROP TABLE staff_sign_in_failures;
CREATE TABLE staff_sign_in_failures (
    username TEXT NOT NULL,
    -- The client's address (IPv6: its /64 network), as text.
    client TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_failure_at TEXT NOT NULL,
    locked_until TEXT,
    PRIMARY KEY (username, client)
);
