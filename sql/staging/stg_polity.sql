-- Polity5 annual time series (p5v2018): one row per Polity country-year, under Polity's
-- own country codes (polity_ccode; the crosswalk to COW codes is applied later).
-- Polity marks interruption (-66), interregnum (-77) and transition (-88) with codes in
-- polity, democ and autoc; those become NULL there and the code is kept in
-- polity_special, so that no code is ever averaged as a score. polity2 never holds them
-- (Polity sets -66 to NULL and interpolates -77/-88), so it is kept as published.
-- polity: democ minus autoc, -10 (full autocracy) to 10 (full democracy).
select
    cast(ccode as integer)                    as polity_ccode,
    scode,
    country,
    cast(year as integer)                     as year,
    case when cast(polity as integer) not in (-66, -77, -88) then cast(polity as integer) end as polity,
    case when cast(polity as integer) in (-66, -77, -88) then cast(polity as integer) end
        as polity_special,
    cast(polity2 as integer)                  as polity2,
    case when cast(democ as integer) not in (-66, -77, -88) then cast(democ as integer) end   as democ,
    case when cast(autoc as integer) not in (-66, -77, -88) then cast(autoc as integer) end   as autoc,
    cast(durable as integer)                  as durable,
    cast(flag as integer)                     as flag,
    cast(fragment as integer)                 as fragment
from raw_polity
