-- How often does a militarized dispute begin between two democracies, compared with other
-- pairs of states? One row per kind of dyad: its dyad-years, the dyad-years in which a
-- dispute began, and that rate per 1,000 dyad-years. Left out: years MID does not cover
-- (mid_onset is NULL) and dyad-years with a Polity score missing (joint_democracy is NULL).
SELECT
    CASE WHEN joint_democracy THEN 'both democracies' ELSE 'not both democracies' END AS dyad_kind,
    count(*) AS dyad_years,
    count(*) FILTER (WHERE mid_onset) AS onset_years,
    round(1000.0 * count(*) FILTER (WHERE mid_onset) / count(*), 3) AS onsets_per_1000_dyad_years
FROM dyad_years
WHERE mid_onset IS NOT NULL
  AND joint_democracy IS NOT NULL
GROUP BY joint_democracy
ORDER BY joint_democracy DESC;
