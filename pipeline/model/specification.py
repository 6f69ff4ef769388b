"""Reading and checking the model battery (battery.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from dpeace.errors import ModelError

# The analysis tables a model can be fitted to (battery.toml `table`, default dyad_years).
TABLES = ("dyad_years", "dyad_years_directed", "state_years")
DEFAULT_TABLE = "dyad_years"

MID_OUTCOMES = ("mid_onset", "force_onset", "fatal_onset", "originator_onset")
# The same outcomes from the Gibler-Miller-Little record (1816-2010).
GML_OUTCOMES = ("gml_onset", "gml_force_onset", "gml_fatal_onset", "gml_originator_onset")
DYAD_OUTCOMES = (*MID_OUTCOMES, "war_onset", *GML_OUTCOMES)
# A count outcome enters a logit as "any" (the count > 0): a state-year in which the state
# entered at least one dispute or war.
COUNT_OUTCOMES = ("mid_entered", "mid_initiated", "war_entered")
OUTCOMES_BY_TABLE = {
    "dyad_years": DYAD_OUTCOMES,
    "dyad_years_directed": (*DYAD_OUTCOMES, "ccode1_initiated"),
    "state_years": (*COUNT_OUTCOMES, "war_ongoing"),
}
OUTCOMES = tuple(dict.fromkeys(o for outcomes in OUTCOMES_BY_TABLE.values() for o in outcomes))

# dyad_years columns (ARCHITECTURE.md) that can enter a model as a number; conttype is
# left out because its codes 1-5 are categories, not a scale.
PREDICTORS = (
    "joint_democracy",
    "polity2_low",
    "polity2_high",
    "polity2_1",
    "polity2_2",
    "joint_democracy_bmr",
    "bmr_democracy_1",
    "bmr_democracy_2",
    "joint_democracy_vdem",
    "v2x_polyarchy_low",
    "v2x_polyarchy_1",
    "v2x_polyarchy_2",
    "joint_democracy_uds",
    "euds_low",
    "euds_1",
    "euds_2",
    "xm_qudsest_low",
    "xm_qudsest_1",
    "xm_qudsest_2",
    "mixed_regimes",
    "joint_autocracy",
    "joint_democracy_lag",
    "polity2_lag_low",
    "joint_democracy_bmr_lag",
    "joint_democracy_vdem_lag",
    "v2x_polyarchy_lag_low",
    "joint_democracy_uds_lag",
    "euds_lag_low",
    "xm_qudsest_lag_low",
    "cap_ratio",
    "log_cap_ratio",
    "weaker_share",
    "cinc_1",
    "cinc_2",
    "contiguous",
    "major_power_1",
    "major_power_2",
    "any_major_power",
    "politically_relevant",
    "defense_pact",
    "peace_years",
    "peace_years_sq",
    "peace_years_cu",
    "peace_years_since_onset",
    "peace_years_calendar",
    # Peace years by the Gibler-Miller-Little record, for a model of GML onsets.
    "gml_peace_years",
    "gml_peace_years_sq",
    "gml_peace_years_cu",
    "capital_distance_km",
    "log_capital_distance",
    "joint_ec_eu",
    "joint_nato",
    # The rival explanations (trade, IGOs, development, territory, rivalry, militarisation)
    # and the dangerous-dyads design's own forms of contiguity and capabilities.
    "trade_dependence_low",
    "trade_dependence_1",
    "trade_dependence_2",
    "shared_igos",
    "gdppc_low",
    "log_gdppc_low",
    "terrthreat_high",
    "td_rivalry",
    "tss_rivalry",
    "milper_per_capita_low",
    "land_contiguous",
    "cinc_proportion",
)

# state_years columns that can enter a monadic model as a number.
STATE_PREDICTORS = (
    "polity2",
    "cinc",
    "major_power",
    "neighbours",
    "peace_years",
    "peace_years_sq",
    "peace_years_cu",
    "war_peace_years",
    "war_peace_years_sq",
    "war_peace_years_cu",
    "v2x_polyarchy",
    "euds",
    "aeuds",
    "xm_qudsest",
    "polity2_lag",
    "v2x_polyarchy_lag",
    "euds_lag",
    "xm_qudsest_lag",
)
PREDICTORS_BY_TABLE = {
    "dyad_years": PREDICTORS,
    "dyad_years_directed": PREDICTORS,
    "state_years": STATE_PREDICTORS,
}

ESTIMATORS = ("logit", "firth_logit")

SAMPLES = {
    "all": "all dyad-years",
    "politically_relevant": "politically relevant dyad-years (contiguous or including a major power)",
}

ONGOING_TREATMENTS = ("drop", "keep")

REQUIRED_FIELDS = (
    "id",
    "label",
    "description",
    "estimator",
    "outcome",
    "democracy_term",
    "controls",
    "sample",
    "ongoing",
)
OPTIONAL_FIELDS = ("years", "effects", "table")


def default_spec_path() -> Path:
    return Path(__file__).resolve().parent / "battery.toml"


@dataclass(frozen=True)
class EffectContrast:
    """The two values of the democracy term whose predicted probabilities are compared."""

    democratic: float
    other: float


@dataclass(frozen=True)
class ModelSpec:
    id: str
    label: str
    description: str
    estimator: str
    outcome: str
    democracy_term: str
    controls: tuple[str, ...]
    sample: str
    ongoing: str
    years: tuple[int, int] | None = None
    effects: EffectContrast | None = None
    table: str = DEFAULT_TABLE

    @property
    def regressors(self) -> tuple[str, ...]:
        return (self.democracy_term, *self.controls)

    @property
    def sample_description(self) -> str:
        if self.table == DEFAULT_TABLE:
            return SAMPLES[self.sample]
        unit = "directed dyad-years" if self.table == "dyad_years_directed" else "state-years"
        return SAMPLES[self.sample].replace("dyad-years", unit)

    @property
    def outcome_is_count(self) -> bool:
        return self.outcome in COUNT_OUTCOMES


@dataclass(frozen=True)
class Era:
    """A period in which the main model is refitted (battery.toml [[eras]])."""

    id: str
    label: str
    years: tuple[int, int]


@dataclass(frozen=True)
class Battery:
    main_model: str
    models: tuple[ModelSpec, ...]
    simulation_draws: int
    simulation_seed: int
    eras: tuple[Era, ...] = ()
    # [fixed_effects]: the label and controls of the dyad fixed-effects refit of the main model
    fixed_effects: tuple[str, tuple[str, ...]] | None = None

    def model(self, model_id: str) -> ModelSpec:
        for spec in self.models:
            if spec.id == model_id:
                return spec
        raise ModelError(f"no model '{model_id}' in the battery (models: {', '.join(self.ids)})")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(spec.id for spec in self.models)


def load_battery(path: Path | None = None) -> Battery:
    path = Path(path) if path is not None else default_spec_path()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no model specification file at {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ModelError(f"{path} is not valid TOML: {error}") from None
    return parse_battery(document, source=str(path))


def parse_battery(document: dict, source: str = "the battery") -> Battery:
    entries = document.get("models")
    if not isinstance(entries, list) or not entries:
        raise ModelError(f"{source}: no [[models]] entries")
    models = tuple(_parse_model(entry, index, source) for index, entry in enumerate(entries, start=1))

    ids = [spec.id for spec in models]
    duplicates = sorted({model_id for model_id in ids if ids.count(model_id) > 1})
    if duplicates:
        raise ModelError(f"{source}: model id(s) used twice: {', '.join(duplicates)}")

    main_model = document.get("main_model")
    if main_model not in ids:
        raise ModelError(f"{source}: main_model = {main_model!r} is not one of the models ({', '.join(ids)})")
    main = models[ids.index(main_model)]
    if main.effects is None:
        raise ModelError(f"{source}: the main model '{main_model}' needs an effects contrast")

    simulation = document.get("simulation", {})
    draws = simulation.get("draws", 10000)
    seed = simulation.get("seed", 0)
    if not isinstance(draws, int) or draws < 100:
        raise ModelError(f"{source}: [simulation] draws must be an integer of at least 100, not {draws!r}")
    if not isinstance(seed, int) or seed < 0:
        raise ModelError(f"{source}: [simulation] seed must be a non-negative integer, not {seed!r}")
    return Battery(
        main_model=main_model,
        models=models,
        simulation_draws=draws,
        simulation_seed=seed,
        eras=_parse_eras(document.get("eras", []), source),
        fixed_effects=_parse_fixed_effects(document.get("fixed_effects"), source),
    )


def _parse_fixed_effects(entry, source: str) -> tuple[str, tuple[str, ...]] | None:
    if entry is None:
        return None
    if (
        not isinstance(entry, dict)
        or set(entry) != {"label", "controls"}
        or not isinstance(entry["label"], str)
        or not isinstance(entry["controls"], list)
        or not all(isinstance(column, str) for column in entry["controls"])
    ):
        raise ModelError(
            f'{source}: [fixed_effects] needs exactly label = "..." and controls = ["column", ...]'
        )
    return entry["label"], tuple(entry["controls"])


def _parse_eras(entries, source: str) -> tuple[Era, ...]:
    if not isinstance(entries, list):
        raise ModelError(f"{source}: eras must be a list of [[eras]] tables")
    eras = []
    for index, entry in enumerate(entries, start=1):
        years = entry.get("years") if isinstance(entry, dict) else None
        if (
            not isinstance(entry, dict)
            or set(entry) != {"id", "label", "years"}
            or not isinstance(entry["id"], str)
            or not isinstance(entry["label"], str)
            or not isinstance(years, list)
            or len(years) != 2
            or not all(isinstance(year, int) for year in years)
            or years[0] > years[1]
        ):
            raise ModelError(
                f"{source}: era #{index} needs exactly id, label and years = [first, last] (first <= last)"
            )
        eras.append(Era(entry["id"], entry["label"], (years[0], years[1])))
    ids = [era.id for era in eras]
    if len(set(ids)) != len(ids):
        raise ModelError(
            f"{source}: era ids used twice: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}"
        )
    return tuple(eras)


def parse_model(entry: dict, source: str = "the model") -> ModelSpec:
    """One model entry (the fields of a battery.toml [[models]] table), checked as the
    battery's are: for models written inline (dpeace.api)."""
    return _parse_model(entry, 1, source)


def _parse_model(entry: dict, index: int, source: str) -> ModelSpec:
    name = f"model '{entry['id']}'" if isinstance(entry.get("id"), str) else f"model #{index}"

    def fail(message: str) -> ModelError:
        return ModelError(f"{source}: {name}: {message}")

    missing = [field for field in REQUIRED_FIELDS if field not in entry]
    if missing:
        raise fail(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(entry) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise fail(f"unknown field(s) {', '.join(unknown)}")

    for field in ("id", "label", "description"):
        if not isinstance(entry[field], str) or not entry[field].strip():
            raise fail(f"{field} must be a non-empty string")
    entry = {"table": DEFAULT_TABLE, **entry}
    _require_choice(entry, "table", TABLES, fail)
    table = entry["table"]
    if table == "state_years":
        # A state-year has no dyad to be politically relevant, and no dispute "ongoing
        # but not begun" to drop: a state can enter a new dispute while in another.
        if entry["sample"] != "all" or entry["ongoing"] != "keep":
            raise fail('a state_years model needs sample = "all" and ongoing = "keep"')
    _require_choice(entry, "estimator", ESTIMATORS, fail)
    _require_choice(entry, "outcome", OUTCOMES_BY_TABLE[table], fail)
    _require_choice(entry, "sample", tuple(SAMPLES), fail)
    _require_choice(entry, "ongoing", ONGOING_TREATMENTS, fail)

    predictors = PREDICTORS_BY_TABLE[table]
    democracy_term = entry["democracy_term"]
    if democracy_term not in predictors:
        raise fail(f"democracy_term {democracy_term!r} is not a {table} predictor column")
    controls = entry["controls"]
    if not isinstance(controls, list) or not all(isinstance(column, str) for column in controls):
        raise fail("controls must be a list of column names")
    for column in controls:
        if column not in predictors:
            raise fail(f"unknown control column {column!r} (known: {', '.join(predictors)})")
    regressors = [democracy_term, *controls]
    repeated = sorted({column for column in regressors if regressors.count(column) > 1})
    if repeated:
        raise fail(f"column(s) listed twice: {', '.join(repeated)}")
    if entry["sample"] == "politically_relevant" and "politically_relevant" in regressors:
        raise fail("politically_relevant is constant within the politically relevant sample")

    return ModelSpec(
        id=entry["id"],
        label=entry["label"],
        description=entry["description"].strip(),
        estimator=entry["estimator"],
        outcome=entry["outcome"],
        democracy_term=democracy_term,
        controls=tuple(controls),
        sample=entry["sample"],
        ongoing=entry["ongoing"],
        years=_parse_years(entry.get("years"), fail),
        effects=_parse_effects(entry.get("effects"), fail),
        table=table,
    )


def _require_choice(entry: dict, field: str, choices: tuple[str, ...], fail) -> None:
    if entry[field] not in choices:
        raise fail(f"{field} {entry[field]!r} is not one of {', '.join(choices)}")


def _parse_years(years, fail) -> tuple[int, int] | None:
    if years is None:
        return None
    if (
        not isinstance(years, list)
        or len(years) != 2
        or not all(isinstance(year, int) for year in years)
        or years[0] > years[1]
    ):
        raise fail(f"years must be [first, last] with first <= last, not {years!r}")
    return (years[0], years[1])


def _parse_effects(effects, fail) -> EffectContrast | None:
    if effects is None:
        return None
    if not isinstance(effects, dict) or set(effects) != {"democratic", "other"}:
        raise fail("effects must be {democratic = VALUE, other = VALUE}")
    values = [effects["democratic"], effects["other"]]
    if not all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in values):
        raise fail("effects values must be numbers")
    if values[0] == values[1]:
        raise fail("effects compares two equal values")
    return EffectContrast(democratic=float(values[0]), other=float(values[1]))
