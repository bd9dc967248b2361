"""What a kiosk's start imports: only what draws the first screen (home).

A start served by the validated-library cache never parses YAML, and the screens a patient
opens later are read when the kiosk is idle after its first screen (kiosk.ui.screens); each of
these cost a start milliseconds on the kiosk's two cores (bench/README.md, "Start")."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

START = """
import json, sys
from kiosk.host import collector
collector.pause_for_start()
from kiosk.content.content_path import load_for_start
from kiosk.ui.app import KioskApp
from kiosk.ui.launch import make_speech
print(json.dumps(sorted(sys.modules)))
"""

#: Read on first use or in the idle warm-up, never before the first screen.
NOT_AT_START = [
    "yaml",  # the loader's: a cached start does not parse
    "kiosk.content.loader",
    "kiosk.content.yaml_source",
    "kiosk.content.last_good",  # its thread, after the first screen
    "kiosk.speech.headphones",  # its thread
    "kiosk.speech.text",  # speech's text rules: on first use, or the idle warm-up
    "kiosk.ui.screens.topic",
    "kiosk.ui.screens.question",
    "kiosk.ui.screens.summary",
    "kiosk.ui.screens.emergency",
    "kiosk.desk.cups",
    "kiosk.web",
    "kiosk.studio",
]


def test_a_start_imports_only_what_draws_home():
    out = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True, check=True).stdout
    loaded = set(json.loads(out))
    assert "kiosk.ui.screens.home" in loaded
    assert [name for name in NOT_AT_START if name in loaded] == []


def test_every_lazily_named_screen_is_where_the_package_says():
    from kiosk.ui import screens

    for name in screens.LAZY:
        assert callable(getattr(screens, name)), name
    left = screens.warm_up()  # the screens all imported now: what else the warm-up reads
    assert set(left) <= set(screens.WARM_ALSO)
    for module in left:
        importlib.import_module(module)
    assert screens.warm_up() == []
