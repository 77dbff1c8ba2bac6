"""A fillable sheet's fields tell a screen reader what they are: each names its row's label
and its day, in the handout's language, for every week."""

from __future__ import annotations

from io import BytesIO

import pypdf
import pytest
from pypdf.generic import ContentStream

from handout.build import BuildOptions, compose_document, render_handout
from handout.content.model import Handout
from handout.document.elements import TrackingSheet, plain_text


def expected_tooltips(handout: Handout, options: BuildOptions) -> dict[str, str]:
    """Field name -> "<row label>: <day>", from the sheets the document holds."""
    sheets = [
        block
        for block in compose_document(handout, options).blocks
        if isinstance(block, TrackingSheet)
    ]
    assert len(sheets) == options.weeks
    days = {
        f"week{sheet.number}-day{day}-{row.field}": f"{plain_text(row.label)}: {name}"
        for sheet in sheets
        for row in sheet.rows
        for day, name in enumerate(sheet.days, 1)
    }
    # The lines to write on: the name and the week, and the notes, each named by its label.
    written = {
        f"week{sheet.number}-{write_in.field}": plain_text(write_in.label)
        for sheet in sheets
        for write_in in sheet.write_ins
        if not write_in.value
    }
    notes = {f"week{sheet.number}-notes": plain_text(sheet.notes_title) for sheet in sheets}
    return {**days, **written, **notes}


def tooltips(data: bytes) -> dict[str, str]:
    found = {}
    for page in pypdf.PdfReader(BytesIO(data)).pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Widget":
                found[str(annotation["/T"])] = str(annotation.get("/TU"))
    return found


@pytest.mark.parametrize("language", ["en", "ar", "zh-Hans"])
def test_every_field_is_named_by_its_row_and_day_in_the_handout_language(handout, language):
    options = BuildOptions(language=language, fillable=True, weeks=2)
    expected = expected_tooltips(handout, options)
    assert tooltips(render_handout(handout, options).data) == expected
    if language != "en":  # the days are the language's own
        english = expected_tooltips(handout, BuildOptions(fillable=True, weeks=2))
        assert set(expected.values()).isdisjoint(english.values())


def widgets_and_rules(page: pypdf.PageObject, reader: pypdf.PdfReader):
    """The page's form fields (name -> rect) and the y of every full-width horizontal rule
    its content draws (the tracking table's row rules)."""
    fields = {}
    for annotation in page.get("/Annots", []):
        annotation = annotation.get_object()
        if annotation.get("/Subtype") == "/Widget":
            fields[str(annotation["/T"])] = [float(value) for value in annotation["/Rect"]]
    rules, matrix, saved, start = set(), [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            saved.append(list(matrix))
        elif operator == b"Q":
            matrix = saved.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(value) for value in operands)
            m = matrix
            matrix = [
                a * m[0] + b * m[2],
                a * m[1] + b * m[3],
                c * m[0] + d * m[2],
                c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4],
                e * m[1] + f * m[3] + m[5],
            ]
        elif operator in (b"m", b"l"):
            x = float(operands[0]) * matrix[0] + matrix[4]
            y = float(operands[1]) * matrix[3] + matrix[5]
            if operator == b"l" and start and abs(y - start[1]) < 0.01 and abs(x - start[0]) > 200:
                rules.add(round(y, 2))
            start = (x, y)
    return fields, sorted(rules)


@pytest.mark.parametrize(
    "options",
    [
        BuildOptions(fillable=True),
        BuildOptions(fillable=True, large_print=True),
        BuildOptions(fillable=True, language="ar", paper="a4"),
    ],
    ids=["letter", "large-print", "arabic"],
)
def test_every_field_sits_centred_in_its_own_row_and_day_column(handout, options):
    data = render_handout(handout, options).data
    reader = pypdf.PdfReader(BytesIO(data))
    columns: dict[str, set[float]] = {}
    checked = 0
    for page in reader.pages:
        fields, rules = widgets_and_rules(page, reader)
        for name, (left, bottom, right, top) in fields.items():
            if "-day" not in name:  # the name, the week and the notes stand outside the table
                continue
            middle = (bottom + top) / 2
            above = min(y for y in rules if y > middle)
            below = max(y for y in rules if y < middle)
            # Centred between its row's rules, with room for the rule and a pen's stroke.
            assert abs(middle - (above + below) / 2) < 1, name
            assert top < above - 2 and bottom > below + 2, name
            columns.setdefault(name.split("-")[1], set()).add(round((left + right) / 2))
            checked += 1
    assert checked == 7 * 7  # every exercise row, minutes and score, each day
    # A day's fields, whatever their row's kind, stand in one column.
    assert all(len(centres) == 1 for centres in columns.values()), columns
