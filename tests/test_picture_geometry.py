"""Where a picture's parts go: a wall's body and a chair's back on the side their data names
(the other side mirrors it); frames side by side in a row, one over another in a column,
numbered in reading order: from the right in a right-to-left language."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pagelayout import read_pages, rgb255, same_colour

from handout.build import BuildOptions, render_handout
from handout.content.model import Handout
from handout.pictures.draw import picture_size
from handout.pictures.model import Chair, Picture, Wall
from handout.pictures.props import draw_prop
from handout.pictures.sketch import ACCENT, INK, Box, Palette, Sketch
from handout.text.fonts import LATIN, use_family

X = 40.0


def drawn(prop: Wall | Chair) -> Box:
    sketch = Sketch()
    draw_prop(sketch, prop, Palette.of(INK, ACCENT))
    assert sketch.box is not None
    return sketch.box


def mirrored(box: Box, about: float) -> Box:
    return Box(2 * about - box.right, box.bottom, 2 * about - box.left, box.top)


def test_wall_body_lies_on_its_named_side_and_the_sides_mirror():
    right, left = (drawn(Wall(x=X, side=side, height=100.0)) for side in ("right", "left"))
    assert right.left == pytest.approx(X) and right.right > X
    assert left.right == pytest.approx(X) and left.left < X
    assert left == pytest.approx(mirrored(right, X))


def test_chair_back_stands_behind_its_sitter_and_the_facings_mirror():
    """Facing right, the seat's front edge is at x and the chair reaches back to the left."""
    right, left = (drawn(Chair(x=X, facing=facing, seat=45.0)) for facing in ("right", "left"))
    assert right.right == pytest.approx(X, abs=right.width / 10) and right.left < X
    assert left.left == pytest.approx(X, abs=left.width / 10) and left.right > X
    lefts_mirrored = mirrored(left, X)
    assert (lefts_mirrored.left, lefts_mirrored.right) == pytest.approx((right.left, right.right))


def most_frames(handout: Handout) -> Picture:
    """The picture with most frames, its first frame once more after them: three frames side
    by side are wider than the least size a picture is given."""
    pictures = [exercise.picture.drawing for exercise in handout.exercises if exercise.picture]
    picture = max(pictures, key=lambda picture: len(picture.frames))
    assert len(picture.frames) > 1
    return replace(picture, frames=(*picture.frames, picture.frames[0]))


def test_frames_of_a_row_stand_side_by_side_and_of_a_column_one_over_another(handout):
    use_family(LATIN)  # the frames' numbers are text
    picture = most_frames(handout)
    row_width, row_height = picture_size(replace(picture, layout="row"))
    column_width, column_height = picture_size(replace(picture, layout="column"))
    assert row_width > column_width
    assert column_height > row_height


@pytest.mark.parametrize("language", ["en", "ar"])
def test_numbered_frames_run_in_reading_order(handout, language):
    """Frames are read like the text around them: from the left in English, from the right
    in Arabic (the figures inside are not mirrored)."""
    options = BuildOptions(language=language, allow_incomplete=True)
    pages = read_pages(render_handout(handout, options).data)
    numbered = [
        frame
        for exercise in handout.exercises
        if exercise.picture
        for frame in exercise.picture.drawing.frames
        if frame.number is not None
    ]
    paper = rgb255(Palette.of(INK, ACCENT).paper)
    badges_seen = 0
    for page in pages:
        for form in page.forms:
            badges = sorted(
                (char for char in page.chars_in(form) if same_colour(char.fill, paper)),
                key=lambda char: char.left,
            )
            numbers = [int(char.text) for char in badges if char.text.isdigit()]
            assert numbers == sorted(numbers, reverse=language == "ar"), numbers
            badges_seen += len(numbers)
    assert badges_seen >= len(numbered)
