-- peacesciencer's gml_mid_ddydisps: GML's directed dispute-years whittled to one dispute
-- per directed dyad-year (onsets first, then the highest fatality, hostility and
-- duration). Used only to check that the dyad tables' GML onsets and ongoing years are the
-- ones peacesciencer derives from the same file (sql/schema.yml data tests).
select
    cast(dispnum as integer)                  as dispnum,
    cast(ccode1 as integer)                   as ccode1,
    cast(ccode2 as integer)                   as ccode2,
    cast(year as integer)                     as year,
    cast(gmlmidonset as integer) = 1          as gml_onset,
    cast(gmlmidongoing as integer) = 1        as gml_ongoing
from raw_gml_mid_ddydisps
