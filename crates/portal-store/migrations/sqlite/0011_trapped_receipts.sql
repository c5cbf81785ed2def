-- Receipts given to reports that filled the field people never see (a
-- bot's): the report itself is not kept, but its receipt answers the public
-- reads (Open311, the status look-up) as a newly received report would, so
-- that a bot cannot tell it was caught (issue #13).
CREATE TABLE trapped_receipts (
    reference TEXT PRIMARY KEY,
    code_hash BLOB NOT NULL,
    category TEXT NOT NULL,
    district TEXT NOT NULL,
    received_at TEXT NOT NULL,
    handle_by TEXT NOT NULL,
    photos INTEGER NOT NULL
);
