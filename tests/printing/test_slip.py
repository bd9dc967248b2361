"""The slip as a PDF in memory: readable text (real fonts), every answer, the danger signs, large
print on every paper size, and nothing of the visit in its metadata. Needs poppler-utils only."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess

import pytest

from kiosk.content.settings import KioskSettings, Paper
from kiosk.desk.cups import PRINT_FAILED_MESSAGE
from kiosk.desk.slip import PDF_TITLE, SHOW_PROVIDER, Slip, render_slip
from tests.printing.pdf_read import pdf_text, text_sizes, word_heights
from tests.printing.slips import SPANISH, english_slip

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")


def expected_lines(slip: Slip) -> list[str]:
    out = []
    for words in slip.words:
        out += [words.heading, words.title, words.when, words.danger_heading]
        out += [f"{a.label}: {a.text}" for a in words.answers]
        out += [d.symptom for d in words.danger_signs] + [d.action for d in words.danger_signs]
    return out


@pytest.mark.parametrize("paper", list(Paper))
def test_every_answer_and_danger_sign_reads_back_in_large_print(topic, paper):
    slip, session = english_slip(topic)
    assert len(session.summary_lines()) >= 10  # a long visit: every question answered

    rendered = render_slip(slip, paper, font_size=14)

    text = pdf_text(rendered.data)
    for line in expected_lines(slip):
        assert line in text, f"{line!r} is not on the {paper} slip"
    assert slip.clinic_name in text and SHOW_PROVIDER in text
    sizes = [size for size, _ in text_sizes(rendered.data)]
    assert min(sizes) >= 14, f"text at {min(sizes)} pt"
    assert min(word_heights(rendered.data)) >= 14 * 0.95


def test_a_receipt_is_one_long_page_80_mm_wide(topic):
    slip, _ = english_slip(topic)
    rendered = render_slip(slip, Paper.RECEIPT_80MM, 16)
    assert rendered.pages == 1 and round(rendered.page_width_mm) == 80
    assert rendered.page_height_mm > 300  # grows with the answers instead of spilling onto a page 2
    info = subprocess.run(["pdfinfo", "-"], input=rendered.data, capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.M)


def test_danger_signs_sharing_an_action_print_it_once(topic):
    from kiosk.desk.slip import danger_groups

    slip, _ = english_slip(topic)
    text = pdf_text(render_slip(slip, Paper.RECEIPT_80MM, 16).data)
    for action, symptoms in danger_groups(topic.red_flags):
        if len(symptoms) == 1:
            assert f"{symptoms[0]}: {action}" in text
        else:  # the symptoms, one after another, then "What to do:" and the action once
            assert " ".join(f"! {s}" for s in symptoms) + f" What to do: {action}" in text
    assert text.count("Tell the front desk now.") < len(topic.red_flags)


def test_two_languages_are_both_on_the_slip(topic):
    slip, _ = english_slip(topic)
    both = Slip(slip.clinic_name, (slip.words[0], SPANISH))
    text = pdf_text(render_slip(both, Paper.A4, 16).data)
    for line in expected_lines(both):
        assert line in text, line
    assert text.index(slip.words[0].heading) < text.index(SPANISH.heading)  # first language first


def test_the_pdf_says_nothing_of_the_visit_outside_its_page(topic):
    slip, session = english_slip(topic)
    data = render_slip(slip, Paper.LETTER, 16).data
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert f"Title:           {PDF_TITLE}" in info
    for line in session.summary_lines():
        assert f"{line.label}: {line.text}" not in info
        # pdfinfo has words of its own ("Form: none"), so an answer may be one of them: the
        # metadata of this visit's slip must then be that of a slip with no answers at all.
        assert line.text not in info or line.text in "\n".join(pdf_info_without_dates(blank_slip(slip)))
    assert topic.title not in info
    assert pdf_info_without_dates(slip) == pdf_info_without_dates(blank_slip(slip))


def blank_slip(slip: Slip) -> Slip:
    """The same slip for nobody: no title, no answers."""
    return Slip(slip.clinic_name, (dataclasses.replace(slip.words[0], title="-", answers=()),))


def pdf_info_without_dates(slip: Slip) -> list[str]:
    data = render_slip(slip, Paper.LETTER, 16).data
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return [line for line in info.splitlines() if not line.startswith(("CreationDate", "ModDate", "File size",
                                                                           "Pages"))]


def test_fonts_are_real_fonts_not_type_3(topic):
    slip, _ = english_slip(topic)
    fonts = subprocess.run(
        ["pdffonts", "-"], input=render_slip(slip).data, capture_output=True, check=True
    ).stdout.decode()
    assert "Type 3" not in fonts


def test_font_size_below_14_is_refused_by_settings_and_raised_by_layout(topic):
    with pytest.raises(ValueError):
        KioskSettings.model_validate({"printing": {"font_size": 12}})
    slip, _ = english_slip(topic)
    assert render_slip(slip, Paper.LETTER, 9).font_size == 14


def test_markup_characters_in_content_are_printed_as_text(topic):
    from kiosk.desk.slip import SlipWords
    from kiosk.visit.flow import SummaryLine

    words = SlipWords("A & B <i>", "today", (SummaryLine("Pain <1>", "a & b"),), ())
    text = pdf_text(render_slip(Slip("Clinic & Co", (words,))).data)
    assert "A & B <i>" in text and "Pain <1>: a & b" in text and "Clinic & Co" in text


def test_printing_is_off_by_default_and_the_patient_words_are_plain():
    settings = KioskSettings()
    assert settings.printing.printer is None and settings.alert.command is None
    assert PRINT_FAILED_MESSAGE == "Printing did not work. Please show this screen to the front desk."


def test_laying_out_a_slip_writes_no_file(topic):
    from tests.printing.slips import FileWrites

    slip, _ = english_slip(topic)
    with FileWrites() as writes:
        for paper in Paper:
            render_slip(Slip(slip.clinic_name, (slip.words[0], SPANISH)), paper, 16)
    assert writes.paths == []


def test_lines_in_renders_the_answers_through_another_translation(topic):
    """A patient who used a second language: the provider's lines come from the other flow."""
    from kiosk.visit.flow import lines_in

    _, session = english_slip(topic)
    flow = topic.flow
    shouted = flow.model_copy(
        update={
            "questions": [
                q.model_copy(
                    update={
                        "summary_label": q.summary_label.upper(),
                        "choices": [c.model_copy(update={"summary": c.summary.upper()}) for c in q.choices],
                    }
                )
                for q in flow.questions
            ]
        }
    )
    lines = lines_in(shouted, session)
    assert lines is not None and len(lines) == len(session.summary_lines())
    for mine, theirs in zip(session.summary_lines(), lines, strict=True):
        assert theirs.label == mine.label.upper()
        assert theirs.text.replace(" AND ", " and ") == mine.text.upper().replace(" AND ", " and ")
    fewer = flow.model_copy(update={"questions": flow.questions[:1]})
    assert lines_in(fewer, session) is None  # a translation missing a question: no second rendering


def test_english_date_time():
    import datetime as dt

    from kiosk.desk.slip import english_date_time

    assert english_date_time(dt.datetime(2026, 11, 25, 14, 5)) == "Wednesday, November 25, 2026, 2:05 PM"
    assert english_date_time(dt.datetime(2026, 1, 4, 0, 30)) == "Sunday, January 4, 2026, 12:30 AM"
    assert english_date_time(dt.datetime(2026, 1, 4, 12, 0)) == "Sunday, January 4, 2026, 12:00 PM"


def test_a_slip_on_several_sheets_numbers_them(topic):
    slip, _ = english_slip(topic)
    both = Slip(
        slip.clinic_name, (slip.words[0], SPANISH), page_words="Page {page} of {pages} / Página {page} de {pages}"
    )
    rendered = render_slip(both, Paper.LETTER, 16)
    assert rendered.pages >= 2
    text = pdf_text(rendered.data)
    for page in range(1, rendered.pages + 1):
        assert f"Page {page} of {rendered.pages} / Página {page} de {rendered.pages}" in text
    assert min(size for size, _ in text_sizes(rendered.data)) >= 14
    assert "Page 1 of" not in pdf_text(render_slip(slip, Paper.RECEIPT_80MM, 16).data)  # one long page


def test_a_spanish_slip_has_spanish_headings_and_date():
    """The patient's half of the slip is in their language, headings and date too."""
    import datetime as dt

    from kiosk.desk.slip import SHOW_PROVIDER, slip_words

    words = slip_words("Espasmos", [], [], dt.datetime(2026, 11, 25, 9, 47), language="es")
    assert words.heading != SHOW_PROVIDER and words.heading.startswith("Muestre")
    assert words.when == "25 de noviembre de 2026, 9:47"
    assert words.what_to_do == "Qué hacer" and not words.danger_heading.endswith(":")
    english = slip_words("Spasms", [], [], dt.datetime(2026, 11, 25, 9, 47))
    assert english.heading == SHOW_PROVIDER and english.when == "Wednesday, November 25, 2026, 9:47 AM"


def test_file_writes_counts_the_code_under_test_not_threads_left_running_by_earlier_tests(tmp_path):
    """CI once failed the test above on '/dev/null': the audit hook sees the whole process, and a
    thread an earlier test left running (a player's DEVNULL) opened it meanwhile. Threads running
    before the block are not the code under test; threads it starts are."""
    import os
    import threading

    from tests.printing.slips import FileWrites

    go, opened = threading.Event(), threading.Event()

    def earlier_thread() -> None:
        go.wait()
        os.close(os.open(os.devnull, os.O_WRONLY))
        opened.set()

    left_running = threading.Thread(target=earlier_thread, daemon=True)
    left_running.start()
    with FileWrites() as writes:
        go.set()
        assert opened.wait(10)
        started_inside = threading.Thread(target=lambda: (tmp_path / "inside").write_text("x"))
        started_inside.start()
        started_inside.join()
    left_running.join()
    assert writes.paths == [str(tmp_path / "inside")]
