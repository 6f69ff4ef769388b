-- Every ordered pair of distinct states that were both COW system members in a year, for
-- every year of the membership data: the frame every directed dyad-year table is built on.
select
    a.ccode                                   as ccode1,
    b.ccode                                   as ccode2,
    a.year
from stg_system as a
join stg_system as b
  on a.year = b.year
 and a.ccode <> b.ccode
