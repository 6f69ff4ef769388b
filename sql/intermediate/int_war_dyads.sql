-- One row per inter-state war per ordered pair of states per stretch of time they fought
-- each other in it: on opposite sides, with spells overlapping for at least a day (both
-- spells of a state that left and came back, each side of a state that changed sides).
-- Both orders of a pair are present.
-- overlap_start_year/overlap_end_year: the calendar years of that stretch; onset_year: the
-- first year the two were at war with each other in this war (a joiner's entry year).
-- battle_deaths: the war's battle deaths, all participants together (COW counts deaths per
-- state for the whole war, not per pair; unknown counts left out).
-- fought: the two fought each other, as far as the record shows: COW's war data give only
-- each state's side, so every pair on opposite sides with overlapping dates would be "at
-- war" (the United States and Finland in 1941). Where COW's Dyadic MIDs cover the stretch's
-- years (the years its rows span: 1816-2014 in version 4.02), a pair counts as having
-- fought when the Dyadic MIDs' own war flag marks the two at war with each other in a year
-- of the stretch; the data set codes the pair from the dispute narratives, so a pair that
-- only raided each other (the United Kingdom and Finland, 1941: use of force, no war) or
-- never met (the United States and Finland: no row) did not fight this war. Outside those
-- years, a pair counts as having fought when a militarized dispute between the two, ongoing
-- in the stretch's years, reached use of force or war between them (int_dispute_dyads:
-- from the incidents in which they met where MIDI/MIDIP cover the dispute, else from
-- MIDB's state levels). fought_by says which rule decided ('dyadic war' or 'dispute force');
-- dyadic_war and dispute_force give both rules' answers, so the two can be compared.
-- The other pairs were nominal co-belligerents: listed apart, not counted as wars between
-- the two.
with war_deaths as (
    select war_number, sum(battle_deaths) as battle_deaths
    from stg_interstate_wars
    group by war_number
),
pairs as (
select
    w1.war_number,
    w1.war_name,
    w1.ccode                                                        as ccode1,
    w2.ccode                                                        as ccode2,
    cast(year(greatest(w1.start_date, w2.start_date)) as integer)   as overlap_start_year,
    cast(year(least(w1.end_date, w2.end_date)) as integer)          as overlap_end_year,
    cast(min(year(greatest(w1.start_date, w2.start_date)))
        over (partition by w1.war_number, w1.ccode, w2.ccode) as integer) as onset_year,
    cast(war_deaths.battle_deaths as bigint)                        as battle_deaths
from int_war_spells as w1
join int_war_spells as w2
  on w1.war_number = w2.war_number
 and w1.side <> w2.side
 -- A state that changed sides would otherwise fight itself.
 and w1.ccode <> w2.ccode
 and greatest(w1.start_date, w2.start_date) <= least(w1.end_date, w2.end_date)
join war_deaths
  on war_deaths.war_number = w1.war_number
),
dyadic_coverage as (
    select min(year) as first_year, max(year) as last_year
    from stg_dyadic_mid
),
judged as (
    select
        pairs.*,
        coalesce(
            pairs.overlap_start_year >= dyadic_coverage.first_year
            and pairs.overlap_end_year <= dyadic_coverage.last_year,
            false
        )                                                           as dyadic_covered,
        exists(
            select 1
            from stg_dyadic_mid as dyadic
            -- Either order: the data set lists both, but a pair is a pair.
            where least(dyadic.ccode1, dyadic.ccode2) = least(pairs.ccode1, pairs.ccode2)
              and greatest(dyadic.ccode1, dyadic.ccode2) = greatest(pairs.ccode1, pairs.ccode2)
              and dyadic.year between pairs.overlap_start_year and pairs.overlap_end_year
              and dyadic.war
        )                                                           as dyadic_war,
        exists(
            select 1
            from int_dispute_dyads as clash
            where clash.ccode1 = pairs.ccode1
              and clash.ccode2 = pairs.ccode2
              and clash.onset_year <= pairs.overlap_end_year
              and clash.end_year >= pairs.overlap_start_year
              and clash.hostlev >= 4
        )                                                           as dispute_force
    from pairs
    cross join dyadic_coverage
)
select
    war_number,
    war_name,
    ccode1,
    ccode2,
    overlap_start_year,
    overlap_end_year,
    onset_year,
    battle_deaths,
    case when dyadic_covered then dyadic_war else dispute_force end as fought,
    case when dyadic_covered then 'dyadic war' else 'dispute force' end as fought_by,
    dyadic_war,
    dispute_force
from judged
