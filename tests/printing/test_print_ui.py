"""The summary leaves the kiosk, through the real screens: "Print for my provider" on a
real CUPS queue (a private cupsd with cups-pdf), a printer fault that keeps the summary on screen
with the patient message, and "Call the front desk" on the emergency page with a recording
command that never sees an answer."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from kiosk.desk.cups import PRINT_DONE_MESSAGE, PRINT_FAILED_MESSAGE, Cups, print_slip
from kiosk.ui.screens.emergency import EmergencyScreen
from kiosk.ui.screens.review import ReviewScreen
from kiosk.ui.screens.summary import SummaryScreen
from kiosk.words.ui_words import DESK_CALLED
from tests.app.flow_driver import answer_all_by_keypad
from tests.app.screen_text import screen_text
from tests.app.waits import settle
from tests.conftest import tuned
from tests.printing.kept import counts, files_holding, files_in, more_than_for_nobody, snapshot
from tests.printing.pdf_read import pdf_text
from tests.printing.slips import english_slip, nobody_slip

SIZE = (80, 24)
FLOW_KEYS = ("1", "3", "1")  # home: the topic's first screen, its questions, start


async def to_summary(pilot):
    await pilot.press(*FLOW_KEYS)
    await pilot.pause()
    await answer_all_by_keypad(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    await pilot.press("1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)


def printing_library(library, queue):
    return tuned(library, printing=library.settings.printing.model_copy(
        update={"printer": queue, "finish_timeout_seconds": 30}))


@pytest.mark.cups
async def test_print_for_my_provider_prints_every_answer_and_keeps_nothing(make_app, library, private_cups,
                                                                          monkeypatch, tmp_path, topic):
    monkeypatch.setenv("CUPS_SERVER", private_cups.socket)
    before = set(private_cups.out.rglob("*.pdf"))
    spool_before = snapshot(private_cups.private_dirs())  # to count answers in, once they are known
    # A data folder of this test's own: the shared one holds other tests' kiosks' files, such as
    # their last good copies of content (kiosk.content.last_good), whose words are the topics' own.
    app = make_app(tuned(printing_library(library, "KioskPDF"), data_dir=tmp_path / "data"))
    async with app.run_test(size=SIZE) as pilot:
        await to_summary(pilot)
        screen = app.screen
        assert screen.can_print and "Print" in [i.label for i in screen.choices.items]
        answers = [line.text for line in app.visit.flow.summary_lines()]
        await pilot.press("slash")  # speech on: the result is said too
        await pilot.press("5")
        for _ in range(60):
            await settle(pilot, 1)
            if PRINT_DONE_MESSAGE in screen_text(app) or PRINT_FAILED_MESSAGE in screen_text(app):
                break
        assert PRINT_DONE_MESSAGE in screen_text(app)
        assert isinstance(app.screen, SummaryScreen)  # the summary stays
        assert PRINT_DONE_MESSAGE in app.speech.texts
    pdf = private_cups.wait_for_pdf(before)
    text = " ".join(pdf_text(pdf.read_bytes()).split())
    for answer in answers:
        assert " ".join(answer.split()) in text
    assert app.controller.last_print_error is None
    for path in files_in([app.controller.data_dir]):  # the kiosk's own data folder keeps no answer at all
        data = path.read_bytes()
        assert not any(answer.encode() in data for answer in answers), path
    # The CUPS spool and logs: no answer line, and no file gains more of an answer from the visit
    # than from the same print for nobody (cups-pdf logs "no postprocessing": a short answer such
    # as "no" is CUPS's word too).
    lines = [f"{line.label}: {line.text}" for line in app.visit.flow.summary_lines()]
    assert files_holding(private_cups.private_dirs(), lines) == []
    spool = private_cups.private_dirs()
    after_visit = counts(spool, answers)
    start = counts(spool_before, answers)
    nobody_before = set(private_cups.out.rglob("*.pdf"))
    result = print_slip(nobody_slip(english_slip(topic)[0]), app.library.settings.printing, Cups())
    assert result.ok, result.staff_message
    private_cups.wait_for_pdf(nobody_before)
    assert more_than_for_nobody(start, after_visit, counts(spool, answers)) == []


@pytest.mark.cups
async def test_a_queue_stopped_after_the_offer_gives_the_patient_message_and_keeps_the_summary(
        make_app, library, private_cups, monkeypatch):
    monkeypatch.setenv("CUPS_SERVER", private_cups.socket)
    app = make_app(printing_library(library, "KioskPDF"))
    async with app.run_test(size=SIZE) as pilot:
        await to_summary(pilot)
        assert app.screen.can_print
        private_cups.run("cupsdisable", "KioskPDF")
        try:
            await pilot.press("5")
            for _ in range(60):
                await settle(pilot, 1)
                if PRINT_FAILED_MESSAGE in screen_text(app):
                    break
        finally:
            private_cups.run("cupsenable", "KioskPDF")
        assert PRINT_FAILED_MESSAGE in screen_text(app)
        assert isinstance(app.screen, SummaryScreen) and "Show this to your provider" in screen_text(app)
        assert app.controller.last_print_error  # for staff


async def test_with_no_printer_set_the_summary_offers_no_printing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_summary(pilot)
        assert "Print" not in [i.label for i in app.screen.choices.items]


def recording_command(tmp_path: Path) -> tuple[list[str], Path]:
    script = tmp_path / "desk.sh"
    record = tmp_path / "calls.txt"
    script.write_text(f'#!/bin/sh\necho "$@" >> {record}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return [str(script)], record


async def test_call_the_front_desk_runs_the_command_with_no_answer(make_app, library, tmp_path):
    command, record = recording_command(tmp_path)
    lib = tuned(library, alert=library.settings.alert.model_copy(update={"command": command, "kiosk_name": "lobby"}))
    app = make_app(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("asterisk")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        assert "Call the front desk" in [i.label for i in app.screen.choices.items]
        await pilot.press("4")
        for _ in range(50):
            await pilot.pause(0.1)
            if DESK_CALLED in screen_text(app):
                break
        assert DESK_CALLED in screen_text(app)
    calls = record.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 1 and "lobby" in calls[0]


async def test_a_danger_sign_answer_calls_the_desk_by_itself(make_app, library, tmp_path):
    command, record = recording_command(tmp_path)
    lib = tuned(library, alert=library.settings.alert.model_copy(update={"command": command}))
    app = make_app(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*FLOW_KEYS)
        await pilot.pause()
        await pilot.press("1")  # the first danger sign of question 1
        screen = app.screen
        if not isinstance(screen, EmergencyScreen):  # a multi-choice question: tick, then Done (9)
            await pilot.press("9")
            await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        deadline = time.monotonic() + 10
        while not record.exists() and time.monotonic() < deadline:
            await pilot.pause(0.1)
    calls = record.read_text(encoding="utf-8")
    topic = library.topics[0]
    for question in topic.flow.questions[:1]:
        for choice in question.choices:
            assert choice.label not in calls  # the answer never leaves the kiosk


async def test_staff_printer_info_says_which_slips_were_cancelled_and_purged(make_app, library, monkeypatch):
    """A slip not seen finished is purged out of sight (it must never print later): staff mode's
    printer info is where staff see that it happened, and which job it was."""
    from kiosk.desk import cups
    from tests.app.test_staff_ui import open_staff, with_pin

    leftovers = cups.LeftoverJobs()
    leftovers.record("Desk-7", "not confirmed finished: the printing service stopped")
    monkeypatch.setattr(cups, "LEFTOVERS", leftovers)
    app = make_app(with_pin(library))
    async with app.run_test(size=SIZE) as pilot:
        await open_staff(pilot)
        await pilot.press("8")
        await pilot.pause()
        shown = app.screen.result
    assert "Desk-7: cancelled and purged from the print spool (not confirmed finished" in shown


async def test_pressing_call_again_runs_no_second_command_and_says_the_desk_is_on_its_way(make_app, library, tmp_path):
    """20 presses once ran 10-14 commands at once. A press while a call is on its way, or soon
    after one that worked, runs nothing; the person is told the desk is already coming."""
    from kiosk.words.i18n import tr
    from kiosk.words.ui_words import DESK_ALREADY_CALLED

    record = tmp_path / "calls.txt"
    script = tmp_path / "desk.sh"
    script.write_text(f'#!/bin/sh\necho "$@" >> {record}\nsleep 1\n', encoding="utf-8")
    script.chmod(0o755)
    lib = tuned(library, alert=library.settings.alert.model_copy(update={"command": [str(script)]}))
    app = make_app(lib)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("asterisk")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("4", "4", "4")  # while the first call is on its way
        await pilot.pause()
        assert app.screen.desk_note == DESK_ALREADY_CALLED  # (wrapped on screen at 80 columns)
        for _ in range(50):
            await pilot.pause(0.1)
            if DESK_CALLED in screen_text(app):
                break
        assert DESK_CALLED in screen_text(app)
        await pilot.press("4")  # soon after a call that worked
        await pilot.pause()
        assert app.screen.desk_note == DESK_ALREADY_CALLED  # (wrapped on screen at 80 columns)
    assert len(record.read_text(encoding="utf-8").splitlines()) == 1
    assert tr("es", DESK_ALREADY_CALLED) != DESK_ALREADY_CALLED  # said in Spanish too


@pytest.mark.cups
async def test_a_slip_left_in_the_spool_by_a_cupsd_stopped_mid_print_is_purged_after_the_visit(
        make_app, library, fresh_cups, monkeypatch, tmp_path):
    """Through the screens: print, cupsd stops mid-job (the slip's data file stays in its spool),
    the patient finishes, cupsd comes back: the job is cancelled with its data file, never
    queued again, and staff mode's printer info says so."""
    from kiosk.desk import cups

    cupsd = fresh_cups()
    queue = cupsd.add_test_queue("KioskHang", "hang")  # a printer that never finishes
    monkeypatch.setenv("CUPS_SERVER", cupsd.socket)
    leftovers = cups.LeftoverJobs(retry_seconds=0.2)
    monkeypatch.setattr(cups, "LEFTOVERS", leftovers)
    lib = printing_library(library, queue)
    lib = tuned(lib, printing=lib.settings.printing.model_copy(update={"finish_timeout_seconds": 120}),
                data_dir=tmp_path / "data")
    app = make_app(lib)
    async with app.run_test(size=SIZE) as pilot:
        await to_summary(pilot)
        await pilot.press("5")
        for _ in range(100):
            await pilot.pause(0.1)  # (settle would wait for the print itself)
            if list(cupsd.spool.glob("d*")) and leftovers.active:
                break
        assert list(cupsd.spool.glob("d*")) and leftovers.active, "the slip never reached the printer"
        cupsd.stop()
        for _ in range(100):
            await pilot.pause(0.1)  # (settle would wait for the print itself)
            if PRINT_FAILED_MESSAGE in screen_text(app):
                break
        assert PRINT_FAILED_MESSAGE in screen_text(app)
        assert list(cupsd.spool.glob("d*")), "the fault is real: the slip is on disk while cupsd is down"
        await pilot.press("9", "9")  # Finish, yes: the visit is over
        await settle(pilot)
        assert not isinstance(app.screen, SummaryScreen)
        cupsd.start()
        for _ in range(200):
            await pilot.pause(0.1)  # (settle would wait for the print itself)
            if not leftovers.waiting():
                break
        assert not leftovers.waiting(), leftovers.staff_lines()
        assert list(cupsd.spool.glob("d*")) == []
        assert cupsd.run("lpstat", "-W", "all", "-o", queue).stdout.strip() == ""
        assert "cancelled and purged" in leftovers.staff_lines()[0]
    cupsd.stop()
    cupsd.start()  # and it is not queued again at the next start of CUPS
    assert list(cupsd.spool.glob("d*")) == [] and cupsd.run("lpstat", "-W", "all", "-o", queue).stdout.strip() == ""
