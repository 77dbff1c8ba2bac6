"""A handout made for one patient: chosen exercises, prescribed doses, the clinician's notes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from handout.content.clinic import checked_text
from handout.content.model import Dose, Exercise, Handout
from handout.dates import check_date
from handout.errors import HandoutError

MAX_NAME = 100
T = TypeVar("T")
MAX_NOTE = 1000


@dataclass(frozen=True)
class Patient:
    """What a clinician adds for one patient. All of it prints exactly as typed."""

    name: str | None = None
    clinician: str | None = None
    date: date | None = None
    notes: str | None = None
    exercises: tuple[str, ...] = ()  # chosen exercise ids in order; empty means all
    doses: tuple[tuple[str, str], ...] = ()  # (exercise id, prescribed dose)

    def __post_init__(self) -> None:
        # Stored as they print: white space collapsed, bidirectional controls dropped.
        for name, label, limit in (
            ("name", "patient name", MAX_NAME),
            ("clinician", "clinician name", MAX_NAME),
            ("notes", "notes", MAX_NOTE),
        ):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, checked_text(value, label, limit) or None)
        object.__setattr__(
            self,
            "doses",
            tuple(
                (
                    checked_text(exercise, "exercise id", MAX_NAME),
                    checked_text(dose, f"dose for '{exercise}'", MAX_NAME * 2),
                )
                for exercise, dose in self.doses
            ),
        )
        object.__setattr__(
            self,
            "exercises",
            tuple(checked_text(exercise, "exercise id", MAX_NAME) for exercise in self.exercises),
        )
        if self.date is not None:
            check_date(self.date, "the handout's date")


def personalise(handout: Handout, patient: Patient) -> Handout:
    """The handout with the patient's exercises, in the patient's order, at their doses.

    A prescribed dose replaces every statement of the general one: the dose box, the steps
    and the picture's caption and alt text (in their `if_prescribed` wording) and the clock
    in the picture. With some exercises chosen, the introduction no longer lists them all.
    """
    known = {exercise.id: exercise for exercise in handout.exercises}
    for exercise_id in [*patient.exercises, *(exercise for exercise, _ in patient.doses)]:
        if exercise_id not in known:
            raise HandoutError(f"unknown exercise '{exercise_id}' (known: {', '.join(known)})")
    chosen = [known[exercise_id] for exercise_id in patient.exercises] or list(known.values())
    chosen = list(dict.fromkeys(chosen))
    doses = dict(patient.doses)
    for exercise_id in doses:
        if known[exercise_id] not in chosen:
            raise HandoutError(
                f"a dose for '{exercise_id}', which is not among the chosen exercises "
                f"({', '.join(exercise.id for exercise in chosen)})"
            )
    some = len(chosen) < len(known)
    return dataclasses.replace(
        handout,
        exercises=tuple(
            prescribed(exercise, doses[exercise.id]) if exercise.id in doses else exercise
            for exercise in chosen
        ),
        introduction=(
            handout.introduction_for_some
            if some and handout.introduction_for_some is not None
            else handout.introduction
        ),
    )


def prescribed(exercise: Exercise, dose: str) -> Exercise:
    """The exercise at a clinician's dose, with no trace of the general one."""
    picture = exercise.picture
    if picture is not None:
        picture = dataclasses.replace(
            picture,
            caption=_instead(picture.prescribed_caption, picture.caption),
            alt=_instead(picture.prescribed_alt, picture.alt),
            drawing=picture.drawing.without_clocks(),
        )
    return dataclasses.replace(
        exercise,
        dose=Dose(prescribed=dose),
        steps=_instead(exercise.prescribed_steps, exercise.steps),
        picture=picture,
    )


def _instead(variant: T | None, general: T) -> T:
    return general if variant is None else variant
