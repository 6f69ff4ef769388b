"""The caveats the field raises about this design, each worded with this run's numbers."""

from __future__ import annotations

from dpeace.report import formatting
from dpeace.report.labels import term_label
from dpeace.report.reproducibility import mirror_roots
from dpeace.report.tables import democracy_term


def _version(fetched_files: dict, file_name: str, fallback: str) -> str:
    entry = fetched_files.get(file_name)
    return entry["version"] if entry else fallback


def _coefficient_phrase(model: dict) -> str:
    term = democracy_term(model)
    return (
        f"{formatting.coefficient(term['coef'])} (95% CI "
        f"{formatting.interval(term['ci_low'], term['ci_high'])}, {formatting.p_phrase(term['p'])})"
    )


def coverage(fetched_files: dict, funnel: dict, rate_rows: list[dict]) -> dict:
    unknown = next((r["dyad_years"] for r in rate_rows if r["democracy_status"] == "unknown"), 0)
    return {
        "title": "Coverage",
        "text": (
            f"The dispute data (MID {_version(fetched_files, 'mida', '5.0')}) end in "
            f"{funnel['coverage_last_year']} and Polity5 ({_version(fetched_files, 'polity', 'p5v2018')}) "
            f"in 2018, so although dyad-years run {funnel['first_year']}\u2013{funnel['last_year']}, "
            f"only {funnel['coverage_first_year']}\u2013{funnel['coverage_last_year']} can be modelled. "
            f"Joint democracy is unknown, and the dyad-year left out of every model, in "
            f"{formatting.count_of(unknown, 'covered dyad-year')}: one of the two states has no "
            "Polity score (an interruption, interregnum or transition polity2 does not fill, or a "
            "state Polity does not code)."
        ),
    }


def threshold(models: list[dict], democracy_threshold: int) -> dict:
    text = (
        f"\u201cJoint democracy\u201d means both states score at least {democracy_threshold} "
        "on Polity2 (\u221210 to 10), a convention rather than a fact about the world; a different cut-off "
        "moves dyads in and out of the democratic group."
    )
    weak_link = next((m for m in models if m["democracy_term"] == "polity2_low"), None)
    if weak_link and democracy_term(weak_link):
        text += (
            f" The \u201c{weak_link['label']}\u201d specification asks the same question without a "
            f"threshold, using the {formatting.lower_first(term_label('polity2_low'))}: its coefficient is "
            f"{_coefficient_phrase(weak_link)} per Polity point."
        )
    return {"title": "The democracy threshold", "text": text}


def temporal_dependence(main: dict) -> dict:
    text = (
        "Dyad-years are not independent draws: a pair's disputes cluster in time, and a dispute "
        "going on makes a new one more likely. "
    )
    remedies = []
    if any(control.startswith("peace_years") for control in main["controls"]):
        remedies.append(
            "control for the years since the pair's last dispute and their square "
            "and cube (Carter and Signorino 2010)"
        )
    if main["ongoing"] == "drop":
        remedies.append("drop the years in which a dispute begun earlier was still going on")
    remedies.append("cluster standard errors by dyad")
    text += "The main model's remedies: " + "; ".join(remedies) + ". "
    text += (
        "These reduce, but do not remove, the dependence; spatial dependence between dyads is not modelled."
    )
    return {"title": "Temporal dependence", "text": text}


def rare_events(rate_rows: list[dict], models: list[dict]) -> dict:
    known = [r for r in rate_rows if r["democracy_status"] != "unknown"]
    dyad_years = sum(r["dyad_years"] for r in known)
    onsets = sum(r["onsets"] for r in known)
    democratic_onsets = next((r["onsets"] for r in known if r["democracy_status"] == "jointly_democratic"), 0)
    share = 100.0 * onsets / dyad_years if dyad_years else 0.0
    text = (
        f"Dispute onsets are rare: {formatting.integer(onsets)} in "
        f"{formatting.count_of(dyad_years, 'dyad-year')} of known democracy status ({share:.2f}%), of which "
        f"{formatting.integer(democratic_onsets)} between democracies. Maximum-likelihood logit "
        "can be biased when events are this rare (King and Zeng 2001)"
    )
    firth = next((m for m in models if m["estimator"] == "firth_logit" and democracy_term(m)), None)
    if firth:
        text += (
            f"; the \u201c{firth['label']}\u201d specification, a penalized likelihood that corrects "
            f"that bias, estimates {_coefficient_phrase(firth)}."
        )
    else:
        text += "; no bias-corrected (Firth) model was fitted."
    return {"title": "Rare events", "text": text}


def alliances() -> dict:
    return {
        "title": "Alliances",
        "text": (
            "Allies fight each other less and democracies ally with each other, so the main "
            "model controls for defence pacts from ATOP 5.1 (Leeds et al.): a pair has one in a "
            "year when both states belonged to one alliance on a common day and either promised "
            "defence. Other obligations (offence, neutrality, non-aggression, consultation) are in "
            "the data but not in the models. COW Formal Alliances are not used: their maintainer "
            "has asked that software not facilitate use of that data set."
        ),
    }


def mirror(fetched_files: dict) -> dict | None:
    roots = mirror_roots(fetched_files)
    if not roots:
        return None
    from_mirror = [e for e in fetched_files.values() if (e.get("fetched_from") or e["url"]) != e["url"]]
    pinned = sum(1 for e in from_mirror if e.get("sha256_pinned"))
    changed_form = [
        e["name"]
        for e in from_mirror
        if e.get("official_url", e["url"]) != e["url"]
        or e["url"].rsplit(".", 1)[-1].lower() != e["fetched_from"].rsplit(".", 1)[-1].lower()
    ]
    text = (
        f"The mirror was used: {len(from_mirror)} of {len(fetched_files)} files were fetched "
        f"from {', '.join(roots)} rather than the publishers' sites. "
    )
    if pinned == len(from_mirror):
        text += "Every one matched the checksum pinned for it in the source registry."
    else:
        text += (
            f"{pinned} of them matched checksums pinned in the source registry; the others' "
            "checksums were recorded on fetch and are listed under Data."
        )
    if changed_form:
        text += f" For {', '.join(changed_form)} the mirror holds another form of the official file" + (
            " (Polity5 as a CSV export of the official Excel file)." if "polity" in changed_form else "."
        )
    return {"title": "Mirror", "text": text}


def caveats(
    fetched_files: dict,
    funnel: dict,
    rate_rows: list[dict],
    models: list[dict],
    main: dict,
    democracy_threshold: int,
) -> list[dict]:
    found = [
        coverage(fetched_files, funnel, rate_rows),
        threshold(models, democracy_threshold),
        temporal_dependence(main),
        rare_events(rate_rows, models),
        alliances(),
        mirror(fetched_files),
    ]
    return [caveat for caveat in found if caveat]


RIVAL_MEASURE_NAMES = {
    "trade_dependence_low": "lower trade dependence (COW trade, 1870-2014)",
    "shared_igos": "shared IGOs (COW IGO 3.0, to 2014)",
    "gdppc_low": "weak-link GDP per capita",
    "terrthreat_high": "territorial threat (to 2010)",
    "td_rivalry": "Thompson-Dreyer rivalry (to 2010)",
    "tss_rivalry": "Thompson-Sakuwa-Suhas rivalry",
    "milper_per_capita_low": "lower military personnel per head",
}


def rival_coverage_caveat(rows: list[dict]) -> dict:
    """How many dyad-years and onsets each rival explanation's measure leaves unscored: the
    models that add one drop those rows, so their samples differ from the main model's."""
    parts = [
        f"{RIVAL_MEASURE_NAMES.get(row['measure'], row['measure'])} leaves "
        f"{formatting.integer(row['unscored'])} of {formatting.integer(row['total'])} dyad-years and "
        f"{formatting.integer(row['onsets_unscored'])} of {formatting.integer(row['onsets'])} onsets unscored"
        for row in rows
    ]
    return {
        "title": "Coverage of the rival explanations",
        "text": "; ".join(parts)
        + ". A model that adds a measure drops the dyad-years it leaves unscored, so the Kantian, "
        "capitalist-peace, territorial and dangerous-dyads models are fitted to smaller samples than the main model "
        "(see the battery's N); the rows each source could not match to a COW state or dyad are listed in "
        "covariates_unmatched and leaders_unmatched.",
    }
