-- Wars between democracies in the COW Inter-State War data: every dyad-year in which a
-- war began between two states that were both democracies that year, once for each
-- democracy measure the build holds (as in exceptions_between_democracies.sql), with
-- the war's COW number, name and battle deaths. Needs the war columns of dyad_years.
WITH measured AS (
    UNPIVOT (
        SELECT
            ccode1,
            ccode2,
            year,
            war_number,
            war_name,
            war_battle_deaths,
            joint_democracy AS polity_joint_democracy,
            COLUMNS('^joint_democracy(_bmr)?$')
        FROM dyad_years
        WHERE war_onset
    )
    ON COLUMNS('^joint_democracy(_bmr)?$')
    INTO NAME measure VALUE jointly_democratic
)

SELECT
    measured.measure,
    measured.ccode1,
    measured.ccode2,
    measured.year,
    state_1.statenme AS state_1,
    state_2.statenme AS state_2,
    measured.war_number,
    measured.war_name,
    measured.war_battle_deaths,
    measured.polity_joint_democracy
FROM measured
JOIN state_years AS state_1 ON state_1.ccode = measured.ccode1 AND state_1.year = measured.year
JOIN state_years AS state_2 ON state_2.ccode = measured.ccode2 AND state_2.year = measured.year
WHERE measured.jointly_democratic
ORDER BY measured.measure, measured.year, measured.ccode1, measured.ccode2;
