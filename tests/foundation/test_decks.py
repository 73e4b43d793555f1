"""Deck files: the bundled ones are valid, and broken ones say where and what is wrong."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from workshop_tui import decks
from workshop_tui.cli import main
from workshop_tui.domain.deck import (
    CULTURE_AREAS,
    CampaignStep,
    CardDeck,
    ChoiceStep,
    ConsensusStep,
    LevelsStep,
    PromptStep,
    ScaleStep,
    Step,
    VoteStep,
    Workshop,
)

DATA = Path(__file__).parent.parent / "data"


def broken(tmp_path: Path, old: str, new: str, source: str = "mini.toml") -> Path:
    text = (DATA / source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / source
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if source == "mini.toml":
        (tmp_path / "mini-cards.toml").write_text((DATA / "mini-cards.toml").read_text())
    return path


def messages(path: Path) -> list[str]:
    return [str(p) for p in decks.check([path])]


def line_of(path: Path, needle: str, after: int = 0) -> int:
    """The 1-based line where `needle` is written, the first one below line `after`."""
    return path.read_text(encoding="utf-8").splitlines().index(needle, after) + 1


def test_every_bundled_deck_is_valid() -> None:
    files = sorted(decks.bundled_dir().glob("*.toml"))
    assert decks.check(files) == []


def test_bundled_default_workshop_exists_in_three_languages_and_walks_the_method() -> None:
    for language in ("sv", "en", "fi"):
        workshop, card_decks = decks.load_workshop(decks.resolve_workshop(None, language))
        assert workshop.workshop.language == language
        kinds = [s.kind for s in workshop.steps]
        for kind in ("lobby", "prompt", "choice", "scale", "vote", "levels", "consensus"):
            assert kind in kinds
        assert kinds.index("levels") < kinds.index("consensus") < kinds.index("campaign")
        assert kinds[-1] == "summary"
        (deck,) = card_decks.values()
        assert deck.deck.language == language
        assert len({c.id for c in deck.cards}) >= 30


def test_card_decks_share_card_ids_and_areas_across_languages() -> None:
    shapes = []
    for language in ("sv", "en", "fi"):
        deck = decks.load(decks.bundled_dir() / f"cards-{language}.toml")
        assert isinstance(deck, CardDeck)
        assert deck.deck.language == language
        shapes.append([(c.id, c.weeks, tuple(c.areas), len(c.tags)) for c in deck.cards])
    assert shapes[0] == shapes[1] == shapes[2]


def _shape(step: Step) -> tuple[object, ...]:
    """What must be the same in every language version of a step: everything but the words."""
    shape: list[object] = [step.id, step.kind, step.time_limit, step.lock_at_zero, step.reveal]
    if isinstance(step, PromptStep):
        shape += [len(step.columns), step.max_answers, step.max_length]
    elif isinstance(step, ChoiceStep):
        shape += [len(step.options), step.multiple]
    elif isinstance(step, ScaleStep):
        shape += [len(step.items), step.min, step.max]
    elif isinstance(step, VoteStep):
        shape += [len(step.options), step.options_from, step.dots]
    elif isinstance(step, LevelsStep):
        shape += [step.proposal_steps(), [(a.id, len(a.rungs)) for a in step.areas]]
    elif isinstance(step, ConsensusStep):
        shape += [step.levels_step, step.threshold]
    elif isinstance(step, CampaignStep):
        shape += [step.card_deck.rsplit("-", 1)[0], step.votes]
    return tuple(shape)


@pytest.mark.parametrize("name", ["stjarnklass", "followup"])
def test_bundled_workshops_have_the_same_steps_in_every_language(name: str) -> None:
    shapes = []
    for language in ("sv", "en", "fi"):
        workshop = decks.load(decks.bundled_dir() / f"{name}-{language}.toml")
        assert isinstance(workshop, Workshop)
        assert workshop.workshop.language == language
        assert workshop.workshop.minutes == (120 if name == "stjarnklass" else 45)
        for step in workshop.steps:
            if isinstance(step, CampaignStep):
                assert step.card_deck == f"cards-{language}"
        shapes.append([_shape(s) for s in workshop.steps])
    assert shapes[0] == shapes[1] == shapes[2]


def test_the_follow_up_checks_the_groups_own_areas_and_the_managers() -> None:
    for language in ("sv", "en", "fi"):
        followup = decks.load(decks.bundled_dir() / f"followup-{language}.toml")
        assert isinstance(followup, Workshop)
        check = followup.step("card-check")
        assert isinstance(check, ScaleStep)
        # The group's own locked areas come from its history (tests/foundation/
        # test_role_ladders.py); the deck adds the card as a whole, and the managers come last.
        assert check.items_from == "levels"
        assert len(check.items) == 2, check.items


def test_proposals_may_come_from_several_earlier_prompts(tmp_path: Path) -> None:
    path = broken(tmp_path, 'proposals_from = "routines"', 'proposals_from = ["ideas", "routines"]')
    assert messages(path) == []
    workshop = decks.load(path)
    assert isinstance(workshop, Workshop)
    level = workshop.step("level")
    assert isinstance(level, LevelsStep) and level.proposal_steps() == ("ideas", "routines")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('["routines", "fist"]', "steps[6].proposals_from[1]: refers to step 'fist'"),
        (
            '["routines", "scenario"]',
            "steps[6].proposals_from[1]: refers to step 'scenario' of kind",
        ),
        ('["routines", "routines"]', "steps[6].proposals_from[1]: step 'routines' is listed twice"),
        ("[]", "steps[6].proposals_from"),
    ],
)
def test_every_proposal_source_must_be_an_earlier_prompt(
    tmp_path: Path, value: str, expected: str
) -> None:
    path = broken(tmp_path, 'proposals_from = "routines"', f"proposals_from = {value}")
    line = line_of(path, f"proposals_from = {value}")
    assert any(f":{line}: {expected}" in m for m in messages(path)), messages(path)


def test_card_areas_are_the_eight_culture_areas(tmp_path: Path) -> None:
    fine = broken(
        tmp_path,
        'tags = ["greeting"]',
        'tags = ["greeting"]\nareas = ["service"]',
        "mini-cards.toml",
    )
    assert messages(fine) == []
    for value, expected in [
        ('["servise"]', "cards[0].areas[0]"),
        (
            '["service", "service"]',
            "cards[0].areas: each area may be listed once; repeated: service",
        ),
    ]:
        path = broken(
            tmp_path,
            'tags = ["greeting"]',
            f'tags = ["greeting"]\nareas = {value}',
            "mini-cards.toml",
        )
        (message,) = messages(path)
        assert expected in message and f":{line_of(path, f'areas = {value}')}:" in message
    assert CULTURE_AREAS == (
        "business",
        "culture",
        "recruitment",
        "induction",
        "leadership",
        "service",
        "follow-up",
        "communication",
    )


def test_wrong_type_names_file_line_field_and_what_was_expected(tmp_path: Path) -> None:
    path = broken(tmp_path, "max_answers = 3", 'max_answers = "three"')
    (message,) = messages(path)
    line = line_of(path, 'max_answers = "three"')
    assert message.startswith(f"{path}:{line}: ")
    assert "steps[1].max_answers" in message and "integer" in message and "'three'" in message


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    path = broken(tmp_path, "dots = 3", "dotz = 3")
    (message,) = messages(path)
    assert f":{line_of(path, 'dotz = 3')}: steps[4].dotz: is not a known field" in message


def test_reference_to_a_missing_step_is_an_error(tmp_path: Path) -> None:
    path = broken(tmp_path, 'levels_step = "level"', 'levels_step = "levle"')
    (message,) = messages(path)
    line = line_of(path, 'levels_step = "levle"')
    assert f":{line}: steps[7].levels_step" in message
    assert "'levle'" in message and "earlier levels step" in message


def test_reference_to_a_later_step_is_an_error(tmp_path: Path) -> None:
    path = broken(tmp_path, 'options_from = "ideas"', 'options_from = "routines"')
    (message,) = messages(path)
    assert "steps[4].options_from" in message and "not an earlier step" in message


def test_reference_to_a_missing_card_deck_is_an_error(tmp_path: Path) -> None:
    path = broken(tmp_path, 'card_deck = "mini-cards"', 'card_deck = "no-such-cards"')
    (message,) = messages(path)
    assert "steps[8].card_deck" in message and "'no-such-cards' was not found" in message


def test_duplicate_ids_are_errors(tmp_path: Path) -> None:
    path = broken(tmp_path, 'id = "scenario"', 'id = "ideas"')
    assert any("duplicate step id 'ideas'" in m for m in messages(path))
    cards = broken(tmp_path, 'id = "callback"', 'id = "greeting"', "mini-cards.toml")
    (message,) = messages(cards)
    assert "cards[1].id" in message
    assert "duplicate card id 'greeting'" in message


def test_unknown_step_kind_lists_the_kinds(tmp_path: Path) -> None:
    path = broken(tmp_path, 'kind = "summary"', 'kind = "summry"')
    (message,) = messages(path)
    line = line_of(path, 'kind = "summry"')
    assert f":{line}: steps[10].kind" in message
    assert "lobby, prompt, choice" in message and "(found 'summry')" in message


def test_a_missing_kind_says_so_and_lists_the_kinds(tmp_path: Path) -> None:
    path = broken(tmp_path, 'kind = "summary"\n', "")
    (message,) = messages(path)
    assert "steps[10].kind: is required but missing" in message and "lobby, prompt" in message


def test_a_rule_about_a_whole_step_names_the_fields_it_found(tmp_path: Path) -> None:
    both = broken(tmp_path, "dots = 3", 'dots = 3\noptions = ["Coffee"]')
    (message,) = messages(both)
    assert message.endswith("(found options = ['Coffee'], options_from = 'ideas')"), message
    neither = broken(tmp_path, 'options_from = "ideas"', "")
    (message,) = messages(neither)
    assert message.endswith("(the id of a prompt step) (found neither)"), message
    scale = broken(tmp_path, "min = 1\nmax = 5", "min = 5\nmax = 1")
    (message,) = messages(scale)
    assert message.endswith("steps[3]: max (1) must be greater than min (5)"), message


def test_check_reports_every_problem_of_a_file_in_one_run(tmp_path: Path) -> None:
    path = broken(tmp_path, "max_answers = 3", 'max_answers = "three"')
    text = path.read_text(encoding="utf-8")
    text = text.replace('id = "scenario"', 'id = "ideas"').replace('kind = "summary"', 'kind = "x"')
    text = text.replace('levels_step = "level"', 'levels_step = "levle"')
    path.write_text(text.replace('card_deck = "mini-cards"', 'card_deck = "no-such-cards"'))
    found = messages(path)
    expected = [
        (line_of(path, 'max_answers = "three"'), "steps[1].max_answers: input should be"),
        (line_of(path, 'id = "ideas"', after=20), "steps[2].id: duplicate step id 'ideas'"),
        (line_of(path, 'levels_step = "levle"'), "steps[7].levels_step: refers to step"),
        (line_of(path, 'card_deck = "no-such-cards"'), "steps[8].card_deck: card deck"),
        (line_of(path, 'kind = "x"'), "steps[10].kind: must be one of"),
    ]
    assert len(found) == len(expected), found
    for message, (line, part) in zip(found, expected, strict=True):
        assert f":{line}: {part}" in message, (part, found)
    with pytest.raises(decks.DeckError) as raised:
        decks.load_workshop(path)
    assert [str(p) for p in raised.value.problems] == found


def test_a_card_deck_reports_wrong_fields_and_duplicate_ids_together(tmp_path: Path) -> None:
    path = broken(tmp_path, 'id = "callback"', 'id = "greeting"', "mini-cards.toml")
    path.write_text(path.read_text(encoding="utf-8").replace("weeks = ", "weeks = -", 1))
    fields = [m.split(": ")[1] for m in messages(path)]
    assert fields == ["cards[0].weeks", "cards[1].id"], messages(path)


def test_a_wrong_field_is_reported_once_not_again_as_a_reference(tmp_path: Path) -> None:
    path = broken(tmp_path, 'options_from = "ideas"', "options_from = 5")
    (message,) = messages(path)
    assert "steps[4].options_from: input should be a valid string (found 5)" in message
    ids = broken(tmp_path, 'id = "scenario"', 'id = "Ideas"')
    ids.write_text(ids.read_text(encoding="utf-8").replace('id = "areas"', 'id = "Ideas"'))
    assert [m.split(": ")[1] for m in messages(ids)] == ["steps[2].id", "steps[3].id"]


def test_a_reference_to_a_step_of_an_unknown_kind_names_the_kind_written(tmp_path: Path) -> None:
    path = broken(tmp_path, 'kind = "prompt"\ntitle = "Routines"', 'kind = "promt"\ntitle = "R"')
    found = messages(path)
    assert len(found) == 2, found
    assert "steps[5].kind: must be one of" in found[0] and "(found 'promt')" in found[0]
    assert "proposals_from[0]: refers to step 'routines' of kind promt" in found[1]


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = broken(tmp_path, 'title = "Welcome"', 'title = "Welcome')
    (message,) = messages(path)
    line = line_of(path, 'title = "Welcome')
    assert f"{path}:{line}: TOML syntax" in message


def test_check_command_exits_1_with_the_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = broken(tmp_path, "max_length = 80", "max_length = 5")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "steps[1].max_length" in out and "greater than or equal to 10" in out
    assert main(["check", str(DATA / "mini.toml"), str(DATA / "mini-cards.toml")]) == 0


def test_decks_command_lists_the_bundled_workshops(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decks"]) == 0
    out = capsys.readouterr().out
    assert "stjarnklass-sv" in out and "Servicelöftet" in out and "cards-fi" in out


def test_a_workshop_loaded_from_a_folder_finds_its_card_deck_beside_it() -> None:
    workshop, card_decks = decks.load_workshop(DATA / "mini.toml")
    assert isinstance(workshop, Workshop) and set(card_decks) == {"mini-cards"}


def test_bundled_decks_ship_inside_the_wheel(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [shutil.which("uv") or "uv", "build", "--wheel", "--out-dir", str(tmp_path), str(root)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for deck in sorted(p.name for p in (root / "decks").glob("*.toml")):
        assert f"workshop_tui/bundled_decks/{deck}" in names
