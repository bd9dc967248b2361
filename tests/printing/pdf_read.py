"""Read a PDF back with poppler-utils: its text (pdftotext), font sizes (pdftohtml -xml at zoom 1,
which gives sizes in points) and word heights (pdftotext -bbox)."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path


def pdf_text(pdf: Path | bytes) -> str:
    """The text with line breaks and hyphen-free wrapping undone: words joined by single spaces."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True, timeout=30
    )
    return " ".join(out.stdout.decode("utf-8").split())


def text_sizes(pdf: Path | bytes) -> list[tuple[float, str]]:
    """(font size in points, text) for every run of text on every page."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    out = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-zoom", "1", "-stdout", "-q", "-", "x"],
        input=data,
        capture_output=True,
        check=True,
        timeout=30,
    )
    root = ET.fromstring(out.stdout)
    sizes = {spec.get("id"): float(spec.get("size")) for spec in root.iter("fontspec")}
    return [(sizes[t.get("font")], "".join(t.itertext())) for t in root.iter("text") if "".join(t.itertext()).strip()]


def word_heights(pdf: Path | bytes) -> list[float]:
    """Height of every word's box in points (about 1.15 x the font size for DejaVu Sans)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True, timeout=30)
    return [
        float(m[1]) - float(m[0])
        for m in re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', out.stdout.decode())
    ]
