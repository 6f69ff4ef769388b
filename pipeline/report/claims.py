"""What the theory claims, and where (or whether) this report tests each claim."""

from __future__ import annotations


def _community_findings(security_communities: dict | None) -> str:
    """'EC/EU: force stops, disputes do not; NATO: not even war stops', from the section's verdicts."""
    if not security_communities:
        return ""
    found = [f"{c['short']}: {c['verdict']}" for c in security_communities.get("communities", [])]
    return f" Found: {'; '.join(found)}." if found else ""


def _communication_claim(communication: dict | None) -> dict:
    claim = "Communication (trade, travel, migration, shared institutions) builds such communities."
    if not communication:
        return {
            "claim": claim,
            "tested": False,
            "test": "Not tested here: the data hold no measure of communication, trade or migration between "
            "states, so this report cannot say whether they build security communities.",
            "links": [],
        }
    return {
        "claim": claim,
        "tested": True,
        "test": "Trade and shared institutions only (travel and migration are not in the data): the trade "
        "dependence and shared IGO memberships of pairs before and within their joint EC/EU and NATO "
        "membership, against all pairs of the same year, and the main model with both added (Kantian peace). "
        + communication["finding"]
        + " An association, not a test of cause: see the section.",
        "links": [("communication", "Communication")],
    }


def claims(
    sections: dict[str, bool], security_communities: dict | None = None, communication: dict | None = None
) -> list[dict]:
    """Each claim, quoted briefly, with the test that answers it or why none does.

    sections: which evidence sections this build carries (wars, monadic, robustness,
    security_communities), so that no claim points at an analysis the build lacks;
    communication: the communication context (pipeline/report/communication.py), if built.
    """
    rows = [
        {
            "claim": "Democracies rarely fight each other.",
            "tested": True,
            "test": "Dispute onsets between two democracies against other pairs: the rates, every exception by "
            "name, the main model with controls, the predicted probabilities"
            + (" and the specification curve" if sections.get("robustness") else "")
            + ".",
            "links": [("verdict", "Verdict"), ("exceptions", "Exceptions"), ("models", "Models")]
            + ([("robustness", "Robustness")] if sections.get("robustness") else []),
        },
        {
            "claim": "They have fought many wars (democracies are not peaceful towards everyone).",
            "tested": bool(sections.get("monadic") or sections.get("wars")),
            "test": (
                "Dispute involvement, initiation and war entry of democracies against other states, the "
                "monadic model, and the wars democracies fought with each other."
                if sections.get("monadic")
                else "Not tested in this build: the state-year dispute and war columns are not in the database."
            ),
            "links": [("monadic", "Monadic"), ("wars", "Wars")],
        },
        {
            "claim": "Security communities such as the EU make war among their members inconceivable.",
            "tested": bool(sections.get("security_communities")),
            "test": (
                "Disputes between members of the EC/EU and of NATO against other pairs, and a model with "
                "both membership flags." + _community_findings(security_communities)
                if sections.get("security_communities")
                else "Not tested in this build: the membership data are not in the database."
            ),
            "links": [("security-communities", "Security communities")],
        },
        _communication_claim(communication),
    ]
    return rows
