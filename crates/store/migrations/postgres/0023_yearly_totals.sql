-- Total population per region and year, kept in step with the population cells by their one
-- writer (`store::demography::replace_population`, in the import's transaction). The planner's
-- overview shows each region's latest total: a profile of the loaded server showed every view
-- adding up all population cells (5,656 on the demo, about 200 per region and year, growing with
-- the villages and years imported). Derived: not archived, rebuilt by the archive import.
CREATE TABLE demography_yearly_totals (
    region_id BIGINT NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    total BIGINT NOT NULL,
    PRIMARY KEY (region_id, year)
);
INSERT INTO demography_yearly_totals (region_id, year, total)
SELECT region_id, year, SUM(count) FROM demography_population GROUP BY region_id, year;
