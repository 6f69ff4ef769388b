-- One row per unordered pair of distinct COW member states per year (ccode1 < ccode2)
-- that were both members on at least one common day of the year, 1816 to the end of the
-- membership data: the rows of both dyad-year marts, stored once. dyad_years shows them
-- as they are; dyad_years_directed shows them and their mirror images (ccode2 first, each
-- side's columns swapped), so every column that belongs to one side of the pair comes in
-- a pair, suffixes 1 and 2: sidea1 / sidea2 (on side A of a dispute that began this year)
-- and ccode1_initiated / ccode2_initiated (began a dispute against the other) are here
-- for that alone.
-- A view (sql/schema.yml: materialized: view) of the stored rows int_dyad_year_sources,
-- whose comment says what each source's columns hold; here, in the marts' column order,
-- they come with the measures that follow from a row's own columns: each weak link (the
-- lower score of the two, or the higher threat), joint-democracy verdict and regime pair,
-- the capability ratios, the contiguity and major-power flags, bilateral trade and the
-- logs. A reader computes only the ones it selects.
-- The settings are joined (one row), not read in a subquery at each use: DuckDB computes a
-- CTE read in several places once before the query, and then every column of the view,
-- whichever ones a reader selects.
with settings as (
    select
        max(case when setting = 'joint_democracy_threshold' then cast(value as integer) end)
                                                                          as joint_democracy_threshold,
        max(case when setting = 'polyarchy_democracy_threshold' then cast(value as double) end)
                                                                          as polyarchy_threshold,
        max(case when setting = 'uds_democracy_threshold' then cast(value as double) end)
                                                                          as uds_threshold
    from analysis_settings
)
select
    ccode1,
    ccode2,
    year,
    mid_ongoing,
    mid_onset,
    mid_onset_count,
    mid_ongoing_count,
    hostlev_max,
    onset_hostlev_max,
    force_onset,
    fatal_onset,
    orig1,
    orig2,
    sidea1,
    sidea2,
    originator_onset,
    ccode1_initiated,
    ccode2_initiated,
    year_hostlev_max,
    year_fatal,
    gml_ongoing,
    gml_onset,
    gml_onset_count,
    gml_ongoing_count,
    gml_hostlev_max,
    gml_onset_hostlev_max,
    gml_force_onset,
    gml_fatal_onset,
    gml_orig1,
    gml_orig2,
    gml_originator_onset,
    war_onset,
    war_ongoing,
    war_number,
    war_name,
    war_battle_deaths,
    nominal_war_onset,
    nominal_war_number,
    peace_years,
    peace_years_sq,
    peace_years_cu,
    peace_years_since_onset,
    peace_years_calendar,
    gml_peace_years,
    gml_peace_years_sq,
    gml_peace_years_cu,
    polity2_1,
    polity2_2,
    -- DuckDB's least() and greatest() skip NULLs; a pair with one score missing has no
    -- weak link, so these are NULL unless both scores (or capabilities) are known.
    case when polity2_1 is not null and polity2_2 is not null
         then least(polity2_1, polity2_2) end                         as polity2_low,
    case when polity2_1 is not null and polity2_2 is not null
         then greatest(polity2_1, polity2_2) end                      as polity2_high,
    case when polity2_1 is not null and polity2_2 is not null
         then least(polity2_1, polity2_2) >= settings.joint_democracy_threshold
    end                                                               as joint_democracy,
    bmr_democracy_1,
    bmr_democracy_2,
    -- SQL's AND is false when one side is false and the other NULL; a pair with one state
    -- unscored has no verdict.
    case when bmr_democracy_1 is not null and bmr_democracy_2 is not null
         then bmr_democracy_1 and bmr_democracy_2 end                 as joint_democracy_bmr,
    -- The other measures, each with its weak link (the lower score) and, where a stated
    -- cut-point makes one, its joint-democracy verdict (analysis_settings); NULL unless
    -- both states are scored.
    v2x_polyarchy_1,
    v2x_polyarchy_2,
    case when v2x_polyarchy_1 is not null and v2x_polyarchy_2 is not null
         then least(v2x_polyarchy_1, v2x_polyarchy_2) end             as v2x_polyarchy_low,
    case when v2x_polyarchy_1 is not null and v2x_polyarchy_2 is not null
         then least(v2x_polyarchy_1, v2x_polyarchy_2) >= settings.polyarchy_threshold
    end                                                               as joint_democracy_vdem,
    euds_1,
    euds_2,
    case when euds_1 is not null and euds_2 is not null
         then least(euds_1, euds_2) end                               as euds_low,
    aeuds_1,
    aeuds_2,
    case when aeuds_1 is not null and aeuds_2 is not null
         then least(aeuds_1, aeuds_2) > settings.uds_threshold
    end                                                               as joint_democracy_uds,
    xm_qudsest_1,
    xm_qudsest_2,
    case when xm_qudsest_1 is not null and xm_qudsest_2 is not null
         then least(xm_qudsest_1, xm_qudsest_2) end                   as xm_qudsest_low,
    -- The same forms from each state's score of the year before, made where the lagged
    -- scores are at hand (int_dyad_year_sources).
    polity2_lag_low,
    joint_democracy_lag,
    joint_democracy_bmr_lag,
    v2x_polyarchy_lag_low,
    joint_democracy_vdem_lag,
    euds_lag_low,
    joint_democracy_uds_lag,
    xm_qudsest_lag_low,
    -- Regime pairs by each dichotomy: 'both democracies', 'mixed' (one democracy) or
    -- 'both autocracies' (neither a democracy by that measure); NULL unless both are scored.
    case
        when polity2_1 is null or polity2_2 is null then null
        when least(polity2_1, polity2_2) >= settings.joint_democracy_threshold
            then 'both democracies'
        when greatest(polity2_1, polity2_2) >= settings.joint_democracy_threshold
            then 'mixed'
        else 'both autocracies'
    end                                                               as regime_pair,
    case
        when polity2_1 is null or polity2_2 is null then null
        else least(polity2_1, polity2_2) < settings.joint_democracy_threshold
         and greatest(polity2_1, polity2_2) >= settings.joint_democracy_threshold
    end                                                               as mixed_regimes,
    case
        when polity2_1 is null or polity2_2 is null then null
        else greatest(polity2_1, polity2_2) < settings.joint_democracy_threshold
    end                                                               as joint_autocracy,
    case
        when bmr_democracy_1 is null or bmr_democracy_2 is null then null
        when bmr_democracy_1 and bmr_democracy_2 then 'both democracies'
        when bmr_democracy_1 or bmr_democracy_2 then 'mixed'
        else 'both autocracies'
    end                                                               as regime_pair_bmr,
    case
        when v2x_polyarchy_1 is null or v2x_polyarchy_2 is null then null
        when least(v2x_polyarchy_1, v2x_polyarchy_2) >= settings.polyarchy_threshold
            then 'both democracies'
        when greatest(v2x_polyarchy_1, v2x_polyarchy_2) >= settings.polyarchy_threshold
            then 'mixed'
        else 'both autocracies'
    end                                                               as regime_pair_vdem,
    case
        when aeuds_1 is null or aeuds_2 is null then null
        when least(aeuds_1, aeuds_2) > settings.uds_threshold then 'both democracies'
        when greatest(aeuds_1, aeuds_2) > settings.uds_threshold then 'mixed'
        else 'both autocracies'
    end                                                               as regime_pair_uds,
    cinc_1,
    cinc_2,
    case when cinc_1 is not null and cinc_2 is not null and least(cinc_1, cinc_2) > 0
         then greatest(cinc_1, cinc_2) / least(cinc_1, cinc_2) end   as cap_ratio,
    case when cinc_1 is not null and cinc_2 is not null and least(cinc_1, cinc_2) > 0
         then ln(greatest(cinc_1, cinc_2) / least(cinc_1, cinc_2)) end as log_cap_ratio,
    case when cinc_1 + cinc_2 > 0
         then least(cinc_1, cinc_2) / (cinc_1 + cinc_2) end          as weaker_share,
    conttype,
    coalesce(conttype <= 4, false)                                    as contiguous,
    capital_distance_km,
    -- ln(1 + km): capdist puts two pairs of capitals at 0 km (Brazzaville and Kinshasa
    -- face each other across the Congo), where ln(km) is undefined.
    ln(1 + capital_distance_km)                                       as log_capital_distance,
    major_power_1,
    major_power_2,
    major_power_1 or major_power_2                                    as any_major_power,
    coalesce(conttype <= 4, false) or major_power_1 or major_power_2  as politically_relevant,
    alliance,
    defense_pact,
    offense_pact,
    neutrality_pact,
    nonaggression_pact,
    consultation_pact,
    joint_ec_eu,
    joint_nato,
    -- Bremer's (1992) land border: conttype 1 only (contiguous also counts water up to 150 miles).
    coalesce(conttype = 1, false)                                     as land_contiguous,
    case when cinc_1 is not null and cinc_2 is not null and greatest(cinc_1, cinc_2) > 0
         then least(cinc_1, cinc_2) / greatest(cinc_1, cinc_2) end   as cinc_proportion,
    trade_flow_1,
    trade_flow_2,
    trade_flow_1 + trade_flow_2                                       as bilateral_trade,
    trade_dependence_1,
    trade_dependence_2,
    trade_dependence_low,
    shared_igos,
    gdppc_1,
    gdppc_2,
    case when gdppc_1 is not null and gdppc_2 is not null
         then least(gdppc_1, gdppc_2) end                             as gdppc_low,
    case when gdppc_1 is not null and gdppc_2 is not null
         then ln(least(gdppc_1, gdppc_2)) end                         as log_gdppc_low,
    terrthreat_1,
    terrthreat_2,
    case when terrthreat_1 is not null and terrthreat_2 is not null
         then greatest(terrthreat_1, terrthreat_2) end                as terrthreat_high,
    td_rivalry,
    tss_rivalry,
    milper_per_capita_1,
    milper_per_capita_2,
    case when milper_per_capita_1 is not null and milper_per_capita_2 is not null
         then least(milper_per_capita_1, milper_per_capita_2) end     as milper_per_capita_low
from int_dyad_year_sources
cross join settings
