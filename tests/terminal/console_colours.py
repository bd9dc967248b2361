"""What the Linux console shows for a stream of terminal output: each drawn character's text and
background colour, from the SGR codes, as the kernel's console does it (console_codes(4)).

- 30-37 / 40-47 pick colours 0-7 of the palette; 39 / 49 are light grey text / black.
- Bold (1) and 90-97 make the text colour bright (colour + 8); 2 (half bright) makes it dark grey.
- 100-107 are 40-47: the console shows no bright background.
- 7 (reverse) swaps text and background.
- 38/48 (256 colours or RGB) are reported: the console only approximates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.ui.theme import VGA, contrast_ratio

_SEQUENCE = re.compile(r"\x1b(?:\[([0-9;:?<=>]*)([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])")


@dataclass
class Pen:
    fg: int = 7
    bg: int = 0
    bold: bool = False
    half: bool = False
    reverse: bool = False
    bright_fg: bool = False

    def colours(self) -> tuple[str, str]:
        fg = self.fg + 8 if (self.bold or self.bright_fg) and self.fg < 8 else self.fg
        if self.half:
            fg = 8
        text, back = VGA[fg], VGA[self.bg]
        return (back, text) if self.reverse else (text, back)

    def apply(self, params: str) -> list[str]:
        """One SGR sequence; returns the codes the console cannot show as asked."""
        codes = [int(p) if p.isdigit() else 0 for p in params.replace(":", ";").split(";")] if params else [0]
        unsupported: list[str] = []
        i = 0
        while i < len(codes):
            code = codes[i]
            if code == 0:
                self.fg, self.bg, self.bold, self.half, self.reverse, self.bright_fg = 7, 0, False, False, False, False
            elif code == 1:
                self.bold = True
            elif code == 2:
                self.half = True
            elif code == 22:
                self.bold = self.half = False
            elif code == 7:
                self.reverse = True
            elif code == 27:
                self.reverse = False
            elif 30 <= code <= 37:
                self.fg, self.bright_fg = code - 30, False
            elif code == 39:
                self.fg, self.bright_fg = 7, False
            elif 40 <= code <= 47:
                self.bg = code - 40
            elif code == 49:
                self.bg = 0
            elif 90 <= code <= 97:
                self.fg, self.bright_fg = code - 90, True
            elif 100 <= code <= 107:
                self.bg = code - 100
                unsupported.append(str(code))
            elif code in (38, 48):
                unsupported.append(params)
                break
            i += 1
        return unsupported


@dataclass(frozen=True)
class Cell:
    char: str
    fg: str
    bg: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.fg, self.bg)


def drawn_cells(stream: str) -> tuple[list[Cell], list[str]]:
    """Every visible character the stream draws, with the colours the console shows it in, and
    every code the console would not show as asked (bright backgrounds, 256/RGB colours)."""
    pen = Pen()
    cells: list[Cell] = []
    unsupported: list[str] = []
    position = 0
    for found in _SEQUENCE.finditer(stream):
        for char in stream[position:found.start()]:
            if char.isprintable() and not char.isspace():
                fg, bg = pen.colours()
                cells.append(Cell(char, fg, bg))
        position = found.end()
        if found.group(2) == "m":
            unsupported += pen.apply(found.group(1))
    for char in stream[position:]:
        if char.isprintable() and not char.isspace():
            cells.append(Cell(char, *pen.colours()))
    return cells, unsupported
