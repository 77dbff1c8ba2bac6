from __future__ import annotations

from pathlib import Path

import pytest

from handout.content.loading import builtin_content_path, load_handout, parse_handout
from handout.errors import HandoutError

BUILTIN = builtin_content_path().read_text(encoding="utf-8")


def test_builtin_handout_has_five_exercises_with_steps_and_dose(handout):
    assert [exercise.id for exercise in handout.exercises] == [
        "leg-swinging",
        "leg-twisting",
        "foot-flexing",
        "walking",
        "stretching",
    ]
    for exercise in handout.exercises:
        assert exercise.steps and exercise.why and exercise.dose.parts()


def test_folded_yaml_text_becomes_single_spaced(handout):
    assert "  " not in handout.introduction[0]
    assert handout.introduction[0].startswith("Generally, when experiencing leg numbness")


def error_for(text: str) -> str:
    with pytest.raises(HandoutError) as caught:
        parse_handout(text, source="clinic.yaml")
    return str(caught.value)


def test_missing_field_names_file_and_field():
    message = error_for(BUILTIN.replace("symptom_scale:", "symptom_scal:"))
    assert message.startswith("clinic.yaml:")
    assert "'symptom_scal' is not a known field" in message


def test_missing_required_field_names_it():
    why = "This exercise helps promote blood circulation in the legs and relieve numbness."
    text = BUILTIN.replace(f"    why: {why}\n", "")
    message = error_for(text)
    assert "field 'exercises[1].why' is missing" in message


def test_wrong_type_names_field_and_line():
    text = BUILTIN.replace("  - id: walking\n", "  - id: [walking]\n")
    message = error_for(text)
    assert "exercises[4].id" in message
    assert "must be text" in message
    line = BUILTIN.splitlines().index("  - id: walking") + 1
    assert message.startswith(f"clinic.yaml:{line}:")


def test_empty_dose_is_refused():
    text = BUILTIN.replace(
        "    dose:\n      how_often: Every day\n      how_long: 30 minutes to 1 hour\n",
        "    dose: {}\n",
    )
    assert "exercises[4].dose" in error_for(text)


def test_repeated_exercise_id_is_refused():
    text = BUILTIN.replace("  - id: walking\n", "  - id: leg-swinging\n")
    assert "repeats the id 'leg-swinging'" in error_for(text)


def test_invalid_yaml_reports_the_line():
    text = BUILTIN.replace("title: How", "title: [How", 1)
    message = error_for(text)
    assert message.startswith("clinic.yaml:")
    assert "invalid YAML" in message


def test_not_a_mapping_is_refused():
    assert "the top level must be a mapping" in error_for("- just\n- a list\n")


def test_missing_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(HandoutError, match="content file not found"):
        load_handout(tmp_path / "nope.yaml")


def test_impossible_pose_names_the_exercise():
    text = BUILTIN.replace("{hip_r: 40, ankle_r: 25", "{hip_r: 40, kneee_r: 25", 1)
    message = error_for(text)
    assert message.startswith("clinic.yaml")
    assert "exercise 'leg-swinging'" in message and "kneee_r" in message


def test_every_exercise_has_a_picture(handout):
    for exercise in handout.exercises:
        # Its own, captioned; or one for each of its movements, titled by their names.
        if exercise.parts:
            assert all(part.picture and part.picture.alt for part in exercise.parts)
        else:
            assert exercise.picture and exercise.picture.caption and exercise.picture.alt
