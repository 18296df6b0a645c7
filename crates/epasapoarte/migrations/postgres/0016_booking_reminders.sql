-- The reminder e-mail two days before an appointment (issue 12 item 10,
-- `EPAS_REMINDER_BEFORE_SECS`): when it was queued, so each booking gets one, however
-- many instances run the job.
ALTER TABLE bookings ADD COLUMN reminded_at BIGINT;
