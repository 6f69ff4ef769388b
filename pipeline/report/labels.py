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
    "const": "Constant",
}

OUTCOME_LABELS = {
    "mid_onset": "dispute onset",
    "force_onset": "onset with use of force",
    "fatal_onset": "onset with fatalities",
}

ESTIMATOR_LABELS = {"logit": "Logit", "firth_logit": "Firth logit"}

ONGOING_LABELS = {"drop": "dropped", "keep": "kept"}


def term_label(term: str) -> str:
    return TERM_LABELS.get(term, term.replace("_", " ").capitalize())


def outcome_label(outcome: str) -> str:
    return OUTCOME_LABELS.get(outcome, outcome.replace("_", " "))
