"""A frame Textual drops while updates are held is made good by the next one, drawn whole.

Textual holds updates inside a batch (its own start-up, and the kiosk's fresh home, built in
one so nothing half-mounted shows): ``App._display`` then drops the frame it is given. The
compositor does not know: the frames after it write only the lines that changed since the
dropped one. After a start under load, home's first choice row, unchanged after the first
layout, stayed blank on the terminal until something redrew it (a tmux capture of 30 starts at
40x12 caught it in 22 with a screen-change speed-up that skipped a restyle; Textual's own
``delay_update`` hides the same hole behind a 50 ms hold and a repaint). Here the first frame
after a dropped one is drawn whole, whatever else changes or not.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual._compositor import ChopsUpdate
from textual.app import App
from textual.screen import Screen


class WholeFrameAfterHold(App):
    """An App whose first frame after one dropped in a batch covers the whole screen."""

    _frame_dropped = False

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        if renderable is not None:
            if self._batch_count:
                self._frame_dropped = True  # App._display drops it
            elif self._frame_dropped and screen is self.screen:
                self._frame_dropped = False
                if isinstance(renderable, ChopsUpdate):  # only what changed since the dropped one
                    renderable = screen._compositor.render_update(full=True, screen_stack=self._background_screens)
        super()._display(screen, renderable)
