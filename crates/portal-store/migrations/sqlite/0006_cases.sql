-- Case handling: the decision a report led to and how its reward was set.
ALTER TABLE reports ADD COLUMN decision_id INTEGER REFERENCES penalty_decisions (id);
ALTER TABLE reports ADD COLUMN reward_basis TEXT;
ALTER TABLE reports ADD COLUMN reward_override_reason TEXT;
CREATE INDEX reports_status ON reports (status, received_on);
