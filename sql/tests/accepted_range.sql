-- accepted_range: the rows whose column lies outside [min, max]. A NULL bound leaves that
-- side open; a NULL value is not checked (declare not_null for that).
{%- set condition %}{{ column }} < {{ min_value }} or {{ column }} > {{ max_value }}{% endset %}
select {{ shown }}
from {{ table }}
where {{ condition }}
