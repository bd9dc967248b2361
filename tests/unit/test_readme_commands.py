"""The README's staff commands work as written in a fresh shell."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
SPANS = re.findall(r"`([^`\n]+)`", README) + [
    line.strip() for block in re.findall(r"```(?:\w+)?\n(.*?)```", README, re.S) for line in block.splitlines()]


def test_no_bare_kiosk_command_that_the_shell_cannot_find():
    """`kiosk ...` is not on PATH without the venv: each command says .venv/bin/kiosk, or the
    README says to activate the venv in the same sentence."""
    bare = [span for span in SPANS if re.match(r"kiosk (validate|run|say|set-pin|stats|schema)\b", span)]
    for span in bare:
        sentence = README[max(0, README.index(span) - 400):README.index(span)]
        assert ". .venv/bin/activate" in sentence, f"`{span}` fails with 'kiosk: command not found'"


def test_every_make_target_named_exists():
    targets = set(re.findall(r"^([a-z][\w-]*):", MAKEFILE, re.M))
    for span in SPANS:
        for target in re.findall(r"^make ([a-z][\w-]*)", span):
            assert target in targets, f"`{span}`: no such make target"
    assert {"set-pin", "say", "stats", "validate"} <= targets


def test_staff_keys_are_spelled_out():
    assert "0 - 0 - 0" not in README
    assert "zero, minus, zero, minus, zero" in README
