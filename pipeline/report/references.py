"""The report's references: the methods its text cites, then every dataset it reads (from
the fetch registry's citations), each with a BibTeX entry a reader can copy."""

from __future__ import annotations

import re

# The methods and ideas the report's text names, as published.
METHODS = (
    {
        "key": "beck1998taking",
        "text": "Beck, Nathaniel, Jonathan N. Katz, and Richard Tucker. 1998. \u201cTaking Time Seriously: "
        "Time-Series-Cross-Section Analysis with a Binary Dependent Variable.\u201d American Journal of Political "
        "Science 42(4): 1260\u20131288.",
        "bibtex": "@article{beck1998taking,\n  author = {Beck, Nathaniel and Katz, Jonathan N. and Tucker, Richard},\n"
        "  title = {Taking Time Seriously: Time-Series-Cross-Section Analysis with a Binary Dependent Variable},\n"
        "  journal = {American Journal of Political Science},\n  volume = {42},\n  number = {4},\n"
        "  pages = {1260--1288},\n  year = {1998}\n}",
    },
    {
        "key": "carter2010back",
        "text": "Carter, David B., and Curtis S. Signorino. 2010. \u201cBack to the Future: Modeling Time Dependence "
        "in Binary Data.\u201d Political Analysis 18(3): 271\u2013292.",
        "bibtex": "@article{carter2010back,\n  author = {Carter, David B. and Signorino, Curtis S.},\n"
        "  title = {Back to the Future: Modeling Time Dependence in Binary Data},\n  journal = {Political Analysis},\n"
        "  volume = {18},\n  number = {3},\n  pages = {271--292},\n  year = {2010}\n}",
    },
    {
        "key": "deutsch1957political",
        "text": "Deutsch, Karl W., et al. 1957. Political Community and the North Atlantic Area: International "
        "Organization in the Light of Historical Experience. Princeton University Press.",
        "bibtex": "@book{deutsch1957political,\n  author = {Deutsch, Karl W. and others},\n"
        "  title = {Political Community and the North Atlantic Area: International Organization in the Light of "
        "Historical Experience},\n  publisher = {Princeton University Press},\n  year = {1957}\n}",
    },
    {
        "key": "firth1993bias",
        "text": "Firth, David. 1993. \u201cBias Reduction of Maximum Likelihood Estimates.\u201d Biometrika 80(1): 27\u201338.",
        "bibtex": "@article{firth1993bias,\n  author = {Firth, David},\n  title = {Bias Reduction of Maximum Likelihood "
        "Estimates},\n  journal = {Biometrika},\n  volume = {80},\n  number = {1},\n  pages = {27--38},\n  year = {1993}\n}",
    },
    {
        "key": "heinze2002solution",
        "text": "Heinze, Georg, and Michael Schemper. 2002. \u201cA Solution to the Problem of Separation in Logistic "
        "Regression.\u201d Statistics in Medicine 21(16): 2409\u20132419.",
        "bibtex": "@article{heinze2002solution,\n  author = {Heinze, Georg and Schemper, Michael},\n"
        "  title = {A Solution to the Problem of Separation in Logistic Regression},\n  journal = {Statistics in Medicine},\n"
        "  volume = {21},\n  number = {16},\n  pages = {2409--2419},\n  year = {2002}\n}",
    },
    {
        "key": "king2001logistic",
        "text": "King, Gary, and Langche Zeng. 2001. \u201cLogistic Regression in Rare Events Data.\u201d Political "
        "Analysis 9(2): 137\u2013163.",
        "bibtex": "@article{king2001logistic,\n  author = {King, Gary and Zeng, Langche},\n"
        "  title = {Logistic Regression in Rare Events Data},\n  journal = {Political Analysis},\n  volume = {9},\n"
        "  number = {2},\n  pages = {137--163},\n  year = {2001}\n}",
    },
    {
        "key": "maoz1993normative",
        "text": "Maoz, Zeev, and Bruce Russett. 1993. \u201cNormative and Structural Causes of Democratic Peace, "
        "1946\u20131986.\u201d American Political Science Review 87(3): 624\u2013638.",
        "bibtex": "@article{maoz1993normative,\n  author = {Maoz, Zeev and Russett, Bruce},\n"
        "  title = {Normative and Structural Causes of Democratic Peace, 1946--1986},\n"
        "  journal = {American Political Science Review},\n  volume = {87},\n  number = {3},\n  pages = {624--638},\n"
        "  year = {1993}\n}",
    },
    {
        "key": "simonsohn2020specification",
        "text": "Simonsohn, Uri, Joseph P. Simmons, and Leif D. Nelson. 2020. \u201cSpecification Curve Analysis.\u201d "
        "Nature Human Behaviour 4(11): 1208\u20131214.",
        "bibtex": "@article{simonsohn2020specification,\n  author = {Simonsohn, Uri and Simmons, Joseph P. and Nelson, Leif D.},\n"
        "  title = {Specification Curve Analysis},\n  journal = {Nature Human Behaviour},\n  volume = {4},\n"
        "  number = {11},\n  pages = {1208--1214},\n  year = {2020}\n}",
    },
)


def _braced(text: str) -> str:
    """A value safe inside BibTeX braces: no unbalanced brace can end it early."""
    return text.replace("{", "(").replace("}", ")")


def dataset_bibtex(source_id: str, citation: dict) -> str:
    """A @misc entry for a dataset: its title, version and publisher, the full citation as note."""
    key = re.sub(r"[^a-z0-9]+", "", source_id.lower()) + "data"
    return (
        f"@misc{{{key},\n  title = {{{_braced(citation['title'])}}},\n  note = {{Version {_braced(str(citation['version']))}. "
        f"{_braced(citation['citation'])}}}\n}}"
    )


def references(dataset_citations: list[dict]) -> dict:
    """{"methods": [...], "datasets": [...], "bibtex": one block with every entry}."""
    datasets = [
        {**citation, "bibtex": dataset_bibtex(citation["source_id"], citation)}
        for citation in dataset_citations
    ]
    bibtex = "\n\n".join([method["bibtex"] for method in METHODS] + [d["bibtex"] for d in datasets])
    return {"methods": list(METHODS), "datasets": datasets, "bibtex": bibtex}
