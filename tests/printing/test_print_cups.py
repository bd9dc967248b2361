"""Printing through a real CUPS scheduler (a private cupsd, see cupsd.py) to cups-pdf.

A printed summary comes out with every answer and the danger signs in large
print; a stopped queue, a paused queue, a printer out of paper, a job that never finishes and
a stopped cupsd each end in the patient message and a cancelled job; after a print, nothing
under the CUPS spool holds an answer.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from kiosk.content.settings import Paper, PrintingSettings
from kiosk.desk.cups import PRINT_FAILED_MESSAGE, Cups, FailReason, QueueStatus, job_title, print_slip
from kiosk.desk.slip import render_slip
from tests.printing.kept import counts, files_holding, more_than_for_nobody
from tests.printing.pdf_read import pdf_text, text_sizes, word_heights
from tests.printing.slips import answer_lines, english_slip, nobody_slip

pytestmark = pytest.mark.cups


def settings_for(queue: str | None, **kw) -> PrintingSettings:
    return PrintingSettings(printer=queue, **{"finish_timeout_seconds": 30, **kw})


def answer_texts(session) -> list[str]:
    return [line.text for line in session.summary_lines()]


@pytest.mark.parametrize("paper", list(Paper))
def test_a_printed_slip_has_every_answer_and_the_danger_signs_in_large_print(private_cups, topic, paper):
    slip, session = english_slip(topic)
    cups = Cups(server=private_cups.socket)
    before = set(private_cups.out.glob("*.pdf"))

    start = time.monotonic()
    result = print_slip(slip, settings_for("KioskPDF", paper=paper, font_size=14), cups)
    pdf = private_cups.wait_for_pdf(before)
    to_pdf = time.monotonic() - start

    assert result.ok, result.staff_message
    assert result.patient_message != PRINT_FAILED_MESSAGE
    text = pdf_text(pdf)
    for line in session.summary_lines():
        assert f"{line.label}: {line.text}" in text, f"{line} is not on the printed {paper} slip"
    for flag in topic.red_flags:
        assert flag.symptom in text and flag.action in text
    assert "Show this to your provider" in text and topic.title in text
    sizes = [size for size, _ in text_sizes(pdf)]
    assert min(sizes) >= 14, f"printed text at {min(sizes)} pt on {paper}"
    assert min(word_heights(pdf)) >= 14 * 0.95
    print(f"\n{paper}: PDF in {to_pdf:.2f} s, sent {result.pdf_bytes} bytes, cups-pdf wrote {pdf.stat().st_size} "
          f"bytes, sizes {sorted(set(sizes))} pt")
    if paper is Paper.RECEIPT_80MM:  # the long page came through as one page 80 mm wide
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        width = float(info.split("Page size:")[1].split()[0])
        assert abs(width - 80 / 25.4 * 72) < 3, info
        assert "Pages:           1" in info


def test_the_job_title_and_queue_listing_carry_no_answer(private_cups, topic):
    """The listing of the visit's job is that of a job for nobody, but for its id and size: CUPS's
    own words ("Alerts: none") may be a short answer, but nothing of the visit is there."""
    slip, session = english_slip(topic)
    cups = Cups(server=private_cups.socket)
    private_cups.run("cupsdisable", "KioskPDF")
    jobs: list[str] = []
    try:  # a stopped queue keeps the job listed: submit by hand and read the listing
        for each in (slip, nobody_slip(slip)):
            out = subprocess.run(["lp", "-d", "KioskPDF", "-t", job_title(), "-o", "job-sheets=none"],
                                 input=render_slip(each).data, env=private_cups.env(), capture_output=True,
                                 timeout=10, check=True).stdout.decode()
            jobs.append(out.split("request id is ")[1].split()[0])
        listing = private_cups.run("lpstat", "-l", "-o", "KioskPDF").stdout
        visit, nobody = (job_listing(listing, job) for job in jobs)
        assert visit and visit == nobody, listing
        titles = private_cups.run("lpq", "-l", "-P", "KioskPDF").stdout  # lpq shows each job's title
        assert titles.count(job_title()) == 2, titles
        for text in [*answer_lines(session), topic.title]:
            assert text not in listing and text not in titles
    finally:
        for job in jobs:
            assert cups.cancel(job)  # never left to print when the queue is enabled again
        private_cups.run("cupsenable", "KioskPDF")


def job_listing(listing: str, job: str) -> list[str]:
    """The lines ``lpstat -l -o`` gives for ``job``: its user and the indented lines under it (the
    id, size and time differ from job to job whatever is printed)."""
    lines = listing.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(job + " "))
    end = next((i for i in range(first + 1, len(lines)) if not lines[i][:1].isspace()), len(lines))
    return [lines[first].split()[1], *lines[first + 1:end]]


def test_a_stopped_queue_gives_the_patient_message_and_leaves_no_job(private_cups, topic):
    slip, _ = english_slip(topic)
    cups = Cups(server=private_cups.socket)
    private_cups.run("cupsdisable", "-r", "paper jam", "KioskPDF")
    try:
        state = cups.state("KioskPDF")
        result = print_slip(slip, settings_for("KioskPDF"), cups)
    finally:
        private_cups.run("cupsenable", "KioskPDF")
    assert state.status is QueueStatus.STOPPED and not state.can_print and "paper jam" in state.detail
    assert not result.ok and result.reason is FailReason.STOPPED
    assert result.patient_message == PRINT_FAILED_MESSAGE
    assert "cupsenable KioskPDF" in state.staff_text()
    assert cups.pending_jobs("KioskPDF") == set()  # refused before submitting: nothing prints later


def test_a_paused_queue_that_rejects_jobs_gives_the_patient_message(private_cups, topic):
    slip, _ = english_slip(topic)
    cups = Cups(server=private_cups.socket)
    private_cups.run("cupsreject", "-r", "maintenance", "KioskPDF")
    try:
        state = cups.state("KioskPDF")
        result = print_slip(slip, settings_for("KioskPDF"), cups)
    finally:
        private_cups.run("cupsaccept", "KioskPDF")
    assert state.status is QueueStatus.REJECTING and "maintenance" in state.detail
    assert not result.ok and result.reason is FailReason.REJECTING
    assert result.patient_message == PRINT_FAILED_MESSAGE
    assert cups.state("KioskPDF").can_print


def test_a_queue_that_does_not_exist_is_said_so(private_cups, topic):
    slip, _ = english_slip(topic)
    result = print_slip(slip, settings_for("NoSuchQueue"), Cups(server=private_cups.socket))
    assert not result.ok and result.reason is FailReason.NO_QUEUE and result.patient_message == PRINT_FAILED_MESSAGE


def test_out_of_paper_gives_the_patient_message_and_the_job_is_cancelled(private_cups, topic):
    """The kiosktest backend reports media-empty-error, as a receipt printer does, and never ends."""
    slip, _ = english_slip(topic)
    queue = private_cups.add_test_queue("KioskPaperOut", "paperout")
    cups = Cups(server=private_cups.socket)

    start = time.monotonic()
    result = print_slip(slip, settings_for(queue, finish_timeout_seconds=20), cups)
    took = time.monotonic() - start

    assert not result.ok and result.reason is FailReason.OUT_OF_PAPER, result.staff_message
    assert result.patient_message == PRINT_FAILED_MESSAGE
    assert took < 10, f"out of paper seen after {took:.1f} s"  # seen while waiting, not at the timeout
    assert wait_until(lambda: cups.pending_jobs(queue) == set())  # cancelled: no slip comes out later
    state = cups.state(queue)  # the reason stays on the printer until someone adds paper
    assert "media-empty-error" in state.reasons or state.status is QueueStatus.READY


def test_a_job_that_never_finishes_is_cancelled_after_the_timeout(private_cups, topic):
    slip, _ = english_slip(topic)
    queue = private_cups.add_test_queue("KioskHang", "hang")
    cups = Cups(server=private_cups.socket)

    start = time.monotonic()
    result = print_slip(slip, settings_for(queue, finish_timeout_seconds=2), cups)
    took = time.monotonic() - start

    assert not result.ok and result.reason is FailReason.NOT_FINISHED
    assert result.patient_message == PRINT_FAILED_MESSAGE
    assert 2 <= took < 6
    assert wait_until(lambda: cups.pending_jobs(queue) == set())


def test_a_printer_that_fails_stops_its_queue_and_gives_the_patient_message(private_cups, topic):
    """ErrorPolicy stop-printer (CUPS's default, kept in docs/DEPLOYMENT.md): a failed backend stops
    the queue with the job still in it; the kiosk sees the stop and cancels the job."""
    slip, _ = english_slip(topic)
    queue = private_cups.add_test_queue("KioskFail", "fail")
    cups = Cups(server=private_cups.socket)
    try:
        result = print_slip(slip, settings_for(queue, finish_timeout_seconds=20), cups)
        assert not result.ok and result.reason is FailReason.STOPPED, result.staff_message
        assert result.patient_message == PRINT_FAILED_MESSAGE
        assert wait_until(lambda: cups.pending_jobs(queue) == set())
    finally:
        private_cups.run("cupsenable", queue)


def test_a_stopped_cupsd_gives_the_patient_message_promptly(fresh_cups, topic):
    slip, _ = english_slip(topic)
    cupsd = fresh_cups()
    cupsd.add_pdf_queue("KioskPDF")
    cups = Cups(server=cupsd.socket)
    assert cups.state("KioskPDF").can_print

    cupsd.stop()
    start = time.monotonic()
    state = cups.state("KioskPDF")
    result = print_slip(slip, settings_for("KioskPDF"), cups)
    took = time.monotonic() - start

    assert state.status is QueueStatus.NO_CUPS and not state.can_print
    assert not result.ok and result.reason is FailReason.NO_CUPS
    assert result.patient_message == PRINT_FAILED_MESSAGE
    assert took < 5


def test_a_hung_cupsd_never_hangs_the_kiosk(fresh_cups, topic):
    """A scheduler that takes connections but never answers (SIGSTOP): every call times out."""
    import signal

    slip, _ = english_slip(topic)
    cupsd = fresh_cups()
    cupsd.add_pdf_queue("KioskPDF")
    cups = Cups(server=cupsd.socket, status_timeout=1)
    cupsd.proc.send_signal(signal.SIGSTOP)
    try:
        start = time.monotonic()
        state = cups.state("KioskPDF")
        result = cups.print_pdf(render_slip(slip).data, "KioskPDF", submit_timeout=2, finish_timeout=2)
        took = time.monotonic() - start
    finally:
        cupsd.proc.send_signal(signal.SIGCONT)
    assert state.status is QueueStatus.UNKNOWN and not state.can_print
    assert not result.ok and result.patient_message == PRINT_FAILED_MESSAGE
    assert took < 4, f"{took:.1f} s"
    assert cups.pending_jobs("KioskPDF") == set()  # nothing was submitted


def test_no_printer_set_is_a_result_not_an_error(topic):
    slip, _ = english_slip(topic)
    result = print_slip(slip, PrintingSettings())
    assert not result.ok and result.reason is FailReason.NOT_SET
    assert Cups().state(None).status is QueueStatus.NOT_SET


# ------------------------------------------------------------------ nothing is kept


def print_and_wait(cupsd, slip) -> None:
    before = set(cupsd.out.glob("*.pdf"))
    result = print_slip(slip, settings_for("KioskPDF"), Cups(server=cupsd.socket))
    assert result.ok, result.staff_message
    cupsd.wait_for_pdf(before)
    # The scheduler's own clean-up after the backend ends: the job leaves the queue's list of
    # jobs not yet completed (the files it keeps or removes are what the tests then read).
    assert wait_until(lambda: cupsd.run("lpstat", "-W", "not-completed", "-o", "KioskPDF").stdout.strip() == ""), \
        "the job never completed"


def test_after_a_print_no_file_under_the_spool_holds_an_answer(fresh_cups, topic):
    """No answer line anywhere; and no file gains more of an answer from the visit's print than
    from a print of the same slip for nobody (short answers such as "no" are CUPS's words too)."""
    cupsd = fresh_cups(preserve_job_files=False)  # PreserveJobFiles No, as in docs/DEPLOYMENT.md
    cupsd.add_pdf_queue("KioskPDF")
    slip, session = english_slip(topic)
    answers = answer_texts(session)
    folders = [*cupsd.private_dirs(), Path("/var/tmp")]
    before = counts(folders, answers)
    print_and_wait(cupsd, slip)
    assert wait_until(lambda: not list(cupsd.spool.glob("d*"))), "a job data file is still in the spool"
    after_visit = counts(folders, answers)
    assert files_holding(folders, [*answer_lines(session), topic.title]) == []
    print_and_wait(cupsd, nobody_slip(slip))
    assert more_than_for_nobody(before, after_visit, counts(folders, answers)) == []


def test_the_spool_check_does_find_answers_when_cups_keeps_job_files(fresh_cups, topic):
    """The check above can fail: with CUPS's default (PreserveJobFiles Yes) the data file stays."""
    cupsd = fresh_cups(preserve_job_files=True)
    cupsd.add_pdf_queue("KioskPDF")
    slip, session = english_slip(topic)
    answers = answer_texts(session)
    before = counts(cupsd.private_dirs(), answers)
    print_and_wait(cupsd, slip)
    after_visit = counts(cupsd.private_dirs(), answers)
    assert [p for p in cupsd.spool.glob("d*")], "CUPS kept no data file even when told to"
    assert files_holding([cupsd.spool], answer_lines(session)), "an answer line should be in the kept data file"
    print_and_wait(cupsd, nobody_slip(slip))
    kept = more_than_for_nobody(before, after_visit, counts(cupsd.private_dirs(), answers))
    assert any("/spool/d" in line for line in kept), f"the visit's data file should hold answers: {kept}"


def wait_until(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_printing_writes_no_file_and_logs_no_answer(private_cups, topic, caplog):
    """The kiosk's own side: no file opened for writing, no answer in any log record, whether
    the print works or fails (the kiosk log in the data folder gets these records)."""
    import logging

    from tests.printing.slips import FileWrites

    slip, session = english_slip(topic)
    cups = Cups(server=private_cups.socket)
    with caplog.at_level(logging.DEBUG), FileWrites() as writes:
        ok = print_slip(slip, settings_for("KioskPDF"), cups)
        private_cups.run("cupsdisable", "KioskPDF")
        try:
            failed = print_slip(slip, settings_for("KioskPDF"), cups)
        finally:
            private_cups.run("cupsenable", "KioskPDF")
    assert ok.ok and not failed.ok
    assert [p for p in writes.paths if p != "/dev/null"] == []  # DEVNULL for the commands' input
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "printing failed" in logged
    for text in [*answer_texts(session), topic.title]:
        assert text not in logged


def test_kiosk_print_test_prints_made_up_answers(private_cups, monkeypatch, capsys):
    from kiosk.cli import main
    from tests.conftest import CONTENT

    monkeypatch.setenv("CUPS_SERVER", private_cups.socket)
    before = set(private_cups.out.glob("*.pdf"))
    assert main(["print-test", "--content", str(CONTENT), "--printer", "KioskPDF"]) == 0
    assert "Printed" in capsys.readouterr().out
    assert "TEST PRINT" in pdf_text(private_cups.wait_for_pdf(before))

    private_cups.run("cupsdisable", "KioskPDF")
    try:
        assert main(["print-test", "--content", str(CONTENT), "--printer", "KioskPDF"]) == 2
    finally:
        private_cups.run("cupsenable", "KioskPDF")
    err = capsys.readouterr().err
    assert "stopped" in err and PRINT_FAILED_MESSAGE in err
