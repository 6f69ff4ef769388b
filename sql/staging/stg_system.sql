-- COW state system membership by year (system2016): one row per member state per year in
-- which it was a member for any part of the year.
select
    cast(ccode as integer)                    as ccode,
    stateabb,
    cast(year as integer)                     as year,
    version
from raw_system
