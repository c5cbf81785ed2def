-- Each published version of an accident report keeps the rectification
-- assessment in force when it was published (JSON of the assessment, NULL
-- before one was published), so that an earlier version reads as it was and
-- a corrected assessment stays readable in the history.
ALTER TABLE accident_report_versions ADD COLUMN assessment TEXT;

-- Reports published before this migration: their latest version carries the
-- current assessment (earlier assessments were not kept). The trigger that
-- keeps versions unchanged is lifted for this one statement only.
DROP TRIGGER accident_report_versions_kept;
UPDATE accident_report_versions AS v
SET assessment = (
    SELECT json_object('assessed_on', s.assessed_on, 'authority', s.authority,
                       'findings', s.findings, 'conclusion', s.conclusion)
    FROM accident_assessments s WHERE s.report_id = v.report_id)
WHERE v.version = (SELECT max(w.version) FROM accident_report_versions w
                   WHERE w.report_id = v.report_id);
CREATE TRIGGER accident_report_versions_kept BEFORE UPDATE ON accident_report_versions
BEGIN SELECT RAISE(ABORT, 'published versions of accident reports are never changed'); END;
