"""Content taller than a page: it continues on the next page, in the same box, and never
stops a build; what fits on a page is never split."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
import yaml
from pdfcheck import normalise, page_texts
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import Flowable, Paragraph, Table

from handout.build import BuildOptions, render_handout
from handout.content.loading import builtin_content_path, load_handout
from handout.content.model import Handout
from handout.content.patient import Patient
from handout.document.elements import ListBlock, Metadata, Run
from handout.errors import HandoutError
from handout.layout.flowables import Layout
from handout.layout.page import MARGIN_SIDE
from handout.layout.theme import make_theme
from handout.pdf.writer import render_pdf

BAND = 36  # half an inch, in points: a printer may not print there
FIRST = "Leg Swinging Exercise"
CAPTION = "Hold on to a wall. Swing your leg forward (1), then back (2)."
CONTINUED = f"1. {FIRST} (continued)"
SHORT_TITLE = "Exercises for leg numbness"  # the footer's first line


def step(number: int) -> str:
    return f"Step {number}: raise your heel slowly, hold it for a count of five, then lower it."


def content_file(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Handout:
    """The built-in content with one change, loaded from a YAML file as a user's would be."""
    data = yaml.safe_load(builtin_content_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_handout(path)


def built(tmp_path: Path, handout: Handout, options: BuildOptions) -> Path:
    path = tmp_path / "handout.pdf"
    path.write_bytes(render_handout(handout, options).data)
    return path


def body_text(path: Path) -> str:
    """The text of every page without its footer and "(continued)" headings, so that a
    sentence running on to the next page reads as one."""
    bodies = [
        re.sub(r"^\d+\. .*\(continued\)$", "", text.rsplit(SHORT_TITLE, 1)[0], flags=re.M)
        for text in page_texts(path)
    ]
    return normalise(" ".join(bodies))


def pages_with(texts: list[str], phrase: str) -> list[int]:
    return [number for number, text in enumerate(texts) if phrase in text]


def ink_near_edges(path: Path) -> list[int]:
    """Pages (from 0) with anything drawn within half an inch of the paper's edge; fails on a
    blank page, which would pass for a clean one."""
    found = []
    for number, page in enumerate(pypdfium2.PdfDocument(str(path))):
        image = page.render(scale=1).to_pil().convert("L")
        width, height = image.size
        assert image.getextrema()[0] < 128, f"page {number + 1} is blank"
        bands = [
            (0, 0, width, BAND),
            (0, height - BAND, width, height),
            (0, 0, BAND, height),
            (width - BAND, 0, width, height),
        ]
        if min(image.crop(band).getextrema()[0] for band in bands) < 250:
            found.append(number)
    return found


@pytest.fixture(scope="module")
def forty_steps(tmp_path_factory: pytest.TempPathFactory) -> Handout:
    def forty(data: dict[str, Any]) -> None:
        data["exercises"][0]["steps"] = [step(number) for number in range(1, 41)]

    return content_file(tmp_path_factory.mktemp("content"), forty)


@pytest.mark.parametrize("large_print", [False, True], ids=["letter", "large-print"])
def test_an_exercise_of_40_steps_continues_on_the_next_pages(
    tmp_path: Path, forty_steps: Handout, large_print: bool
) -> None:
    path = built(tmp_path, forty_steps, BuildOptions(large_print=large_print))
    texts = [normalise(text) for text in page_texts(path)]
    everything = " ".join(texts)
    # Every step once: none lost at a page end, none drawn twice.
    for number in range(1, 41):
        assert everything.count(step(number)) == 1, number
    first = pages_with(texts, step(1))[0]
    last = pages_with(texts, step(40))[0]
    assert last > first
    # The picture stays with the first part, above the steps.
    assert f"1. {FIRST}" in texts[first] and CAPTION in texts[first]
    assert texts[first].index(CAPTION) < texts[first].index(step(1))
    # Each later part starts its page, headed by the exercise and "(continued)", up to the
    # one with the last step or after it (the dose, kept whole, may go on a page of its own).
    continued = [page for page, text in enumerate(texts) if text.startswith(CONTINUED)]
    assert continued == list(range(first + 1, first + 1 + len(continued)))
    assert continued[-1] >= last and everything.count(CONTINUED) == len(continued)
    # The steps run on in order across the pages.
    step_pages = [pages_with(texts, step(number))[0] for number in range(1, 41)]
    assert step_pages == sorted(step_pages)
    assert ink_near_edges(path) == []


def test_a_tall_exercise_starts_right_after_the_introduction(
    tmp_path: Path, forty_steps: Handout
) -> None:
    """Its heading and first steps fill the page the introduction and the safety advice
    leave, rather than all moving to the next page and leaving this one half empty."""
    texts = [normalise(text) for text in page_texts(built(tmp_path, forty_steps, BuildOptions()))]
    safety = pages_with(texts, "Exercise safely")[0]
    assert pages_with(texts, "The exercises")[0] == safety
    assert pages_with(texts, step(1))[0] == safety


def test_the_exercise_bookmark_points_at_its_first_part(
    tmp_path: Path, forty_steps: Handout
) -> None:
    reader = pypdf.PdfReader(built(tmp_path, forty_steps, BuildOptions()))
    marks = {}

    def collect(outline: list[Any]) -> None:
        for entry in outline:
            if isinstance(entry, list):
                collect(entry)
            else:
                marks[entry.title] = reader.get_destination_page_number(entry)

    collect(reader.outline)
    first = pages_with([normalise(page.extract_text()) for page in reader.pages], step(1))[0]
    assert marks[f"1. {FIRST}"] == first
    assert not any("continued" in title for title in marks)


def test_the_continued_heading_is_in_the_handouts_language(
    tmp_path: Path, forty_steps: Handout
) -> None:
    english = normalise(" ".join(page_texts(built(tmp_path, forty_steps, BuildOptions()))))
    assert f"1. {FIRST} (continued)" in english
    french = normalise(
        " ".join(
            page_texts(
                built(tmp_path, forty_steps, BuildOptions(language="fr", allow_incomplete=True))
            )
        )
    )
    assert "(suite)" in french and "(continued)" not in french


def test_two_digit_step_numbers_have_room_in_large_print() -> None:
    theme = make_theme("en", large_print=True)
    steps = ListBlock(True, tuple((Run(step(number)),) for number in range(1, 41)))
    table = Layout(theme, 500).list_table(steps, 500)
    widest = theme.text((Run("40."),), "marker").minWidth()
    assert table._colWidths[0] >= widest + theme.body_size * 0.4


def sentences(pattern: str, limit: int = 4900) -> str:
    """Numbered sentences up to `limit` characters, under the content's limit for one text
    and taller than a page even set at full width."""
    text = ""
    for number in range(1, limit):
        sentence = pattern.format(number)
        if len(text) + len(sentence) + 1 > limit:
            return text
        text = f"{text} {sentence}".strip()
    return text


LONG_STEP = sentences("Hold number {} steady.")
LONG_POINT = sentences("Point {} is worth knowing.")


def _set(*keys: str | int, value: object) -> Callable[[dict[str, Any]], None]:
    """A change to the content: `value` at the place `keys` lead to."""

    def change(data: dict[str, Any]) -> None:
        holder: Any = data
        for key in keys[:-1]:
            holder = holder[key]
        holder[keys[-1]] = value

    return change


# Where one text taller than a page can stand, and the text.
TALL_TEXTS = {
    "one step": (_set("exercises", 0, "steps", value=[LONG_STEP]), LONG_STEP),
    "why it helps": (_set("exercises", 2, "why", value=LONG_STEP), LONG_STEP),
    "one key point": (_set("key_points", value=[LONG_POINT]), LONG_POINT),
    "a warning sign": (_set("warning_signs", "emergency", value=[LONG_POINT]), LONG_POINT),
    "60 key points": (_set("key_points", value=[LONG_POINT[:40]] * 60), LONG_POINT[:40]),
    "the introduction": (_set("introduction", value=[LONG_POINT]), LONG_POINT),
}


@pytest.mark.parametrize("where", TALL_TEXTS)
@pytest.mark.parametrize("large_print", [False, True], ids=["letter", "large-print"])
def test_a_single_text_taller_than_a_page_continues_inside_its_box(
    tmp_path: Path, where: str, large_print: bool
) -> None:
    change, text = TALL_TEXTS[where]
    path = built(tmp_path, content_file(tmp_path, change), BuildOptions(large_print=large_print))
    everything = body_text(path)
    said = re.split(r"(?<=\.) ", text)
    for sentence in said:
        assert sentence in everything, (where, sentence)
    texts = [normalise(page) for page in page_texts(path)]
    assert pages_with(texts, said[0])[0] < pages_with(texts, said[-1])[-1]  # it did run on
    assert ink_near_edges(path) == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_1000_character_note_builds_in_large_print(tmp_path: Path, language: str) -> None:
    sentence = {
        "en": "Walk for twenty minutes, and stop if the numbness gets worse. ",
        "ar": "امشِ عشرين دقيقة، وتوقف إذا ازداد التنميل. ",
    }[language]
    note = (sentence * 40)[:1000]
    word = sentence.split()[1]  # "for", "عشرين": counted in the note and back from the PDF

    def count(path: Path) -> int:
        return body_text(path).split().count(word)

    def options(notes: str | None) -> BuildOptions:
        return BuildOptions(
            language=language,
            large_print=True,
            allow_incomplete=True,
            patient=Patient(name="Ana", notes=notes),
        )

    baseline = count(built(tmp_path, load_handout(), options(None)))
    path = built(tmp_path, load_handout(), options(note))
    assert count(path) - baseline == note.split().count(word)
    assert ink_near_edges(path) == []


def test_a_title_of_2000_characters_builds_with_its_bookmark(tmp_path: Path) -> None:
    title = " ".join(f"Title{number}" for number in range(1, 300))[:2000]
    handout = content_file(tmp_path, lambda data: data.__setitem__("title", title))
    path = built(tmp_path, handout, BuildOptions())
    reader = pypdf.PdfReader(path)
    assert reader.outline[0].title == title
    assert reader.get_destination_page_number(reader.outline[0]) == 0
    everything = normalise(" ".join(page_texts(path)))
    assert title.split()[-1] in everything and title.split()[0] in everything
    assert ink_near_edges(path) == []


def test_a_long_short_title_stays_one_footer_line(tmp_path: Path) -> None:
    short = " ".join(f"Word{number}" for number in range(1, 200))
    handout = content_file(tmp_path, lambda data: data.__setitem__("short_title", short))
    path = built(tmp_path, handout, BuildOptions())
    first_page = normalise(page_texts(path)[0])
    # Cut at a word, with an ellipsis ("..." once normalised), before the page number.
    assert re.search(r"Word1 Word2 .* Word\d+\.\.\. Page 1 of \d+", first_page)
    assert "Word199" not in first_page
    assert ink_near_edges(path) == []


@pytest.mark.parametrize(
    ("large_print", "pages", "continuing"), [(False, 5, ()), (True, 10, ("stretching",))]
)
def test_the_default_handout_keeps_its_pages_and_whole_cards(
    handout: Handout, large_print: bool, pages: int, continuing: tuple[str, ...]
) -> None:
    """Cards that fit a page start and end on one page, unless moving one whole would
    leave a page more than 40% empty (large print's stretching card continues)."""
    rendered = render_handout(handout, BuildOptions(large_print=large_print))
    assert rendered.pages == pages
    reader = pypdf.PdfReader(io.BytesIO(rendered.data))
    texts = [normalise(page.extract_text()) for page in reader.pages]
    split = [
        exercise.id
        for exercise in handout.exercises
        if f"{exercise.name} (continued)" in " ".join(texts)
    ]
    assert tuple(split) == continuing
    for number, exercise in enumerate(handout.exercises, 1):
        if exercise.id in continuing:
            continue
        start = pages_with(texts, f"{number}. {exercise.name}")
        end = pages_with(texts, normalise(exercise.why))
        last_step = pages_with(texts, normalise(exercise.steps[-1]))
        assert len(start) == 1 and start == end == last_step, exercise.name


def _furniture(canvas: object, number: int, total: int) -> None:
    pass


@pytest.mark.parametrize(
    ("flowable", "named"),
    [
        (lambda: _named(_Tall(), "exercise 3 (Walking Exercise)"), "exercise 3 (Walking Exercise)"),
        (lambda: Table([[[Paragraph("Too tall to place"), _Tall()]]]), "Too tall to place"),
    ],
)
def test_what_cannot_be_placed_is_one_line_naming_it(
    flowable: Callable[[], Flowable], named: str
) -> None:
    theme = make_theme("en")
    with pytest.raises(HandoutError) as raised:
        render_pdf(
            [flowable()],
            page_size=LETTER,
            metadata=Metadata("t", "a", "s", "k"),
            lang="en",
            theme=theme,
            furniture=_furniture,
        )
    message = str(raised.value)
    assert named in message and "does not fit on a page" in message
    assert "\n" not in message


class _Tall(Flowable):
    """Something that can neither shrink nor split, taller than any page."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return LETTER[0] - 2 * MARGIN_SIDE, 2000.0

    def draw(self) -> None:
        pass


def _named(flowable: Flowable, what: str) -> Flowable:
    flowable.what = what
    return flowable
