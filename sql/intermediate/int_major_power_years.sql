-- One row per state-year of major-power status. A state counts as a major power in every
-- calendar year that any day of one of its major-power spells falls in, so a spell that
-- begins in August (the USA, 1898) or ends in May (Germany, 1945) counts that whole year,
-- the same rule by which system2016 counts membership years.
select distinct
    ccode,
    cast(unnest(range(start_year, end_year + 1)) as integer) as year
from stg_majors
