"""The typed model of a handout's content, independent of how it is stored or drawn."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handout.pictures.model import Picture

# "twice a day", "2 times a day", "three times daily", "2x per day", "3x daily"
_SESSIONS = re.compile(
    r"\b(?P<count>twice|thrice|one|two|three|four|\d+)\s*(?:times|x)?\s*"
    r"(?:a|per|each)?\s*(?:day|daily)\b"
)
_COUNT_WORDS = {"twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4}


@dataclass(frozen=True)
class Dose:
    """How much of an exercise to do; every part is optional but at least one is given.

    A clinician's `prescribed` dose for one patient replaces the content's general one.
    """

    how_often: str | None = None
    how_long: str | None = None
    how_many: str | None = None
    prescribed: str | None = None

    def parts(self) -> tuple[str, ...]:
        if self.prescribed:
            return (self.prescribed,)
        return tuple(part for part in (self.how_often, self.how_long, self.how_many) if part)

    @property
    def sessions(self) -> int:
        """Sessions a day a prescribed dose asks for ("twice a day", "3 times daily"), up to
        four: the tracking sheet gives each its own box. The content's own dose is daily."""
        if not self.prescribed:
            return 1
        found = _SESSIONS.search(self.prescribed.lower())
        if not found:
            return 1
        count = found["count"]
        number = _COUNT_WORDS.get(count) or (int(count) if count.isdigit() else 1)
        return max(1, min(4, number))

    def tracking_parts(self) -> tuple[str, ...]:
        """The dose for a row of the daily tracking sheet: how often goes without saying
        there, unless it is all the dose says."""
        return tuple(part for part in (self.how_long, self.how_many) if part) or self.parts()


@dataclass(frozen=True)
class ExercisePicture:
    caption: str
    alt: str  # the text alternative for readers who cannot see the picture
    drawing: Picture
    # The caption and alt text when a clinician prescribes the dose, if they state the
    # general one; a prescription also takes the dose's clock out of the drawing.
    prescribed_caption: str | None = None
    prescribed_alt: str | None = None


@dataclass(frozen=True)
class ExercisePart:
    """One movement of an exercise that has several, with its own steps and picture."""

    id: str
    name: str
    steps: tuple[str, ...]
    picture: ExercisePicture | None = None


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    steps: tuple[str, ...]
    why: str
    dose: Dose
    # Label of an extra tracking-sheet row for minutes, e.g. "Minutes walked".
    minutes_label: str | None = None
    picture: ExercisePicture | None = None
    parts: tuple[ExercisePart, ...] = ()
    # The steps when a clinician prescribes the dose: a step that states the general dose
    # gives way to its `if_prescribed` wording, or goes.
    prescribed_steps: tuple[str, ...] | None = None


@dataclass(frozen=True)
class WarningSigns:
    """Signs that need care now (emergency) and signs that need a doctor soon."""

    emergency_lead: str
    emergency: tuple[str, ...]
    soon_lead: str
    soon: tuple[str, ...]


@dataclass(frozen=True)
class Handout:
    id: str
    title: str
    short_title: str
    subject: str
    keywords: tuple[str, ...]
    introduction: tuple[str, ...]
    key_points: tuple[str, ...]
    exercises: tuple[Exercise, ...]
    warning_signs: WarningSigns
    safety: tuple[str, ...]
    symptom_scale: str
    # The introduction when the clinician chose some of the exercises: a paragraph that
    # lists or counts them all gives way to its `if_some_chosen` wording, or goes.
    introduction_for_some: tuple[str, ...] | None = None

    @property
    def lead_in(self) -> str | None:
        """The introduction's last paragraph, if it leads into the exercises (it ends in a
        colon): the exercises start with it."""
        last = self.introduction[-1].rstrip()
        return last if last.endswith((":", "\uff1a")) else None  # a full-width colon too

    @property
    def opening(self) -> tuple[str, ...]:
        """The introduction without its lead-in."""
        return self.introduction[:-1] if self.lead_in else self.introduction
