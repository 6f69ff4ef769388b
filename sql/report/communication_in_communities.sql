-- The communication claim: did the trade dependence and shared IGO memberships of the pairs
-- that became joint members of the EC/EU or of NATO rise in the twenty years before their
-- joint membership and within it? Each pair-year is measured against all dyad-years of the
-- same year (the lower trade dependence over that year's median among pairs with trade data;
-- shared full IGOs less that year's mean), because trade dependence carries each year's
-- price level (current-dollar trade over constant-dollar GDP) and IGOs multiplied for all.
-- One row per community and period: 20-11 and 10-1 years before the pair's first joint
-- year, and its joint years.
with year_levels as (
    select
        year,
        median(trade_dependence_low)          as median_dependence,
        avg(shared_igos)                      as mean_igos
    from dyad_years
    group by year
),
first_joint_years as (
    select 'EC/EU' as community, ccode1, ccode2, min(year) as first_joint_year
    from dyad_years
    where joint_ec_eu
    group by ccode1, ccode2
    union all
    select 'NATO' as community, ccode1, ccode2, min(year) as first_joint_year
    from dyad_years
    where joint_nato
    group by ccode1, ccode2
),
pair_years as (
    select
        f.community,
        d.ccode1,
        d.ccode2,
        d.trade_dependence_low / nullif(y.median_dependence, 0) as dependence_relative,
        d.shared_igos - y.mean_igos                             as igos_above_mean,
        case
            when (f.community = 'EC/EU' and d.joint_ec_eu) or (f.community = 'NATO' and d.joint_nato)
                then 3
            when d.year between f.first_joint_year - 10 and f.first_joint_year - 1 then 2
            when d.year between f.first_joint_year - 20 and f.first_joint_year - 11 then 1
        end                                                     as period_order
    from first_joint_years as f
    join dyad_years as d
      on d.ccode1 = f.ccode1
     and d.ccode2 = f.ccode2
    join year_levels as y
      on y.year = d.year
)
select
    community,
    period_order,
    case period_order
        when 1 then '20 to 11 years before joint membership'
        when 2 then '10 to 1 years before'
        else 'joint members'
    end                                       as period,
    count(distinct ccode1 * 1000 + ccode2)    as pairs,
    count(*)                                  as dyad_years,
    count(dependence_relative)                as with_trade,
    median(dependence_relative)               as median_dependence_relative,
    count(igos_above_mean)                    as with_igos,
    avg(igos_above_mean)                      as mean_igos_above_year_mean
from pair_years
where period_order is not null
group by community, period_order
order by community, period_order
