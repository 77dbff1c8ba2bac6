"""Every shipped language builds, reads back and draws its script correctly."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from pdfcheck import fonts, page_texts

from handout.build import BuildOptions, render_handout
from handout.cli.commands import cli
from handout.errors import HandoutError
from handout.i18n import catalogs as i18n
from handout.i18n.catalogs import Translator
from handout.i18n.content_catalogs import sign_review
from handout.languages import LANGUAGES

TRANSLATED = [language for language in LANGUAGES if language != "en"]
# Scripts whose extracted text comes back shaped or reordered are compared word by word.
# Devanagari extracts in drawing order, so a word with a vowel sign drawn before its consonant
# (ि) or a reph drawn after (र्) does not come back whole; the drawing itself is checked in
# test_scripts.py.
SHAPED = {"ar": 0.6, "hi": 0.5}
NO_SPACES = {"zh-Hans", "zh-Hant"}


def visible(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def found(expected: str, text: str, language: str) -> bool:
    expected, text = visible(expected), visible(text)
    if language in NO_SPACES:
        return expected.replace(" ", "") in text.replace(" ", "")
    if language in SHAPED:
        words = [word.strip("():،.") for word in expected.split()]
        words = [word for word in words if len(word) > 1]
        hits = sum(word in text for word in words)
        return hits >= max(1, SHAPED[language] * len(words))
    return expected in text


@pytest.fixture(scope="module")
def language_pdf(tmp_path_factory, handout):
    cache: dict[str, Path] = {}

    def build(language: str) -> Path:
        if language not in cache:
            path = tmp_path_factory.mktemp(language) / "handout.pdf"
            path.write_bytes(render_handout(handout, BuildOptions(language=language)).data)
            cache[language] = path
        return cache[language]

    return build


@pytest.mark.parametrize("language", TRANSLATED)
def test_translated_title_and_exercise_names_come_back(language, language_pdf, handout):
    translator = Translator(language)
    text = " ".join(page_texts(language_pdf(language)))
    assert found(translator.gettext(handout.title), text, language)
    for exercise in handout.exercises:
        assert found(translator.gettext(exercise.name), text, language), exercise.name
    assert not translator.missing


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_font_is_embedded(language, language_pdf):
    used = fonts(language_pdf(language))
    assert all(used.values()), used
    assert not [name for name in used if "Helvetica" in name]


@pytest.mark.parametrize("language", TRANSLATED)
def test_unreviewed_translation_says_so_in_its_language(language, language_pdf):
    notice = Translator(language).gettext(
        "This translation has not yet been checked by a qualified medical translator."
        " If anything is unclear, ask your health professional."
    )
    assert found(notice, page_texts(language_pdf(language))[0], language)


def signed_copy(language: str, folder: Path) -> Path:
    """A copy of the language's catalog, signed as reviewed as it is now."""
    source = i18n.locale_dir() / i18n.catalog_name(language) / "LC_MESSAGES" / "handout.po"
    copy = folder / f"{language}.po"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    sign_review(copy, "A. Reviewer, CMI", "2026-11-30")
    return copy


def test_reviewed_translation_has_no_notice(monkeypatch, handout, tmp_path):
    header = signed_copy("es", tmp_path).read_text(encoding="utf-8").split("msgid", 1)[0]
    monkeypatch.setattr(i18n, "_header_comment", lambda language: header)
    text = " ".join(
        page_texts_of(render_handout(handout, BuildOptions(language="es")).data, tmp_path)
    )
    assert "traductor médico" not in text


def test_a_catalog_changed_after_its_review_is_not_reviewed(monkeypatch, handout, tmp_path):
    copy = signed_copy("es", tmp_path)
    header = copy.read_text(encoding="utf-8").split("msgid", 1)[0]
    assert i18n.review_in(header) is not None
    changed = copy.read_text(encoding="utf-8").replace('msgstr "Caminar"', 'msgstr "Caminata"', 1)
    copy.write_text(changed, encoding="utf-8")
    assert "Caminata" in changed
    with copy.open("rb") as stream:
        catalog = read_po(stream)
    status = i18n.review_state(
        i18n.review_in(header),
        {message.id: message.string for message in catalog if message.id and message.string},
    )
    assert status.startswith("changed since reviewed by A. Reviewer, CMI on 2026-11-30")
    stale = header.replace(i18n.review_in(header).checksum, "0" * 16)
    monkeypatch.setattr(i18n, "_header_comment", lambda language: stale)
    text = " ".join(
        page_texts_of(render_handout(handout, BuildOptions(language="es")).data, tmp_path)
    )
    assert "traductor médico" in text


def page_texts_of(data: bytes, folder: Path) -> list[str]:
    path = folder / "built.pdf"
    path.write_bytes(data)
    return page_texts(path)


def test_incomplete_catalog_is_refused_naming_the_messages(monkeypatch, handout):
    catalog = dict(i18n._compiled_catalog("fr"))
    del catalog["Key points"]
    monkeypatch.setattr(i18n, "_compiled_catalog", lambda language: catalog)
    with pytest.raises(HandoutError) as refused:
        render_handout(handout, BuildOptions(language="fr"))
    assert "language 'fr'" in str(refused.value) and "'Key points'" in str(refused.value)
    render_handout(handout, BuildOptions(language="fr", allow_incomplete=True))


def arabic_line_edges(path: Path) -> list[tuple[float, float]]:
    """(left, right) of each line of Arabic text on page 1, in points."""
    page = pypdfium2.PdfDocument(str(path))[0]
    text = page.get_textpage()
    lines: dict[int, list[float]] = {}
    for index in range(text.count_chars()):
        character = text.get_text_range(index, 1)
        if not ("\u0600" <= unicodedata.normalize("NFKC", character)[:1] <= "\u06ff"):
            continue
        left, bottom, right, _top = text.get_charbox(index, loose=True)
        edges = lines.setdefault(round(bottom), [left, right])
        edges[0], edges[1] = min(edges[0], left), max(edges[1], right)
    return [tuple(edges) for edges in lines.values()]


def test_arabic_lines_are_right_aligned(language_pdf):
    edges = arabic_line_edges(language_pdf("ar"))
    # Paragraph lines end at the text's right edge (the page's, less the margin and a box's
    # padding) and start wherever their length takes them.
    text_right = 612 - 54 - 0.14 * 72
    at_right = [left for left, right in edges if abs(right - text_right) < 3]
    assert len(at_right) >= 8
    assert len({round(left) for left in at_right}) >= 6


def test_a_character_no_font_has_is_refused_naming_it_and_where(tmp_path):
    result = CliRunner().invoke(
        cli, ["build", "--patient", "Ana \U0001f600 Ruiz", "-o", str(tmp_path / "x.pdf")]
    )
    assert result.exit_code == 1
    assert "en: no font has a glyph for U+1F600" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_a_message_with_a_missing_glyph_is_named(monkeypatch, handout):
    catalog = dict(i18n._compiled_catalog("ko"))
    catalog["Key points"] = "요점 \u0e01"  # a Thai letter: no shipped font has it
    monkeypatch.setattr(i18n, "_compiled_catalog", lambda language: catalog)
    with pytest.raises(HandoutError) as refused:
        render_handout(handout, BuildOptions(language="ko"))
    message = str(refused.value)
    assert message.startswith("ko:") and "U+0E01" in message and "'Key points'" in message


def test_mixed_scripts_use_a_font_that_has_each(tmp_path):
    target = tmp_path / "mixed.pdf"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            "--lang",
            "zh-Hans",
            "--patient",
            "Maria Garcia",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Maria Garcia" in page_texts(target)[0]
    result = CliRunner().invoke(cli, ["build", "--patient", "سارة أحمد", "-o", str(target)])
    assert result.exit_code == 0, result.output
    used = fonts(target)
    assert any("NotoSansArabic" in name for name in used) and all(used.values())


def test_hindi_conjuncts_come_back_as_their_letters(language_pdf):
    text = visible(" ".join(page_texts(language_pdf("hi"))))
    for word in ("सुन्नपन", "व्यायाम", "स्वास्थ्य"):  # each drawn with a conjunct glyph
        assert word in text


def test_shaped_language_builds_identically_twice(handout):
    options = BuildOptions(language="hi")
    assert render_handout(handout, options).data == render_handout(handout, options).data
