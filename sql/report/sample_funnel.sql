-- The sample funnel before any model: all dyad-years, those the MID data cover, and
-- those left after dropping the years a dispute begun earlier was still going on
-- (mid_ongoing without a new onset), as the models do when they drop ongoing years.
SELECT
    count(*) AS all_dyad_years,
    min(year) AS first_year,
    max(year) AS last_year,
    count(mid_onset) AS with_mid_coverage,
    min(year) FILTER (WHERE mid_onset IS NOT NULL) AS coverage_first_year,
    max(year) FILTER (WHERE mid_onset IS NOT NULL) AS coverage_last_year,
    count(*) FILTER (WHERE mid_ongoing AND NOT mid_onset) AS continuing_dispute_years,
    count(*) FILTER (
        WHERE mid_onset IS NOT NULL AND NOT (mid_ongoing AND NOT mid_onset)
    ) AS without_continuing_disputes,
    count(*) FILTER (
        WHERE mid_onset IS NOT NULL
          AND NOT (mid_ongoing AND NOT mid_onset)
          AND joint_democracy IS NOT NULL
    ) AS with_known_democracy
FROM dyad_years;
