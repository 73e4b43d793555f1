"""Scenarios per role: the choice step of the bundled workshop has one for every role in every
language, a session run for a role (`run --role`) shows that role's scenario on every surface,
the parallel files must agree on them, and `check` refuses a variant the tallies cannot share."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_tui import cli, decks
from workshop_tui.domain.deck import LANGUAGES, ROLE_IDS, ChoiceStep, Workshop
from workshop_tui.domain.parallel import first_difference
from workshop_tui.session.hub import Hub


def workshop(language: str) -> Workshop:
    return decks.load_workshop(decks.bundled_dir() / f"stjarnklass-{language}.toml")[0]


def scenario(language: str) -> ChoiceStep:
    step = workshop(language).step("scenario")
    assert isinstance(step, ChoiceStep)
    return step


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_role_has_its_own_scenario_in_every_language(language: str) -> None:
    step = scenario(language)
    assert [variant.role for variant in step.variants] == list(ROLE_IDS[1:])
    questions = {step.question, *(variant.question for variant in step.variants)}
    assert len(questions) == len(ROLE_IDS)
    for variant in step.variants:
        assert len(variant.options) == len(step.options), variant.role
        assert variant.notes and variant.title, variant.role


async def test_run_role_restaurant_shows_the_restaurant_scenario_everywhere(
    tmp_path: Path,
) -> None:
    args = cli._parser().parse_args(
        [
            "run",
            "stjarnklass-sv",
            "--role",
            "restaurant",
            "--also-in",
            "fi",
            "--sessions-dir",
            str(tmp_path),
        ]
    )
    hub = cli._open_hub(args)
    await hub.start()
    await hub.close()
    resumed = Hub.resume(hub.path)
    await resumed.start()
    try:
        (sv,) = [v for v in scenario("sv").variants if v.role == "restaurant"]
        (fi,) = [v for v in scenario("fi").variants if v.role == "restaurant"]
        shown = resumed.state.workshop.step("scenario")
        assert isinstance(shown, ChoiceStep)
        assert (shown.title, shown.question, shown.options, shown.notes) == (
            sv.title,
            sv.question,
            sv.options,
            sv.notes,
        )
        assert shown.variants == []
        # The Finnish phones read the same restaurant scenario in Finnish.
        read = resumed.translations["fi"].workshop.step("scenario")
        assert isinstance(read, ChoiceStep)
        assert (read.question, read.options) == (fi.question, fi.options)
    finally:
        await resumed.close()


def test_a_general_group_keeps_the_general_scenario() -> None:
    step = workshop("en").for_group("general").step("scenario")
    assert isinstance(step, ChoiceStep)
    assert (step.question, step.options) == (scenario("en").question, scenario("en").options)


def _with_scenario(w: Workshop, step: ChoiceStep) -> Workshop:
    return w.model_copy(update={"steps": [step if s.id == "scenario" else s for s in w.steps]})


def test_scenario_variants_must_be_parallel() -> None:
    en, cards = decks.load_workshop(decks.bundled_dir() / "stjarnklass-en.toml")
    step = scenario("en")
    # A variant missing in the other file.
    fewer = _with_scenario(en, step.model_copy(update={"variants": step.variants[1:]}))
    found = first_difference(en, cards, fewer, cards)
    assert found is not None and (found.code, found.field) == ("setting", "variants")
    # A variant with an option fewer (built without validation, as a parallel file that
    # `check` would refuse on its own still has to be named by the comparison).
    short = step.variants[2].model_construct(
        **{**dict(step.variants[2]), "options": step.variants[2].options[:-1]}
    )
    variants = [short if v.role == short.role else v for v in step.variants]
    changed = _with_scenario(en, step.model_copy(update={"variants": variants}))
    found = first_difference(en, cards, changed, cards)
    assert found is not None
    assert (found.code, found.field, found.where) == ("count", "options", f"{short.role}: ")


def test_check_refuses_a_variant_with_another_number_of_options(tmp_path: Path) -> None:
    text = (decks.bundled_dir() / "stjarnklass-en.toml").read_text(encoding="utf-8")
    start = text.index('role = "restaurant"', text.index('id = "scenario"'))
    options = text.index("options = [", start)
    broken = (
        text[:options] + 'options = ["Only this", "Or that"]\n' + text[options:].split("]\n", 1)[1]
    )
    path = tmp_path / "stjarnklass-en.toml"
    path.write_text(broken, encoding="utf-8")
    problems = decks.check([path])
    assert any(
        "restaurant variant has 2 'options'" in p.message and p.field.startswith("steps[")
        for p in problems
    ), problems
    # A variant for the general group is refused too: that is the step's own scenario.
    general = text.replace('role = "restaurant"', 'role = "general"', 1)
    path.write_text(general, encoding="utf-8")
    assert any("general scenario" in p.message for p in decks.check([path]))
