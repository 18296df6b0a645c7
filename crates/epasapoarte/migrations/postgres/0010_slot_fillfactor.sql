-- Every booking, cancellation and expiry rewrites its slot's row (`taken`). With full
-- pages PostgreSQL must put the new row version on another page and update every index
-- of the table; with room left on the page it makes a heap-only (HOT) update that
-- touches no index. 70% leaves room for a few versions between vacuums.
-- (Pages written before this migration keep their old fill until rewritten.)
ALTER TABLE slots SET (fillfactor = 70);
