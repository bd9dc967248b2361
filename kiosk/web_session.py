"""One browser session's kiosk: ``python -m kiosk.web_session ARGS`` is ``kiosk run ARGS`` for
``kiosk serve`` (issue 17).

Under textual-serve the kiosk's stdin is the server's pipe, never a terminal, so the app's
"terminal lost" poll (``KioskApp._check_terminal``, a ``tcgetattr`` on stdin, issue 16) would stop
every session half a second after it starts. In a browser session the web driver learns that the
page has gone from the server instead (a "quit" message, or the end of its stdin), so the poll is
skipped there. Wiring to do in the app (kiosk/ui is not this module's to edit): start the
terminal poll only ``if not self.is_headless and not self.is_web``; this shim then does nothing
and can go.
"""

from __future__ import annotations

import sys


def allow_web_stdin() -> None:
    """Make the app's terminal poll a no-op in a browser session (and only there)."""
    from kiosk.ui.app import KioskApp

    check = getattr(KioskApp, "_check_terminal", None)
    if check is None or getattr(check, "_web_aware", False):
        return

    def _check_terminal(self) -> None:
        if self.is_web:
            return
        check(self)

    _check_terminal._web_aware = True  # type: ignore[attr-defined]
    KioskApp._check_terminal = _check_terminal  # type: ignore[method-assign]


def main(argv: list[str] | None = None) -> int:
    from kiosk.cli import main as cli_main

    allow_web_stdin()
    return cli_main(["run", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
