-- The coverage of the rival explanations' dyad-year measures (measure_coverage): how many
-- dyad-years and dispute onsets each leaves unscored, for the report's coverage caveat.
select
    measure,
    description,
    total,
    covered,
    total - covered                           as unscored,
    onsets,
    onsets - onsets_covered                   as onsets_unscored
from measure_coverage
where unit = 'dyad-years'
  and measure in (
      'trade_dependence_low', 'shared_igos', 'gdppc_low', 'terrthreat_high', 'td_rivalry', 'tss_rivalry',
      'milper_per_capita_low'
  )
