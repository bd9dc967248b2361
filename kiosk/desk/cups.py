"""Printing the slip through CUPS with its own command-line tools, keeping nothing.

- The PDF goes from memory to ``lp``'s standard input: no file with answers is ever written
  by the kiosk. The job title is :func:`job_title`, ``Kiosk slip <pid>`` (no topic, no answer:
  only which kiosk process made it), and ``job-sheets=none`` stops banner pages.
- Before submitting, the queue's state is read (``lpstat -r``, ``lpstat -a``, ``lpstat -l -p``):
  a queue that is stopped, rejecting jobs or out of paper is refused at once, so no job is left
  to print later for somebody else.
- After submitting, the job is watched (``lpstat -W not-completed -o``) until CUPS no longer
  lists it, for at most ``finish_timeout`` seconds. If the printer stops or reports an error
  meanwhile, or the time runs out, the job is **cancelled and purged** (``cancel -x``: its data
  file leaves the spool too): a slip that comes out ten minutes later would lie on the tray for
  the next patient to read.
- No slip outlives its visit. A job that could not be confirmed finished and could not be
  cancelled then (cupsd stopped mid-print keeps the job, and queues it again when it comes
  back) is handed to :class:`LeftoverJobs`, which tries ``cancel -x`` every few seconds until
  CUPS answers. At start, :meth:`Cups.purge_leftovers` does the same for every job titled
  ``Kiosk slip <pid>`` of this user whose kiosk process is gone. Each purge is a line in staff
  mode's printer info (:meth:`LeftoverJobs.staff_lines`).
- Every command runs with a timeout; every outcome is a value. Nothing here raises for a
  printer problem, so the UI only has to show :data:`PRINT_FAILED_MESSAGE` when
  ``PrintResult.ok`` is False. The calls block (up to the timeouts): run them in a worker.

Commands run with ``LC_ALL=C`` so their English output can be read. ``Cups(server=...)``
points them at another scheduler (``CUPS_SERVER``: a host or a domain socket), which is how
the tests use a private ``cupsd``.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import getpass
import logging
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.content.settings import Paper, PrintingSettings
from kiosk.words import ui_words as W

log = logging.getLogger(__name__)

# ------------------------------------------------------------------- words for people

# The English phrases of kiosk.words.ui_words: the app shows and says them in the visit's language.
#: Shown and spoken to the patient for every failure; the summary stays on screen.
PRINT_FAILED_MESSAGE = W.PRINT_FAILED
#: Shown and spoken while the job runs.
PRINTING_MESSAGE = W.PRINTING
#: Shown and spoken when the printer has finished.
PRINT_DONE_MESSAGE = W.PRINTED
#: The start of every CUPS job title: seen by anyone who lists the queue, so it says nothing of
#: the visit. :func:`job_title` adds the kiosk process's id, so a later start knows its jobs.
JOB_TITLE = "Kiosk slip"
#: How often :class:`LeftoverJobs` asks CUPS again while a job waits to be purged.
RETRY_SECONDS = 2.0
#: Purges kept for staff mode (the newest).
STAFF_LINES_KEPT = 20


def job_title(pid: int | None = None) -> str:
    """``Kiosk slip <pid>``: which kiosk process made the job, and nothing of the visit."""
    return f"{JOB_TITLE} {os.getpid() if pid is None else pid}"


class QueueStatus(StrEnum):
    """What a queue can do now. Only ``READY`` and ``PRINTING`` take a job."""

    READY = "ready"
    PRINTING = "printing"
    NOT_SET = "not-set"  # printing.printer is null
    NO_CUPS = "no-cups"  # the scheduler does not answer
    NO_QUEUE = "no-queue"  # CUPS has no queue of that name
    STOPPED = "stopped"  # cupsdisable, or the printer stopped itself after an error
    REJECTING = "rejecting"  # cupsreject: paused, not accepting jobs
    OUT_OF_PAPER = "out-of-paper"  # printer-state-reasons media-empty / media-needed
    PRINTER_ERROR = "printer-error"  # another *-error reason: jam, door open, offline...
    UNKNOWN = "unknown"  # lpstat missing, timed out, or said something unexpected


class FailReason(StrEnum):
    NOT_SET = "not-set"
    NO_CUPS = "no-cups"
    NO_QUEUE = "no-queue"
    STOPPED = "stopped"
    REJECTING = "rejecting"
    OUT_OF_PAPER = "out-of-paper"
    PRINTER_ERROR = "printer-error"
    SUBMIT_FAILED = "submit-failed"
    SUBMIT_TIMEOUT = "submit-timeout"
    NOT_FINISHED = "not-finished"
    NO_PDF = "no-pdf"
    UNKNOWN = "unknown"


#: Plain words for staff (staff mode, the kiosk log). Never shown to patients.
STAFF_REASONS: dict[FailReason, str] = {
    FailReason.NOT_SET: "No printer is set (printing.printer in kiosk.yaml).",
    FailReason.NO_CUPS: "The printing service (CUPS) is not running or does not answer.",
    FailReason.NO_QUEUE: "CUPS has no printer queue with the name in printing.printer.",
    FailReason.STOPPED: "The printer queue is stopped. Fix the printer, then run: cupsenable QUEUE",
    FailReason.REJECTING: "The printer queue is not accepting jobs (paused). Run: cupsaccept QUEUE",
    FailReason.OUT_OF_PAPER: "The printer is out of paper.",
    FailReason.PRINTER_ERROR: "The printer reports an error (jam, door open, offline...).",
    FailReason.SUBMIT_FAILED: "CUPS refused the job.",
    FailReason.SUBMIT_TIMEOUT: "CUPS did not take the job in time.",
    FailReason.NOT_FINISHED: "The printer did not finish in time; the job was cancelled.",
    FailReason.NO_PDF: "The slip could not be laid out.",
    FailReason.UNKNOWN: "The printer's state could not be read.",
}

_STATUS_TO_REASON = {
    QueueStatus.NOT_SET: FailReason.NOT_SET,
    QueueStatus.NO_CUPS: FailReason.NO_CUPS,
    QueueStatus.NO_QUEUE: FailReason.NO_QUEUE,
    QueueStatus.STOPPED: FailReason.STOPPED,
    QueueStatus.REJECTING: FailReason.REJECTING,
    QueueStatus.OUT_OF_PAPER: FailReason.OUT_OF_PAPER,
    QueueStatus.PRINTER_ERROR: FailReason.PRINTER_ERROR,
    QueueStatus.UNKNOWN: FailReason.UNKNOWN,
}

PAPER_EMPTY = ("media-empty", "media-needed")
# Reasons that stop a printer short of "-error": a receipt printer's open cover, say.
BLOCKING = ("media-jam", "door-open", "cover-open", "offline", "paused", "shutdown", "stopped", "input-tray-missing")


@dataclass(frozen=True)
class QueueState:
    """A queue's state for staff mode and for the "Print" choice: ``can_print`` says whether to offer it."""

    queue: str | None
    status: QueueStatus
    reasons: tuple[str, ...] = ()  # printer-state-reasons, e.g. ("media-empty-error",)
    detail: str = ""  # staff-facing words: lpstat's own message when it gave one
    jobs_waiting: int = 0

    @property
    def can_print(self) -> bool:
        return self.status in (QueueStatus.READY, QueueStatus.PRINTING)

    def staff_text(self) -> str:
        words = {
            QueueStatus.READY: "Ready.",
            QueueStatus.PRINTING: "Printing.",
        }.get(self.status) or STAFF_REASONS[_STATUS_TO_REASON[self.status]].replace("QUEUE", self.queue or "QUEUE")
        extra = [f"reasons: {', '.join(self.reasons)}"] if self.reasons and self.reasons != ("none",) else []
        if self.jobs_waiting:
            extra.append(f"{self.jobs_waiting} job(s) waiting")
        if self.detail:
            extra.append(self.detail)
        return words + ("" if not extra else " (" + "; ".join(extra) + ")")


@dataclass(frozen=True)
class PrintResult:
    """What became of one print. ``ok`` False: show :data:`PRINT_FAILED_MESSAGE`, keep the summary."""

    ok: bool
    reason: FailReason | None = None
    detail: str = ""  # staff-facing: what CUPS said
    job_id: str | None = None
    seconds: float = 0.0
    pdf_bytes: int = 0

    @property
    def patient_message(self) -> str:
        return PRINT_DONE_MESSAGE if self.ok else PRINT_FAILED_MESSAGE

    @property
    def staff_message(self) -> str:
        if self.ok:
            return f"Printed ({self.job_id}, {self.seconds:.1f} s)."
        text = STAFF_REASONS[self.reason or FailReason.UNKNOWN]
        return text + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class _Run:
    ok: bool
    out: str = ""
    err: str = ""
    timed_out: bool = False
    missing: bool = False


# Local and domain-socket connections refused or missing: the scheduler is not there.
_NO_SCHEDULER = re.compile(
    r"scheduler is not running|No such file or directory|Connection refused|Bad file descriptor|"
    r"Unable to connect|Network is unreachable|No such host|Name or service not known",
    re.I,
)
_JOB_ID = re.compile(r"request id is (\S+)")
# ``lpq -l``: "user: rank   [job N host]" and under it the job's title (up to 39 characters) and size.
_LPQ_JOB = re.compile(r"^(\S+): .*\[job (\d+) [^\]]*\][ \t]*\n[ \t]+(.*?)\s+\d+ bytes[ \t]*$", re.M)
_KIOSK_TITLE = re.compile(re.escape(JOB_TITLE) + r"(?: (\d+))?")
# cancel's answers for a job that is no longer queued: nothing is left to purge.
_CANCEL_GONE = re.compile(r"already (completed|canceled|cancelled|aborted)|does not exist|not found", re.I)

class Cancel(StrEnum):
    """What became of a ``cancel -x``."""

    GONE = "gone"  # cancelled and purged now, or it had already ended
    NO_ANSWER = "no-answer"  # CUPS is away: ask again when it answers
    REFUSED = "refused"  # CUPS answered no: asking again will not help


class LeftoverJobs:
    """Slips the kiosk could not see finished, cancelled and purged as soon as CUPS answers.

    A job whose printer stopped answering (cupsd stopped mid-print keeps the job and queues it
    again when it comes back) cannot be cancelled then; left alone it would print later for
    somebody else to pick up. Each is kept here by id, and each queue where the kiosk's own
    leftovers could not even be listed (at start, or after ``lp`` timed out) as a *sweep*; a
    daemon thread asks again every ``retry_seconds`` while anything waits, and ends when nothing
    does. Every purge is a line for staff mode. One per kiosk process: :data:`LEFTOVERS`.
    """

    def __init__(self, retry_seconds: float = RETRY_SECONDS) -> None:
        self.retry_seconds = retry_seconds
        #: Jobs being watched by a print now: never leftovers, whatever their title says.
        self.active: set[str] = set()
        self._submitting = 0  # prints between ``lp`` and :attr:`active`: a job listed before it is known
        self._lock = threading.Lock()
        self._jobs: dict[str, tuple[Cups, str]] = {}  # job id: (its scheduler, why it is left)
        self._sweeps: dict[str, Cups] = {}  # queue: its scheduler
        self._lines: collections.deque[str] = collections.deque(maxlen=STAFF_LINES_KEPT)
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def submitting(self) -> Iterator[None]:
        """Around ``lp``: this process's new job may be listed before it is in :attr:`active`."""
        with self._lock:
            self._submitting += 1
        try:
            yield
        finally:
            with self._lock:
                self._submitting -= 1

    @property
    def busy_submitting(self) -> bool:
        with self._lock:
            return self._submitting > 0

    def add(self, cups: Cups, job: str, why: str) -> None:
        """``job`` could not be cancelled now: purge it when CUPS answers."""
        log.warning("print job %s is left in CUPS (%s): it is cancelled and purged when CUPS answers", job, why)
        with self._lock:
            self._jobs[job] = (cups, why)
        self._ensure_thread()

    def sweep(self, cups: Cups, queue: str) -> None:
        """The kiosk's leftovers on ``queue`` could not be listed: list and purge them when CUPS answers."""
        with self._lock:
            self._sweeps[queue] = cups
        self._ensure_thread()

    def settle(self, cups: Cups, job: str, why: str, outcome: tuple[Cancel, str]) -> bool:
        """What to do after a ``cancel -x``: record the purge (True), wait for CUPS, or, when CUPS
        refused, tell staff the command that does it (asking again would only fill the log)."""
        done, said = outcome
        if done is Cancel.GONE:
            self.record(job, why)
            return True
        if done is Cancel.NO_ANSWER:
            self.add(cups, job, why)
            return False
        when = dt.datetime.now().strftime("%H:%M:%S")
        line = f"{when} {job}: CUPS refused to cancel it ({said}); cancel it by hand: cancel -x {job}"
        log.error("%s (%s)", line, why)
        with self._lock:
            self._lines.append(line)
        return False

    def record(self, job: str, why: str) -> None:
        when = dt.datetime.now().strftime("%H:%M:%S")
        line = f"{when} {job}: cancelled and purged from the print spool ({why})."
        log.warning("%s", line)
        with self._lock:
            self._lines.append(line)

    def waiting(self) -> list[str]:
        """Ids of the jobs still waiting to be purged."""
        with self._lock:
            return sorted(self._jobs)

    def sweeping(self) -> list[str]:
        """Queues still waiting to be swept."""
        with self._lock:
            return sorted(self._sweeps)

    def staff_lines(self) -> list[str]:
        """What was purged, oldest first, and what still waits: for staff mode's printer info."""
        with self._lock:
            lines = list(self._lines)
            waiting = sorted(self._jobs)
            queues = sorted(self._sweeps)
        if waiting:
            lines.append(f"Waiting for CUPS to answer to cancel and purge: {', '.join(waiting)}.")
        if queues:
            lines.append(f"Waiting for CUPS to answer to look for slips left on: {', '.join(queues)}.")
        return lines

    def retry(self) -> None:
        """One pass: cancel and purge what waits, on every scheduler that answers."""
        with self._lock:
            jobs, sweeps = dict(self._jobs), dict(self._sweeps)
        for job, (cups, why) in jobs.items():
            outcome, said = cups.cancel_outcome(job)
            if outcome is not Cancel.NO_ANSWER:
                with self._lock:
                    self._jobs.pop(job, None)
                self.settle(cups, job, why + "; CUPS answered again", (outcome, said))
        for queue, cups in sweeps.items():
            if cups._purge(queue) is not None:
                with self._lock:
                    self._sweeps.pop(queue, None)

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="print-leftovers", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(self.retry_seconds)
            try:
                self.retry()
            except Exception:  # a bug here must not end the retries silently
                log.exception("purging leftover print jobs failed")
            with self._lock:
                if not self._jobs and not self._sweeps:
                    self._thread = None
                    return


#: The kiosk process's one list of leftover jobs.
LEFTOVERS = LeftoverJobs()


def _kiosk_running(pid: int) -> bool:
    """Whether ``pid`` is a kiosk process still running (a reused pid of another program is not)."""
    try:
        return b"kiosk" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc to read: whether the process exists at all
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True


def _me() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no user name to be found: the title alone says which jobs are the kiosk's
        return None


@dataclass
class Cups:
    """The CUPS command-line tools with timeouts. ``server`` sets ``CUPS_SERVER`` (else the default)."""

    server: str | None = None
    status_timeout: float = 5.0
    poll_interval: float = 0.25
    extra_env: Mapping[str, str] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    leftovers: LeftoverJobs = field(default_factory=lambda: LEFTOVERS)

    # ------------------------------------------------------------------- running tools

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update({"LC_ALL": "C", "LANG": "C", **self.extra_env})
        if self.server:
            env["CUPS_SERVER"] = self.server
        return env

    def _run(self, argv: list[str], timeout: float, stdin: bytes | None = None) -> _Run:
        try:
            done = subprocess.run(
                argv,
                input=stdin,
                stdin=None if stdin is not None else subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                env=self._env(),
                check=False,
            )
        except subprocess.TimeoutExpired:
            return _Run(False, timed_out=True, err=f"{argv[0]} did not answer in {timeout:g} s")
        except FileNotFoundError:
            return _Run(False, missing=True, err=f"{argv[0]} is not installed (cups-client, cups-bsd)")
        except OSError as error:
            return _Run(False, err=f"{argv[0]}: {error}")
        out = done.stdout.decode("utf-8", "replace")
        err = done.stderr.decode("utf-8", "replace").strip()
        return _Run(done.returncode == 0, out, err)

    # ------------------------------------------------------------------------- state

    def scheduler_running(self) -> bool | None:
        """``lpstat -r``: True, False, or None when lpstat is missing or timed out."""
        run = self._run(["lpstat", "-r"], self.status_timeout)
        if run.missing or run.timed_out:
            return None
        return "scheduler is running" in run.out and "not running" not in run.out

    def state(self, queue: str | None) -> QueueState:
        """The queue's state: never raises, takes up to about three ``status_timeout``."""
        try:
            return self._state(queue)
        except Exception as error:  # a parsing bug must not reach the UI
            log.exception("reading the printer queue's state failed")
            return QueueState(queue, QueueStatus.UNKNOWN, detail=type(error).__name__)

    def _state(self, queue: str | None) -> QueueState:
        if not queue:
            return QueueState(queue, QueueStatus.NOT_SET)
        running = self.scheduler_running()
        if running is None:
            return QueueState(queue, QueueStatus.UNKNOWN, detail="lpstat is missing or did not answer")
        if not running:
            return QueueState(queue, QueueStatus.NO_CUPS, detail="lpstat -r: scheduler is not running")
        printer = self._run(["lpstat", "-l", "-p", queue], self.status_timeout)
        if not printer.ok:
            return self._failed_state(queue, printer)
        accepting = self._run(["lpstat", "-a", queue], self.status_timeout)
        if not accepting.ok:
            return self._failed_state(queue, accepting)
        return parse_queue_state(queue, printer.out, accepting.out)

    def _failed_state(self, queue: str, run: _Run) -> QueueState:
        if run.timed_out or run.missing:
            return QueueState(queue, QueueStatus.UNKNOWN, detail=run.err)
        if "Invalid destination" in run.err or "Unknown destination" in run.err or "does not exist" in run.err:
            return QueueState(queue, QueueStatus.NO_QUEUE, detail=run.err)
        if _NO_SCHEDULER.search(run.err):
            return QueueState(queue, QueueStatus.NO_CUPS, detail=run.err)
        return QueueState(queue, QueueStatus.UNKNOWN, detail=run.err or "lpstat failed")

    def pending_jobs(self, queue: str) -> set[str] | None:
        """Ids of the queue's jobs not completed yet; None when CUPS cannot be asked."""
        owners = self.pending_job_owners(queue)
        return None if owners is None else set(owners)

    def pending_job_owners(self, queue: str) -> dict[str, str] | None:
        """``{job id: user}`` of the queue's jobs not completed yet; None when CUPS cannot be asked."""
        run = self._run(["lpstat", "-W", "not-completed", "-o", queue], self.status_timeout)
        if not run.ok:
            return None
        jobs = {}
        for line in run.out.splitlines():
            if line.strip() and not line.startswith((" ", "\t")):
                parts = line.split()
                jobs[parts[0]] = parts[1] if len(parts) > 1 else ""
        return jobs

    def cancel(self, job_id: str) -> bool:
        """Cancel ``job_id`` and purge its files (``cancel -x``). True when it is no longer queued:
        cancelled now, or CUPS says it already ended."""
        outcome, said = self.cancel_outcome(job_id)
        if outcome is not Cancel.GONE:
            log.warning("could not cancel print job %s: %s", job_id, said)
        return outcome is Cancel.GONE

    def cancel_outcome(self, job_id: str) -> tuple[Cancel, str]:
        """``cancel -x``, and whether to ask again: CUPS away (:attr:`Cancel.NO_ANSWER`) or CUPS
        saying no (:attr:`Cancel.REFUSED`, with what it said)."""
        run = self._run(["cancel", "-x", job_id], self.status_timeout)
        if run.ok or _CANCEL_GONE.search(run.err):
            return Cancel.GONE, ""
        if run.timed_out or _NO_SCHEDULER.search(run.err):
            return Cancel.NO_ANSWER, run.err
        return Cancel.REFUSED, run.err or "cancel failed"

    def kiosk_jobs(self, queue: str) -> dict[str, int | None] | None:
        """``{job id: kiosk pid}`` of this user's queued jobs titled :func:`job_title` (pid None:
        the bare :data:`JOB_TITLE` of older kiosks); ``{}`` when the queue does not exist; None
        when CUPS cannot be asked."""
        run = self._run(["lpq", "-l", "-P", queue], self.status_timeout)
        if not run.ok:
            if run.missing:
                log.warning("cannot look for leftover print jobs: %s", run.err)
                return {}
            if "Unknown destination" in run.err or "does not exist" in run.err:
                return {}
            return None
        me = _me()
        jobs: dict[str, int | None] = {}
        for user, number, title in _LPQ_JOB.findall(run.out):
            mine = _KIOSK_TITLE.fullmatch(title.strip())
            if mine and (me is None or user == me):
                jobs[f"{queue}-{number}"] = int(mine.group(1)) if mine.group(1) else None
        return jobs

    def purge_leftovers(self, queue: str | None) -> list[str] | None:
        """Cancel and purge every slip left on ``queue`` by a kiosk process that is gone (or by this
        one, but not the job it is printing). At start, and after ``lp`` timed out. When CUPS does
        not answer, :attr:`leftovers` does it as soon as it does. The ids purged, or None."""
        if not queue:
            return []
        purged = self._purge(queue)
        if purged is None:
            self.leftovers.sweep(self, queue)
        return purged

    def _purge(self, queue: str) -> list[str] | None:
        jobs = self.kiosk_jobs(queue)
        if jobs is None:
            return None
        purged = []
        for job, pid in sorted(jobs.items()):
            if pid == os.getpid() and (job in self.leftovers.active or self.leftovers.busy_submitting):
                continue  # being printed now (or about to be watched): not a leftover
            if pid is not None and pid != os.getpid() and _kiosk_running(pid):
                continue  # another kiosk's, still running (every page of `kiosk serve` is one)
            why = "left by this kiosk" if pid == os.getpid() else "left by a kiosk that is no longer running"
            if self.leftovers.settle(self, job, why, self.cancel_outcome(job)):
                purged.append(job)
        return purged

    def _give_up(self, job: str, why: str) -> None:
        """``job`` will not be confirmed finished: cancel and purge it now, or as soon as CUPS answers."""
        self.leftovers.settle(self, job, why, self.cancel_outcome(job))

    # ------------------------------------------------------------------------- print

    def print_pdf(
        self,
        pdf: bytes,
        queue: str | None,
        *,
        paper: Paper = Paper.LETTER,
        page_height_mm: float | None = None,
        submit_timeout: float = 10.0,
        finish_timeout: float = 60.0,
    ) -> PrintResult:
        """Send ``pdf`` to ``queue`` and wait until the printer has it done. Never raises.

        Blocks for up to about ``submit_timeout + finish_timeout`` plus a few status calls.
        ``page_height_mm`` is the receipt's length (``receipt-80mm`` only).
        """
        start = self.clock()

        def result(ok: bool, reason: FailReason | None = None, detail: str = "", job: str | None = None) -> PrintResult:
            outcome = PrintResult(ok, reason, detail, job, round(self.clock() - start, 3), len(pdf))
            if not ok:  # staff words only: no answer ever reaches the log
                log.warning("printing failed: %s", outcome.staff_message)
            return outcome

        state = self.state(queue)
        if not state.can_print:
            return result(False, _STATUS_TO_REASON[state.status], state.detail or ", ".join(state.reasons))
        assert queue is not None
        argv = ["lp", "-d", queue, "-t", job_title(), "-o", "job-sheets=none", *media_options(paper, page_height_mm)]
        with self.leftovers.submitting():
            run = self._run(argv, submit_timeout, stdin=pdf)
            found = _JOB_ID.search(run.out) if run.ok else None
            if found:
                self.leftovers.active.add(found.group(1))
        if run.timed_out:
            # lp may have been killed after CUPS made the job: purge every job of this kiosk
            # process (none is being watched), so it cannot print later for somebody else.
            self.purge_leftovers(queue)
            return result(False, FailReason.SUBMIT_TIMEOUT, run.err)
        if not run.ok:
            reason = FailReason.SUBMIT_FAILED
            if "not accepting" in run.err:
                reason = FailReason.REJECTING
            elif _NO_SCHEDULER.search(run.err):
                reason = FailReason.NO_CUPS
            elif "does not exist" in run.err or "Unknown destination" in run.err:
                reason = FailReason.NO_QUEUE
            return result(False, reason, run.err)
        if not found:
            return result(False, FailReason.SUBMIT_FAILED, f"lp gave no job id: {run.out.strip()!r}")
        job = found.group(1)
        try:
            return self._wait(queue, job, finish_timeout, result)
        finally:
            self.leftovers.active.discard(job)

    def _wait(self, queue: str, job: str, finish_timeout: float, result: Callable[..., PrintResult]) -> PrintResult:
        deadline = self.clock() + finish_timeout
        checks = 0
        while True:
            pending = self.pending_jobs(queue)
            if pending is not None and job not in pending:
                return result(True, job=job)
            if pending is None:  # the scheduler went away while the job was in it
                state = self.state(queue)
                reason = _STATUS_TO_REASON.get(state.status, FailReason.UNKNOWN)
                self._give_up(job, "not confirmed finished: " + STAFF_REASONS[reason].rstrip("."))
                return result(False, reason, state.detail, job)
            checks += 1
            if checks % 4 == 0:  # about once a second: has the printer stopped or run out of paper?
                state = self.state(queue)
                if state.status not in (QueueStatus.READY, QueueStatus.PRINTING, QueueStatus.REJECTING):
                    reason = _STATUS_TO_REASON.get(state.status, FailReason.UNKNOWN)
                    self._give_up(job, "not finished: " + STAFF_REASONS[reason].rstrip("."))
                    return result(False, reason, state.detail or ", ".join(state.reasons), job)
            if self.clock() >= deadline:
                self._give_up(job, f"not finished in {finish_timeout:g} s")
                return result(False, FailReason.NOT_FINISHED, f"{job} still queued after {finish_timeout:g} s", job)
            self.sleep(self.poll_interval)


def media_options(paper: Paper, page_height_mm: float | None = None) -> list[str]:
    """``lp`` options for the paper: a sheet size, or an 80 mm receipt as long as the slip."""
    if paper is Paper.RECEIPT_80MM:
        height = max(100, round(page_height_mm or 297))
        return ["-o", f"media=Custom.80x{height}mm"]
    return ["-o", "media=" + {Paper.LETTER: "Letter", Paper.A4: "A4"}[paper]]


_PRINTER_LINE = re.compile(r"^printer (\S+) (is idle|now printing \S+|disabled since)", re.M)


def _bare(reason: str) -> str:
    for suffix in ("-error", "-warning", "-report"):
        if reason.endswith(suffix):
            return reason.removesuffix(suffix)
    return reason


def _blocks(reason: str) -> bool:
    """An ``-error`` reason stops printing; so does a bare paper, jam or door reason. ``-warning``
    (paper low) and ``-report`` do not."""
    if reason.endswith("-error"):
        return True
    if reason.endswith(("-warning", "-report")):
        return False
    return reason in PAPER_EMPTY or reason in BLOCKING


def parse_queue_state(queue: str, printer_out: str, accepting_out: str) -> QueueState:
    """Read ``lpstat -l -p QUEUE`` and ``lpstat -a QUEUE`` output (``LC_ALL=C``)."""
    line = _PRINTER_LINE.search(printer_out)
    if line is None:
        return QueueState(queue, QueueStatus.UNKNOWN, detail=printer_out.strip()[:200])
    alerts = re.search(r"^\s*Alerts:(.*)$", printer_out, re.M)
    reasons = tuple(alerts.group(1).split()) if alerts else ()
    reasons = tuple(r for r in reasons if r != "none")
    # lpstat puts the printer's message (printer-state-message) on the indented line after the
    # first one when there is one.
    lines = printer_out.splitlines()
    message = (
        lines[1].strip() if len(lines) > 1 and not re.match(r"\s*(Form mounted|Alerts|Description)", lines[1]) else ""
    )
    if line.group(2).startswith("disabled"):
        return QueueState(queue, QueueStatus.STOPPED, reasons, message)
    blocking = [r for r in reasons if _blocks(r)]
    if any(_bare(r) in PAPER_EMPTY for r in blocking):
        return QueueState(queue, QueueStatus.OUT_OF_PAPER, reasons, message)
    if blocking:
        return QueueState(queue, QueueStatus.PRINTER_ERROR, reasons, message)
    if "not accepting" in accepting_out:
        why = accepting_out.splitlines()[1].strip() if len(accepting_out.splitlines()) > 1 else ""
        return QueueState(queue, QueueStatus.REJECTING, reasons, why)
    status = QueueStatus.PRINTING if line.group(2).startswith("now printing") else QueueStatus.READY
    return QueueState(queue, status, reasons, message)


def print_slip(slip, settings: PrintingSettings, cups: Cups | None = None) -> PrintResult:
    """Lay out ``slip`` (a :class:`~kiosk.desk.slip.Slip`) and print it on ``settings.printer``.

    Blocking (up to ``submit_timeout_seconds + finish_timeout_seconds`` and a few status calls):
    call it from a worker thread. Never raises; the PDF exists only in memory.
    """
    from kiosk.desk.slip import render_slip

    cups = cups or Cups(status_timeout=settings.status_timeout_seconds)
    start = time.monotonic()
    if not settings.printer:
        return PrintResult(False, FailReason.NOT_SET)
    try:
        rendered = render_slip(slip, settings.paper, settings.font_size)
    except Exception as error:  # a layout bug must not take the summary screen down
        log.error("the slip could not be laid out: %s", type(error).__name__)
        return PrintResult(False, FailReason.NO_PDF, type(error).__name__, seconds=time.monotonic() - start)
    try:
        return cups.print_pdf(
            rendered.data,
            settings.printer,
            paper=settings.paper,
            page_height_mm=rendered.page_height_mm,
            submit_timeout=settings.submit_timeout_seconds,
            finish_timeout=settings.finish_timeout_seconds,
        )
    except Exception as error:  # a bug here must not take the summary screen down
        log.exception("printing crashed")
        return PrintResult(False, FailReason.UNKNOWN, type(error).__name__, seconds=time.monotonic() - start)
