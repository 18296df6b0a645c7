-- Applications keep personal data only for a while (issue 12, SPEC §7): N days after an
-- application ends (handed over, shipped or rejected; `EPAS_APPLICATION_RETENTION_DAYS`,
-- default 365) the housekeeping job empties its CNP, names, e-mail and courier address
-- and sets `purged_at`. The row stays, anonymous, for the counts and the public status.
ALTER TABLE applications ADD COLUMN purged_at BIGINT;
CREATE INDEX applications_ended_unpurged ON applications (updated_at)
    WHERE purged_at IS NULL AND status IN ('handed_over', 'shipped', 'rejected');
