"""The report's section on security communities (the EC/EU and NATO): its numbers and words.

`security_communities_context(con, results)` takes a read-only connection to the built
database and the model results document and returns {"security_communities": {...}}, the
context of templates/_security_communities.html.j2; the report's context merges it in
and the report template includes the partial. The counts come from
sql/report/security_community_onset_rates.sql and security_community_cases.sql, the
model from the battery's `security_communities` entry (never re-estimated here).
"""

from __future__ import annotations

import duckdb

from dpeace.report import formatting
from dpeace.report.community_expectations import community_expectations, flag_support
from dpeace.report.queries import report_rows

MODEL_ID = "security_communities"

COMMUNITIES = {
    "ec_eu": {
        "name": "the European Communities and Union",
        "short": "EC/EU",
        "subject": "The EC/EU",
        "term": "joint_ec_eu",
        "founded": "the ECSC's six from 23 July 1952, every enlargement to Croatia in 2013",
    },
    "nato": {
        "name": "NATO",
        "short": "NATO",
        "subject": "NATO",
        "term": "joint_nato",
        "founded": "the twelve of the North Atlantic Treaty from 24 August 1949, every accession since",
    },
}

COMPARISON_LABELS = {
    "both_members": "Both members",
    "other_jointly_democratic": "Other jointly democratic pairs",
    "all_pairs": "All pairs (members included)",
}

HOSTILITY_LABELS = {
    1: "no militarized action",
    2: "a threat to use force",
    3: "a display of force",
    4: "a use of force",
    5: "war",
}

TERM_LABELS = {
    "joint_ec_eu": "Both EC/EU members",
    "joint_nato": "Both NATO members",
    "joint_democracy": "Joint democracy (both Polity2 \u2265 6)",
}

CLAIM = (
    "Groups of states can form security communities, Karl Deutsch\u2019s \u201cdependable expectations "
    "of peaceful change\u201d; the European Union is the quintessential example, where war between members "
    "has become \u201cinconceivable\u201d. Such communities grow from communication (trade, migration, "
    "exchanges) and shared identity."
)

NOT_TESTED = (
    "Trade, migration and other \u201ccommunication\u201d data are not in the data this report uses, so the "
    "claim that security communities grow from communication and shared identity is not tested here, and "
    "nothing is substituted for those data."
)


def security_communities_context(con: duckdb.DuckDBPyConnection, results: dict) -> dict:
    rates = report_rows(con, "security_community_onset_rates")
    cases = report_rows(con, "security_community_cases")
    model = next((entry for entry in results.get("models", []) if entry["id"] == MODEL_ID), None)
    expectations = community_expectations(con, results)
    communities = [
        {**_community(community, rates), **_expected(community, expectations)} for community in COMMUNITIES
    ]
    return {
        "security_communities": {
            "claim": CLAIM,
            "communities": communities,
            "cases": [_case_row(row) for row in cases],
            "model": _model_summary(model, flag_support(con, MODEL_ID) if model else {}),
            "not_tested": NOT_TESTED,
            "caveat": {
                "title": "Security communities: communication not tested",
                "text": NOT_TESTED + " Membership of the EC/EU and NATO comes from the treaties' dates "
                "(sql/seeds/), counted for a pair in every year with a day on which both were members.",
            },
        }
    }


def _community(community: str, rates: list[dict]) -> dict:
    about = COMMUNITIES[community]
    rows = {row["comparison"]: row for row in rates if row["community"] == community}
    members = rows.get("both_members")
    table = [
        {
            "label": COMPARISON_LABELS[comparison],
            "dyad_years": formatting.integer(row["dyad_years"]),
            "onsets": formatting.integer(row["onsets"]),
            "onset_years": formatting.integer(row["onset_years"]),
            "rate": formatting.rate_per_1000(row["onsets_per_1000"]),
            "force": formatting.integer(row["force_onset_years"]),
            "fatal": formatting.integer(row["fatal_onset_years"]),
            "war": formatting.integer(row["war_onset_years"]),
            "highest": _hostility_text(row["highest_hostility"]),
        }
        for comparison in COMPARISON_LABELS
        if (row := rows.get(comparison)) is not None
    ]
    return {
        "id": community,
        "name": about["name"],
        "short": about["short"],
        "founded": about["founded"],
        "table": table,
        "answer": _answer(about, rows)
        if members
        else f"No two states were members of {about['name']} "
        "in the same year within the dispute data's coverage, so there is nothing to count.",
        "verdict": _verdict(members) if members else "not testable",
    }


def _hostility_text(level: int | None) -> str:
    return "none began" if level is None else f"{level} ({HOSTILITY_LABELS[level]})"


def _verdict(members: dict) -> str:
    """Whether disputes stop among members, only force, or neither: the issue's question."""
    if members["onsets"] == 0:
        return "disputes stop"
    if members["force_onset_years"] == 0:
        return "force stops, disputes do not"
    if members["war_onset_years"] > 0:
        return "not even war stops"
    return "neither disputes nor force stop"


def _compared(rate: float, other: float, other_label: str) -> str:
    if other == 0:
        return f"against none for {other_label}"
    return f"{rate / other:.2f} times the rate of {other_label} ({formatting.rate_per_1000(other)})"


COMPARED_WITH = (("other_jointly_democratic", "other jointly democratic pairs"), ("all_pairs", "all pairs"))


def _answer(about: dict, rows: dict) -> str:
    members = rows["both_members"]
    years = f"{members['first_year']}\u2013{members['last_year']}"
    opening = (
        f"In {formatting.count_of(members['dyad_years'], 'dyad-year')} in which both states were members "
        f"of {about['name']} ({years}), "
    )
    if members["onsets"] == 0:
        sentences = [opening + "no dispute began between members."]
    else:
        sentences = [
            opening + f"{formatting.count_of(members['onsets'], 'dispute')} began between members, in "
            f"{formatting.count_of(members['onset_years'], 'dyad-year')}: "
            f"{formatting.rate_per_1000(members['onsets_per_1000'])} per 1,000 dyad-years (a year with several "
            "onsets counted once)."
        ]
        comparisons = [
            _compared(members["onsets_per_1000"], rows[key]["onsets_per_1000"], label)
            for key, label in COMPARED_WITH
            if key in rows
        ]
        if comparisons:
            sentences.append(f"That is {' and '.join(comparisons)} in the same years.")
        sentences.append(_escalation_sentence(members))
        if "all_pairs" in rows and members["onsets_per_1000"] > rows["all_pairs"]["onsets_per_1000"]:
            sentences.append(
                "Members began disputes with each other more often than pairs of states in general, in these raw "
                "rates; the model below holds contiguity, power and joint democracy fixed."
            )
    sentences.append(
        _VERDICT_SENTENCES[_verdict(members)].format(subject=about["subject"], short=about["short"])
    )
    return " ".join(sentences)


_VERDICT_SENTENCES = {
    "disputes stop": "{subject} is, on these data, a community in which disputes stop.",
    "force stops, disputes do not": "{subject} is a community in which force stops, not one in which "
    "disputes stop.",
    "not even war stops": "{subject} is not a community in which war between members is inconceivable: "
    "a dispute between members reached war.",
    "neither disputes nor force stop": "Neither disputes nor force stop among {short} members, though none of "
    "their disputes reached war.",
}


def _escalation_sentence(members: dict) -> str:
    highest = members["highest_hostility"]
    force, fatal, war = members["force_onset_years"], members["fatal_onset_years"], members["war_onset_years"]
    if force == 0:
        return (
            f"The highest hostility any reached was {HOSTILITY_LABELS[highest]}: none used force, "
            "none was fatal, none was a war."
        )
    return (
        f"A dispute begun between members reached the use of force in "
        f"{formatting.count_of(force, 'dyad-year')}, was fatal in {formatting.integer(fatal)} and reached war in "
        f"{formatting.integer(war)}; the highest hostility reached was {HOSTILITY_LABELS[highest]}."
    )


def _support_clause(support: tuple[int, int] | None) -> str:
    if support is None:
        return ""
    events, dyads = support
    clause = (
        f" The estimate rests on {formatting.count_of(events, 'onset')} between members in "
        f"{formatting.count_of(dyads, 'dyad')} (in the model's sample)"
    )
    if dyads <= 2:
        clause += (
            ": a coefficient resting on so few pairs says more about those pairs than about the community"
        )
    return clause + "."


def _case_row(row: dict) -> dict:
    return {
        "community": COMMUNITIES[row["community"]]["short"],
        "year": row["year"],
        "pair": f"{row['state_1']} \u2013 {row['state_2']}",
        "dispnum": row["dispnum"],
        "hostility": f"{row['hostlev']} ({row['hostility']})",
        "fatal": {True: "yes", False: "no", None: "unknown"}[row["fatal"]],
        "started": "unknown" if row["dispute_start"] is None else row["dispute_start"].isoformat(),
    }


SIGNIFICANCE_LEVEL = 0.05
OUTCOME_WORDS = {"disputes": "dispute onsets", "uses of force": "uses of force", "wars": "war onsets"}


def _expected(community: str, expectations: list[dict]) -> dict:
    """The expected-against-observed table and sentences of one community."""
    about = COMMUNITIES[community]
    rows = [row for row in expectations if row["community"] == community]
    table = [
        {
            "outcome": row["outcome"],
            "model": f"{row['model_label']} ({row['model_id']})",
            "years": f"{row['first_year']}\u2013{row['last_year']}",
            "dyad_years": formatting.integer(row["dyad_years"]),
            "expected": formatting.expected_count(row["expected"]),
            "observed": formatting.integer(row["observed"]),
            "observed_dyads": formatting.integer(row["observed_dyads"]),
            "p_at_most": formatting.p_value(row["p_at_most"]),
        }
        for row in rows
    ]
    return {"expected_table": table, "expected_sentences": [_expected_sentence(about, row) for row in rows]}


def _expected_sentence(about: dict, row: dict) -> str:
    what = OUTCOME_WORDS[row["outcome"]]
    opening = (
        f"{what.capitalize()} among {about['short']} members, {row['first_year']}\u2013{row['last_year']}: "
        f"the model \u201c{row['model_label']}\u201d, applied to the members\u2019 own "
        f"{formatting.integer(row['dyad_years'])} dyad-years, expects {formatting.expected_count(row['expected'])}; "
        f"{formatting.integer(row['observed'])} observed"
    )
    if row["observed"]:
        opening += f" (between {formatting.count_of(row['observed_dyads'], 'pair')})"
    if row["expected"] < 1 and row["observed"] == 0:
        return (
            opening
            + f". With fewer than one expected, none is what the model predicts anyway: the chance of none "
            f"is {formatting.p_value(row['p_at_most'])}, so the absence of {what} among members says nothing "
            "by itself."
        )
    chance = (
        f"the chance of {formatting.integer(row['observed'])} or fewer if membership made no difference is "
    )
    sentence = opening + f"; {chance}{formatting.p_value(row['p_at_most'])}"
    if row["p_at_most"] >= SIGNIFICANCE_LEVEL:
        sentence += ", so these data cannot tell the members' record from chance"
    return sentence + "."


def _model_summary(model: dict | None, support: dict[str, tuple[int, int]]) -> dict | None:
    """The community coefficients of the model, as odds ratios in words and a small table;
    `support` gives the events between members and their dyads behind each flag."""
    if model is None:
        return None
    terms = {term["term"]: term for term in model["terms"]}
    rows = []
    for term in ("joint_ec_eu", "joint_nato", "joint_democracy"):
        if term not in terms:
            continue
        found = terms[term]
        rows.append(
            {
                "term": term,
                "label": TERM_LABELS[term],
                "coef": formatting.coefficient(found["coef"]) + formatting.significance_marks(found["p"]),
                "se": formatting.coefficient(found["se"]),
                "p": formatting.p_value(found["p"]),
                "odds_ratio": formatting.ratio_with_interval(
                    found["odds_ratio"], found["or_ci_low"], found["or_ci_high"]
                ),
            }
        )
    sentences = []
    for term in ("joint_ec_eu", "joint_nato"):
        if term in terms:
            found = terms[term]
            sentences.append(
                f"{TERM_LABELS[term]}: odds of an onset {formatting.ratio(found['odds_ratio'])} times those of "
                "pairs alike in joint democracy and the controls but not both members "
                f"(95% CI {formatting.ratio(found['or_ci_low'])}\u2013"
                f"{formatting.ratio(found['or_ci_high'])}; {formatting.p_phrase(found['p'])})."
                + _support_clause(support.get(term))
            )
    return {
        "label": model["label"],
        "description": model["description"],
        "n": formatting.integer(model["n"]),
        "events": formatting.integer(model["n_events"]),
        "years": f"{model['years'][0]}\u2013{model['years'][1]}",
        "controls": ", ".join(term for term in model["controls"] if term not in TERM_LABELS),
        "rows": rows,
        "sentences": sentences,
        "trusted": model.get("converged", True) and not model.get("separation", False),
    }
