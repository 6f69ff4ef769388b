-- The number of dyad-years, for the results' totals.
select count(*) as dyad_years from dyad_years
