"""The English this project adds to the source text reads at US grade 6 or below, uses
numbers rather than "several", and explains the one medical word it needs."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from handout.content.loading import builtin_content_path
from handout.i18n.catalogs import content_messages, locale_dir

SOURCE = " ".join((Path(__file__).parent / "data" / "leg-numbness.en.txt").read_text().split())
WORD = re.compile("[A-Za-z][A-Za-z'\u2019-]*")


def added_sentences() -> list[str]:
    """Every sentence of the template's wording and of the content that the source text
    does not hold word for word."""
    with (locale_dir() / "handout.pot").open("rb") as stream:
        catalog = read_po(stream)
    template = [
        str(message.id)
        for message in catalog
        if message.id and any(path.startswith("templates/") for path, _ in message.locations)
    ]
    raw = builtin_content_path().read_text(encoding="utf-8")
    content = [text for _, text in content_messages(raw, "leg-numbness.yaml")]
    return [
        sentence
        for text in (*template, *content)
        for sentence in re.split(r"(?<=[.!?:])\s+", text)
        if sentence and sentence not in SOURCE
    ]


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e: the usual estimate behind readability scores."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if len(letters) <= 3:
        return 1
    letters = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", letters)))


def grade(sentences: list[str]) -> float:
    """Flesch-Kincaid grade level of the sentences read as one text."""
    words = [word for sentence in sentences for word in WORD.findall(sentence)]
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllable_count / len(words) - 15.59


def test_the_syllable_estimate_counts_common_words_right():
    counted = {word: syllables(word) for word in ("leg", "knee", "stretch", "minutes", "exercise")}
    assert counted == {"leg": 1, "knee": 1, "stretch": 1, "minutes": 2, "exercise": 3}
    hard = "Unquestionably, physiotherapeutic rehabilitation necessitates perseverance."
    assert grade(["The cat sat on the mat."]) < 0 < grade([hard])


def test_added_english_reads_at_grade_6_or_below():
    sentences = added_sentences()
    assert len(sentences) > 80  # the template's wording and the content's additions
    assert grade(sentences) <= 6


def test_added_english_gives_numbers_not_several():
    vague = [s for s in added_sentences() if re.search(r"\b(several|multiple)\b", s, re.I)]
    assert vague == []


def test_hamstring_is_explained_where_the_handout_adds_it():
    named = [s for s in added_sentences() if "hamstring" in s.lower()]
    assert named
    assert any("back of your thigh" in s.lower() or "back of the thigh" in s.lower() for s in named)
