-- Every directed dyad-year of COW's Direct Contiguity (3.2) that gives no dyad-year its
-- contiguity, and why: a code no COW state has, or a year in which either state was not
-- a COW member.
select
    contiguity.ccode1,
    contiguity.ccode2,
    contiguity.year,
    contiguity.conttype,
    case
        when
            contiguity.ccode1 not in (select states.ccode from stg_states as states)
            or contiguity.ccode2 not in (select states.ccode from stg_states as states)
            then 'code not in COW'
        else 'not both COW members that year'
    end as reason
from stg_contdird as contiguity
where
    not exists (
        select 1
        from stg_system as system_years
        where system_years.ccode = contiguity.ccode1 and system_years.year = contiguity.year
    )
    or not exists (
        select 1
        from stg_system as system_years
        where system_years.ccode = contiguity.ccode2 and system_years.year = contiguity.year
    )
order by contiguity.ccode1, contiguity.ccode2, contiguity.year
