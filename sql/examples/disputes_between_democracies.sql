-- The exceptions: every dyad-year in which two democracies (both Polity2 >= 6) began a
-- militarized dispute with each other, with their Polity2 scores and how far the
-- dispute(s) begun that year escalated (MID hostility level 1-5).
SELECT
    dyad.year,
    state_1.statenme AS state_1,
    state_2.statenme AS state_2,
    dyad.polity2_1,
    dyad.polity2_2,
    dyad.mid_onset_count AS disputes_begun,
    CASE dyad.onset_hostlev_max
        WHEN 1 THEN 'no militarized action'
        WHEN 2 THEN 'threat to use force'
        WHEN 3 THEN 'display of force'
        WHEN 4 THEN 'use of force'
        WHEN 5 THEN 'war'
    END AS highest_hostility
FROM dyad_years AS dyad
JOIN state_years AS state_1 ON state_1.ccode = dyad.ccode1 AND state_1.year = dyad.year
JOIN state_years AS state_2 ON state_2.ccode = dyad.ccode2 AND state_2.year = dyad.year
WHERE dyad.mid_onset AND dyad.joint_democracy
ORDER BY dyad.year, dyad.ccode1, dyad.ccode2;
