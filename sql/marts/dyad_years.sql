-- One row per unordered pair of COW member states per year (ccode1 < ccode2), 1816 to the
-- end of the membership data: the non-directed unit of analysis. The dispute columns of a
-- pair are the same in both directions of dyad_years_directed (orig1/orig2 swap places),
-- so each pair's row is its ccode1 < ccode2 direction; sidea1, which only has meaning for
-- an ordered pair, is left out, as is ccode1_initiated (who began it against whom).
-- A view (sql/schema.yml: materialized: view) of int_dyad_years, which holds each pair's
-- row once (stored in int_dyad_year_sources), with those two columns for both sides, for
-- dyad_years_directed's two orders.
select * exclude (sidea1, sidea2, ccode1_initiated, ccode2_initiated)
from int_dyad_years
