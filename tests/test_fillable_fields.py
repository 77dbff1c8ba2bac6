"""A fillable sheet's fields tell a screen reader what they are: each names its row's label
and its day, in the handout's language, for every week."""

from __future__ import annotations

from io import BytesIO

import pypdf
import pytest

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
    return {
        f"week{sheet.number}-day{day}-{row.field}": f"{plain_text(row.label)}: {name}"
        for sheet in sheets
        for row in sheet.rows
        for day, name in enumerate(sheet.days, 1)
    }


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
