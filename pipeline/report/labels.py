"""Plain names for the analysis columns and model settings a reader meets in the report."""

TERM_LABELS = {
    "joint_democracy": "Joint democracy (both Polity2 \u2265 6)",
    "polity2_low": "Lower Polity2 of the pair (weak link)",
    "polity2_high": "Higher Polity2 of the pair",
    "contiguous": "Contiguous",
    "log_cap_ratio": "Capability ratio (log)",
    "cap_ratio": "Capability ratio",
    "weaker_share": "Weaker side's share of capabilities",
    "any_major_power": "Major power in the pair",
    "politically_relevant": "Politically relevant",
    "defense_pact": "Defence pact (ATOP)",
    "peace_years": "Peace years",
    "peace_years_sq": "Peace years\u00b2",
    "peace_years_cu": "Peace years\u00b3",
    "gml_peace_years": "Peace years since a GML dispute",
    "gml_peace_years_sq": "Peace years since a GML dispute\u00b2",
    "gml_peace_years_cu": "Peace years since a GML dispute\u00b3",
    "const": "Constant",
    # Terms of the models issues 10, 11 and 13 add.
    "joint_democracy_bmr": "Joint democracy (both BMR democracies)",
    "log_capital_distance": "Distance between capitals (log km)",
    "polity2": "Polity2 (the state's own)",
    "polity2_1": "Polity2 of the first state",
    "polity2_2": "Polity2 of the second state",
    "cinc": "Capabilities (CINC)",
    "major_power": "Major power",
    "joint_ec_eu": "Both EC/EU members",
    "joint_nato": "Both NATO members",
    "joint_democracy_vdem": "Joint democracy (both V-Dem polyarchy \u2265 0.5)",
    "joint_democracy_uds": "Joint democracy (both extended UDS above the cut-point)",
    "xm_qudsest_low": "Lower QuickUDS of the pair (weak link)",
    "joint_democracy_lag": "Joint democracy the year before (Polity2)",
}

OUTCOME_LABELS = {
    "mid_onset": "dispute onset",
    "force_onset": "onset with use of force",
    "fatal_onset": "onset with fatalities",
    "war_onset": "war onset (COW)",
    "gml_onset": "dispute onset (GML)",
    "originator_onset": "onset between originators",
    "ccode1_initiated": "initiation by the first state",
    "mid_entered": "entry into a dispute",
    "war_entered": "entry into a war",
}

ESTIMATOR_LABELS = {"logit": "Logit", "firth_logit": "Firth logit"}

ONGOING_LABELS = {"drop": "dropped", "keep": "kept"}


def term_label(term: str) -> str:
    return TERM_LABELS.get(term, term.replace("_", " ").capitalize())


def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, outcome.replace("_", " "))
