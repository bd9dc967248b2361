"""What CUPS keeps after a print, read for the visit's answers.

A short answer ("no", "none") is also a word of CUPS's own: cups-pdf logs "no postprocessing",
``lpstat -l`` says "Alerts: none", a PPD says "None". Finding such a word proves nothing, so an
answer counts as kept when

- its whole line, ``label: answer``, is there (no program writes that but the slip), or
- the visit's print left more of it in a file than the same print of a slip for nobody (no
  title, no answers: :func:`tests.printing.slips.nobody_slip`) leaves in that same file.

The second rule catches every answer, short or long, that CUPS copies from the job into a file.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from tests.printing.pdf_read import pdf_text

Counts = dict[tuple[str, str], int]


def readable(data: bytes) -> str:
    """The bytes as text, and a PDF's or PostScript's text as well (a kept job file is either)."""
    text = data.decode("utf-8", "replace")
    if data.startswith(b"%PDF"):
        text += "\n" + pdf_text(data)
    elif data.startswith(b"%!") and shutil.which("ps2ascii"):
        text += "\n" + subprocess.run(["ps2ascii"], input=data, capture_output=True, timeout=30).stdout.decode(
            "utf-8", "replace")
    return text


def files_in(folders: Iterable[Path]) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in sorted(folder.rglob("*")) if p.is_file()]


def files_holding(folders: Iterable[Path], texts: list[str]) -> list[str]:
    """Files under ``folders`` whose bytes, or whose text as a PDF, contain one of ``texts``."""
    found = []
    for path in files_in(folders):
        try:
            text = readable(path.read_bytes())
        except OSError:  # removed while we looked (a temporary file of another program)
            continue
        hits = [t for t in texts if t in text]
        if hits:
            found.append(f"{path} holds {hits[0]!r}")
    return found


def snapshot(folders: Iterable[Path]) -> dict[str, bytes]:
    """Every file under ``folders`` as it is now: ``{path: bytes}``."""
    files = {}
    for path in files_in(folders):
        try:
            files[str(path)] = path.read_bytes()
        except OSError:  # removed while we looked (a temporary file of another program)
            continue
    return files


def counts(folders: Iterable[Path] | dict[str, bytes], texts: list[str]) -> Counts:
    """How often each of ``texts`` is in each file under ``folders`` (or in a :func:`snapshot`):
    ``{(path, text): n}``."""
    files = folders if isinstance(folders, dict) else snapshot(folders)
    found: Counts = {}
    for path, data in files.items():
        text = readable(data)
        for t in texts:
            if t in text:
                found[path, t] = text.count(t)
    return found


def more_than_for_nobody(before: Counts, after_visit: Counts, after_nobody: Counts) -> list[str]:
    """Files where the visit's print added more of an answer than the print for nobody added after it."""
    kept = []
    for key in sorted(set(after_visit) | set(after_nobody)):
        by_visit = after_visit.get(key, 0) - before.get(key, 0)
        by_nobody = after_nobody.get(key, 0) - after_visit.get(key, 0)
        if by_visit > max(by_nobody, 0):
            path, text = key
            kept.append(f"{path} gained {text!r} {by_visit} time(s) from the visit, {by_nobody} from nobody's slip")
    return kept
