-- The columns of the analysis table ({{ table }}) that the specification curve's grid
-- needs, every one as a double, in the key order (ccode1, ccode2, year) the frame's dyad
-- numbering relies on (pipeline/curve/frame.py). One query for the whole grid.
-- columns and keys: quoted names.
select
{%- for column in columns %}
    cast({{ column }} as double) as {{ column }}{{ "," if not loop.last }}
{%- endfor %}
from {{ table }}
order by {{ keys | join(", ") }}
