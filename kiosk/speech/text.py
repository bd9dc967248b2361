"""Speech text: what the kiosk says for a piece of screen text, and how it is cut into sentences.

Owns the rules that turn display text into words a synthesiser reads well: Markdown removed
(through :func:`kiosk.plain_text.strip_markdown`, so what is spoken is what is shown and graded),
symbols that mean nothing aloud dropped, and phone or emergency numbers read digit by digit
("911" as "9 1 1", as a dispatcher says it). Synthesis goes one sentence at a time so the first
words start quickly and a stop never waits for a long clip. Pure functions, no engine here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.plain_text import strip_markdown

__all__ = ["Utterance", "speakable", "speakable_in", "split_sentences"]


@dataclass(frozen=True)
class Utterance:
    """One item of a screen's speech script, e.g. a heading, a choice or a page body.

    ``protected`` marks the first play of the emergency message, which a key press may not cut
    off for its first few seconds (K-S4 note). ``language`` picks the voice (K-S8).
    """

    text: str
    language: str = "en"
    protected: bool = False


_LINE_BULLET = re.compile(r"^(\s*)[•◦▪‣·●○■□–—]\s+", re.MULTILINE)
_ARROWS = re.compile(r"\s*[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f\u2794\u279c\u27a4]+\s*")
_BANGS = re.compile(r"(\w?)!{2,}")
_DROP = re.compile(r"[*#_`~|^\\<>\[\]{}•◦▪‣●○■□\u2500-\u259f\u2600-\u2793\u2795-\u27bf\U0001f000-\U0001faff\ufe0f]")
_PHONE = re.compile(r"(?<![\d.,-])\d{3}(?:-\d{2,4})+(?![\d-]|[.,]\d)")
_UNITS = (
    r"%|percent|por ciento|\$|mg|mcg|g|kg|ml|l|cc|mm|cm|m|km|lb|lbs|oz|kcal|calories|calorías|"
    r"steps?|pasos?|times?|veces|people|personas|seconds?|secs?|segundos?|minutes?|mins?|minutos?|"
    r"hours?|hrs?|horas?|days?|días?|weeks?|semanas?|months?|meses|mes|years?|años?"
)
_NUMBER = re.compile(rf"(?<![\d.,$])(\d{{3,6}})(?![\d]|[.,]\d)(?!\s?(?:{_UNITS})\b)", re.IGNORECASE)
_SPACE = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
_REPEATED_PUNCT = re.compile(r"([,.;:])(?:\s*[,.;:])+")
_SENTENCE_END = ".!?:;…"


def _digits(match: re.Match[str]) -> str:
    return " ".join(match.group(0))


def _phone(match: re.Match[str]) -> str:
    return ", ".join(" ".join(group) for group in match.group(0).split("-"))


def _join_lines(plain: str) -> str:
    """One line per paragraph or item in; one string out, every paragraph ending as a sentence."""
    parts: list[str] = []
    for line in plain.splitlines():
        line = line.strip()
        if not line:
            if parts and parts[-1][-1] not in _SENTENCE_END:
                parts[-1] += "."
            continue
        parts.append(line)
    return " ".join(parts)


def speakable(text: str) -> str:
    """Text as it should be read aloud: no Markdown, no decorative symbols, numbers said well.

    Runs of 3 to 6 digits (no comma or decimal point, not followed by a unit such as "mg" or
    "minutes") are read digit by digit: emergency and phone numbers. "2" and "30 seconds" stay
    natural. A year such as 2024 would also be read digit by digit; patient text rarely has one.
    """
    text = _LINE_BULLET.sub(r"\1- ", text)
    text = _join_lines(strip_markdown(text))
    text = _ARROWS.sub(", ", text)
    text = _BANGS.sub(lambda m: m.group(1) + "!" if m.group(1) else " ", text)
    text = _DROP.sub(" ", text)
    text = _PHONE.sub(_phone, text)
    text = _NUMBER.sub(_digits, text)
    text = _SPACE.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    return text.strip(" ,;:").strip()


_BREAK = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"')\]])\s+")
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|St|Sr|Sra|Dra|vs|etc|approx|no)|\be\.g|\bi\.e)\.$", re.IGNORECASE)
_LONG = 180


def _split_long(sentence: str) -> list[str]:
    """Cut a very long sentence at semicolons, colons, then commas, so no clip runs on."""
    if len(sentence) <= _LONG:
        return [sentence]
    for pattern in (r"(?<=[;:])\s+", r"(?<=,)\s+"):
        pieces = re.split(pattern, sentence)
        if len(pieces) > 1:
            out: list[str] = []
            for piece in pieces:
                if out and len(out[-1]) + len(piece) < _LONG:
                    out[-1] += " " + piece
                else:
                    out.append(piece)
            return [part for piece in out for part in _split_long(piece)] if len(out) > 1 else out
    return [sentence]


def split_sentences(text: str) -> list[str]:
    """Sentences in reading order; never an empty or symbol-only piece.

    Splits after ``.``, ``!``, ``?`` and at line breaks, but not after "Dr." or "e.g.";
    sentences longer than about 180 characters are cut at ``;``, ``:`` or ``,``.
    """
    sentences: list[str] = []
    for paragraph in text.splitlines():
        merged: list[str] = []
        for piece in _BREAK.split(paragraph.strip()):
            if merged and _ABBREVIATION.search(merged[-1]):
                merged[-1] += " " + piece
            elif piece:
                merged.append(piece)
        for sentence in merged:
            sentences.extend(_split_long(sentence))
    return [s.strip() for s in sentences if any(ch.isalnum() for ch in s)]


# ---- per language (issue 14). Additive: speakable() and English are unchanged. ------------------

_ES_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
# A date's year after speakable() read it digit by digit: "25 de noviembre de 2 0 2 6".
_ES_DATE_YEAR = re.compile(rf"(\bde\s+(?:{_ES_MONTHS})\s+de\s+)(\d) (\d) (\d) (\d)\b", re.IGNORECASE)


def speakable_in(text: str, language: str = "en") -> str:
    """:func:`speakable`, plus what a language needs; for English exactly :func:`speakable`.

    The Spanish voice already reads numbers, the emergency number ("nueve uno uno") and the
    keys' digits in Spanish, so Spanish needs one thing more: the year of a written-out date
    ("25 de noviembre de 2026") is read as a year ("dos mil veintiséis"), not digit by digit
    like a phone number.
    """
    spoken = speakable(text)
    if language.split("-")[0].lower() == "es":
        spoken = _ES_DATE_YEAR.sub(lambda m: m.group(1) + "".join(m.group(2, 3, 4, 5)), spoken)
    return spoken
