-- relationships: the rows (of those meeting the declared condition) that no row of the
-- other table matches on the declared columns. A NULL reference refers to nothing and is
-- not checked (declare not_null for that).
select {{ shown }}
from {{ table }} as child
where
    ({{ where_condition }})
    and {{ references_not_null }}
    and not exists (
        select 1
        from {{ to_table }} as parent
        where {{ matches }}
    )
