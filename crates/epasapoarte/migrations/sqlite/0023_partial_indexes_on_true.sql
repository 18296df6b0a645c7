-- SQLite uses a partial index only when the query's WHERE holds the index's own condition
-- term for term: the shared SQL says `holds = true` / `active = true` (PostgreSQL's
-- booleans), which does not match `holds = 1` / `active = 1`, so every query on them
-- scanned the whole table (EXPLAIN QUERY PLAN: SCAN booking_persons) — the cool-off and
-- one-booking-per-CNP reads, the lookup by CNP, and the four waitlist statements of
-- every confirmation. The same unique indexes, rebuilt on `= true`.
DROP INDEX booking_persons_one_active_per_cnp;
CREATE UNIQUE INDEX booking_persons_one_active_per_cnp ON booking_persons (cnp_hash) WHERE holds = true;
DROP INDEX draw_entry_persons_one_per_cnp;
CREATE UNIQUE INDEX draw_entry_persons_one_per_cnp ON draw_entry_persons (draw_date, cnp_hash) WHERE active = true;
DROP INDEX waitlist_persons_one_per_cnp;
CREATE UNIQUE INDEX waitlist_persons_one_per_cnp ON waitlist_persons (cnp_hash) WHERE active = true;
