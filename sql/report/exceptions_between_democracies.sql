-- The exceptions: every dyad-year in which two democracies began a militarized dispute
-- with each other, or in which the two used force against each other or suffered deaths
-- at each other's hands in a dispute begun earlier (an escalation), once for each
-- democracy measure the build holds (joint_democracy: both Polity2 >= the threshold;
-- joint_democracy_bmr: both Boix-Miller-Rosato democracies, when the build has it).
-- Each row names what happened between the two in that year: pair_hostlev and pair_fatal
-- are the year's own (dyad_years.year_hostlev_max, year_fatal: the incidents dated to the
-- year; before 1992 the dispute's pair level in its onset year), so a dispute that reached
-- war years after it began is a war in the year of the war-level incidents and is judged
-- by the two states' regimes that year. dispute_pair_hostlev is the pair's level over the
-- whole course of the disputes begun that year (onset_hostlev_max); dispute_hostlev_max the
-- disputes' highest level among all participants. Each state's polity2 that year stands
-- beside the previous year's (Polity scores the regime at the year's end), and
-- regime_change_1/2 mark a change of regime during the year.
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
            year_hostlev_max,
            year_fatal,
            joint_democracy AS polity_joint_democracy,
            COLUMNS('^joint_democracy(_bmr)?$')
        FROM dyad_years
        WHERE mid_onset OR year_hostlev_max >= 4 OR year_fatal
    )
    ON COLUMNS('^joint_democracy(_bmr)?$')
    INTO NAME measure VALUE jointly_democratic
),

disputes AS (
    -- The disputes begun by the pair that year; for an escalation, those ongoing.
    SELECT
        measured.measure,
        measured.ccode1,
        measured.ccode2,
        measured.year,
        string_agg(cast(pair.dispnum AS VARCHAR), ', ' ORDER BY pair.dispnum) AS dispute_numbers,
        count(DISTINCT pair.dispnum) AS disputes_listed,
        list(pair.dispnum ORDER BY pair.dispnum) AS dispute_list,
        max(dispute.hostlev) AS dispute_hostlev_max
    FROM measured
    JOIN int_dispute_dyads AS pair
        ON pair.ccode1 = measured.ccode1
       AND pair.ccode2 = measured.ccode2
       AND (
           (measured.mid_onset AND pair.onset_year = measured.year)
           OR (NOT measured.mid_onset AND measured.year BETWEEN pair.onset_year AND pair.end_year)
       )
    JOIN stg_mid_disputes AS dispute ON dispute.dispnum = pair.dispnum
    WHERE measured.jointly_democratic
    GROUP BY measured.measure, measured.ccode1, measured.ccode2, measured.year
)

SELECT
    measured.measure,
    measured.ccode1,
    measured.ccode2,
    measured.year,
    measured.mid_onset AS onset,
    state_1.statenme AS state_1,
    state_2.statenme AS state_2,
    disputes.dispute_numbers,
    disputes.dispute_list,
    disputes.disputes_listed,
    measured.year_hostlev_max AS pair_hostlev,
    measured.year_fatal AS pair_fatal,
    measured.onset_hostlev_max AS dispute_pair_hostlev,
    disputes.dispute_hostlev_max,
    state_1.polity2 AS polity2_1,
    state_2.polity2 AS polity2_2,
    state_1.polity2_lag AS polity2_lag_1,
    state_2.polity2_lag AS polity2_lag_2,
    state_1.regime_change AS regime_change_1,
    state_2.regime_change AS regime_change_2,
    measured.polity_joint_democracy
FROM measured
JOIN state_years AS state_1 ON state_1.ccode = measured.ccode1 AND state_1.year = measured.year
JOIN state_years AS state_2 ON state_2.ccode = measured.ccode2 AND state_2.year = measured.year
LEFT JOIN disputes
    ON disputes.measure = measured.measure
   AND disputes.ccode1 = measured.ccode1
   AND disputes.ccode2 = measured.ccode2
   AND disputes.year = measured.year
WHERE measured.jointly_democratic
ORDER BY measured.measure, measured.year, measured.ccode1, measured.ccode2;
