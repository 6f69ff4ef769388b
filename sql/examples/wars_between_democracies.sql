-- The hardest test: every pair of states that went to war with each other (COW
-- Inter-State War 4.0) when both were democracies at the war's onset for the pair, by each
-- democracy measure the database has (polity: both Polity2 >= 6; bmr: both democracies in
-- Boix-Miller-Rosato 4.0), with the war's name and battle deaths. A pair is listed when any
-- measure calls it jointly democratic.
SELECT
    dyad.year,
    dyad.war_number,
    dyad.war_name,
    state_1.statenme AS state_1,
    state_2.statenme AS state_2,
    dyad.polity2_1,
    dyad.polity2_2,
    dyad.joint_democracy AS democracies_by_polity,
    dyad.joint_democracy_bmr AS democracies_by_bmr,
    dyad.war_battle_deaths
FROM dyad_years AS dyad
JOIN state_years AS state_1 ON state_1.ccode = dyad.ccode1 AND state_1.year = dyad.year
JOIN state_years AS state_2 ON state_2.ccode = dyad.ccode2 AND state_2.year = dyad.year
WHERE dyad.war_onset AND (dyad.joint_democracy OR dyad.joint_democracy_bmr)
ORDER BY dyad.year, dyad.war_number, dyad.ccode1, dyad.ccode2;
