-- COW Dyadic MIDs 4.02 (Maoz et al.): one row per dispute, ordered pair of states and year
-- of the dispute, 1816-2014, both orders of a pair present. Unlike MIDB, whose levels are
-- each state's in the dispute as a whole, the pair's levels are coded from the dispute
-- narratives for the two states themselves. hostlev: the pair's highest hostility (2
-- threat, 3 display, 4 use of force, 5 war); fatality: the pair's fatality level (0 none
-- to 6 more than 999 deaths); COW's -9 (unknown) becomes NULL. war: whether the two were
-- at war with each other in that dispute in that year (the data set's dyadic war flag).
select
    cast(disno as integer)                              as dispnum,
    cast(statea as integer)                             as ccode1,
    cast(stateb as integer)                             as ccode2,
    cast(year as integer)                               as year,
    cast(strtyr as integer)                             as start_year,
    cast(endyear as integer)                            as end_year,
    cast(hihost as integer)                             as hostlev,
    nullif(cast(fatlev as integer), -9)                 as fatality,
    cast(war as integer) = 1                            as war
from raw_dyadic_mid
