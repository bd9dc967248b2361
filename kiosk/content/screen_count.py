"""How many screens a topic's core and its provider summary take on the smallest kiosk, 40x12.

A frightened patient on a small screen pages through the core one screenful at a time, and a
provider reads the summary the same way; ``kiosk validate`` reports both, so staff see the cost
of a long topic before a patient does. The count uses the kiosk's own page layout
(:func:`kiosk.words.page_layout.screenfuls`) with the rows the kiosk's screens leave a page body
at 40x12: the rows below the title bar, above the emergency banner (three rows at 40 columns),
less the page's heading, its "Page 2 of 6" line and the row of choices under it. A Pilot test
pages through the real screens at 40x12 and checks these figures against them.

Pure: no Textual. It mirrors, in numbers, what ``PagedScreen``, ``TopicScreen`` and
``SummaryScreen`` draw; change them and the Pilot test says to change this.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.content.model import Choice, Flow, Page, Question, Topic
from kiosk.content.settings import KioskSettings
from kiosk.content.summary_words import AnswerWords, SummaryLine, chosen_words, merged_lines, worst_case_choices
from kiosk.words import ui_words as W
from kiosk.words.i18n import tr
from kiosk.words.page_layout import screenfuls, wrap_block
from kiosk.words.summary_layout import keys_fit_three_a_row, summary_date_line, summary_keys, summary_parts

#: The smallest screen the kiosk is built for (K-V1).
SMALL_WIDTH, SMALL_HEIGHT = 40, 12
#: Text width there: the body has one column of padding each side.
TEXT_WIDTH = SMALL_WIDTH - 2
#: The emergency banner's rows at 40 columns (its short second line keeps it at three).
BANNER_ROWS = 3
#: The "Page 2 of 6" line under a page.
PAGE_NUMBER_ROWS = 1
#: Choices per row of a paged screen's choices under 60 columns.
NAV_COLUMNS = 2

#: The limits ``kiosk validate`` warns above: a core a patient reads in a waiting room, and a
#: summary a provider scans in seconds.
MAX_CORE_SCREENS = 30
MAX_SUMMARY_SCREENS = 6


@dataclass(frozen=True)
class ScreenCount:
    """A topic's core and worst-case summary, in screens at 40x12 (``summary`` None: no questions)."""

    topic_id: str
    language: str
    core: int
    summary: int | None


def rows_of(text: str, width: int = TEXT_WIDTH) -> int:
    """Lines ``text`` wraps to, as a heading or title is drawn."""
    return max(1, len(wrap_block("", text, width))) if text.strip() else 0


def nav_rows(most_choices: int) -> int:
    """Rows the choices under a page take at 40 columns (PagedScreen keeps them for the page)."""
    return min(4, math.ceil(most_choices / NAV_COLUMNS))


def body_rows(title: str, heading: str, nav: int) -> int:
    """Rows left for a page body at 40x12 under ``title`` and the page's ``heading``."""
    return max(1, SMALL_HEIGHT - rows_of(title) - BANNER_ROWS - rows_of(heading) - PAGE_NUMBER_ROWS - nav)


def page_screens(title: str, heading: str, body: str, nav: int) -> int:
    """Screens one page takes at 40x12."""
    return len(screenfuls(body, TEXT_WIDTH, body_rows(title, heading, nav)))


def _uses_glossary(page: Page, terms: Sequence[str]) -> bool:
    from kiosk.content.library_nav import glossary_terms_in

    return bool(glossary_terms_in(f"{page.heading}\n{page.body}", terms))


def core_screens(topic: Topic) -> int:
    """Screens from the core's first page to its last at 40x12, as TopicScreen shows them.

    Each page keeps the rows of its most choices: Next, Previous, "Words to know" where the page
    uses a glossary word, and Home; the last page also Questions and "Was this helpful?" (twice).
    """
    terms = [g.term for g in topic.glossary]
    total = 0
    for index, page in enumerate(topic.pages):
        words = int(_uses_glossary(page, terms))
        most = 2 + words + 1
        if index == len(topic.pages) - 1:
            at_end = 1 + int(topic.flow is not None) + 2 + words + 1  # Previous, Questions, helpful x2, Words, Home
            most = max(most, at_end)
        total += page_screens(topic.title, page.heading, page.body, nav_rows(most))
    return total


def summary_body(lines: Sequence[SummaryLine]) -> str:
    """The summary's body as SummaryScreen writes it: '- label: text.' a line, in one language."""
    return "\n".join(f"- {line.label}: {line.text}." for line in lines)


def toggle_labels(visit_language: str, first_language: str, settings: KioskSettings) -> list[str]:
    """The labels the summary's language key shows on a visit in ``visit_language`` ("In
    English", then "In Español" back), in the visit's words; none on a visit in the first."""
    if visit_language == first_language:
        return []
    return [tr(visit_language, W.SUMMARY_IN, name=settings.language_name(code))
            for code in (first_language, visit_language)]


def summary_view_screens(title: str, lines: Sequence[SummaryLine], shown: str, visit: str, day: dt.date,
                         toggles: Sequence[str]) -> int:
    """Screens one view of the summary takes at 40x12: ``lines`` in the ``shown`` language
    under its heading and date line, with the choices in the ``visit`` language."""
    heading = tr(shown, W.SHOW_PROVIDER)
    date_line = summary_date_line(title, day, shown, TEXT_WIDTH)
    rows = body_rows(heading, date_line, summary_nav_rows(visit, toggles))
    return len(summary_parts(summary_body(lines), TEXT_WIDTH, rows))


def summary_screens(topic: Topic, settings: KioskSettings, original: Topic | None, day: dt.date) -> int | None:
    """Screens the worst-case summary takes at 40x12 (every question answered with its longest
    answer, :func:`kiosk.content.summary_words.worst_case_choices`), as SummaryScreen shows it:
    under "Show this to your provider", the topic and date as the page's heading (on one line
    where it fits, :func:`kiosk.words.summary_layout.summary_date_line`). A topic in another
    language than the clinic's first shows one language at a time, the patient's or, by its
    language key, the provider's from ``original``: the figure is the larger of the two views
    (each is paged on its own), not their sum. None for a topic without questions."""
    if topic.flow is None:
        return None
    language = topic.language
    worst = worst_case_choices(topic.flow)
    answers = [chosen_words(question, chosen) for question, chosen in worst]
    theirs = None
    if original is not None and original.flow is not None and original.language != language:
        theirs = _in_translation(worst, original.flow)
    toggles = toggle_labels(language, original.language, settings) if theirs is not None and original else []
    views = [summary_view_screens(topic.title, merged_lines(answers, language), language, language, day, toggles)]
    if theirs is not None and original is not None:
        views.append(summary_view_screens(original.title, merged_lines(theirs, original.language),
                                          original.language, language, day, toggles))
    return max(views)


def summary_nav_rows(language: str, toggles: Sequence[str] = (), *, printing: bool = True) -> int:
    """Rows the summary's choices take at 40x12: Next, Previous, Read aloud, Change, Print
    (where the kiosk can print: ``printing``, the worst case), the language key on a visit in
    another language (``toggles``: its labels) and Finish, three to a row where their words fit
    so (SummaryScreen draws them compactly there), else two."""
    most = summary_keys(toggles) - (not printing)
    return math.ceil(most / 3) if keys_fit_three_a_row(language, TEXT_WIDTH, toggles) else nav_rows(most)


def _in_translation(worst: list[tuple[Question, tuple[Choice, ...]]], flow: Flow) -> list[AnswerWords] | None:
    """The same answers (by question and choice ids) in another translation's words; None when
    an id has no match there (then the kiosk shows no provider block either)."""
    out = []
    for question, chosen in worst:
        try:
            other = flow.question(question.id)
        except KeyError:
            return None
        by_id = {c.id: c for c in other.choices}
        if any(c.id not in by_id for c in chosen):
            return None
        out.append(chosen_words(other, [c for c in other.choices if c.id in {x.id for x in chosen}]))
    return out


def screen_counts(topic: Topic, settings: KioskSettings, original: Topic | None, day: dt.date) -> ScreenCount:
    return ScreenCount(topic.id, topic.language, core_screens(topic), summary_screens(topic, settings, original, day))
