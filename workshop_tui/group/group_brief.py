"""The brief for a coach taking a group over (`workshop-tui group NAME`): one printable page
with the group's card as it stands (draft or agreed), its open campaign and follow-up date,
what its last follow-up said, and when it should next meet. Anonymous like the reports: the
follow-up is counts and the texts of what changed, sorted.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from workshop_tui.catalogue import t
from workshop_tui.export.inert import one_line, visible
from workshop_tui.group.campaigns import file_slug
from workshop_tui.group.org_report import area_words, level_words
from workshop_tui.group.organisation import GroupView
from workshop_tui.group.report import CSS


def _text(value: str) -> str:
    return escape(visible(value))


def brief_html(group: GroupView, lang: str) -> str:
    """The one-page brief in `lang`."""
    title = t(lang, "brief_title", group=one_line(group.group))
    last = t(lang, "org_days_ago", date=group.last_held, count=group.days_since)
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="muted" id="last">{escape(t(lang, "brief_last", last=last))}</p></header>',
        _card(group, lang),
        _campaign(group, lang),
        _followup(group, lang),
        _next(group, lang),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _card(group: GroupView, lang: str) -> str:
    sitting = group.level_sitting
    draft = str(group.draft).lower()
    head = f"<h2>{escape(t(lang, 'brief_card'))}</h2>"
    status = f'<p id="level-status" data-draft="{draft}">{escape(level_words(group, lang))}</p>'
    if sitting is None:
        return f'<section id="card">{head}{status}</section>'
    rows = "".join(
        f'<tr data-area="{escape(a.id)}"><th>{_text(a.name)}</th><td>'
        f"{escape(area_words(a, lang))}</td></tr>"
        for a in sitting.point.levels
    )
    return f'<section id="card">{head}{status}<table>{rows}</table></section>'


def _campaign(group: GroupView, lang: str) -> str:
    head = f"<h2>{escape(t(lang, 'brief_campaign'))}</h2>"
    entry = group.open_campaign
    if entry is None:
        return (
            f'<section id="campaign">{head}<p>{escape(t(lang, "brief_no_campaign"))}</p></section>'
        )
    c = entry.campaign
    fields = [
        ("period", f"{c.start} – {c.end}"),
        ("goal", visible(c.goal)),
        ("owner", one_line(c.owner)),
        ("followup", str(c.followup_on)),
    ]
    rows = "".join(f"<dt>{escape(t(lang, k))}</dt><dd>{escape(v)}</dd>" for k, v in fields)
    return (
        f'<section id="campaign" data-state="{escape(entry.state)}"'
        f' data-followup="{c.followup_on}">{head}<h3>{_text(c.title)}</h3><dl>{rows}</dl></section>'
    )


def _followup(group: GroupView, lang: str) -> str:
    head = f"<h2>{escape(t(lang, 'brief_followup'))}</h2>"
    found = group.last_followup
    if found is None or found.followup is None:
        return (
            f'<section id="followup">{head}<p>{escape(t(lang, "brief_no_followup"))}</p></section>'
        )
    reached = found.followup.reached
    counts = " · ".join(
        f'<span data-reached="{k}" data-count="{reached.get(k, 0)}">'
        f"{escape(t(lang, f'reached_{k}'))} {reached.get(k, 0)}</span>"
        for k in ("yes", "partly", "no")
    )
    on = t(lang, "report_followed_up_on", date=found.held.date())
    changed = "".join(f"<li>{_text(text)}</li>" for text in found.followup.changed)
    listed = f"<h3>{escape(t(lang, 'export_changed'))}</h3><ul>{changed}</ul>" if changed else ""
    return (
        f'<section id="followup">{head}<p><b>{escape(t(lang, "reached"))}:</b> {counts}'
        f' <span class="muted">({escape(on)})</span></p>{listed}</section>'
    )


def _next(group: GroupView, lang: str) -> str:
    due = group.next_due
    key = "brief_next_overdue" if due < group.today else "brief_next"
    return (
        f'<section id="next" data-due="{due}"><h2>{escape(t(lang, "brief_next_head"))}</h2>'
        f"<p>{escape(t(lang, key, date=due))}</p></section>"
    )


def write_brief(group: GroupView, lang: str, out_dir: Path) -> Path:
    """Write the brief into `out_dir`, named after the group, and return its file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"brief-{file_slug(group.group)}.html"
    target.write_text(brief_html(group, lang), encoding="utf-8")
    return target
