-- Staff accounts, sessions, login throttling and the audit log (issue 5). Filled by the
-- staff work; kept as a numbered step so later migrations can follow.
SELECT 1;
