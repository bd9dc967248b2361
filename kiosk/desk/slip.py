"""The provider slip as a PDF, built in memory with ReportLab (BSD licence).

What is on it, in this order, for each language given: the clinic's name, "Show this to your
provider", the topic title, the date and time, every answer as the summary shows it
("Where: calf, foot and toes"), and the topic's danger signs with what to do. The print is
large: the body is ``font_size`` points (at least 14), headings a quarter bigger.

Fonts are real fonts a PDF reader (and ``pdftotext``) can read back: DejaVu Sans embedded
(subset) when the system has it (Debian ``fonts-dejavu-core``; it covers Latin, Greek,
Cyrillic and Vietnamese), else the PDF standard Helvetica, which covers Western European
languages (English, Spanish, French, Portuguese...) only.

Paper: ``letter`` and ``a4`` are sheets (more than one when the answers need it);
``receipt-80mm`` is one long page 80 mm wide, as tall as the slip, for a roll printer that
cuts after each page.

Nothing here touches a file: :func:`build_slip_pdf` returns bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from kiosk.content.settings import Paper
from kiosk.words.i18n import date_words, tr

if TYPE_CHECKING:
    from kiosk.visit.controller import KioskController

SHOW_PROVIDER = "Show this to your provider"
DANGER_HEADING = "Get help now if you have"
#: Before the action shared by several danger signs, printed once under them.
WHAT_TO_DO = "What to do"
#: The PDF's own title (its metadata): a constant, never a topic or an answer.
PDF_TITLE = "Kiosk slip"

#: Smallest body size allowed (large print); the settings refuse less too.
MIN_FONT_SIZE = 14.0

RECEIPT_WIDTH = 80 * mm
RECEIPT_MARGIN = 4 * mm  # 72 mm printable: what 80 mm roll printers print across
RECEIPT_MIN_HEIGHT = 100 * mm
RECEIPT_MAX_HEIGHT = 5000 * mm  # PDF readers stop at 200 inches; a longer slip goes on to a page 2
SHEET_MARGIN = 20 * mm

# DejaVu Sans where Debian and most distributions put it; Helvetica when none is there.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)


class AnswerLine(Protocol):
    """One answer as the summary shows it: :class:`kiosk.visit.flow.SummaryLine` is one."""

    @property
    def label(self) -> str: ...

    @property
    def text(self) -> str: ...


class DangerSign(Protocol):
    """A danger sign and what to do about it: :class:`kiosk.content.model.RedFlag` is one."""

    @property
    def symptom(self) -> str: ...

    @property
    def action(self) -> str: ...


@dataclass(frozen=True)
class SlipWords:
    """Everything the slip says in one language, already in that language.

    ``answers`` are the summary's lines (``FlowSession.summary_lines()`` or the same lines
    rendered in another language); ``danger_signs`` the topic's red flags. ``when`` is the date
    and time as words (:func:`english_date_time` for English). The headings default to English.
    """

    title: str
    when: str
    answers: Sequence[AnswerLine]
    danger_signs: Sequence[DangerSign]
    heading: str = SHOW_PROVIDER
    danger_heading: str = DANGER_HEADING
    what_to_do: str = WHAT_TO_DO
    language: str = "en"


@dataclass(frozen=True)
class Slip:
    """The whole slip: the clinic's name, then one or two :class:`SlipWords`.

    Give two when the patient used a second language: the first is printed first (put the
    provider's language there), the second follows under a rule, complete in its own words.
    """

    clinic_name: str
    words: tuple[SlipWords, ...]
    #: At the foot of each sheet when a slip needs more than one.
    page_words: str = "Page {page} of {pages}"

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(self.words))
        if not 1 <= len(self.words) <= 2:
            raise ValueError("a slip has one or two languages")


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def english_date_time(when: dt.datetime) -> str:
    """``Wednesday, November 25, 2026, 9:47 AM``: English whatever the process locale, no leading zero."""
    hour = when.hour % 12 or 12
    return (
        f"{_DAYS[when.weekday()]}, {_MONTHS[when.month - 1]} {when.day}, {when.year}, "
        f"{hour}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"
    )


def slip_words(
    title: str,
    answers: Sequence[AnswerLine],
    danger_signs: Sequence[DangerSign],
    when: dt.datetime | str,
    **headings: str,
) -> SlipWords:
    """The usual English :class:`SlipWords`: ``slip_words(topic.title, session.summary_lines(),
    topic.red_flags, now)``. ``headings`` may set ``heading``, ``danger_heading``, ``language``."""
    language = headings.get("language", "en")
    if language.split("-")[0] != "en":  # a slip in the patient's language, headings and all
        headings = {**translated_headings(language), **headings}
    if isinstance(when, str):
        when_text = when
    elif language.split("-")[0] == "en":
        when_text = english_date_time(when)
    else:
        when_text = f"{date_words(when.date(), language)}, {when.hour}:{when.minute:02d}"
    return SlipWords(title=title, when=when_text, answers=tuple(answers), danger_signs=tuple(danger_signs), **headings)


def translated_headings(language: str) -> dict[str, str]:
    """The slip's headings from the kiosk's catalog (the English ones are this module's own)."""
    from kiosk.words import ui_words as W

    return {"heading": tr(language, W.SHOW_PROVIDER),
            "danger_heading": tr(language, W.GET_HELP_IF).rstrip(":"),
            "what_to_do": tr(language, W.WHAT_TO_DO)}


# ------------------------------------------------------------------------------ fonts


@dataclass(frozen=True)
class FontPair:
    regular: str
    bold: str
    embedded: bool


@cache
def slip_fonts() -> FontPair:
    """DejaVu Sans (embedded) if found, else Helvetica (a standard PDF font, not embedded)."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            try:
                pdfmetrics.registerFont(TTFont("KioskSans", str(regular)))
                pdfmetrics.registerFont(TTFont("KioskSans-Bold", str(bold)))
            except Exception:  # a broken font file: fall back rather than fail to print
                continue
            return FontPair("KioskSans", "KioskSans-Bold", True)
    return FontPair("Helvetica", "Helvetica-Bold", False)


# ----------------------------------------------------------------------------- layout


def page_size(paper: Paper) -> tuple[float, float]:
    """Width and height in points; a receipt's height is worked out per slip."""
    return {Paper.LETTER: LETTER, Paper.A4: A4, Paper.RECEIPT_80MM: (RECEIPT_WIDTH, RECEIPT_MIN_HEIGHT)}[paper]


def _styles(font_size: float) -> dict[str, ParagraphStyle]:
    fonts = slip_fonts()
    big = font_size * 1.25
    base = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=font_size,
        leading=font_size * 1.3,
        alignment=TA_LEFT,
        spaceAfter=font_size * 0.35,
        bulletFontName=fonts.bold,
        bulletFontSize=font_size,
    )
    return {
        "clinic": ParagraphStyle("clinic", parent=base, fontName=fonts.bold),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=fonts.bold,
            fontSize=big,
            leading=big * 1.25,
            spaceBefore=font_size * 0.3,
            spaceAfter=font_size * 0.4,
        ),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.bold),
        "body": base,
        "answer": ParagraphStyle("answer", parent=base, leftIndent=font_size * 0.9, bulletIndent=0),
        "todo": ParagraphStyle("todo", parent=base, leftIndent=font_size * 0.9, spaceBefore=font_size * 0.3),
        "sign": ParagraphStyle("sign", parent=base, leftIndent=font_size * 0.9, bulletIndent=0, spaceAfter=0),
        "section": ParagraphStyle(
            "section", parent=base, fontName=fonts.bold, spaceBefore=font_size * 0.8, keepWithNext=1
        ),
    }


def _para(text: str, style: ParagraphStyle, *, bold_lead: str | None = None, bullet: str | None = None) -> Paragraph:
    body = escape(text)
    if bold_lead is not None:
        body = f"<b>{escape(bold_lead)}</b> {body}"
    return Paragraph(body, style, bulletText=bullet)


def slip_flowables(slip: Slip, font_size: float) -> list[Flowable]:
    s = _styles(font_size)
    out: list[Flowable] = []
    for index, words in enumerate(slip.words):
        if index:
            out.append(Spacer(1, font_size * 0.6))
            out.append(
                HRFlowable(width="100%", thickness=1.5, color="black", spaceBefore=2, spaceAfter=font_size * 0.6)
            )
        header = [
            _para(slip.clinic_name, s["clinic"]),
            _para(words.heading, s["heading"]),
            _para(words.title, s["title"]),
            _para(words.when, s["body"]),
        ]
        answers = [_para(line.text, s["answer"], bold_lead=f"{line.label}:", bullet="\u2022") for line in words.answers]
        # The heading block stays with the first answer, and an answer is never cut between sheets.
        out.append(KeepTogether(header + answers[:1]))
        out.extend(KeepTogether([answer]) for answer in answers[1:])
        if words.danger_signs:
            out.append(_para(f"{words.danger_heading}:", s["section"]))
            for action, symptoms in danger_groups(words.danger_signs):
                if len(symptoms) == 1:
                    out.append(KeepTogether([_para(action, s["answer"], bold_lead=f"{symptoms[0]}:", bullet="!")]))
                    continue
                # Signs sharing one action: each on its own short line, the action once below
                # them, on the same sheet when they fit on one.
                group = [_para(symptom, s["sign"], bullet="!") for symptom in symptoms]
                out.append(KeepTogether([*group, _para(action, s["todo"], bold_lead=f"{words.what_to_do}:")]))
    return out


def danger_groups(signs: Sequence[DangerSign]) -> list[tuple[str, list[str]]]:
    """Danger signs grouped by their action, in the order each action first appears."""
    groups: dict[str, list[str]] = {}
    for sign in signs:
        groups.setdefault(sign.action, []).append(sign.symptom)
    return list(groups.items())


def _bold_markup(fonts: FontPair) -> None:
    """Let ``<b>`` in a paragraph pick our bold face."""
    from reportlab.lib.fonts import addMapping

    addMapping(fonts.regular, 0, 0, fonts.regular)
    addMapping(fonts.regular, 1, 0, fonts.bold)
    addMapping(fonts.regular, 0, 1, fonts.regular)
    addMapping(fonts.regular, 1, 1, fonts.bold)


def _content_height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):  # measured by its parts: it needs a canvas to wrap itself
            total += _content_height(list(f._content), width)
            continue
        _, h = f.wrap(width, 1e6)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


@dataclass(frozen=True)
class SlipPdf:
    """A laid-out slip: the PDF bytes (in memory only), its page size and page count."""

    data: bytes
    page_width_mm: float
    page_height_mm: float
    pages: int
    font_size: float
    embedded_font: bool


def build_slip_pdf(slip: Slip, paper: Paper = Paper.LETTER, font_size: float = 16.0) -> bytes:
    """The slip as PDF bytes, built in memory only. ``font_size`` below 14 is raised to 14."""
    return render_slip(slip, paper, font_size).data


def render_slip(slip: Slip, paper: Paper = Paper.LETTER, font_size: float = 16.0) -> SlipPdf:
    """:func:`build_slip_pdf` with the page size and count, which ``lp`` needs for a receipt."""
    font_size = max(float(font_size), MIN_FONT_SIZE)
    fonts = slip_fonts()
    if fonts.embedded:
        _bold_markup(fonts)
    if paper is Paper.RECEIPT_80MM:
        margin = RECEIPT_MARGIN
        width = RECEIPT_WIDTH
        flowables = slip_flowables(slip, font_size)
        # one long page: measured at the frame's width, plus margins and a little slack
        # (platypus frames pad by 6 pt a side), so nothing spills onto a second page
        height = _content_height(flowables, width - 2 * margin - 12) + 2 * margin + 12 + font_size * 2
        size = (width, min(max(height, RECEIPT_MIN_HEIGHT), RECEIPT_MAX_HEIGHT))
    else:
        margin = SHEET_MARGIN
        size = page_size(paper)
    data, pages = _build(slip, font_size, size, margin, total=None)
    if pages > 1:  # again, now that the count is known: "Page 1 of 2" at the foot of each sheet
        data, pages = _build(slip, font_size, size, margin, total=pages)
    return SlipPdf(data, size[0] / mm, size[1] / mm, pages, font_size, fonts.embedded)


def _build(
    slip: Slip, font_size: float, size: tuple[float, float], margin: float, total: int | None
) -> tuple[bytes, int]:
    fonts = slip_fonts()

    def footer(canvas, doc) -> None:
        if total is None:
            return
        canvas.saveState()
        canvas.setFont(fonts.regular, font_size)
        words = slip.page_words.format(page=doc.page, pages=total)
        canvas.drawString(margin, margin - font_size * 1.2, words)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=PDF_TITLE,
        author="",
        subject="",
        creator="clinic-kiosk",
        producer="clinic-kiosk",
        keywords=[],
    )
    doc.build(slip_flowables(slip, font_size), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue(), doc.page


def summary_slip(controller: KioskController, now: dt.datetime) -> Slip | None:
    """The provider slip of this visit's answers, in memory only (nothing is written).

    A patient who answered in another language gets the clinic's first language first, so
    a provider who reads only that can use it, then the patient's own words."""
    topic, session = controller.visit.flow_topic, controller.visit.flow
    if topic is None or session is None:
        return None
    own = session.summary_lines(topic.language)
    words = [slip_words(topic.title, own, topic.red_flags, now, language=topic.language)]
    provider = controller.summary_for_provider()
    if provider is not None:
        original, lines = provider
        words.insert(0, slip_words(original.title, lines, original.red_flags, now, language=original.language))
    return Slip(controller.library.settings.clinic_name, tuple(words))
