"""The whole outcome as a Markdown document for the group's records."""

from __future__ import annotations

from collections import Counter, defaultdict

from workshop_tui.domain.service_card import ServiceCard
from workshop_tui.export.inert import markdown as md
from workshop_tui.export.labels import (
    Labels,
    consensus_text,
    draft_text,
    labels,
    level_text,
    origin_text,
)
from workshop_tui.export.outcome import (
    AnswerRow,
    ConsensusOutcome,
    ConsensusRound,
    LevelsOutcome,
    Outcome,
    StepAnswers,
)


def outcome_markdown(outcome: Outcome) -> str:
    """The service card, then the record: every round of the levels and consensus steps and
    the answers per step, in the session's language. Nobody is named, not even by pseudonym
    (the CSV and JSON have those, and the names when the session's lobby announced them);
    withheld answers are counted."""
    t = labels(outcome.language)
    lines = [
        f"# {md(t['service_card'])}: {md(outcome.group)}",
        "",
        f"{md(outcome.workshop_title)} · {outcome.date} · {t['room']} {md(outcome.room)} · "
        f"{t('participants', count=outcome.participants)}",
    ]
    lines += _card(outcome.card, t)
    for levels in outcome.levels:
        lines += _levels(levels, t)
    for consensus in outcome.consensus:
        lines += _consensus(consensus, t)
    lines += ["", f"## {t['answers']}"]
    checks = {consensus.step_id: consensus for consensus in outcome.consensus}
    for step in outcome.steps:
        lines += _step(step, checks.get(step.id), t)
    return "\n".join(lines) + "\n"


def _card(card: ServiceCard, t: Labels) -> list[str]:
    """The card: the agreed level and aspiration per area, the consensus check, the campaign."""
    lines = ["", f"## {t['our_level']}", ""]
    draft = draft_text(card, t)
    if draft is not None:
        lines += [f"**{md(draft)}**", ""]
    if card.locked_round is not None:
        lines += [t("locked_round", n=card.locked_round), ""]
    lines += [f"| {t['area']} | {t['level']} | {t['aspiration']} |", "| --- | --- | --- |"]
    for area in card.areas:
        level = md(level_text(card, area, t))
        if area.level is not None:
            level = f"{area.level + 1}. {level}"
        origin = origin_text(area, t)
        if origin is not None:
            level += f" ({md(origin)})"
        aspiration = (
            f"{area.aspiration + 1}. {md(area.aspiration_text)}"
            if area.aspiration is not None and area.aspiration_text is not None
            else "–"
        )
        lines.append(f"| {md(area.name)} | {level} | {aspiration} |")
    if card.consensus is not None:
        lines += ["", md(consensus_text(card.consensus, t))]
    campaign = card.campaign
    if campaign is None:
        return [*lines, "", f"## {t['campaign']}", "", t["no_campaign"]]
    return [
        *lines,
        "",
        f"## {t['campaign']}: {md(campaign.title)}",
        "",
        f"- {t['purpose']}: {md(campaign.purpose)}",
        f"- {t['goal']}: {md(campaign.goal)}",
        f"- {t['period']}: {campaign.start} – {campaign.end}",
        f"- {t['owner']}: {md(campaign.owner)}",
        f"- {t['followup']}: {campaign.followup}",
    ]


def _levels(levels: LevelsOutcome, t: Labels) -> list[str]:
    lines = ["", f"## {t['rounds']}: {md(levels.title)}"]
    if levels.locked_round is not None:
        lines += ["", t("locked_round", n=levels.locked_round)]
    for area in levels.areas:
        lines += ["", f"### {md(area.name)}"]
        for r in area.rounds:
            lines += ["", f"{t('round', n=r.round)} ({t('responses', count=r.responses)}):", ""]
            for index, (rung, count) in enumerate(zip(r.rungs, r.counts, strict=False)):
                marks = []
                if index == r.level:
                    marks.append(t["level"].lower())
                if index == r.aspiration:
                    marks.append(t["aspiration"].lower())
                suffix = f" ({', '.join(marks)})" if marks else ""
                lines.append(f"{index + 1}. {md(rung)}: {count}{suffix}")
            if r.none:
                lines.append(f"- {t['none']}: {r.none}")
    return lines


def _consensus(consensus: ConsensusOutcome, t: Labels) -> list[str]:
    lines = ["", f"## {t['consensus']}: {md(consensus.title)}", ""]
    return lines + [f"- {_fist_round(r, t)}" for r in consensus.rounds]


def _fist_round(r: ConsensusRound, t: Labels) -> str:
    """A fist-of-five round as the method reads it: agreed or not, how many were below the
    threshold, and how many showed each of 0 to 5 fingers."""
    spread = " · ".join(f"{fingers}: {n}" for fingers, n in enumerate(r.counts))
    verdict = t["agreed"] if r.agreed else t["not_agreed_consensus"]
    return (
        f"{t('round', n=r.round)}: {verdict}; {t('responses', count=r.responses)}, "
        f"{t('below', count=r.below)} ({spread})"
    )


def _step(step: StepAnswers, check: ConsensusOutcome | None, t: Labels) -> list[str]:
    lines = ["", f"### {step.number}. {md(step.title)}"]
    if step.question:
        lines += ["", md(step.question)]
    if step.kind == "consensus" and check is not None:
        # The fist of five is its distribution and verdict per round, never a sum of fingers.
        taken = [f"- {_fist_round(r, t)}" for r in check.rounds if r.responses]
        return [*lines, "", *taken] if taken else lines
    if not step.rows:
        return lines
    lines.append("")
    rounds = sorted({row.round for row in step.rows})
    for round_ in rounds:
        rows = [row for row in step.rows if row.round == round_ and not row.withheld]
        withheld = Counter(
            row.moderation for row in step.rows if row.round == round_ and row.withheld
        )
        if len(rounds) > 1:
            lines.append(f"- {t('round', n=round_)}:")
        indent = "  " if len(rounds) > 1 else ""
        lines += [indent + line for line in _answers(step, rows, t)]
        # Counted, never printed: what the facilitator hid and what the word filter held.
        for moderation in ("hidden", "held"):
            if withheld[moderation]:
                lines.append(f"{indent}- {t(f'withheld_{moderation}', count=withheld[moderation])}")
    return lines


def _answers(step: StepAnswers, rows: list[AnswerRow], t: Labels) -> list[str]:
    """One round's printed answers of a step, as a list without indentation."""
    if step.kind == "followup":
        # The rows hold the answer's fields as stored (`reached`: yes/partly/no), not words.
        return [
            f"- {t['reached']}: {t[f'reached_{row.text}']}"
            if row.item == "reached"
            else f"- {t['changed']}: {md(row.text)}"
            for row in rows
        ]
    if step.kind == "prompt":
        lines = []
        for row in rows:
            label = f"{md(row.item)}: " if row.item else ""
            hidden = f" ({t['hidden']})" if row.moderation == "hidden" else ""
            lines.append(f"- {label}{md(row.text)}{hidden}")
        return lines
    if step.kind == "scale":
        ratings: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            if row.number is not None:
                ratings[row.item].append(row.number)
        # In the deck's order, whichever item was answered first.
        return [
            f"- {md(item)}: {t('mean', value=sum(values) / len(values))} "
            f"({t('responses', count=len(values))})"
            for item in step.items
            if (values := ratings.get(item))
        ]
    if step.kind == "levels":
        picks = Counter((row.item, row.number, row.text) for row in rows)
        order = {area: index for index, area in enumerate(step.items)}
        lines = []
        for (area, rung, text), count in sorted(
            picks.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][1] or 0)
        ):
            # Rung numbers count from 1; 0 is someone who accepts no rung at all.
            choice = f"{rung}. {md(text)}" if rung else t["none"]
            lines.append(f"- {md(area)}: {choice} × {count}")
        return lines
    totals: Counter[str] = Counter()
    for row in rows:
        totals[row.item] += 1 if step.kind == "choice" else (row.number or 0)
    return [f"- {md(item)}: {count}" for item, count in totals.most_common()]
