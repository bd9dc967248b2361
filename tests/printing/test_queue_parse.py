"""Reading lpstat's output (LC_ALL=C) into a QueueState, without CUPS: the printer-state-reasons
that stop a print and the ones that do not, and the modules' independence from Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.content.settings import Paper
from kiosk.desk.cups import QueueStatus, media_options, parse_queue_state

IDLE = "printer Desk is idle.  enabled since Wed Nov 25 09:48:47 2026\n\tForm mounted:\n\tAlerts: {alerts}\n"
ACCEPTING = "Desk accepting requests since Wed Nov 25 09:48:47 2026\n"
REJECTING = "Desk not accepting requests since Wed Nov 25 09:48:47 2026 -\n\tmaintenance\n"


@pytest.mark.parametrize(
    ("alerts", "status"),
    [
        ("none", QueueStatus.READY),
        ("media-low-warning", QueueStatus.READY),
        ("media-empty-warning", QueueStatus.READY),
        ("offline-report", QueueStatus.READY),
        ("media-empty-error", QueueStatus.OUT_OF_PAPER),
        ("media-empty", QueueStatus.OUT_OF_PAPER),
        ("media-needed-error", QueueStatus.OUT_OF_PAPER),
        ("media-jam-error", QueueStatus.PRINTER_ERROR),
        ("door-open", QueueStatus.PRINTER_ERROR),
        ("toner-low-warning cover-open-error", QueueStatus.PRINTER_ERROR),
    ],
)
def test_state_reasons(alerts, status):
    assert parse_queue_state("Desk", IDLE.format(alerts=alerts), ACCEPTING).status is status


def test_printing_stopped_and_rejecting():
    printing = "printer Desk now printing Desk-7.  enabled since Wed Nov 25 09:48:47 2026\n\tAlerts: none\n"
    assert parse_queue_state("Desk", printing, ACCEPTING).status is QueueStatus.PRINTING
    stopped = "printer Desk disabled since Wed Nov 25 09:48:47 2026 -\n\tpaper jam\n\tAlerts: paused\n"
    state = parse_queue_state("Desk", stopped, ACCEPTING)
    assert state.status is QueueStatus.STOPPED and state.detail == "paper jam" and not state.can_print
    state = parse_queue_state("Desk", IDLE.format(alerts="none"), REJECTING)
    assert state.status is QueueStatus.REJECTING and state.detail == "maintenance"
    assert parse_queue_state("Desk", "something else", ACCEPTING).status is QueueStatus.UNKNOWN


def test_media_options():
    assert media_options(Paper.LETTER) == ["-o", "media=Letter"]
    assert media_options(Paper.A4) == ["-o", "media=A4"]
    assert media_options(Paper.RECEIPT_80MM, 812.4) == ["-o", "media=Custom.80x812mm"]


def test_printing_and_alert_never_import_textual():
    code = "import sys, kiosk.desk, kiosk.desk.alert; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_calling_the_front_desk_never_loads_the_pdf_library():
    """The alert runs when a patient presses "Call the front desk": importing it must not pull in
    reportlab (tens of milliseconds and megabytes on the UI thread) only because it shares the
    desk package with the slip."""
    code = "import sys, kiosk.desk.alert; print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab')[:3])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
