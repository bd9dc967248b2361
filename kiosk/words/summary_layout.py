"""How the provider summary is split into screenfuls, and its date line drawn on one line.

At 40x12 a summary has a few rows for its answers, so every row counts. The summary's body is
its answers, one list item a line, in one language at a time: the patient's, and, on a visit in
another language, the clinic's first behind one more key ("7 In English"), for a provider who
reads only that. A body with a heading line (a paragraph above list items) keeps the heading
with its first item, so a heading never ends a screen alone.

Pure: the summary screen (:mod:`kiosk.ui.screens.summary`) draws what this returns, and
``kiosk validate``'s count (:mod:`kiosk.content.screen_count`) counts the same parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.cells import cell_len

from kiosk.words import ui_words as W
from kiosk.words.i18n import date_words, tr
from kiosk.words.page_layout import Line, layout, wrap_block


def summary_date_line(title: str, day: dt.date, language: str, width: int) -> str:
    """The topic and the day, "Muscle cramps, September 30, 2026", on one line where it fits
    ``width``; where it would wrap, the day alone, which fits: the heading above already says
    what the screen is, the answers say what they are about, and Read aloud and the slip still
    name the topic. The words shown are always words Read aloud says (K-S1)."""
    when = date_words(day, language)
    full = tr(language, W.DATE_LINE, title=title, date=when)
    if len(wrap_block("", full, width)) <= 1 or len(wrap_block("", when, width)) > 1:
        return full
    return when


def _sections(blocks: list[list[Line]]) -> list[list[list[Line]]]:
    """The body's blocks in sections: each paragraph (a heading) begins one, with the list
    items under it; a heading is glued to its first item, so it never ends a screen alone."""
    sections: list[list[list[Line]]] = []
    glue = False
    for block in blocks:
        if not block[0].marker:  # a heading: a new section, the next answer glued to it
            sections.append([block])
            glue = True
        elif glue:
            sections[-1][-1] = sections[-1][-1] + block
            glue = False
        else:
            if not sections:
                sections.append([])
            sections[-1].append(block)
    return sections


def summary_parts(markdown: str, width: int, height: int) -> list[list[Line]]:
    """Group the summary's wrapped lines into parts of at most ``height`` lines.

    Each answer stays whole on one part where it fits; a section (a heading with the answers
    under it) follows on the same part after a blank line only when all of it fits there, and
    otherwise starts a new part. The last answer never sits alone on the last part when the
    answer before it can join it (it was easy to miss there). At least one part.
    """
    height = max(1, height)
    parts: list[list[Line]] = [[]]
    for number, section in enumerate(_sections(layout(markdown, width))):
        whole = sum(len(unit) for unit in section)
        gap = bool(parts[-1])
        if number and parts[-1] and len(parts[-1]) + 1 + whole > height:
            parts.append([])  # the section for the provider begins a screen
            gap = False
        for unit in section:
            current = parts[-1]
            if current and len(current) + gap + len(unit) > height:
                parts.append([])
                current, gap = parts[-1], False
            if gap:
                current.append(Line(""))
                gap = False
            for line in unit:
                if len(current) >= height:
                    parts.append([])
                    current = parts[-1]
                current.append(line)
    return _balanced(parts, height)


def _belongs_to_item(line: Line) -> bool:
    return bool(line.marker) or line.indent > 0


def _balanced(parts: list[list[Line]], height: int) -> list[list[Line]]:
    """Move the answer before a lone last answer over to it, when it fits, it is in the same
    section (the last part does not begin with a heading) and no heading is left behind."""
    if len(parts) < 2:
        return parts
    last, before = parts[-1], parts[-2]
    starts = [n for n, line in enumerate(before) if line.marker]
    if sum(1 for line in last if line.marker) != 1 or len(starts) < 2 or not last[0].marker:
        return parts
    if not _belongs_to_item(before[starts[-1] - 1]):
        return parts  # the answer is a heading's first: they stay together
    moved = before[starts[-1]:]
    if len(moved) + len(last) > height:
        return parts
    return [*parts[:-2], before[:starts[-1]], moved + last]


#: A compact key ("▶1 ") before its words, and the cell of room after them.
COMPACT_PREFIX, KEY_ROOM = 3, 1
#: The summary's choices in the order they show: Next, Previous, then its own.
SUMMARY_KEYS = [(W.NEXT, "1"), (W.PREVIOUS, "2"), (W.READ_ALOUD, "3"), (W.CHANGE, "4"), (W.PRINT, "5"),
                (W.FINISH, "9")]
#: The key that shows the summary in the clinic's first language, and back (between Print and
#: Finish), on a visit in another language.
TOGGLE_KEY = "7"


def _arrangements(labels: list[str], toggles: Sequence[str] = ()) -> list[list[str]]:
    """Every set of choices the summary shows at once: with or without Next and Previous (the
    first, a middle, the last or the only part), with or without Print, and with each of the
    ``toggles`` the language key can show (before Finish), if any."""
    paging, own = labels[:2], labels[2:]
    out = []
    for toggle in [[label] for label in toggles] or [[]]:
        for shown_own in (own, [label for n, label in enumerate(own) if n != 2]):  # Print is own's third
            keys = [*shown_own[:-1], *toggle, shown_own[-1]]
            for ways in ([paging[0]], paging, [paging[1]], []):
                out.append([*ways, *keys])
    return out


def summary_keys(toggles: Sequence[str] = ()) -> int:
    """The most choices the summary shows at once: Next, Previous, Read aloud, Change, Print,
    the language key on a visit in another language (``toggles``: its labels) and Finish."""
    return len(SUMMARY_KEYS) + bool(toggles)


def keys_fit_three_a_row(language: str, width: int, toggles: Sequence[str] = ()) -> bool:
    """Whether the summary's choices, drawn compactly ("▶1 Next"), fit three to a row of
    ``width`` cells, each column as wide as its widest choice, in every set they show (with
    each label of the language key, ``toggles``): then they take fewer rows, and a small screen
    keeps a row more for the answers."""
    labels = [tr(language, word) for word, _ in SUMMARY_KEYS]
    for shown in _arrangements(labels, toggles):
        columns = [max(COMPACT_PREFIX + cell_len(label) + KEY_ROOM for label in shown[n::3]) for n in range(3)
                   if shown[n::3]]
        if sum(columns) > width:
            return False
    return True
