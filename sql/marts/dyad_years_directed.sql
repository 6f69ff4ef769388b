-- One row per ordered pair of distinct COW member states per year (both orders of every
-- pair) that were both members on at least one common day of the year (the panel
-- int_dyad_panel_directed), 1816 to the end of the membership data: the directed unit of
-- analysis.
-- A view (sql/schema.yml: materialized: view): each pair's row is held once, in
-- int_dyad_years (ccode1 < ccode2, stored in int_dyad_year_sources); here it
-- comes as it is and as its mirror image, the ccode2-ccode1 order, in which each
-- ccode1 / ccode2 column (suffixes 1 and 2) takes the other's value. The columns of the
-- pair as a whole (disputes, peace years, weak links, distance, ...) are the same in
-- both orders.
select * exclude (sidea2, ccode2_initiated)
from int_dyad_years
union all
select
    * exclude (sidea2, ccode2_initiated)
    replace (
        ccode2 as ccode1,
        ccode1 as ccode2,
        orig2 as orig1,
        orig1 as orig2,
        sidea2 as sidea1,
        ccode2_initiated as ccode1_initiated,
        gml_orig2 as gml_orig1,
        gml_orig1 as gml_orig2,
        polity2_2 as polity2_1,
        polity2_1 as polity2_2,
        bmr_democracy_2 as bmr_democracy_1,
        bmr_democracy_1 as bmr_democracy_2,
        v2x_polyarchy_2 as v2x_polyarchy_1,
        v2x_polyarchy_1 as v2x_polyarchy_2,
        euds_2 as euds_1,
        euds_1 as euds_2,
        aeuds_2 as aeuds_1,
        aeuds_1 as aeuds_2,
        xm_qudsest_2 as xm_qudsest_1,
        xm_qudsest_1 as xm_qudsest_2,
        cinc_2 as cinc_1,
        cinc_1 as cinc_2,
        major_power_2 as major_power_1,
        major_power_1 as major_power_2,
        trade_flow_2 as trade_flow_1,
        trade_flow_1 as trade_flow_2,
        trade_dependence_2 as trade_dependence_1,
        trade_dependence_1 as trade_dependence_2,
        gdppc_2 as gdppc_1,
        gdppc_1 as gdppc_2,
        terrthreat_2 as terrthreat_1,
        terrthreat_1 as terrthreat_2,
        milper_per_capita_2 as milper_per_capita_1,
        milper_per_capita_1 as milper_per_capita_2
    )
from int_dyad_years
