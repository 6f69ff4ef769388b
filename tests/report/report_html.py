"""Reading a rendered report back as a person would: its tables as rows of cell text,
its images, and the URLs it points at."""

from __future__ import annotations

from html.parser import HTMLParser

# The report's sections, in order: the ids issue 14 asks for, so that readers can link to them.
SECTION_IDS = [
    "verdict",
    "claims",
    "exceptions",
    "wars",
    "monadic",
    "models",
    "robustness",
    "security-communities",
    "caveats",
    "appendix-data",
]


class ReportReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[dict] = []
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name in ("src", "href", "action", "data", "poster", "srcset"):
            if name in attributes:
                self.references.append((tag, name, attributes[name] or ""))
        if tag == "img":
            self.images.append(attributes)
        elif tag == "table":
            self._table = (attributes.get("class") or f"table-{len(self.tables)}").split()[0]
            self.tables.setdefault(self._table, [])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def text(self) -> str:
        """All visible text with whitespace collapsed (style contents included, harmlessly)."""
        return " ".join(" ".join(self.text_parts).split())


def read_report(html: str) -> ReportReader:
    reader = ReportReader()
    reader.feed(html)
    reader.close()
    return reader
