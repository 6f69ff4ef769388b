-- accepted_values: the column's values outside the accepted ones, with their row counts.
-- NULL is not checked (declare not_null for that).
{%- set condition %}{{ column }} not in ({{ values }}){% endset %}
select
    {{ column }},
    count(*) as rows_with_this_value
from {{ table }}
where {{ condition }}
group by all
