-- The Gibler-Miller-Little MID data 2.2.1, directed dispute-years (GML's
-- gml-ddy-disputes-2.2.1.csv, as peacesciencer's gml_dirdisp holds it): one row per
-- dispute per ordered pair of states on opposite sides per year, both orders present,
-- COW codes. onset: GML codes the year as the pair's onset in the dispute. hostlev1/2,
-- fatality1/2 and orig1/2 are each state's own record in the dispute (the same against
-- every opponent: they are state levels, not levels of the pair). GML writes -9 for an
-- unknown fatality band, which is NULL here.
select
    cast(dispnum as integer)                  as dispnum,
    cast(ccode1 as integer)                   as ccode1,
    cast(ccode2 as integer)                   as ccode2,
    cast(year as integer)                     as year,
    cast(midonset as integer) = 1             as onset,
    cast(sidea1 as integer) = 1               as sidea1,
    cast(hostlev1 as integer)                 as hostlev1,
    cast(hostlev2 as integer)                 as hostlev2,
    cast(nullif(fatality1, '-9') as integer)  as fatality1,
    cast(nullif(fatality2, '-9') as integer)  as fatality2,
    cast(orig1 as integer) = 1                as orig1,
    cast(orig2 as integer) = 1                as orig2,
    cast(hostlev as integer)                  as dispute_hostlev,
    version
from raw_gml_dirdisp
