"""One browser session's kiosk: ``python -m kiosk.web.session ARGS`` is ``kiosk run ARGS`` for
``kiosk serve``.

Its own module name makes a session's kiosks easy to find (and to end with the server). Under
textual-serve stdin is the server's pipe, never a terminal: ``KioskApp._check_terminal`` stands
down when ``is_web``.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from kiosk.cli import main as cli_main

    return cli_main(["run", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
