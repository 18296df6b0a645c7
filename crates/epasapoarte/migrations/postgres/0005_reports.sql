-- Reports (SPEC §3): the lead time to the first free slot for one person, sampled per
-- office and UTC hour by the background job (an upsert, so several instances agree).
-- `days` NULL = no free seat within the booking horizon at that sampling.
CREATE TABLE lead_time_samples (
    office_id BIGINT NOT NULL REFERENCES offices (id),
    hour BIGINT NOT NULL,
    sampled_at BIGINT NOT NULL,
    date TEXT NOT NULL,
    days BIGINT CHECK (days >= 0),
    PRIMARY KEY (office_id, hour)
);
CREATE INDEX lead_time_samples_by_date ON lead_time_samples (office_id, date);
