-- Has the democratic peace held in every era? Dispute onsets per 1,000 dyad-years for
-- jointly democratic dyads and for the rest, before the First World War, across the
-- world wars, in the Cold War and after it (to 2014, where MID ends).
WITH eras AS (
    SELECT
        CASE
            WHEN year <= 1913 THEN '1816-1913'
            WHEN year <= 1945 THEN '1914-1945'
            WHEN year <= 1989 THEN '1946-1989'
            ELSE '1990-2014'
        END AS era,
        joint_democracy,
        mid_onset
    FROM dyad_years
    WHERE mid_onset IS NOT NULL
      AND joint_democracy IS NOT NULL
)
SELECT
    era,
    count(*) FILTER (WHERE joint_democracy) AS democratic_dyad_years,
    round(1000.0 * count(*) FILTER (WHERE joint_democracy AND mid_onset)
        / nullif(count(*) FILTER (WHERE joint_democracy), 0), 3) AS democratic_onsets_per_1000,
    count(*) FILTER (WHERE NOT joint_democracy) AS other_dyad_years,
    round(1000.0 * count(*) FILTER (WHERE NOT joint_democracy AND mid_onset)
        / nullif(count(*) FILTER (WHERE NOT joint_democracy), 0), 3) AS other_onsets_per_1000
FROM eras
GROUP BY era
ORDER BY era;
