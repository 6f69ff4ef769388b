-- Dispute onsets per 1,000 dyad-years by decade, for jointly democratic dyads and the
-- rest, over the years the MID data cover. Dyad-years of unknown democracy status are left out.
SELECT
    (year // 10) * 10 AS decade,
    joint_democracy,
    count(*) AS dyad_years,
    count(*) FILTER (WHERE mid_onset) AS onsets,
    1000.0 * count(*) FILTER (WHERE mid_onset) / count(*) AS onsets_per_1000
FROM dyad_years
WHERE mid_onset IS NOT NULL
  AND joint_democracy IS NOT NULL
GROUP BY decade, joint_democracy
ORDER BY decade, joint_democracy;
