"""Parallel workshops (`--also-in`): the bundled ones match, each kind of difference is named,
and the command line refuses a mismatched pair before any session starts."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from workshop_tui import cli, decks
from workshop_tui.decks.parallel import ParallelError, load_parallel
from workshop_tui.domain.deck import CardDeck, Workshop
from workshop_tui.domain.parallel import Difference, first_difference
from workshop_tui.session.hub import Hub

BUNDLED = decks.bundled_dir()
Loaded = tuple[Workshop, dict[str, CardDeck]]


def load(name: str) -> Loaded:
    return decks.load_workshop(BUNDLED / f"{name}.toml")


@pytest.mark.parametrize("workshop", ["stjarnklass", "followup"])
def test_the_bundled_workshops_are_parallel_in_every_pair_of_languages(workshop: str) -> None:
    for first, second in combinations(("sv", "en", "fi"), 2):
        a, b = load(f"{workshop}-{first}"), load(f"{workshop}-{second}")
        assert first_difference(*a, *b) is None, (first, second)
        assert a[0].workshop.language == first and b[0].workshop.language == second


def _step(workshop: Workshop, step_id: str, **changes: Any) -> Workshop:
    steps = [s.model_copy(update=changes) if s.id == step_id else s for s in workshop.steps]
    return workshop.model_copy(update={"steps": steps})


def _area(workshop: Workshop, area_id: str, **changes: Any) -> Workshop:
    level = workshop.step("level")
    areas = [a.model_copy(update=changes) if a.id == area_id else a for a in level.areas]  # type: ignore[union-attr]
    return _step(workshop, "level", areas=areas)


def _cards(
    card_decks: dict[str, CardDeck], change: Callable[[list[Any]], list[Any]]
) -> dict[str, CardDeck]:
    deck = card_decks["cards-fi"]
    return {"cards-fi": deck.model_copy(update={"cards": change(list(deck.cards))})}


def _option_less(w: Workshop) -> Workshop:
    return _step(w, "scenario", options=w.step("scenario").options[:-1])  # type: ignore[union-attr]


def _culture_to_ten(w: Workshop) -> Workshop:
    return _step(w, "culture", max=10)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda w: w.model_copy(update={"steps": w.steps[:-1]}), Difference("steps", 14, 13)),
        (
            lambda w: _step(w, "why-we", id="swap"),
            Difference("step_id", "why-we", "swap", 5, "why-we", "id"),
        ),
        (
            lambda w: w.model_copy(
                update={
                    "steps": [
                        w.steps[0],
                        w.steps[1],
                        w.steps[3].model_copy(update={"id": "memory-vote"}),
                        *w.steps[3:],
                    ]
                }
            ),
            Difference("kind", "vote", "choice", 3, "memory-vote", "kind"),
        ),
        (_option_less, Difference("count", 5, 4, 4, "scenario", "options")),
        (
            lambda w: _step(w, "culture", items=w.step("culture").items[:7]),
            Difference("count", 8, 7, 6, "culture", "items"),
        ),
        (
            lambda w: _step(w, "expectations", columns=["one"]),
            Difference("count", 2, 1, 7, "expectations", "columns"),
        ),
        (_culture_to_ten, Difference("setting", 5, 10, 6, "culture", "max")),
        (
            lambda w: _step(w, "managers", multiple=False),
            Difference("setting", True, False, 9, "managers", "multiple"),
        ),
        (
            lambda w: _step(w, "memory", max_answers=3),
            Difference("setting", 2, 3, 2, "memory", "max_answers"),
        ),
        (
            lambda w: _step(w, "fist", threshold=4),
            Difference("setting", 3, 4, 12, "fist", "threshold"),
        ),
        (
            lambda w: _area(w, "promises", id="response"),
            Difference("area_id", "promises", "response", 11, "level", "areas", "3"),
        ),
        (
            lambda w: _area(w, "promises", rungs=["Vi håller vad vi lovar"]),
            Difference("rungs", 3, 1, 11, "level", "rungs", "promises"),
        ),
    ],
)
def test_each_kind_of_difference_is_found_where_it_first_is(
    change: Callable[[Workshop], Workshop], expected: Difference
) -> None:
    sv, fi = load("stjarnklass-sv"), load("stjarnklass-fi")
    assert first_difference(*sv, change(fi[0]), fi[1]) == expected


def test_the_card_decks_must_hold_the_same_cards() -> None:
    sv, fi = load("stjarnklass-sv"), load("stjarnklass-fi")
    cards = sv[1]["cards-sv"].cards
    first, second = cards[:2]
    step = 1 + [s.id for s in sv[0].steps].index("campaign")

    def differs(change: Callable[[list[Any]], list[Any]]) -> Difference | None:
        return first_difference(*sv, fi[0], _cards(fi[1], change))

    def first_card(**update: Any) -> Callable[[list[Any]], list[Any]]:
        return lambda cards: [cards[0].model_copy(update=update), *cards[1:]]

    assert differs(lambda cards: cards[:-1]) == Difference(
        "cards", len(cards), len(cards) - 1, step, "campaign", "cards"
    )
    assert differs(lambda cards: [cards[1], cards[0], *cards[2:]]) == Difference(
        "card_id", first.id, second.id, step, "campaign", "id", "1"
    )
    longer = first.weeks + 1
    assert differs(first_card(weeks=longer)) == Difference(
        "card_setting", first.weeks, longer, step, "campaign", "weeks", first.id
    )
    # Areas and roles decide where a card is counted and shown: the same set in any order.
    assert differs(first_card(areas=list(reversed(first.areas)))) is None
    assert differs(first_card(areas=["leadership"])) == Difference(
        "card_list", ", ".join(first.areas), "leadership", step, "campaign", "areas", first.id
    )
    assert first.roles == []
    assert differs(first_card(roles=["cleaning"])) == Difference(
        "card_list", "-", "cleaning", step, "campaign", "roles", first.id
    )


def test_a_card_that_suits_other_roles_is_named_in_the_catalogue(tmp_path: Path) -> None:
    sv, _ = _copies(tmp_path)
    cards = tmp_path / "cards-fi.toml"
    text = cards.read_text(encoding="utf-8")
    cards.write_text(text.replace("roles = []", 'roles = ["cleaning"]', 1), encoding="utf-8")
    with pytest.raises(ParallelError) as caught:
        load_parallel(sv, *decks.load_workshop(sv), ["fi"])
    step = 1 + [s.id for s in decks.load_workshop(sv)[0].steps].index("campaign")
    assert caught.value.message("en") == (
        f"step {step} 'campaign': card 'greeting-contest' has roles - in stjarnklass-sv.toml "
        "but cleaning in stjarnklass-fi.toml"
    )
    assert caught.value.message("sv").startswith(f"steg {step} 'campaign': kortet")
    assert caught.value.message("fi").startswith(f"vaihe {step} 'campaign': kortin")


def test_the_first_difference_is_named_in_the_catalogue_with_both_files(tmp_path: Path) -> None:
    sv, fi = _copies(tmp_path)
    _drop_option(fi)
    with pytest.raises(ParallelError) as caught:
        load_parallel(sv, *decks.load_workshop(sv), ["fi"])
    assert caught.value.message("en") == (
        "step 4 'scenario': options has 5 entries in stjarnklass-sv.toml, 4 in stjarnklass-fi.toml"
    )
    assert caught.value.message("sv") == (
        "steg 4 'scenario': options har 5 rader i stjarnklass-sv.toml, 4 i stjarnklass-fi.toml"
    )
    assert caught.value.message("fi").startswith("vaihe 4 'scenario': kentässä options on 5")


def test_a_language_finds_the_file_beside_the_workshop_and_must_be_its_language(
    tmp_path: Path,
) -> None:
    sv, fi = _copies(tmp_path)
    found = load_parallel(
        sv, *decks.load_workshop(sv), ["fi", str(BUNDLED / "stjarnklass-en.toml")]
    )
    assert list(found) == ["fi", "en"]
    assert found["fi"].workshop.step("scenario").title == "Kysymys käytävällä"
    fi.write_text(
        fi.read_text(encoding="utf-8").replace('language = "fi"', 'language = "en"', 1),
        encoding="utf-8",
    )
    with pytest.raises(ParallelError) as caught:
        load_parallel(sv, *decks.load_workshop(sv), ["fi"])
    assert caught.value.key == "parallel_wrong_language"
    with pytest.raises(ParallelError) as caught:
        load_parallel(sv, *decks.load_workshop(sv), ["sv"])
    assert caught.value.message("en") == (
        "--also-in: stjarnklass-sv.toml is in sv, like stjarnklass-sv.toml; give each language once"
    )


def _copies(folder: Path) -> tuple[Path, Path]:
    """The Swedish and Finnish workshop and card decks, copied to `folder` to be edited."""
    for name in ("stjarnklass-sv", "stjarnklass-fi", "cards-sv", "cards-fi"):
        shutil.copy(BUNDLED / f"{name}.toml", folder / f"{name}.toml")
    return folder / "stjarnklass-sv.toml", folder / "stjarnklass-fi.toml"


def _drop_option(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    line = '  "Sanon, etten tiedä – se ei ole minun aluettani",\n'
    assert line in text
    # Its scenarios per role go too: a variant must have as many options as the step, so the
    # file stays valid on its own and only the comparison with its parallel file fails.
    start, end = text.index("[[steps.variants]]"), text.index('[[steps]]\nid = "why-we"')
    path.write_text(text[:start].replace(line, "", 1) + text[end:], encoding="utf-8")


def test_run_refuses_a_mismatched_pair_and_starts_no_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from workshop_tui.tui.app import ProjectorApp

    def started(app: ProjectorApp) -> None:
        pytest.fail("the projector started on a mismatched pair")

    monkeypatch.setattr(ProjectorApp, "run", started)
    sv, fi = _copies(tmp_path)
    _drop_option(fi)
    sessions = tmp_path / "sessions"
    for command in ("run", "demo"):
        status = cli.main(
            [command, str(sv), "--also-in", "fi", "--sessions-dir", str(sessions), "--lang", "en"]
        )
        assert status == 1
        said = capsys.readouterr().err
        assert "step 4 'scenario': options has 5 entries in stjarnklass-sv.toml" in said
    assert not sessions.exists() or not any(sessions.iterdir())


async def test_a_session_keeps_its_languages_when_resumed(tmp_path: Path) -> None:
    args = cli._parser().parse_args(
        ["run", "stjarnklass-sv", "--also-in", "fi,en", "--sessions-dir", str(tmp_path)]
    )
    hub = cli._open_hub(args)
    await hub.start()
    assert hub.languages == ("sv", "fi", "en")
    await hub.close()
    resumed = Hub.resume(hub.path)
    await resumed.start()
    try:
        assert resumed.languages == ("sv", "fi", "en")
        assert resumed.translations["fi"].workshop.step("scenario").title == "Kysymys käytävällä"
        assert resumed.translations["en"].card_decks.keys() == {"cards-en"}
    finally:
        await resumed.close()


def test_resume_keeps_the_languages_it_began_with_and_refuses_new_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(
        ["run", "--resume", str(tmp_path / "x.json"), "--also-in", "fi", "--lang", "en"]
    )
    assert status == 1
    assert "--also-in cannot be given with --resume" in capsys.readouterr().err
