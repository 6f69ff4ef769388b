"""The shape of the JSON files the report reads (the model results, the specification curve):
the keys it uses and their types, checked on load so that a file of valid JSON but the wrong
shape is one plain message naming the file, the place and the command that writes it again,
never a KeyError from deep inside the report."""

from __future__ import annotations

NUMBER = (int, float)
NUMBER_OR_NULL = (int, float, type(None))
TEXT_OR_NULL = (str, type(None))

TERM = {"term": str, "coef": NUMBER_OR_NULL, "se": NUMBER_OR_NULL, "p": NUMBER_OR_NULL}
MODEL = {
    "id": str,
    "label": str,
    "democracy_term": str,
    "n": int,
    "n_events": int,
    "converged": bool,
    "separation": bool,
    "terms": [TERM],
}
MODEL_RESULTS = {"schema_version": int, "main_model": str, "models": [MODEL]}

SPECIFICATION = {
    "position": int,
    "spec_id": str,
    "democracy": str,
    "outcome": str,
    "fitted": bool,
    "estimate": NUMBER_OR_NULL,
    "p": NUMBER_OR_NULL,
    "reason": TEXT_OR_NULL,
}
LEVEL = {"id": str, "label": str}
SPECIFICATION_CURVE = {
    "schema_version": int,
    "build_id": TEXT_OR_NULL,
    "significance": NUMBER,
    "grid": {"main": dict, "levels": {"democracy": [LEVEL], "outcome": [LEVEL]}},
    "specifications": [SPECIFICATION],
}

_JSON_NAMES = {
    dict: "an object",
    list: "a list",
    str: "text",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def shape_problem(value: object, shape: object, where: str = "") -> str | None:
    """Where `value` departs from `shape` (a dict of keys, a one-item list for a list of
    items, a type or tuple of types), or None when it does not."""
    here = where or "the document"
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{here} is {_json_name(value)}, not an object"
        for key, item_shape in shape.items():
            place = f"{where}.{key}" if where else key
            if key not in value:
                return f"{place} is missing"
            problem = shape_problem(value[key], item_shape, place)
            if problem:
                return problem
        return None
    if isinstance(shape, list):
        if not isinstance(value, list):
            return f"{here} is {_json_name(value)}, not a list"
        for index, item in enumerate(value):
            problem = shape_problem(item, shape[0], f"{where}[{index}]")
            if problem:
                return problem
        return None
    allowed = shape if isinstance(shape, tuple) else (shape,)
    # JSON's true and false are not numbers, though Python's bool is an int.
    if isinstance(value, bool) and bool not in allowed or not isinstance(value, allowed):
        return f"{here} is {_json_name(value)}, not {' or '.join(_JSON_NAMES[kind] for kind in allowed)}"
    return None


def _json_name(value: object) -> str:
    return next((name for kind, name in _JSON_NAMES.items() if type(value) is kind), type(value).__name__)
