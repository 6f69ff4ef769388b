-- Which pairs of states began the most militarized disputes with each other? The 20 dyads
-- with the most dispute onsets, with the years of their first and last, named by each
-- state's latest COW name.
WITH state_names AS (
    SELECT ccode, arg_max(statenme, year) AS state_name
    FROM state_years
    GROUP BY ccode
)
SELECT
    dyad.ccode1,
    dyad.ccode2,
    name_1.state_name AS state_1,
    name_2.state_name AS state_2,
    sum(dyad.mid_onset_count) AS disputes,
    min(dyad.year) FILTER (WHERE dyad.mid_onset) AS first_dispute,
    max(dyad.year) FILTER (WHERE dyad.mid_onset) AS last_dispute
FROM dyad_years AS dyad
JOIN state_names AS name_1 ON name_1.ccode = dyad.ccode1
JOIN state_names AS name_2 ON name_2.ccode = dyad.ccode2
GROUP BY dyad.ccode1, dyad.ccode2, name_1.state_name, name_2.state_name
HAVING sum(dyad.mid_onset_count) > 0
ORDER BY disputes DESC, dyad.ccode1 ASC, dyad.ccode2 ASC
LIMIT 20;
