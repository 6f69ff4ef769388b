-- Wars between democracies in the COW Inter-State War data: every dyad-year in which a
-- war began between two states that were both democracies that year, once for each
-- democracy measure the build holds (as in exceptions_between_democracies.sql), with
-- the war's COW number, name and battle deaths. fought is true for a war the two fought
-- each other (dyad_years.war_onset), false for one in which they were only nominal
-- co-belligerents, on opposite sides without a dispute between them reaching use of
-- force (nominal_war_onset): those are listed apart and not counted as wars. Each state's
-- polity2 that year stands beside the previous year's, with a regime change marked.
-- Needs the war columns of dyad_years.
WITH measured AS (
    UNPIVOT (
        SELECT
            ccode1,
            ccode2,
            year,
            war_onset AS fought,
            CASE WHEN war_onset THEN war_number ELSE nominal_war_number END AS war_number,
            joint_democracy AS polity_joint_democracy,
            COLUMNS('^joint_democracy(_bmr)?$')
        FROM dyad_years
        WHERE war_onset OR nominal_war_onset
    )
    ON COLUMNS('^joint_democracy(_bmr)?$')
    INTO NAME measure VALUE jointly_democratic
),

wars AS (
    SELECT
        war_number,
        any_value(war_name) AS war_name,
        cast(sum(battle_deaths) AS BIGINT) AS war_battle_deaths
    FROM stg_interstate_wars
    GROUP BY war_number
)

SELECT
    measured.measure,
    measured.ccode1,
    measured.ccode2,
    measured.year,
    measured.fought,
    state_1.statenme AS state_1,
    state_2.statenme AS state_2,
    measured.war_number,
    wars.war_name,
    wars.war_battle_deaths,
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
JOIN wars ON wars.war_number = measured.war_number
WHERE measured.jointly_democratic
ORDER BY measured.measure, measured.year, measured.ccode1, measured.ccode2;
