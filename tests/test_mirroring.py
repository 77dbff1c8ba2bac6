"""Arabic pages are English pages mirrored: tables run from the right (the tracking sheet's
labels, then its days; an exercise's text, then its picture; a list's markers, then their
items), and so do the footer and the lines of text. Every check reads the positions of what
is drawn on the page, in an English and an Arabic handout built from the same content."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from pagelayout import Box, Char, Page, form_fields, lines, read_pages, rgb255, same_colour

from handout.build import BuildOptions, compose_document, render_handout
from handout.content.clinic import Clinic
from handout.content.model import Handout
from handout.i18n.weeks import tracking_weeks
from handout.layout.page import FOOTER_TOP, MARGIN_SIDE
from handout.layout.theme import make_theme
from handout.layout.tracking import THUMBNAIL_WIDTH, TICK_BOX

START = date(2025, 3, 3)  # a Monday: the sheet's dates are the days 3 to 9
PAIR = ("en", "ar")
DAYS = len(tracking_weeks("en", 1, None)[0].days)
# Character boxes are a glyph's advance, which may stand off the line's edge by a little.
EDGE = 1.5
STROKE = 3.0  # what a drawn square's bounds gain from its line


@pytest.fixture(scope="module")
def build(handout: Handout) -> Callable[..., tuple[bytes, list[Page]]]:
    """The handout's PDF and its pages, built once per language and options."""
    cache: dict[BuildOptions, tuple[bytes, list[Page]]] = {}

    def build(language: str, **options: object) -> tuple[bytes, list[Page]]:
        key = BuildOptions(language=language, **options)
        if key not in cache:
            data = render_handout(handout, key).data
            cache[key] = data, read_pages(data)
        return cache[key]

    return build


def pages_of(build, language: str, **options: object) -> list[Page]:
    return build(language, **options)[1]


# The tracking sheet


def tick_rows(page: Page, large_print: bool) -> list[list[Box]]:
    """The sheet's tick boxes, a row at a time: squares of the box's size, a week to a row."""
    side = TICK_BOX
    rows: dict[float, list[Box]] = {}
    for square in page.squares:
        if side <= square.width <= side + STROKE:
            rows.setdefault(round(square.bottom, 1), []).append(square)
    return [sorted(row, key=lambda box: box.left) for row in rows.values() if len(row) >= DAYS]


def sheet_pages(pages: list[Page], large_print: bool = False) -> list[tuple[Page, list[list[Box]]]]:
    """The pages of the tracking sheet's table (large print may take two), with their rows."""
    found = [(page, tick_rows(page, large_print)) for page in pages]
    return [(page, rows) for page, rows in found if rows]


def sheet(pages: list[Page]) -> tuple[Page, list[list[Box]]]:
    found = sheet_pages(pages)
    assert len(found) == 1
    return found[0]


def row_chars(page: Page, rows: list[list[Box]]) -> list[Char]:
    """The text of the ticked rows: every character level with a row of boxes."""
    bottom = min(row[0].bottom for row in rows)
    top = max(row[0].top for row in rows)
    return page.chars_in(Box(0, bottom, page.width, top))


@pytest.mark.parametrize("large_print", [False, True], ids=["standard", "large-print"])
def test_tracking_sheet_labels_stand_before_the_tick_boxes_in_reading_order(
    build, handout, large_print
):
    for language in PAIR:
        found = sheet_pages(pages_of(build, language, large_print=large_print), large_print)
        assert sum(len(rows) for _, rows in found) == len(handout.exercises)
        for page, rows in found:
            assert {len(row) for row in rows} == {DAYS}
            ticks = Box(
                min(row[0].left for row in rows),
                0,
                max(row[-1].right for row in rows),
                page.height,
            )
            labels = row_chars(page, rows)
            assert len(labels) > 10 * len(rows)
            if language == "ar":
                assert min(char.left for char in labels) >= ticks.right, "labels at the right"
                assert ticks.middle_x < page.width / 2
            else:
                assert max(char.right for char in labels) <= ticks.left, "labels at the left"
                assert ticks.middle_x > page.width / 2


def header_dates(page: Page, rows: list[list[Box]]) -> list[str]:
    """The day numbers printed over the day columns, left to right: the lowest line of
    digits above the first row of boxes, inside the columns."""
    top_row = max(rows, key=lambda row: row[0].top)
    above = Box(top_row[0].left, top_row[0].top, top_row[-1].right, page.height)
    digits = [char for char in page.chars_in(above) if char.text.isdigit()]
    lowest = min(lines(digits), key=lambda line: line[0].middle_y)
    return [char.text for char in sorted(lowest, key=lambda char: char.left)]


def test_tracking_sheet_days_run_in_reading_order_first_day_at_the_start(build):
    for language in PAIR:
        page, rows = sheet(pages_of(build, language, start_date=START))
        week = tracking_weeks(language, 1, START)[0]
        in_week_order = [re.search(r"\d+", day.date or "").group() for day in week.days]
        assert len(set(in_week_order)) == DAYS == len("".join(in_week_order))
        left_to_right = header_dates(page, rows)
        if language == "ar":
            assert left_to_right == in_week_order[::-1]  # the first day is the rightmost
        else:
            assert left_to_right == in_week_order


def test_fillable_sheet_fields_run_in_reading_order_after_the_labels(build, handout):
    for language in PAIR:
        data, pages = build(language, fillable=True)
        fields = {field.name: field for field in form_fields(data)}
        for exercise in handout.exercises:
            days = [fields[f"week1-day{day}-{exercise.id}"] for day in range(1, DAYS + 1)]
            lefts = [field.rect.left for field in days]
            if language == "ar":
                assert lefts == sorted(lefts, reverse=True), exercise.id
            else:
                assert lefts == sorted(lefts), exercise.id
        boxes = [field.rect for name, field in fields.items() if name.startswith("week1-day")]
        page = pages[days[0].page]
        labels = page.chars_in(
            Box(0, min(box.bottom for box in boxes), page.width, max(box.top for box in boxes))
        )
        assert labels
        if language == "ar":
            assert min(char.left for char in labels) >= max(box.right for box in boxes)
        else:
            assert max(char.right for char in labels) <= min(box.left for box in boxes)


def test_tracking_sheet_thumbnail_stands_before_its_label_in_reading_order(build, handout):
    for language in PAIR:
        page, _ = sheet(pages_of(build, language))
        thumbnails = [form for form in page.forms if form.width <= THUMBNAIL_WIDTH + EDGE]
        assert len(thumbnails) == len(handout.exercises)  # its own picture or a movement's
        for thumbnail in thumbnails:
            level = page.chars_in(Box(0, thumbnail.bottom, page.width, thumbnail.top))
            beside = [
                char for char in level if not thumbnail.left <= char.middle_x <= thumbnail.right
            ]
            assert beside, thumbnail
            if language == "ar":
                assert max(char.right for char in beside) <= thumbnail.left
            else:
                assert min(char.left for char in beside) >= thumbnail.right


# Exercise cards and lists


def test_exercise_picture_stands_after_the_card_text_in_reading_order(build, handout):
    pictured = sum(1 for exercise in handout.exercises if exercise.picture)
    movements = [part for exercise in handout.exercises for part in exercise.parts]
    for language in PAIR:
        pages = pages_of(build, language)
        sheet_page, _ = sheet(pages)
        figures = [(page, form) for page in pages if page is not sheet_page for form in page.forms]
        assert len(figures) == pictured + len(movements)

        def beside(page: Page, figure: Box) -> list[Char]:
            level = page.chars_in(Box(0, figure.bottom, page.width, figure.top))
            return [char for char in level if not figure.left <= char.middle_x <= figure.right]

        # A card's picture has the steps beside it; movements stand in a row, their steps below.
        cards = [(page, figure) for page, figure in figures if len(beside(page, figure)) > 20]
        assert len(cards) == pictured
        row = sorted(
            (figure for _, figure in figures if (_, figure) not in cards), key=lambda f: f.left
        )
        assert len(row) == len(movements)
        tops = [figure.top for figure in row]
        assert max(tops) - min(tops) < 30
        for page, figure in cards:
            text = beside(page, figure)
            if language == "ar":
                assert min(char.left for char in text) >= figure.right
                assert figure.middle_x < page.width / 2
            else:
                assert max(char.right for char in text) <= figure.left
                assert figure.middle_x > page.width / 2


def test_exercise_card_accent_bar_runs_down_its_start_side(build, handout):
    """The heaviest accent rule: a card's own, heavier than any box's."""
    for language in PAIR:
        accent = rgb255(make_theme(language).accent)
        rules = [
            path
            for page in pages_of(build, language)
            for path in page.paths
            if same_colour(path.colour, accent) and path.height > 10 * path.width
        ]
        heaviest = max(rule.line_width for rule in rules)
        bars = [rule for rule in rules if rule.line_width == heaviest]
        assert len(bars) >= len(handout.exercises)  # a card split over two pages has two
        page_width = pages_of(build, language)[0].width
        start = page_width - MARGIN_SIDE if language == "ar" else MARGIN_SIDE
        assert [bar.middle_x for bar in bars] == pytest.approx([start] * len(bars), abs=EDGE)


def markers(page: Page, language: str) -> list[Char]:
    """List numbers and bullets: the digits, dots and bullets in the accent colour."""
    accent = rgb255(make_theme(language).accent)
    return [
        char
        for char in page.chars
        if char.text in "0123456789.•" and same_colour(char.fill, accent)
    ]


@pytest.mark.parametrize("large_print", [False, True], ids=["standard", "large-print"])
def test_list_markers_stand_before_their_items_in_reading_order(build, handout, large_print):
    steps = sum(len(exercise.steps) for exercise in handout.exercises)
    for language in PAIR:
        found = 0
        for page in pages_of(build, language, large_print=large_print):
            marks = markers(page, language)
            for line in lines(page.chars):
                line_marks = [char for char in line if char in marks]
                if not line_marks:
                    continue
                found += 1
                items = [char for char in line if char not in marks]
                # Each marker has its item's text right after it in reading order, and none
                # just before it (a line may hold several markers: lists in columns).
                for mark in line_marks:
                    after = [c for c in items if 0 <= c.left - mark.right <= 25]
                    before = [c for c in items if 0 <= mark.left - c.right <= 8]
                    if language == "ar":
                        after = [c for c in items if 0 <= mark.left - c.right <= 25]
                        before = [c for c in items if 0 <= c.left - mark.right <= 8]
                    assert after and not before, mark
        assert found >= steps + len(handout.key_points)


# Page furniture and text lines


def footer_line(page: Page, language: str) -> tuple[list[Char], list[Char]]:
    """The footer's first line split at its widest gap: (left part, right part)."""
    leading = make_theme(language).styles["footer"].leading
    line = sorted(
        page.chars_in(Box(0, FOOTER_TOP - leading, page.width, FOOTER_TOP)),
        key=lambda char: char.left,
    )
    gaps = [line[index + 1].left - line[index].right for index in range(len(line) - 1)]
    cut = gaps.index(max(gaps)) + 1
    return line[:cut], line[cut:]


def test_footer_page_label_stands_at_the_end_of_the_line(build):
    for language in PAIR:
        pages = pages_of(build, language)
        for number, page in enumerate(pages, 1):
            left, right = footer_line(page, language)
            label, title = (left, right) if language == "ar" else (right, left)
            assert {str(number), str(len(pages))} <= {char.text for char in label}
            assert not any(char.text.isdigit() for char in title)
            if language == "ar":
                assert min(char.left for char in label) == pytest.approx(MARGIN_SIDE, abs=EDGE)
            else:
                assert max(char.right for char in label) == pytest.approx(
                    page.width - MARGIN_SIDE, abs=EDGE
                )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_footer_short_title_starts_at_the_start_margin(build, language):
    for page in pages_of(build, language):
        left, right = footer_line(page, language)
        if language == "ar":
            assert max(char.right for char in right) == pytest.approx(
                page.width - MARGIN_SIDE, abs=EDGE
            )
        else:
            assert min(char.left for char in left) == pytest.approx(MARGIN_SIDE, abs=EDGE)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_footer_title_with_a_long_contact_keeps_clear_of_the_page_label(handout, language):
    clinic = Clinic(name="Riverside Physiotherapy", phone="+44 20 7946 0958 ext 1234567")
    options = BuildOptions(language=language, clinic=clinic)
    furniture = compose_document(handout, options).furniture
    pages = read_pages(render_handout(handout, options).data)
    leading = make_theme(language).styles["footer"].leading
    for number, page in enumerate(pages, 1):
        # Drawn in this order: the title and contact, then the label.
        line = page.chars_in(Box(0, FOOTER_TOP - leading, page.width, FOOTER_TOP))
        label_text = furniture.page_label % {"page": number, "pages": len(pages)}
        cut = len(line) - len("".join(label_text.split()))
        title, label = line[:cut], line[cut:]
        assert "+" in "".join(char.text for char in title)  # the contact is on the line
        assert sorted(char.text for char in label) == sorted("".join(label_text.split()))
        if language == "ar":
            assert min(char.left for char in title) > max(char.right for char in label)
        else:
            assert max(char.right for char in title) < min(char.left for char in label)


def commonest(values: list[float]) -> float:
    rounded = [round(value) for value in values]
    return max(set(rounded), key=rounded.count)


def test_arabic_lines_end_where_english_lines_start_mirrored(build):
    """On page 1 (callouts of lists and paragraphs), the edge most lines share: the start of
    English lines, the end of Arabic ones, the same distance in from opposite sides."""
    english, arabic = (pages_of(build, language)[0] for language in PAIR)
    starts = [min(char.left for char in line) for line in lines(english.chars)]
    ends = [max(char.right for char in line) for line in lines(arabic.chars)]
    english_start, arabic_end = commonest(starts), commonest(ends)
    assert sum(1 for end in ends if round(end) == arabic_end) >= 8
    assert arabic_end == pytest.approx(arabic.width - english_start, abs=2 * EDGE)
    assert english_start > MARGIN_SIDE  # inside the callouts' padding, not at the margin
