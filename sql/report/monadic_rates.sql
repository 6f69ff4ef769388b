-- Are democracies less likely to fight anyone? Dispute involvement, initiation and war
-- entry per 100 state-years, democracies against the rest, once for each state-level
-- democracy measure the build holds: polity_democracy (Polity2 >= the build's threshold)
-- and bmr_democracy (Boix-Miller-Rosato), when present. State-years of unknown democracy
-- status, and years the MID data do not cover, are left out; war entry counts only the
-- years the war data cover (war_entered not NULL).
WITH scored AS (
    SELECT
        state.*,
        state.polity2 >= cast(setting.value AS INTEGER) AS polity_democracy
    FROM state_years AS state
    CROSS JOIN analysis_settings AS setting
    WHERE setting.setting = 'joint_democracy_threshold'
      AND state.mid_entered IS NOT NULL
),

measured AS (
    UNPIVOT (
        SELECT
            ccode,
            year,
            mid_entered,
            mid_initiated,
            war_entered,
            COLUMNS('^(polity_democracy|bmr_democracy)$')
        FROM scored
    )
    ON COLUMNS('^(polity_democracy|bmr_democracy)$')
    INTO NAME measure VALUE is_democracy
)

SELECT
    measure,
    is_democracy,
    count(*) AS state_years,
    min(year) AS first_year,
    max(year) AS last_year,
    sum(mid_entered) AS disputes_entered,
    count(*) FILTER (WHERE mid_entered > 0) AS years_with_entry,
    sum(mid_initiated) AS disputes_initiated,
    count(*) FILTER (WHERE mid_initiated > 0) AS years_with_initiation,
    count(war_entered) AS war_covered_years,
    sum(war_entered) AS wars_entered,
    count(*) FILTER (WHERE war_entered > 0) AS years_with_war_entry
FROM measured
GROUP BY measure, is_democracy
ORDER BY measure ASC, is_democracy DESC;
