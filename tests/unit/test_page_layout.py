"""Page layout: wrapping and splitting page bodies to fit any screen (K-V1, K-V4)."""

from __future__ import annotations

from kiosk.words.page_layout import MAX_MEASURE, Line, blocks, layout, screenfuls, to_markup

BODY = """A **cramp** is a muscle that tightens by itself and will not let go.

- Calf
- Back of the thigh
- Foot and toes

It often stops in a few minutes. Gentle stretching and rubbing the muscle can help."""


def test_blocks_split_paragraphs_and_list_items():
    assert blocks(BODY) == [
        ("", "A **cramp** is a muscle that tightens by itself and will not let go."),
        ("•", "Calf"),
        ("•", "Back of the thigh"),
        ("•", "Foot and toes"),
        ("", "It often stops in a few minutes. Gentle stretching and rubbing the muscle can help."),
    ]


def test_lines_never_exceed_the_width_or_the_measure():
    """K-V4: no sideways scrolling at 40 columns, and body lines under about 60 characters."""
    for width in (30, 40, 80, 200):
        for block in layout(BODY, width):
            for line in block:
                visible = len(to_markup(line).replace("[b]", "").replace("[/b]", ""))
                assert visible <= min(width, MAX_MEASURE), (width, line)


def test_every_word_survives_layout_in_order():
    """K-V4: halving the screen loses no content."""
    words = " ".join(text for _, text in blocks(BODY)).replace("**", "").split()
    for width in (24, 40, 120):
        laid = " ".join(line.text for part in screenfuls(BODY, width, 5) for line in part).replace("**", "").split()
        assert laid == words


def test_screenfuls_fit_the_height_and_keep_small_blocks_whole():
    parts = screenfuls(BODY, 40, 4)
    assert all(len(part) <= 4 for part in parts)
    assert len(parts) > 1
    # the three one-line bullets fit one screen together and are not split across parts
    bullet_parts = {i for i, part in enumerate(parts) for line in part if line.marker == "•"}
    assert len(bullet_parts) == 1


def test_a_block_taller_than_the_screen_is_split_between_lines():
    long = " ".join(["word"] * 200)
    parts = screenfuls(long, 40, 5)
    assert len(parts) >= 4 and all(len(p) <= 5 for p in parts)


def test_bold_runs_are_closed_on_each_line():
    """A bold phrase wrapped over two lines renders bold on both, without stray marks."""
    lines = layout("**drink water before and after hard exercise in the heat**", 20)[0]
    assert len(lines) > 1
    for line in lines:
        assert line.text.count("**") % 2 == 0
        assert to_markup(line).startswith("[b]")


def test_markup_escapes_square_brackets():
    assert to_markup(Line("see [note]")) == r"see \[note]"


def test_bullets_hang_their_continuation_lines():
    lines = layout("- a list item that is long enough to wrap onto the next line", 24)[0]
    assert lines[0].marker == "•"
    assert all(line.indent == 2 and not line.marker for line in lines[1:])


def test_a_long_list_breaks_between_items_not_inside_one():
    """A numbered list taller than the screen: each item whole, on one part or the next."""
    steps = "\n".join(f"{i}. Step number {i} has words enough to wrap onto two lines here." for i in range(1, 5))
    parts = screenfuls(steps, 30, 5)
    for part in parts:
        assert part[0].marker, "a part starts in the middle of an item"
    assert all(len(p) <= 5 for p in parts)


def test_wrapping_counts_terminal_cells_not_characters():
    """A line of emoji 'wrapped to 30' was 40 cells wide."""
    from rich.cells import cell_len

    from kiosk.words.page_layout import layout

    body = "Pain 😣 " * 20 + "\n\n" + "痛" * 50
    for block in layout(body, 30):
        for line in block:
            assert cell_len(line.text.replace("**", "")) + line.indent <= 30, line
