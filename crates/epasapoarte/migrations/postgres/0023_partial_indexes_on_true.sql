-- SQLite's partial indexes are rebuilt on `= true` in its 0023 (its planner matches the
-- condition term for term). PostgreSQL's planner proves `holds = true` implies `holds`,
-- so its indexes already serve those queries: nothing to change; the number is kept in
-- step with SQLite's.
SELECT 1;
