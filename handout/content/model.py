"""The typed model of a handout's content, independent of how it is stored or drawn."""

from __future__ import annotations

from dataclasses import dataclass

from handout.pictures.model import Picture


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

    def tracking_parts(self) -> tuple[str, ...]:
        """The dose for a row of the daily tracking sheet: how often goes without saying
        there, unless it is all the dose says."""
        return tuple(part for part in (self.how_long, self.how_many) if part) or self.parts()


@dataclass(frozen=True)
class ExercisePicture:
    caption: str
    alt: str  # the text alternative for readers who cannot see the picture
    drawing: Picture


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
