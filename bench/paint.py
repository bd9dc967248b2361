"""A hook on Textual's frame output: the moment a frame is painted, even when headless.

Textual composes every frame (layout, styles, rendering to segments) and hands it to
``App._display``; a headless app stops there without building the terminal bytes. The hook
also builds those bytes (``render_segments``), so a headless frame costs what a real one does
except the write to the terminal, then calls ``on_frame(app, screen, text, when)`` with the
frame's terminal text and the ``time.perf_counter()`` at which it was ready.

Used the same way for the kiosk and for the bare reference app.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App

FrameCallback = Callable[[App, object, str, float], None]

_installed: list[FrameCallback] = []


def install(on_frame: FrameCallback) -> Callable[[], None]:
    """Call ``on_frame`` after every painted frame of every App; returns an uninstaller."""
    original = App._display

    def _display(self: App, screen, renderable) -> None:  # Textual's signature
        original(self, screen, renderable)
        if renderable is None or self._batch_count:  # Textual paints nothing then
            return
        render = getattr(renderable, "render_segments", None)
        text = render(self.console) if (render is not None and self.is_headless) else ""
        on_frame(self, screen, text, time.perf_counter())

    App._display = _display  # type: ignore[method-assign]
    _installed.append(on_frame)

    def uninstall() -> None:
        App._display = original  # type: ignore[method-assign]
        _installed.remove(on_frame)

    return uninstall


def vm_kb(field: str) -> int:
    """``VmHWM`` (peak RSS) or ``VmRSS`` of this process, in kB, from /proc/self/status."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)
