"""SafeText: a Static that can never send a control sequence to the terminal.

The loader refuses control and bidi-override characters in content (the first wall); this is
the second: everything a screen draws goes through :func:`kiosk.words.plain_text.strip_controls` at
draw time, so an escape that slipped through (a bug, a new field) still cannot clear the
screen, hide the emergency banner or retitle the terminal. Markup is always off:
words from content are never read as Rich markup either.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Static

from kiosk.words.plain_text import strip_controls


class SafeText(Static):
    """Plain words on screen, control characters removed."""

    def __init__(self, content: object = "", **kwargs) -> None:
        kwargs.pop("markup", None)
        super().__init__(strip_controls(str(content)), markup=False, **kwargs)

    def update(self, content: object = "", *, layout: bool = True) -> None:
        """Show ``content``; the same words again change nothing, so they cost no layout of the
        screen (a key guide or a sign redrawn on every resize with the words it already shows)."""
        text = strip_controls(str(content))
        if text == self.content:
            return
        super().update(text, layout=layout)


def visit_language(node: DOMNode) -> str:
    """The language of the visit on show, for a widget's own words; English when the widget
    runs outside the kiosk app (a widget's own test app) or before it is mounted."""
    from kiosk.ui.app import KioskApp  # the app imports every widget: looked up when drawn

    try:
        app = node.app
    except RuntimeError:  # Textual's NoActiveAppError: no app running, the source language
        return "en"
    return app.visit.language if isinstance(app, KioskApp) else "en"
