-- Dyad-years with the onset of a war the two fought each other (COW Inter-State War 4.0,
-- dyad_years.war_onset) per 1,000 dyad-years by joint democracy, over the years the war
-- data cover (war_onset is NULL outside them), leaving out the years of a war begun
-- earlier and still going on: the claim as the theory makes it, about war. One row per
-- democracy status, as in onset_rates_by_joint_democracy.sql.
SELECT
    CASE
        WHEN joint_democracy THEN 'jointly_democratic'
        WHEN NOT joint_democracy THEN 'not_jointly_democratic'
        ELSE 'unknown'
    END AS democracy_status,
    count(*) AS dyad_years,
    count(*) FILTER (WHERE war_onset) AS onsets,
    1000.0 * count(*) FILTER (WHERE war_onset) / count(*) AS onsets_per_1000,
    min(year) AS first_year,
    max(year) AS last_year
FROM dyad_years
WHERE war_onset IS NOT NULL
  AND NOT (war_ongoing AND NOT war_onset)
GROUP BY democracy_status
ORDER BY democracy_status;
