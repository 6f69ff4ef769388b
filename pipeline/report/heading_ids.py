"""Every heading of the report gets an id a reader can link to (#section-heading), so no
template has to remember to give one: a heading without an id takes its section's id and
a slug of its words, made unique in the page. Headings that have an id keep it."""

from __future__ import annotations

import html as html_text
import re

_TAGS = re.compile(r"<[^>]+>")
_ELEMENTS = re.compile(r'<section id="([^"]+)"|<h([2-4])((?:\s[^>]*)?)>(.*?)</h\2>', re.S)
_IDS = re.compile(r'\sid="([^"]+)"')
SLUG_LENGTH = 48


def slug(text: str) -> str:
    words = html_text.unescape(_TAGS.sub(" ", text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-")[:SLUG_LENGTH].rstrip("-") or "heading"


def add_heading_ids(page: str) -> str:
    taken = set(_IDS.findall(page))
    section = ""
    parts, last = [], 0
    for match in _ELEMENTS.finditer(page):
        if match.group(1):
            section = match.group(1)
            continue
        level, attributes, inner = match.group(2), match.group(3) or "", match.group(4)
        if _IDS.search(attributes):
            continue
        base = f"{section}-{slug(inner)}" if section else slug(inner)
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        parts.append(page[last : match.start()])
        parts.append(f'<h{level} id="{candidate}"{attributes}>{inner}</h{level}>')
        last = match.end()
    parts.append(page[last:])
    return "".join(parts)
