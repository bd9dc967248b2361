"""PageView: one screenful of a page body, laid out by :mod:`kiosk.words.page_layout`."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static

from kiosk.words.page_layout import Line, to_markup
from kiosk.words.plain_text import strip_controls


class PageView(Static):
    """Draws already-wrapped lines; wrapping and splitting happen in the pure layout module."""

    class Resized(Message):
        """The body's size changed (the banner or key guide changed height): split again."""

    def __init__(self, id: str | None = None) -> None:  # noqa: A002 - Textual's keyword
        super().__init__("", id=id)
        self.lines: list[Line] = []

    def show(self, lines: list[Line]) -> None:
        self.lines = lines
        # markup only for bold runs; control characters never reach the terminal, where they could
        # clear the screen or hide the banner
        self.update(strip_controls("\n".join(to_markup(line) for line in lines)))

    def on_resize(self) -> None:
        self.post_message(self.Resized())

    @property
    def plain(self) -> str:
        return "\n".join(line.text.replace("**", "") for line in self.lines)
