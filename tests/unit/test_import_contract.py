"""Issue 11: the import contract. The core never imports Textual; speech never imports the UI.

The core is imported in a fresh interpreter where importing ``textual`` fails, so even an
import hidden in a function body that runs at import time is caught; the AST scan catches
imports inside functions that only run later.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"
CORE = sorted(p for p in KIOSK.glob("*.py") if p.name not in ("__main__.py", "cli.py"))
SPEECH = sorted((KIOSK / "speech").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_textual_anywhere_in_its_source():
    offenders = {p.name: sorted(m for m in imported_modules(p) if m.split(".")[0] == "textual")
                 for p in CORE}
    assert not {k: v for k, v in offenders.items() if v}
    assert not [p.name for p in CORE if any(m.startswith("kiosk.ui") for m in imported_modules(p))]


def test_speech_never_imports_the_ui():
    offenders = {p.name: sorted(m for m in imported_modules(p) if m.startswith("kiosk.ui") or m.startswith("textual"))
                 for p in SPEECH}
    assert not {k: v for k, v in offenders.items() if v}


def test_the_core_imports_with_textual_blocked():
    modules = [f"kiosk.{p.stem}" for p in CORE if p.stem != "__init__"] + ["kiosk.speech.service"]
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'textual': raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}: __import__(m)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=KIOSK.parent)
    assert done.stdout.strip() == "ok", done.stderr[-3000:]
