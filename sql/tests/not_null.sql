-- not_null: the rows whose column is NULL.
{%- set condition %}{{ column }} is null{% endset %}
select {{ shown }}
from {{ table }}
where {{ condition }}
