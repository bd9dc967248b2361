"""What the kiosk sends to people beyond its screen: the provider slip, laid out as a PDF in
memory (``slip``) and printed through CUPS (``cups``), and the call to the front desk (``alert``).
Imports ``content``, ``visit``, ``words`` and ``host``; never Textual.

Pure Python, no Textual. Nothing here writes a file, and nothing that carries an answer is
logged: the PDF goes from memory to ``lp``'s standard input, and the job title is a constant.
Every call that talks to CUPS blocks for up to its timeout, so the UI runs it in a worker.
"""

from kiosk.desk.cups import (
    JOB_TITLE,
    PRINT_DONE_MESSAGE,
    PRINT_FAILED_MESSAGE,
    PRINTING_MESSAGE,
    Cups,
    FailReason,
    PrintResult,
    QueueState,
    QueueStatus,
    print_slip,
)
from kiosk.desk.slip import (
    DANGER_HEADING,
    SHOW_PROVIDER,
    WHAT_TO_DO,
    Slip,
    SlipPdf,
    SlipWords,
    build_slip_pdf,
    english_date_time,
    render_slip,
    slip_words,
)
from kiosk.visit.flow import lines_in

__all__ = [
    "DANGER_HEADING",
    "JOB_TITLE",
    "PRINT_DONE_MESSAGE",
    "PRINT_FAILED_MESSAGE",
    "PRINTING_MESSAGE",
    "SHOW_PROVIDER",
    "WHAT_TO_DO",
    "Cups",
    "FailReason",
    "PrintResult",
    "QueueState",
    "QueueStatus",
    "Slip",
    "SlipPdf",
    "SlipWords",
    "build_slip_pdf",
    "english_date_time",
    "lines_in",
    "print_slip",
    "render_slip",
    "slip_words",
]
