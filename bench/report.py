"""The bench's table: figure | kiosk | reference | ratio | target | PASS/FAIL, and the machine.

A target is either a ratio to the reference (``max_ratio``) or an absolute limit on the kiosk's
figure (``max_value``); a row with neither is shown for information. A missing figure (the
measurement failed) shows as ``n/a`` and its row as ``FAIL`` with the reason under the table.
"""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass


@dataclass
class Row:
    figure: str
    kiosk: float | None
    reference: float | None = None
    unit: str = "s"  # "s", "ms", "MB"
    max_ratio: float | None = None
    max_value: float | None = None  # in the row's unit
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.kiosk is None or not self.reference:
            return None
        return self.kiosk / self.reference

    @property
    def target(self) -> str:
        if self.max_ratio is not None:
            return f"<= {self.max_ratio:g}x ref"
        if self.max_value is not None:
            return f"<= {self.max_value:g} {self.unit}"
        return "-"

    @property
    def verdict(self) -> str:
        if self.max_ratio is None and self.max_value is None:
            return "info"
        if self.kiosk is None:
            return "FAIL"
        if self.max_ratio is not None:
            return "PASS" if self.ratio is not None and self.ratio <= self.max_ratio else "FAIL"
        return "PASS" if self.max_value is not None and self.kiosk <= self.max_value else "FAIL"


def unmeasured(rows: list[Row]) -> list[Row]:
    """Rows the bench could not measure: no kiosk figure, or a ratio target without its reference.

    A missed target is a finding; a row without a figure is a broken bench (a screen the bench
    did not expect, an engine missing), so ``python -m bench`` exits non-zero on these."""
    return [r for r in rows if r.kiosk is None or (r.max_ratio is not None and not r.reference)]


def unmeasured_reasons(rows: list[Row]) -> str:
    """One line per unmeasured row: its figure and why (its note)."""
    return "\n".join(f"  {r.figure}: {r.note or 'no figure'}" for r in unmeasured(rows))


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "%":
        return f"{value:.2f} %"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}"


def table(rows: list[Row]) -> str:
    head = ("Figure", "Kiosk", "Reference", "Ratio", "Target", "Result")
    body = [(r.figure, _num(r.kiosk, r.unit), _num(r.reference, r.unit) if r.reference is not None else "-",
             f"{r.ratio:.2f}x" if r.ratio is not None else "-", r.target, r.verdict) for r in rows]
    widths = [max(len(str(line[i])) for line in (head, *body)) for i in range(len(head))]

    def fmt(line) -> str:
        return "| " + " | ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)) + " |"

    out = [fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [fmt(line) for line in body]
    notes = [f"  {r.figure}: {r.note}" for r in rows if r.note]
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, str]:
    import textual

    try:
        from importlib.metadata import version

        textual_version = version("textual")
    except Exception:
        textual_version = getattr(textual, "__version__", "?")
    try:
        load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "?"
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            mem = f"{int(info.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        mem = "?"
    return {
        "CPU": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": mem,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": sys.version.split()[0],
        "Textual": textual_version,
        "load average": load,
    }


def machine_line(info: dict[str, str]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in info.items())
