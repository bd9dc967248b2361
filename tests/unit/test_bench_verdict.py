"""The bench fails when a row cannot measure: a figure shown as n/a is a broken bench, not a finding."""

from __future__ import annotations

from bench import report


def test_a_row_without_a_figure_is_unmeasured_with_its_reason():
    rows = [report.Row("Start", 0.4, 0.2, "s", max_ratio=1.5),
            report.Row("Speech: first WAV", None, None, "ms", max_ratio=1.5, note="expected a topic, got X")]
    assert [r.figure for r in report.unmeasured(rows)] == ["Speech: first WAV"]
    assert "expected a topic, got X" in report.unmeasured_reasons(rows)


def test_a_ratio_row_without_its_reference_is_unmeasured():
    rows = [report.Row("Speech: first WAV", 12.0, None, "ms", max_ratio=1.5, note="espeak-ng missing")]
    assert report.unmeasured(rows) == rows


def test_a_missed_target_is_measured_and_not_a_broken_bench():
    rows = [report.Row("Start", 0.9, 0.2, "s", max_ratio=1.5), report.Row("Info", 3.0)]
    assert report.unmeasured(rows) == []
