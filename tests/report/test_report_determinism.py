"""The same inputs give a byte-identical report."""

from __future__ import annotations

import base64
import re

from dpeace.report.render import render_report

from conftest import write_model_results


def test_two_renders_are_byte_identical(report_data, tmp_path):
    first = render_report(tmp_path / "first.html").read_bytes()
    second = render_report(tmp_path / "second.html").read_bytes()
    assert first == second


def test_figures_carry_no_date_or_random_ids(report_data, tmp_path):
    html = render_report(tmp_path / "report.html").read_text(encoding="utf-8")
    figures = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(figures) == 4
    for encoded in figures:
        svg = base64.b64decode(encoded).decode("utf-8")
        assert "<dc:date>" not in svg
        assert "Matplotlib" not in svg  # no creator stamp with a version in it


def test_a_changed_input_changes_the_report(report_data, tmp_path, fixture_results):
    # Guards the determinism test against a report that ignores its inputs.
    before = render_report(tmp_path / "before.html").read_bytes()
    era = next(m for m in fixture_results["models"] if m["id"] == "era_pre1945")
    era["terms"][0]["coef"] = -0.4321
    write_model_results(report_data, fixture_results)
    after = render_report(tmp_path / "after.html").read_text(encoding="utf-8")
    assert before != after.encode("utf-8")
    assert "\u22120.432" in after


def test_clip_paths_are_named_by_order_not_by_a_hash_of_their_floats():
    # Two renders whose clip rectangles differ only in bits the SVG does not print get
    # different hashed ids from matplotlib; renamed in order of appearance they agree, and
    # every reference still points at its own clip path.
    from dpeace.report.plots import _stable_clip_ids

    def svg(first, second):
        return (
            f'<clipPath id="{first}"><rect x="1"/></clipPath><clipPath id="{second}"><rect x="2"/></clipPath>'
            f'<g clip-path="url(#{second})"/><g clip-path="url(#{first})"/>'
        ).encode()

    one = _stable_clip_ids(svg("pab8eccbd46", "p0123456789"))
    other = _stable_clip_ids(svg("p256bfe075a", "p0123456789"))
    assert (
        one
        == other
        == (
            b'<clipPath id="clip1"><rect x="1"/></clipPath><clipPath id="clip2"><rect x="2"/></clipPath>'
            b'<g clip-path="url(#clip2)"/><g clip-path="url(#clip1)"/>'
        )
    )
