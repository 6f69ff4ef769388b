-- Dispute onsets per 1,000 dyad-years by joint democracy, over the years the MID data
-- cover (mid_onset is NULL outside them). One row per democracy status: jointly
-- democratic, not jointly democratic, and unknown (a Polity score missing for either state).
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
GROUP BY democracy_status
ORDER BY democracy_status;
