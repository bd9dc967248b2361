"""The soak's fixtures: the terminal tests' tmux kiosk, for the tmux flood soak."""

from tests.terminal.conftest import tmux_kiosk  # noqa: F401 - a fixture, used by name
