-- The exceptions: every dyad-year in which two democracies began a militarized dispute
-- with each other, once for each democracy measure the build holds (joint_democracy:
-- both Polity2 >= the threshold; joint_democracy_bmr: both Boix-Miller-Rosato democracies,
-- when the build has it), with the pair's names, the MID numbers of the disputes that
-- began for the pair that year, the pair's own highest hostility and fatality that year
-- (dyad_years), and the highest hostility of the disputes as a whole (all participants).
-- polity_joint_democracy is the Polity measure's view of the same dyad-year, so that a
-- reader sees which exceptions only a second measure finds (Polity NULL).
WITH measured AS (
    UNPIVOT (
        SELECT
            ccode1,
            ccode2,
            year,
            mid_onset,
            onset_hostlev_max,
            fatal_onset,
            joint_democracy AS polity_joint_democracy,
            COLUMNS('^joint_democracy(_bmr)?$')
        FROM dyad_years
        WHERE mid_onset
    )
    ON COLUMNS('^joint_democracy(_bmr)?$')
    INTO NAME measure VALUE jointly_democratic
),

disputes AS (
    SELECT
        pair.ccode1,
        pair.ccode2,
        pair.onset_year AS year,
        string_agg(cast(pair.dispnum AS VARCHAR), ', ' ORDER BY pair.dispnum) AS dispute_numbers,
        count(DISTINCT pair.dispnum) AS disputes_begun,
        list(pair.dispnum ORDER BY pair.dispnum) AS dispute_list,
        max(dispute.hostlev) AS dispute_hostlev_max
    FROM int_dispute_dyads AS pair
    JOIN stg_mid_disputes AS dispute ON dispute.dispnum = pair.dispnum
    WHERE pair.ccode1 < pair.ccode2
    GROUP BY pair.ccode1, pair.ccode2, pair.onset_year
)

SELECT
    measured.measure,
    measured.ccode1,
    measured.ccode2,
    measured.year,
    state_1.statenme AS state_1,
    state_2.statenme AS state_2,
    disputes.dispute_numbers,
    disputes.dispute_list,
    disputes.disputes_begun,
    measured.onset_hostlev_max AS pair_hostlev,
    measured.fatal_onset AS pair_fatal,
    disputes.dispute_hostlev_max,
    measured.polity_joint_democracy
FROM measured
JOIN state_years AS state_1 ON state_1.ccode = measured.ccode1 AND state_1.year = measured.year
JOIN state_years AS state_2 ON state_2.ccode = measured.ccode2 AND state_2.year = measured.year
LEFT JOIN disputes
    ON disputes.ccode1 = measured.ccode1
   AND disputes.ccode2 = measured.ccode2
   AND disputes.year = measured.year
WHERE measured.jointly_democratic
ORDER BY measured.measure, measured.year, measured.ccode1, measured.ccode2;
