-- The democracy measures of each COW member state-year (stg_system) beside Polity, and
-- the previous year's score of each (Polity's own lag is state_years.polity2_lag): BMR
-- (int_bmr_state_years), V-Dem v16's polyarchy and the extended UDS (isard's
-- cw_democracy), QuickUDS (peacesciencer's ccode_democracy), the UDS 2014 release and
-- V-Dem v15's liberal democracy index (vdem_simple). A file's row is used only when it
-- is the file's one row for the COW state-year (int_democracy_matches lists the others).
-- The lag (*_lag) is the state's score in the year before, taken only when the state was
-- a member that year too: in the first year of a membership spell (a new state, or one
-- back after a gap such as an occupation) it is NULL, never a score from before the gap
-- nor one a source gives the state in a year it was not a member.
with used as (
    select source, cow_ccode, year
    from int_democracy_matches
    where match_reason is null
),
isard as (
    select d.*
    from stg_cw_democracy as d
    join used
      on used.source = 'cw_democracy' and used.cow_ccode = d.ccode and used.year = d.year
),
quickuds as (
    select d.*
    from stg_ccode_democracy as d
    join used
      on used.source = 'ccode_democracy' and used.cow_ccode = d.ccode and used.year = d.year
),
vdem as (
    select d.*
    from stg_vdem_simple as d
    join used
      on used.source = 'vdem_simple' and used.cow_ccode = d.cown and used.year = d.year
),
uds as (
    select d.*
    from stg_uds_2014 as d
    join used
      on used.source = 'uds_2014' and used.cow_ccode = d.cown and used.year = d.year
),
scores as (
    select
        s.ccode,
        s.year,
        bmr.bmr_democracy,
        isard.v2x_polyarchy,
        isard.euds,
        isard.aeuds,
        quickuds.xm_qudsest,
        uds.uds_mean,
        vdem.v2x_libdem
    from stg_system as s
    left join int_bmr_state_years as bmr
      on bmr.ccode = s.ccode
     and bmr.year = s.year
    left join isard
      on isard.ccode = s.ccode
     and isard.year = s.year
    left join quickuds
      on quickuds.ccode = s.ccode
     and quickuds.year = s.year
    left join uds
      on uds.cown = s.ccode
     and uds.year = s.year
    left join vdem
      on vdem.cown = s.ccode
     and vdem.year = s.year
)
select
    cur.ccode,
    cur.year,
    cur.v2x_polyarchy,
    cur.euds,
    cur.aeuds,
    cur.xm_qudsest,
    cur.uds_mean,
    cur.v2x_libdem,
    prev.bmr_democracy                        as bmr_democracy_lag,
    prev.v2x_polyarchy                        as v2x_polyarchy_lag,
    prev.euds                                 as euds_lag,
    prev.aeuds                                as aeuds_lag,
    prev.xm_qudsest                           as xm_qudsest_lag,
    prev.uds_mean                             as uds_mean_lag,
    prev.v2x_libdem                           as v2x_libdem_lag
from scores as cur
left join scores as prev
  on prev.ccode = cur.ccode
 and prev.year = cur.year - 1
