"""What a service card says: the group, the date, the agreed level per area and the campaign."""

from __future__ import annotations

from workshop_tui.export.inert import one_line
from workshop_tui.export.labels import consensus_text, draft_text, labels, level_text, origin_text
from workshop_tui.export.layout import Paragraph, Run
from workshop_tui.export.outcome import Outcome


def pocket_paragraphs(outcome: Outcome) -> list[Paragraph]:
    """The service card's text in the session's language, every participant text on one line
    and with bidirectional controls shown, not obeyed."""
    t = labels(outcome.language)
    card = outcome.card
    paragraphs = [
        Paragraph((Run(t["service_card"], bold=True),), scale=1.3, accent=True),
        Paragraph((Run(one_line(outcome.group), bold=True), Run(f" · {outcome.date}"))),
    ]
    draft = draft_text(card, t)
    if draft is not None:
        paragraphs.append(Paragraph((Run(draft, bold=True),), gap=0.15))
    for index, area in enumerate(card.areas):
        origin = origin_text(area, t)
        runs = (
            Run(f"{one_line(area.name)}:", bold=True),
            Run(" " + one_line(level_text(card, area, t))),
            *(() if origin is None else (Run(f" ({origin})"),)),
        )
        paragraphs.append(Paragraph(runs, gap=0.45 if index == 0 else 0.15))
    if card.consensus is not None:
        paragraphs.append(Paragraph((Run(consensus_text(card.consensus, t)),), gap=0.15))
    campaign = card.campaign
    if campaign is None:
        paragraphs.append(Paragraph((Run(t["no_campaign"]),), gap=0.3, rule=True))
        return paragraphs
    paragraphs += [
        Paragraph(
            (
                Run(f"{t['campaign']}:", bold=True),
                Run(f" {one_line(campaign.title)} · {campaign.start} – {campaign.end}"),
            ),
            gap=0.3,
            rule=True,
        ),
        Paragraph((Run(f"{t['goal']}:", bold=True), Run(" " + one_line(campaign.goal)))),
        Paragraph(
            (
                Run(f"{t['owner']}:", bold=True),
                Run(f" {one_line(campaign.owner)} · "),
                Run(f"{t['followup']}:", bold=True),
                Run(f" {campaign.followup}"),
            )
        ),
    ]
    return paragraphs
