"""Speech text: what the kiosk says for a piece of screen text, and how it is cut into sentences.

Owns the rules that turn display text into words a synthesiser reads well: Markdown removed
(through :func:`kiosk.words.plain_text.strip_markdown`, so what is spoken is what is shown and graded),
symbols that mean nothing aloud dropped, and phone or emergency numbers read digit by digit
("911" as "9 1 1", as a dispatcher says it). Synthesis goes one sentence at a time so the first
words start quickly and a stop never waits for a long clip. Pure functions, no engine here.
"""

from __future__ import annotations

import functools
import re

from kiosk.words import ui_words
from kiosk.words.i18n import tr
from kiosk.words.plain_text import strip_markdown

__all__ = ["speakable", "speakable_in", "split_sentences"]


_LINE_BULLET = re.compile(r"^(\s*)[•◦▪‣·●○■□–—]\s+", re.MULTILINE)
_ARROWS = re.compile(r"\s*[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f\u2794\u279c\u27a4]+\s*")
_BANGS = re.compile(r"(\w?)!{2,}")
_DROP = re.compile(r"[*#_`~|^\\<>\[\]{}•◦▪‣●○■□\u2500-\u259f\u2600-\u2793\u2795-\u27bf\U0001f000-\U0001faff\ufe0f]")
_PHONE = re.compile(r"(?<![\d.,-])\d{3}(?:-\d{2,4})+(?![\d-]|[.,]\d)")
_UNITS = (
    r"%|°|percent|degrees?|milligrams?|micrograms?|milliliters?|kilograms?|centimeters?|millimeters?|"
    r"pounds?|ounces?|por ciento|\$|mg|mcg|g|kg|ml|l|cc|mm|cm|m|km|lb|lbs|oz|kcal|calories|calorías|"
    r"steps?|pasos?|times?|veces|people|personas|seconds?|secs?|segundos?|minutes?|mins?|minutos?|"
    r"hours?|hrs?|horas?|days?|días?|weeks?|semanas?|months?|meses|mes|years?|años?"
)
#: A year (19xx, 20xx) is read as a year, not digit by digit ("November 25, 2026").
_NUMBER = re.compile(rf"(?<![\d.,$])(?!(?:19|20)\d\d(?!\d))(\d{{3,6}})(?![\d]|[.,]\d)(?!\s?(?:{_UNITS})\b)",
                     re.IGNORECASE)
_SPACE = re.compile(r"[ \t]+")
#: Keys are named in words, never dropped: "Press * for help" is "Press star for help".
KEY_WORDS = dict(ui_words.KEY_NAMES)
_KEY_AFTER_PRESS = re.compile(
    r"\b(press|pressing|presses|key|keys|then)\s+([*/+#.-])(?:\s*\(([A-Za-z ]+)\))?(?=[\s,.;:!?)]|$)",
    re.IGNORECASE)
#: A key symbol standing alone in a key guide ("0 Back  * Help"): named too.
_LONE_KEY = re.compile(r"(?:(?<=\s)|^)([*/+])(?=\s|$)", re.MULTILINE)
_SLASH_WORDS = re.compile(r"\b([A-Za-z]+)/([A-Za-z]+)\b")
_END_THEN_STOP = re.compile(r"([?!…])(\s*\.)+")
_ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\b")
#: Acronyms espeak would read as a word (or as a unit): spelled out letter by letter.
_KEEP_AS_WORD = {"OK", "NASA", "AIDS", "COVID", "I", "A"}
_LETTER_DIGIT = re.compile(r"\b([A-Z])(\d{1,3})\b")
_UNIT_WORDS = {
    "mg": "milligrams", "mcg": "micrograms", "ml": "milliliters", "mL": "milliliters", "kg": "kilograms",
    "cm": "centimeters", "mm": "millimeters", "lb": "pounds", "lbs": "pounds", "oz": "ounces",
    "hrs": "hours", "hr": "hour", "mins": "minutes", "min": "minutes", "secs": "seconds",
}
_UNIT = re.compile(r"(?<=\d)\s?(" + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) + r")\b")
_ONE_UNIT = re.compile(
    r"\b1 (milligram|microgram|milliliter|kilogram|centimeter|millimeter|pound|ounce|hour|minute|second)s\b")
_DEGREES = re.compile(r"(\d)\s?°\s?([FC])\b")
_PERCENT = re.compile(r"(\d)\s?%")
_LATIN = [(re.compile(r"\be\.g\.,?", re.IGNORECASE), "for example"),
          (re.compile(r"\bi\.e\.,?", re.IGNORECASE), "that is"),
          (re.compile(r"\betc\.(?=\s+[a-z])"), "and so on"),
          (re.compile(r"\betc\."), "and so on."),
          (re.compile(r"\bvs\.?(?=\s)"), "versus"),
          (re.compile(r"\bapprox\.(?=\s)"), "about")]
_AMPERSAND = re.compile(r"\s&\s")
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
_REPEATED_PUNCT = re.compile(r"([,.;:])(?:\s*[,.;:])+")
_SENTENCE_END = ".!?:;…"


def _digits(match: re.Match[str]) -> str:
    return " ".join(match.group(0))


def _phone(match: re.Match[str]) -> str:
    return ", ".join(" ".join(group) for group in match.group(0).split("-"))


def _key_word(match: re.Match[str]) -> str:
    word = KEY_WORDS[match.group(2)]
    return f"{match.group(1)} {word}"


def _iso_date(match: re.Match[str]) -> str:
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return match.group(0)
    return f"{_MONTHS[month - 1]} {day}, {year}"


def _acronym(match: re.Match[str]) -> str:
    word = match.group(1)
    if word in _KEEP_AS_WORD:
        return match.group(0)
    return " ".join(word) + match.group(0)[len(word):]


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


@functools.lru_cache(maxsize=16)
def key_words(language: str) -> dict[str, str]:
    """Key names in ``language``, from its catalog ("oprima asterisco", not "press star")."""
    return {key: tr(language, name) for key, name in ui_words.KEY_NAMES.items()}

#: As _KEY_AFTER_PRESS: "oprima / (barra)" is said "oprima barra", the bracketed name dropped.
_KEY_AFTER_PRESS_ES = re.compile(
    r"\b(oprima|oprimir|pulse|tecla|teclas|luego)\s+([*/+#.-])(?:\s*\(([^\W\d_]+(?: [^\W\d_]+)*)\))?(?=[\s,.;:!?)]|$)",
    re.IGNORECASE)


def speakable(text: str, language: str = "en") -> str:
    """Text as it should be read aloud: no Markdown, no decorative symbols, numbers said well.

    English gets its words for keys, units, symbols and abbreviations. Another language gets
    only its key names and the language-free steps: its own voice reads numbers and symbols in
    its own words, and an English word would be wrong there.

    Runs of 3 to 6 digits (no comma or decimal point, not followed by a unit such as "mg" or
    "minutes") are read digit by digit: emergency and phone numbers. "2" and "30 seconds" stay
    natural. A year such as 2024 would also be read digit by digit; patient text rarely has one.
    """
    text = _LINE_BULLET.sub(r"\1- ", text)
    text = _join_lines(strip_markdown(text))
    base = language.split("-")[0].lower()
    if base != "en":
        return _speakable_other(text, key_words(base))
    text = _KEY_AFTER_PRESS.sub(_key_word, text)
    text = _LONE_KEY.sub(lambda m: KEY_WORDS[m.group(1)], text)
    text = _ISO_DATE.sub(_iso_date, text)
    for pattern, words in _LATIN:
        text = pattern.sub(words, text)
    text = _SLASH_WORDS.sub(r"\1 or \2", text)
    text = _AMPERSAND.sub(" and ", text)
    text = _LETTER_DIGIT.sub(r"\1 \2", text)
    text = _ACRONYM.sub(_acronym, text)
    text = _ARROWS.sub(", ", text)
    text = _BANGS.sub(lambda m: m.group(1) + "!" if m.group(1) else " ", text)
    text = _DROP.sub(" ", text)
    text = _PHONE.sub(_phone, text)
    text = _NUMBER.sub(_digits, text)
    text = _DEGREES.sub(lambda m: f"{m.group(1)} degrees {'Fahrenheit' if m.group(2) == 'F' else 'Celsius'}", text)
    text = _PERCENT.sub(r"\1 percent", text)
    text = _UNIT.sub(lambda m: " " + _UNIT_WORDS[m.group(1)], text)
    text = _ONE_UNIT.sub(r"1 \1", text)
    text = _SPACE.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    text = _END_THEN_STOP.sub(r"\1", text)
    return text.strip(" ,;:").strip()


def _speakable_other(text: str, keys: dict[str, str]) -> str:
    """The language-free part of :func:`speakable`, with the language's own key names."""
    if keys:
        text = _KEY_AFTER_PRESS_ES.sub(lambda m: f"{m.group(1)} {keys.get(m.group(2), m.group(2))}", text)
        text = _LONE_KEY.sub(lambda m: keys.get(m.group(1), m.group(1)), text)
    text = _ARROWS.sub(", ", text)
    text = _BANGS.sub(lambda m: m.group(1) + "!" if m.group(1) else " ", text)
    text = _DROP.sub(" ", text)
    text = _PHONE.sub(_phone, text)
    text = _NUMBER.sub(_digits, text)
    text = _SPACE.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    text = _END_THEN_STOP.sub(r"\1", text)
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


# ---- per language. Additive: speakable() and English are unchanged. ------------------

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
    spoken = speakable(text, language)
    if language.split("-")[0].lower() == "es":
        spoken = _ES_DATE_YEAR.sub(lambda m: m.group(1) + "".join(m.group(2, 3, 4, 5)), spoken)
    return spoken
