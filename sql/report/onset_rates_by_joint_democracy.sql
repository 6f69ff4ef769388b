-- Dyad-years with a dispute onset per 1,000 dyad-years by joint democracy, over the years
-- the MID data cover (mid_onset is NULL outside them), on the main model's sample before
-- its controls: the years in which a dispute begun earlier was still going on (and none
-- began) are left out, as the main model leaves them out. One row per democracy status:
-- jointly democratic, not jointly democratic, and unknown (a Polity score missing).
SELECT
    CASE
        WHEN joint_democracy THEN 'jointly_democratic'
        WHEN NOT joint_democracy THEN 'not_jointly_democratic'
        ELSE 'unknown'
    END AS democracy_status,
    count(*) AS dyad_years,
    count(*) FILTER (WHERE mid_onset) AS onsets,
    count(*) FILTER (WHERE NOT mid_onset) AS no_onsets,
    1000.0 * count(*) FILTER (WHERE mid_onset) / count(*) AS onsets_per_1000,
    min(year) AS first_year,
    max(year) AS last_year
FROM dyad_years
WHERE mid_onset IS NOT NULL
  AND NOT (mid_ongoing AND NOT mid_onset)
GROUP BY democracy_status
ORDER BY democracy_status;
