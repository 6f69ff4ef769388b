-- The row-wise tests of one table (not_null, accepted_range, accepted_values,
-- expression_is_true) in one scan: how many rows meet each test's offending condition.
-- Only a test with offending rows is then run on its own, to show them.
select
{%- for condition in conditions %}
    count_if({{ condition }}) as test_{{ loop.index }}{{ "," if not loop.last }}
{%- endfor %}
from {{ table }}
