-- The 2023 rules (应急管理部令第11号): an entry is listed on one of a closed
-- set of grounds, and ends on a basis (term ended, credit repair, decision
-- revoked, listed in error). Both are slugs of portal_types::blacklist::rules;
-- NULL for entries recorded before they were kept (their free-text reason
-- and removal_reason say why).
ALTER TABLE blacklist_entries ADD COLUMN ground TEXT;
ALTER TABLE blacklist_entries ADD COLUMN removal_basis TEXT;

-- Entries listed before the rules came into force were made on the old
-- 联合惩戒 list (安监总办〔2017〕49号).
UPDATE blacklist_entries SET ground = 'joint_punishment_2017' WHERE listed_on < '2023-10-01';
