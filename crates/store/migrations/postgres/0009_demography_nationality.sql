-- Demography by nationality: flows carry a nationality like the population (free lowercase
-- text, '' = not distinguished; for births the mother's), the new flow kind `acquisition`
-- (naturalisations of foreign nationals) needs no schema change; assumption values may name
-- a nationality; pyramids keep their foreign part. Mirrors sqlite/0009_demography_nationality.sql.

ALTER TABLE demography_flows ADD COLUMN nationality TEXT NOT NULL DEFAULT '';
ALTER TABLE demography_flows DROP CONSTRAINT demography_flows_region_id_year_kind_age_sex_key;
ALTER TABLE demography_flows
    ADD CONSTRAINT demography_flows_cell UNIQUE (region_id, year, kind, age, sex, nationality);

ALTER TABLE demography_assumptions ADD COLUMN nationality TEXT NOT NULL DEFAULT '';

-- Foreign nationals per age (index 0..=100) and sex; NULL for regions without nationality.
ALTER TABLE demography_pyramids ADD COLUMN foreign_male_json TEXT;
ALTER TABLE demography_pyramids ADD COLUMN foreign_female_json TEXT;
