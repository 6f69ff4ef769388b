-- V-Dem v15 country-years as democracyData's vdem_simple extract holds them (Xavier
-- Marquez): V-Dem's units, not only states (colonies and other units too). cown is
-- Marquez's COW code for the unit (NULL for units that are no COW state); V-Dem's own
-- vdem_cowcode is not used. v2x_libdem is V-Dem's liberal democracy index (0-1), with the
-- 68% interval of its measurement model; v2x_polyarchy the electoral democracy index.
select
    vdem_country_name,
    country_text_id,
    cast(country_id as integer)               as vdem_country_id,
    cast(year as integer)                     as year,
    cast(cown as integer)                     as cown,
    cast(in_GW_system as boolean)             as in_gw_system,
    cast(v2x_polyarchy as double)             as v2x_polyarchy,
    cast(v2x_libdem as double)                as v2x_libdem,
    cast(v2x_libdem_codelow as double)        as v2x_libdem_codelow,
    cast(v2x_libdem_codehigh as double)       as v2x_libdem_codehigh
from raw_vdem_simple
