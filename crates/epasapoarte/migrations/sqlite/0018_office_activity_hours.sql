-- An office's hours for its other activities (issue 12 item 9, seed 004's layout):
-- "Eliberări pașapoarte, eliberări adeverințe" (pickup) and "Relații cu publicul"
-- (public relations), one interval per weekday (ISO 1 = Monday … 7 = Sunday); a weekday
-- without a row is closed for that activity. An office with no row at all for an
-- activity shows its application hours for it (the usual case in the seed).
CREATE TABLE office_activity_hours (
    office_id INTEGER NOT NULL REFERENCES offices (id),
    activity TEXT NOT NULL CHECK (activity IN ('pickup', 'public_relations')),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    PRIMARY KEY (office_id, activity, weekday),
    CONSTRAINT office_activity_hours_in_order CHECK (start_time < end_time)
);
-- Whether the office's manager has set them (then a day without a row is closed even if
-- no day has one).
ALTER TABLE offices ADD COLUMN activity_hours_set INTEGER NOT NULL DEFAULT 0;
