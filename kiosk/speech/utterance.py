"""What a screen gives the speech service to say: the items of its script.

Apart from :mod:`kiosk.speech.text` (which turns them into what the voice reads, with some
thirty regular expressions compiled at import) so that a start, and a kiosk with speech off,
need not load that until speech is first used or the kiosk is idle.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SaidIn", "Utterance"]


@dataclass(frozen=True)
class Utterance:
    """One item of a screen's speech script, e.g. a heading, a choice or a page body.

    ``protected`` marks the first play of the emergency message, which a key press may not cut
    off for its first few seconds (K-S4 note). ``language`` picks the voice (K-S8).
    """

    text: str
    language: str = "en"
    protected: bool = False


class SaidIn(str):
    """A line of a screen's script that is said in a language of its own, not the visit's:
    home offers "Español: oprima 8" in Spanish, with the Spanish voice, to an English visit.
    Still a ``str``, so a script stays a list of strings everywhere else."""

    language: str

    def __new__(cls, text: str, language: str) -> SaidIn:
        line = super().__new__(cls, text)
        line.language = language
        return line
