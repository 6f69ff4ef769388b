-- The dispute onsets the models lose for want of a Polity score: dyad-years with an onset
-- in which joint democracy is unknown (either state has no Polity2), with the pair's names,
-- which of them lacks the score, the disputes' MID numbers and the pair's highest hostility.
WITH disputes AS (
    SELECT
        ccode1,
        ccode2,
        onset_year AS year,
        string_agg(cast(dispnum AS VARCHAR), ', ' ORDER BY dispnum) AS dispute_numbers
    FROM int_dispute_dyads
    WHERE ccode1 < ccode2
    GROUP BY ccode1, ccode2, onset_year
)

SELECT
    dyad.ccode1,
    dyad.ccode2,
    dyad.year,
    state_1.statenme AS state_1,
    state_2.statenme AS state_2,
    dyad.polity2_1 IS NULL AS missing_1,
    dyad.polity2_2 IS NULL AS missing_2,
    disputes.dispute_numbers,
    dyad.onset_hostlev_max AS pair_hostlev,
    dyad.fatal_onset AS pair_fatal
FROM dyad_years AS dyad
JOIN state_years AS state_1 ON state_1.ccode = dyad.ccode1 AND state_1.year = dyad.year
JOIN state_years AS state_2 ON state_2.ccode = dyad.ccode2 AND state_2.year = dyad.year
LEFT JOIN disputes
    ON disputes.ccode1 = dyad.ccode1
   AND disputes.ccode2 = dyad.ccode2
   AND disputes.year = dyad.year
WHERE dyad.mid_onset
  AND dyad.joint_democracy IS NULL
ORDER BY dyad.year, dyad.ccode1, dyad.ccode2;
