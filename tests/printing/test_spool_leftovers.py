"""No slip outlives its visit: a job the kiosk could not see finished is cancelled *and purged*
(its data file removed from the CUPS spool) as soon as CUPS answers again, and at the next
start; it is never printed later for somebody else to pick up.

Found by stopping cupsd mid-print: the PDF with every answer stayed in the spool (``d00001-001``)
after the visit ended, and when cupsd came back it queued the job again and printed it.
These tests use the ``kiosktest:/hang`` backend, so a job stays "printing" until something ends it.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from kiosk.content.settings import PrintingSettings
from kiosk.desk.cups import JOB_TITLE, Cups, FailReason, LeftoverJobs, job_title, print_slip
from kiosk.desk.slip import render_slip
from tests.printing.slips import english_slip

pytestmark = pytest.mark.cups


def wait_until(condition, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def data_files(cupsd) -> list[str]:
    return sorted(p.name for p in cupsd.spool.glob("d*"))


def all_jobs(cupsd, queue) -> str:
    return cupsd.run("lpstat", "-W", "all", "-o", queue).stdout


def submit(cupsd, queue, title: str, pdf: bytes) -> str:
    out = subprocess.run(["lp", "-d", queue, "-t", title, "-o", "job-sheets=none"], input=pdf, env=cupsd.env(),
                         capture_output=True, timeout=10, check=True).stdout.decode()
    return out.split("request id is ")[1].split()[0]


def test_a_slip_left_when_cupsd_stops_mid_job_is_purged_when_it_answers_and_never_queued_again(fresh_cups, topic):
    slip, _ = english_slip(topic)
    cupsd = fresh_cups()
    queue = cupsd.add_test_queue("KioskHang", "hang")
    leftovers = LeftoverJobs(retry_seconds=0.2)
    cups = Cups(server=cupsd.socket, leftovers=leftovers)
    results = []
    printing = threading.Thread(target=lambda: results.append(
        print_slip(slip, PrintingSettings(printer=queue, finish_timeout_seconds=120), cups)))
    printing.start()
    assert wait_until(lambda: data_files(cupsd) and "printing" in cupsd.run("lpstat", "-p", queue).stdout)

    cupsd.stop()  # mid-job: the scheduler keeps the job and its data file for when it comes back
    printing.join(30)
    [result] = results
    assert not result.ok and result.reason is FailReason.NO_CUPS, result.staff_message
    assert data_files(cupsd), "the fault is real: the slip is on disk while cupsd is down"
    assert leftovers.waiting() == [result.job_id]

    cupsd.start()  # the visit is over; CUPS answers again
    assert wait_until(lambda: not leftovers.waiting()), leftovers.staff_lines()
    assert data_files(cupsd) == []
    assert result.job_id not in all_jobs(cupsd, queue)
    [line] = leftovers.staff_lines()
    assert result.job_id in line and "purged" in line

    cupsd.stop()  # and it does not come back at the next restart either
    cupsd.start()
    assert data_files(cupsd) == [] and all_jobs(cupsd, queue).strip() == ""


def test_at_start_the_slips_of_an_earlier_kiosk_are_purged_and_no_one_elses(fresh_cups, topic):
    """The kiosk's jobs are known by their title (``Kiosk slip <pid>``): one left by a kiosk that
    is no longer running goes, a job of the running kiosk's own or anyone else's stays."""
    slip, _ = english_slip(topic)
    pdf = render_slip(slip).data
    cupsd = fresh_cups()
    queue = cupsd.add_test_queue("KioskHang", "hang")
    cupsd.run("cupsdisable", queue)  # every job stays queued, as behind a jammed printer
    dead = subprocess.Popen(["true"])
    dead.wait()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "kiosk"])  # a kiosk page
    left = submit(cupsd, queue, job_title(dead.pid), pdf)  # an earlier kiosk, gone
    old_style = submit(cupsd, queue, JOB_TITLE, pdf)  # the title before it named its process
    other = submit(cupsd, queue, "Quarterly report", pdf)
    printing = submit(cupsd, queue, job_title(running.pid), pdf)  # another kiosk's, printing now
    assert len(data_files(cupsd)) == 4

    cupsd.stop()  # and CUPS is not there yet when the kiosk starts
    leftovers = LeftoverJobs(retry_seconds=0.2)
    cups = Cups(server=cupsd.socket, leftovers=leftovers)
    cups.purge_leftovers(queue)
    assert leftovers.sweeping()
    cupsd.start()
    assert wait_until(lambda: not leftovers.sweeping()), leftovers.staff_lines()

    running.kill()
    running.wait()
    listing = cupsd.run("lpstat", "-W", "not-completed", "-o", queue).stdout
    assert left not in listing and old_style not in listing
    assert other in listing and printing in listing
    assert len(data_files(cupsd)) == 2
    said = "\n".join(leftovers.staff_lines())
    assert left in said and old_style in said and other not in said and printing not in said
    cupsd.run("cancel", "-x", other, printing)


def test_the_title_of_a_job_says_which_kiosk_process_made_it_and_nothing_of_the_visit():
    assert job_title(4242) == "Kiosk slip 4242"
    assert job_title().startswith(JOB_TITLE + " ")


def fake_cancel(tmp_path, says: str) -> Cups:
    """A Cups whose ``cancel`` tool fails saying ``says`` (no scheduler needed)."""
    tools = tmp_path / "bin"
    tools.mkdir(exist_ok=True)
    (tools / "cancel").write_text(f"#!/bin/sh\necho 'cancel: {says}' >&2\nexit 1\n")
    (tools / "cancel").chmod(0o755)
    return Cups(extra_env={"PATH": f"{tools}:/usr/bin:/bin"}, leftovers=LeftoverJobs(retry_seconds=60))


def test_a_job_cups_refuses_to_cancel_is_given_to_staff_not_retried_for_ever(tmp_path):
    """CUPS answering "no" (a policy that forbids the kiosk's user) is not CUPS being away: asking
    every 2 seconds for ever would fill the journal. Staff get the job and the command instead."""
    cups = fake_cancel(tmp_path, "cancel-job failed: Forbidden")
    cups.leftovers.add(cups, "Desk-9", "not confirmed finished")
    cups.leftovers.retry()
    assert cups.leftovers.waiting() == []
    [line] = cups.leftovers.staff_lines()
    assert "Desk-9" in line and "refused" in line and "cancel -x Desk-9" in line

    away = fake_cancel(tmp_path, "Unable to connect to server: Connection refused")
    away.leftovers.add(away, "Desk-10", "not confirmed finished")
    away.leftovers.retry()
    assert away.leftovers.waiting() == ["Desk-10"]  # CUPS is away: asked again later
