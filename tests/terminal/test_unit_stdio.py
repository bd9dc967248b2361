"""The unit's own command, wired to the terminal the way the unit wires it, shows the kiosk.

``deploy/clinic-kiosk.service`` decides where stdin, stdout and stderr go. Textual draws on
stderr, so with ``StandardError=journal`` the screen stays blank while the frames fill the
journal. This test reads ExecStart, Environment= and the Standard*
settings from the unit, runs that command in tmux with the same wiring (``tty`` = the pane,
anything else = a file), and waits for the home screen.
"""

from __future__ import annotations

import shlex
import shutil
import sys

import pytest

from tests.terminal.tmux_driver import CLINIC, HOME_WORDS, TmuxKiosk, _in_ci
from tests.unit.test_deploy import UNIT, read_unit

pytestmark = pytest.mark.terminal

INSTALLED = "/opt/clinic-kiosk/.venv/bin/kiosk"


def unit_command(content: str, elsewhere: str) -> str:
    service = read_unit(UNIT)["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[0] == INSTALLED and "--content" in argv
    argv[argv.index("--content") + 1] = content
    command = [sys.executable, "-m", "kiosk", *argv[1:], "--speech", "none"]
    env = [item for line in UNIT.read_text(encoding="utf-8").splitlines()
           if line.startswith("Environment=") for item in shlex.split(line.partition("=")[2])]
    stdio = {"StandardInput": "<", "StandardOutput": ">", "StandardError": "2>"}
    redirects = [f"{op}{shlex.quote(elsewhere + '.' + key)}" for key, op in stdio.items()
                 if service.get(key, "tty" if key == "StandardInput" else "inherit") not in ("tty", "inherit")]
    if service.get("StandardInput") != "tty":
        redirects.insert(0, "</dev/null")
    return "exec env " + shlex.join(env + command) + " " + " ".join(redirects)


def test_the_units_command_with_the_units_stdio_draws_the_home_screen(tmp_path):
    tmux = shutil.which("tmux")
    if tmux is None:
        if _in_ci():
            pytest.fail("tmux is not installed; the terminal tests must run in CI")
        pytest.skip("tmux is not installed")
    kiosk = TmuxKiosk(tmux, tmp_path, [])
    kiosk.command = unit_command(str(tmp_path / "content"), str(tmp_path / "redirected"))
    try:
        kiosk.start()
        home = kiosk.poll(HOME_WORDS)
        assert home is not None, (f"the pane stays blank with the unit's wiring ({kiosk.command});"
                                  f" redirected: {sorted(p.name for p in tmp_path.glob('redirected.*'))}")
        assert CLINIC in home
    finally:
        kiosk.stop()
