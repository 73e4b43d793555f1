"""The whole outcome as a Markdown document for the group's records."""

from __future__ import annotations

from collections import Counter, defaultdict

from workshop_tui.domain.service_card import ServiceCard
from workshop_tui.export.inert import markdown as md
from workshop_tui.export.labels import Labels, consensus_text, labels, level_text
from workshop_tui.export.outcome import ConsensusOutcome, LevelsOutcome, Outcome, StepAnswers


def outcome_markdown(outcome: Outcome) -> str:
    """The service card, then the record: every round of the levels and consensus steps and
    the answers per step, in the session's language; names are never printed (the CSV has
    them)."""
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
    for step in outcome.steps:
        lines += _step(step, t)
    return "\n".join(lines) + "\n"


def _card(card: ServiceCard, t: Labels) -> list[str]:
    """The card: the agreed level and aspiration per area, the consensus check, the campaign."""
    lines = ["", f"## {t['our_level']}", ""]
    if card.locked_round is not None:
        lines += [t("locked_round", n=card.locked_round), ""]
    lines += [f"| {t['area']} | {t['level']} | {t['aspiration']} |", "| --- | --- | --- |"]
    for area in card.areas:
        level = md(level_text(card, area, t))
        if area.level is not None:
            level = f"{area.level + 1}. {level}"
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
    for r in consensus.rounds:
        spread = " · ".join(f"{fingers}: {n}" for fingers, n in enumerate(r.counts))
        verdict = t["agreed"] if r.agreed else t["not_agreed_consensus"]
        lines.append(
            f"- {t('round', n=r.round)}: {verdict}; {t('responses', count=r.responses)}, "
            f"{t('below', count=r.below)} ({spread})"
        )
    return lines


def _step(step: StepAnswers, t: Labels) -> list[str]:
    lines = ["", f"### {step.number}. {md(step.title)}"]
    if step.question:
        lines += ["", md(step.question)]
    if not step.rows:
        return lines
    lines.append("")
    rounds = sorted({row.round for row in step.rows})
    for round_ in rounds:
        rows = [row for row in step.rows if row.round == round_]
        if len(rounds) > 1:
            lines.append(f"- {t('round', n=round_)}:")
        indent = "  " if len(rounds) > 1 else ""
        if step.kind == "followup":
            # The rows hold the answer's fields as stored (`reached`: yes/partly/no), not words.
            for row in rows:
                if row.item == "reached":
                    lines.append(f"{indent}- {t['reached']}: {t[f'reached_{row.text}']}")
                else:
                    lines.append(f"{indent}- {t['changed']}: {md(row.text)}")
        elif step.kind == "prompt":
            for row in rows:
                label = f"{md(row.item)}: " if row.item else ""
                hidden = f" ({t['hidden']})" if row.hidden else ""
                lines.append(f"{indent}- {label}{md(row.text)}{hidden}")
        elif step.kind == "scale":
            ratings: dict[str, list[int]] = defaultdict(list)
            for row in rows:
                if row.number is not None:
                    ratings[row.item].append(row.number)
            for item, values in ratings.items():
                mean = sum(values) / len(values)
                lines.append(
                    f"{indent}- {md(item)}: {t('mean', value=mean)} "
                    f"({t('responses', count=len(values))})"
                )
        elif step.kind == "levels":
            picks = Counter((row.item, row.number, row.text) for row in rows)
            for (area, rung, text), count in sorted(picks.items(), key=lambda kv: kv[0][:2]):
                # Rung numbers count from 1; 0 is someone who accepts no rung at all.
                choice = f"{rung}. {md(text)}" if rung else t["none"]
                lines.append(f"{indent}- {md(area)}: {choice} × {count}")
        elif step.kind == "consensus":
            fists = Counter(row.number for row in rows if row.number is not None)
            for fingers, count in sorted(fists.items()):
                lines.append(f"{indent}- {t('fingers', count=fingers)}: {count}")
        else:
            totals: Counter[str] = Counter()
            for row in rows:
                totals[row.item] += 1 if step.kind == "choice" else (row.number or 0)
            for item, count in totals.most_common():
                lines.append(f"{indent}- {md(item)}: {count}")
    return lines
