-- Every dispute that began between two states in a year in which both were members of a
-- security community (ec_eu: the European Communities and Union; nato): one row per
-- community, pair and dispute, with the pair's own hostility level in it (int_dispute_dyads:
-- 1 no militarized action, 2 threat, 3 display of force, 4 use of force, 5 war) and
-- whether either state suffered deaths (NULL when unknown). year is
-- the year the two first faced each other in the dispute; dispute_start is the dispute's
-- own first day (NULL when MID does not know it), which a late joiner's year can follow.
SELECT
    communities.community,
    dyad.year,
    dyad.ccode1,
    state_1.statenme AS state_1,
    dyad.ccode2,
    state_2.statenme AS state_2,
    dispute.dispnum,
    dispute.hostlev,
    CASE dispute.hostlev
        WHEN 1 THEN 'no militarized action'
        WHEN 2 THEN 'threat to use force'
        WHEN 3 THEN 'display of force'
        WHEN 4 THEN 'use of force'
        WHEN 5 THEN 'war'
    END AS hostility,
    dispute.fatal,
    make_date(mid.start_year, mid.start_month, mid.start_day) AS dispute_start
FROM (VALUES ('ec_eu'), ('nato')) AS communities (community)
JOIN dyad_years AS dyad
  ON CASE communities.community WHEN 'ec_eu' THEN dyad.joint_ec_eu ELSE dyad.joint_nato END
JOIN int_dispute_dyads AS dispute
  ON dispute.ccode1 = dyad.ccode1
 AND dispute.ccode2 = dyad.ccode2
 AND dispute.onset_year = dyad.year
JOIN stg_mid_disputes AS mid ON mid.dispnum = dispute.dispnum
JOIN state_years AS state_1 ON state_1.ccode = dyad.ccode1 AND state_1.year = dyad.year
JOIN state_years AS state_2 ON state_2.ccode = dyad.ccode2 AND state_2.year = dyad.year
WHERE dyad.mid_onset
ORDER BY communities.community, dyad.year, dyad.ccode1, dyad.ccode2, dispute.dispnum;
