"""The import contract: each package of ``kiosk/`` may import only the layers below it, and
nothing under the UI imports Textual.

The rules are the README's "How it is built" table. The AST scan reads every import, including
those inside functions that only run later; the subprocess check imports the pure layers in an
interpreter where importing ``textual`` fails, so nothing pulls it in at import time either.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parents[2] / "kiosk"

#: What each package may import of the kiosk (besides itself and ``kiosk.__version__``).
MAY_IMPORT: dict[str, set[str]] = {
    "words": set(),
    "host": set(),
    "content": {"words", "host"},
    "visit": {"content", "words", "host"},
    "speech": {"content", "words", "host"},
    "desk": {"content", "visit", "words", "host"},
    "ui": {"content", "visit", "speech", "desk", "words", "host"},
    "web": {"content", "words", "host", "cli"},
    "studio": {"content", "visit", "speech", "words", "host", "ui"},
}
#: The packages with no Textual in them: everything but the screens and the browser server.
PURE = ("words", "host", "content", "visit", "speech", "desk")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def kiosk_layer(module: str) -> str | None:
    """``kiosk.content.loader`` -> ``content``; ``kiosk`` itself (the version) -> None."""
    parts = module.split(".")
    if parts[0] != "kiosk" or len(parts) == 1:
        return None
    return parts[1]


def test_every_module_of_kiosk_sits_in_a_known_layer():
    loose = sorted(p.name for p in KIOSK.glob("*.py") if p.name not in ("__init__.py", "__main__.py", "cli.py"))
    assert loose == [], "a new module belongs in the package of its layer (README: How it is built)"
    packages = sorted(p.name for p in KIOSK.iterdir() if (p / "__init__.py").exists() and p.name != "data")
    assert packages == sorted(MAY_IMPORT)


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_a_layer_imports_only_the_layers_below_it(layer):
    allowed = MAY_IMPORT[layer] | {layer}
    offenders = {}
    for path in sorted((KIOSK / layer).rglob("*.py")):
        wrong = sorted(m for m in imported_modules(path) if kiosk_layer(m) not in allowed | {None})
        if wrong:
            offenders[str(path.relative_to(KIOSK))] = wrong
    assert offenders == {}


@pytest.mark.parametrize("layer", PURE)
def test_no_pure_layer_imports_textual_anywhere_in_its_source(layer):
    offenders = {str(p.relative_to(KIOSK)): sorted(m for m in imported_modules(p) if m.split(".")[0] == "textual")
                 for p in (KIOSK / layer).rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_pure_layers_import_with_textual_blocked():
    modules = sorted(
        "kiosk." + ".".join(p.relative_to(KIOSK).with_suffix("").parts).removesuffix(".__init__")
        for layer in PURE for p in (KIOSK / layer).rglob("*.py")
        if p.stem not in ("__main__", "worker")  # the synthesiser child runs as a program
    )
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
