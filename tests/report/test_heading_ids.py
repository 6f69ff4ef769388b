"""Every heading of the report has an id to link to (dpeace.report.heading_ids)."""

from __future__ import annotations

import re

from dpeace.report.heading_ids import add_heading_ids


def test_headings_take_their_section_and_words_and_keep_ids_they_have():
    page = (
        '<section id="wars"><h2>Wars</h2><h3>By MID&rsquo;s war level</h3><h3 id="own">Kept</h3>'
        '<h4 class="small">By <b>MID</b>\u2019s war level</h4></section><h3>Outside</h3>'
    )
    assert add_heading_ids(page) == (
        '<section id="wars"><h2 id="wars-wars">Wars</h2><h3 id="wars-by-mid-s-war-level">By MID&rsquo;s war level</h3>'
        '<h3 id="own">Kept</h3><h4 id="wars-by-mid-s-war-level-2" class="small">By <b>MID</b>\u2019s war level</h4>'
        '</section><h3 id="wars-outside">Outside</h3>'
    )


def test_every_heading_of_the_fixture_report_has_a_unique_id(fixture_report_html):
    headings = re.findall(r"<h([2-4])([^>]*)>", fixture_report_html)
    assert headings
    ids = [re.search(r'\sid="([^"]+)"', attributes) for _, attributes in headings]
    assert all(ids)
    every_id = re.findall(r'\sid="([^"]+)"', fixture_report_html)
    assert len(every_id) == len(set(every_id))
