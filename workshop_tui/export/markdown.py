"""The whole outcome as a Markdown document for the group's records."""

from __future__ import annotations

from collections import Counter, defaultdict

from workshop_tui.export.inert import markdown as md
from workshop_tui.export.labels import labels
from workshop_tui.export.outcome import (
    AreaOutcome,
    CampaignOutcome,
    ConsensusOutcome,
    LevelsOutcome,
    Outcome,
    StepAnswers,
)


def outcome_markdown(outcome: Outcome) -> str:
    """Levels with every round, consensus, campaign and the answers per step, in the session's
    language; names are never printed (the CSV has them)."""
    t = labels(outcome.language)
    lines = [
        f"# {md(t['service_card'])}: {md(outcome.group)}",
        "",
        f"{md(outcome.workshop_title)} · {outcome.date} · {t['room']} {md(outcome.room)} · "
        f"{outcome.participants} {t['participants']}",
    ]
    for levels in outcome.levels:
        lines += _levels(levels, t)
    for consensus in outcome.consensus:
        lines += _consensus(consensus, t)
    for campaign in outcome.campaigns:
        lines += _campaign(campaign, t)
    lines += ["", f"## {t['answers']}"]
    for step in outcome.steps:
        lines += _step(step, t)
    return "\n".join(lines) + "\n"


def _level_text(area: AreaOutcome, locked: bool, t: dict[str, str]) -> str:
    if not locked:
        return t["not_agreed"]
    if area.level is None or area.level_text is None:
        return t["no_common_level"]
    return f"{area.level + 1}. {md(area.level_text)}"


def _levels(levels: LevelsOutcome, t: dict[str, str]) -> list[str]:
    lines = ["", f"## {t['our_level']}: {md(levels.title)}", ""]
    if levels.locked_round is not None:
        lines += [f"{t['locked_round']} {levels.locked_round}", ""]
    lines += [f"| {t['area']} | {t['level']} | {t['aspiration']} |", "| --- | --- | --- |"]
    for area in levels.areas:
        aspiration = (
            f"{area.aspiration + 1}. {md(area.aspiration_text)}"
            if area.aspiration is not None and area.aspiration_text is not None
            else "–"
        )
        lines.append(f"| {md(area.name)} | {_level_text(area, levels.locked, t)} | {aspiration} |")
    for area in levels.areas:
        lines += ["", f"### {md(area.name)}"]
        for r in area.rounds:
            lines += ["", f"{t['round']} {r.round} ({r.responses} {t['responses']}):", ""]
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


def _consensus(consensus: ConsensusOutcome, t: dict[str, str]) -> list[str]:
    lines = ["", f"## {t['consensus']}: {md(consensus.title)}", ""]
    for r in consensus.rounds:
        spread = " · ".join(f"{fingers}: {n}" for fingers, n in enumerate(r.counts))
        verdict = t["agreed"] if r.agreed else t["not_agreed_consensus"]
        lines.append(
            f"- {t['round']} {r.round}: {verdict}; {r.responses} {t['responses']}, "
            f"{r.below} {t['below']} ({spread})"
        )
    return lines


def _campaign(campaign: CampaignOutcome, t: dict[str, str]) -> list[str]:
    return [
        "",
        f"## {t['campaign']}: {md(campaign.title)}",
        "",
        f"- {t['purpose']}: {md(campaign.purpose)}",
        f"- {t['goal']}: {md(campaign.goal)}",
        f"- {t['period']}: {campaign.start} – {campaign.end}",
        f"- {t['owner']}: {md(campaign.owner)}",
        f"- {t['followup']}: {campaign.followup}",
    ]


def _step(step: StepAnswers, t: dict[str, str]) -> list[str]:
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
            lines.append(f"- {t['round']} {round_}:")
        indent = "  " if len(rounds) > 1 else ""
        if step.kind in ("prompt", "followup"):
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
                    f"{indent}- {md(item)}: {t['mean']} {mean:.1f} ({len(values)} {t['responses']})"
                )
        elif step.kind == "levels":
            picks = Counter((row.item, row.number, row.text) for row in rows)
            for (area, rung, text), count in sorted(picks.items(), key=lambda kv: kv[0][:2]):
                # Rung numbers count from 1; 0 is someone who accepts no rung at all.
                choice = f"{rung}. {md(text)}" if rung else t["none"]
                lines.append(f"{indent}- {md(area)}: {choice} × {count}")
        else:
            totals: Counter[str] = Counter()
            for row in rows:
                totals[row.item] += 1 if step.kind == "choice" else (row.number or 0)
            for item, count in totals.most_common():
                lines.append(f"{indent}- {md(item)}: {count}")
    return lines
