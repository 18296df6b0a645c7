-- Staff login limits per account and per (account, address) (issue 12 item 13, issue 13
-- item 5): each failure also notes a keyed hash of the username as typed — whether or not
-- such a user exists — so five failures stop only that account from that address, and an
-- account tried from everywhere slows down instead of locking its owner out. Rows from
-- before this have no subject and count for their address only.
ALTER TABLE staff_login_failures ADD COLUMN subject_hash BLOB;
CREATE INDEX staff_login_failures_by_subject ON staff_login_failures (subject_hash, at);
