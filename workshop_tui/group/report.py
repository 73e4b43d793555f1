"""The group report: a group's history (`history`) as one self-contained HTML file.

It needs no network and no script: the styles are inline, the charts inline SVG drawn here.
The charts are a few rectangles and lines each, so a charting library would add a dependency
(and pygal, the one that writes SVG, links a script from its own site unless told
otherwise) for what a page of code does; drawn here they print crisp, take the page's fonts,
and carry `data-` attributes that say which figure each bar is (docs/architecture.md). The
page prints well too (A4, backgrounds kept, sections not split across pages).

Anonymous like every export: the levels are the group's card, the scales means, the
follow-ups counts and the texts of what changed.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from html import escape
from pathlib import Path

from workshop_tui.catalogue import number, t
from workshop_tui.domain.service_card import AreaLevel, LevelOrigin, origin_words
from workshop_tui.export.inert import one_line, visible
from workshop_tui.group.campaigns import Entry, file_slug
from workshop_tui.group.history import GroupHistory, Quarter, Scale, SessionPoint, quarters

# One colour per session in the scale charts, readable in grey on a black-and-white printer
# (each a clearly different lightness) and told apart by colour-blind readers.
PALETTE = ("#1b4f72", "#e67e22", "#7fb3d5", "#6c3483", "#117a65", "#b9770e", "#aab7b8")

# The page's styles, shared by the organisation report and the group brief.
CSS = """
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, "Noto Sans", sans-serif; color: #141414;
  margin: 0; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1b4f72; padding-bottom: .2rem;
  margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.muted { color: #555; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .35rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef3f7; }
.change { display: block; font-size: .8rem; font-weight: bold; }
.raised { color: #117a65; } .lowered { color: #a93226; } .kept { color: #555; }
th[data-draft] { color: #a93226; }
.campaign { border: 1px solid #bbb; border-left: 6px solid #1b4f72; padding: .5rem .8rem;
  margin: .8rem 0; }
.campaign[data-state="follow-up due"] { border-left-color: #a93226; }
.state { font-size: .8rem; font-weight: bold; text-transform: uppercase; color: #1b4f72; }
.campaign[data-state="follow-up due"] .state { color: #a93226; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .4rem 0; }
dt { font-weight: bold; } dd { margin: 0; }
.gaps li { color: #a93226; }
svg { width: 100%; height: auto; display: block; margin: .5rem 0; }
svg text { font-family: inherit; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; margin-right: .3rem;
  vertical-align: -.1rem; }
@media print {
  main { max-width: none; padding: 0; }
  section, .campaign, figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def report_html(history: GroupHistory) -> str:
    """The whole report, in the language of the group's latest session."""
    lang = history.language
    sessions = history.sessions
    title = t(lang, "report_title", group=one_line(history.group))
    made = t(
        lang,
        "report_made",
        today=history.today,
        first=sessions[0].held.date(),
        last=sessions[-1].held.date(),
    )
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body><main>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="muted" id="made">{escape(made)}</p>',
        f'<p class="muted">{escape(t(lang, "report_anonymous"))}</p></header>',
        _sessions(history),
        _levels(history),
        _campaigns(history),
        _rhythm(history),
        _scales(history),
        _skipped(history),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _text(value: str) -> str:
    """The group's own text for the page: inert, escaped."""
    return escape(visible(value))


def _sessions(history: GroupHistory) -> str:
    lang = history.language
    rows = "".join(
        f'<tr data-session="{escape(s.session)}"><td>{s.held.date()}</td>'
        f"<td>{_text(s.workshop)}</td>"
        f"<td>{escape(t(lang, 'export_participants', count=s.participants))}</td></tr>"
        for s in history.sessions
    )
    head = t(lang, "report_sessions")
    return f'<section id="sessions"><h2>{escape(head)}</h2><table>{rows}</table></section>'


def _level_cell(area: AreaLevel | None, locked: bool, lang: str) -> str:
    if area is None:
        return t(lang, "export_none")
    if not locked:
        return t(lang, "level_open")
    if area.level_text is None:
        return t(lang, "export_no_common_level")
    return visible(area.level_text)


def _column(s: SessionPoint, lang: str) -> str:
    """A session's column head: its day, and that its level is a draft when it is."""
    if not s.draft:
        return f"<th>{s.held.date()}</th>"
    draft = origin_words(LevelOrigin("draft", s.held.date().isoformat()), partial(t, lang))
    return f'<th data-draft="true">{escape(draft)}</th>'


def _levels(history: GroupHistory) -> str:
    """The level per area in each session that locked one, and how it moved since the
    session before: raised (a higher rung), kept or lowered. A session whose fist of five did
    not agree is marked a draft, and the heading no longer calls every level agreed."""
    lang = history.language
    agreed = [s for s in history.sessions if s.locked]
    title = "report_levels_drafts" if any(s.draft for s in agreed) else "report_levels"
    head = f"<h2>{escape(t(lang, title))}</h2>"
    if not agreed:
        return f'<section id="levels">{head}<p>{escape(t(lang, "report_no_levels"))}</p></section>'
    areas: dict[str, str] = {}
    for s in agreed:
        for a in s.levels:
            areas.setdefault(a.id, a.name)
    cols = "".join(_column(s, lang) for s in agreed)
    rows = []
    for area_id, name in areas.items():
        cells = []
        before: int | None = None
        for index, s in enumerate(agreed):
            area = next((a for a in s.levels if a.id == area_id), None)
            level = None if area is None else area.level
            # No common rung counts as below the first one.
            rung = -1 if level is None else level
            change = ""
            if index and area is not None and before is not None:
                change = "raised" if rung > before else "lowered" if rung < before else "kept"
            if area is not None:
                before = rung
            mark = (
                f'<span class="change {change}">{escape(t(lang, f"report_{change}"))}</span>'
                if change
                else ""
            )
            shown = "" if level is None else f' data-rung="{level + 1}"'
            cells.append(
                f'<td data-area="{escape(area_id)}" data-session="{escape(s.session)}"'
                f' data-change="{change}"{shown}>{mark}'
                f"{escape(_level_cell(area, s.locked, lang))}</td>"
            )
        rows.append(f"<tr><th>{_text(name)}</th>{''.join(cells)}</tr>")
    table = (
        f"<table><thead><tr><th>{escape(t(lang, 'export_area'))}</th>{cols}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return f'<section id="levels">{head}{table}</section>'


def _campaigns(history: GroupHistory) -> str:
    lang = history.language
    head = f"<h2>{escape(t(lang, 'report_campaigns'))}</h2>"
    if not history.campaigns:
        none = escape(t(lang, "report_no_campaigns"))
        return f'<section id="campaigns">{head}<p>{none}</p></section>'
    return (
        f'<section id="campaigns">{head}'
        + "".join(_campaign(entry, history) for entry in history.campaigns)
        + "</section>"
    )


_STATE_KEYS = {
    "planned": "campaigns_state_planned",
    "running": "campaigns_state_running",
    "ended": "campaigns_state_ended",
    "follow-up due": "campaigns_state_due",
    "followed up": "campaigns_state_followed_up",
}


def _campaign(entry: Entry, history: GroupHistory) -> str:
    lang = history.language
    c = entry.campaign
    fields = [
        ("period", f"{c.start} – {c.end}"),
        ("goal", visible(c.goal)),
        ("owner", one_line(c.owner)),
        ("followup", str(c.followup_on)),
    ]
    rows = "".join(f"<dt>{escape(t(lang, k))}</dt><dd>{escape(v)}</dd>" for k, v in fields)
    parts = [
        f'<article class="campaign" data-state="{escape(entry.state)}"'
        f' data-session="{escape(c.session)}">',
        f'<span class="state">{escape(t(lang, _STATE_KEYS[entry.state]))}</span>',
        f"<h3>{_text(c.title)}</h3><dl>{rows}</dl>",
    ]
    if entry.state == "follow-up due":
        due = t(lang, "report_due", date=c.followup_on)
        parts.append(f'<p class="due">{escape(due)}</p>')
    answers = history.followup_of(entry)
    if entry.followed_up is not None:
        reached = entry.followed_up.reached
        counts = " · ".join(
            f'<span data-reached="{k}" data-count="{reached.get(k, 0)}">'
            f"{escape(t(lang, f'reached_{k}'))} {reached.get(k, 0)}</span>"
            for k in ("yes", "partly", "no")
        )
        on = t(lang, "report_followed_up_on", date=entry.followed_up.on)
        parts.append(
            f'<p class="reached"><b>{escape(t(lang, "reached"))}:</b> {counts}'
            f' <span class="muted">({escape(on)})</span></p>'
        )
        if answers is not None and answers.changed:
            items = "".join(f"<li>{_text(text)}</li>" for text in answers.changed)
            parts.append(f"<h4>{escape(t(lang, 'export_changed'))}</h4><ul>{items}</ul>")
    parts.append("</article>")
    return "".join(parts)


def _quarter_name(q: Quarter, lang: str) -> str:
    return t(lang, "report_quarter", number=q.number, year=q.year)


def _rhythm(history: GroupHistory) -> str:
    """The four-a-year rhythm: a timeline of calendar quarters from the first session to the
    last campaign (or today), the campaigns as bars, follow-ups and sessions as marks, and every
    quarter without a campaign marked as a gap."""
    lang = history.language
    entries = history.campaigns
    since = history.sessions[0].held.date()
    ends = [e.campaign.followup_on for e in entries]
    until = max([history.today, history.sessions[-1].held.date(), *ends])
    spans = quarters(entries, since, until)
    first, last = spans[0].first, spans[-1].last
    days = (last - first).days + 1
    width, left, right = 900, 10, 10
    rows = max(1, len(entries))
    top = 30
    height = top + rows * 26 + 40

    def x(day: date) -> float:
        return round(left + (day - first).days / days * (width - left - right), 1)

    shapes = []
    for q in spans:
        x0, x1 = x(q.first), x(q.last + timedelta(days=1))
        fill = "#fdecea" if q.gap else ("#f4f6f7" if q.number % 2 else "#fff")
        shapes.append(
            f'<rect class="quarter{" gap" if q.gap else ""}" x="{x0}" y="{top - 20}"'
            f' width="{round(x1 - x0, 1)}" height="{height - top}" fill="{fill}"'
            f' stroke="#ccc" data-quarter="{q.year}-Q{q.number}"/>'
        )
        label = escape(_quarter_name(q, lang))
        shapes.append(f'<text x="{x0 + 4}" y="{top - 6}" font-size="11">{label}</text>')
        if q.gap:
            gap_word = escape(t(lang, "report_gap_mark"))
            shapes.append(
                f'<text x="{x0 + 4}" y="{height - 8}" font-size="11" fill="#a93226"'
                f' font-weight="bold">{gap_word}</text>'
            )
    for row, entry in enumerate(entries):
        c = entry.campaign
        y = top + row * 26 + 4
        x0, x1 = x(c.start), x(c.end + timedelta(days=1))
        colour = "#a93226" if entry.state == "follow-up due" else "#1b4f72"
        shapes.append(
            f'<rect class="campaign-bar" x="{x0}" y="{y}" width="{round(x1 - x0, 1)}"'
            f' height="16" rx="3" fill="{colour}" data-start="{c.start}" data-end="{c.end}">'
            f"<title>{_text(c.title)}</title></rect>"
        )
        fx = x(c.followup_on)
        shapes.append(
            f'<path class="followup-mark" d="M{fx} {y} l6 8 l-6 8 l-6 -8 z" fill="{colour}"'
            f' data-date="{c.followup_on}"/>'
        )
        # The title after the follow-up mark, or before the bar when it would run off the end.
        after = max(x1, fx + 6) + 4
        place = f'x="{after}"' if after < width - 200 else f'x="{x0 - 4}" text-anchor="end"'
        shapes.append(
            f'<text {place} y="{y + 12}" font-size="11">{escape(one_line(c.title))}</text>'
        )
    for s in history.sessions:
        sx = x(s.held.date())
        shapes.append(
            f'<circle class="session-mark" cx="{sx}" cy="{height - 24}" r="5" fill="#141414"'
            f' data-date="{s.held.date()}"/>'
        )
    tx = x(history.today)
    shapes.append(
        f'<line x1="{tx}" y1="{top - 20}" x2="{tx}" y2="{height}" stroke="#a93226"'
        f' stroke-dasharray="4 3"/><text x="{tx + 3}" y="{height - 30}" font-size="11"'
        f' fill="#a93226">{escape(t(lang, "report_today"))}</text>'
    )
    svg = (
        f'<svg viewBox="0 0 {width} {height}" role="img"'
        f' aria-label="{escape(t(lang, "report_rhythm"))}">{"".join(shapes)}</svg>'
    )
    gaps = [q for q in spans if q.gap]
    if gaps:
        items = "".join(
            f'<li data-quarter="{q.year}-Q{q.number}">'
            + escape(
                t(lang, "report_gap", quarter=_quarter_name(q, lang), first=q.first, last=q.last)
            )
            + "</li>"
            for q in gaps
        )
        listed = f'<ul class="gaps">{items}</ul>'
    else:
        listed = f"<p>{escape(t(lang, 'report_no_gaps'))}</p>"
    legend = f'<p class="muted">{escape(t(lang, "report_rhythm_legend"))}</p>'
    return (
        f'<section id="rhythm"><h2>{escape(t(lang, "report_rhythm"))}</h2>'
        f"<figure>{svg}</figure>{legend}{listed}</section>"
    )


def _scales(history: GroupHistory) -> str:
    """Each scale (the same items asked in several sessions, the culture scale first of all)
    as a bar chart: per item one bar per session, its length the mean rating."""
    lang = history.language
    by_items: dict[tuple[str, ...], list[tuple[SessionPoint, Scale]]] = {}
    for s in history.sessions:
        for scale in s.scales:
            by_items.setdefault(scale.items, []).append((s, scale))
    if not by_items:
        return ""
    charts = [
        _scale_chart(found, lang) for found in sorted(by_items.values(), key=lambda f: -len(f))
    ]
    return (
        f'<section id="scales"><h2>{escape(t(lang, "report_scales"))}</h2>'
        + "".join(charts)
        + "</section>"
    )


def _scale_chart(found: list[tuple[SessionPoint, Scale]], lang: str) -> str:
    first = found[-1][1]
    low, high = first.low, first.high
    bar, gap, label_h = 12, 10, 16
    width, left = 900, 20
    per_item = label_h + bar * len(found) + gap
    height = per_item * len(first.items) + 10
    scale_w = width - left - 90
    shapes = []
    for i, item in enumerate(first.items):
        y = i * per_item
        shapes.append(f'<text x="{left}" y="{y + 12}" font-size="12">{_text(item)}</text>')
        for j, (session, scale) in enumerate(found):
            mean = scale.means[i] if i < len(scale.means) else None
            by = y + label_h + j * bar
            colour = PALETTE[j % len(PALETTE)]
            if mean is None:
                shown = t(lang, "report_not_rated")
                length = 0.0
            else:
                shown = number(lang, mean)
                length = round((mean - low) / (high - low) * scale_w, 1)
            shapes.append(
                f'<rect class="scale-bar" x="{left}" y="{by}" width="{max(length, 1)}"'
                f' height="{bar - 2}" fill="{colour}" data-item="{i}"'
                f' data-session="{escape(session.session)}"'
                f' data-mean="{"" if mean is None else round(mean, 2)}"/>'
            )
            shapes.append(
                f'<text x="{left + max(length, 1) + 4}" y="{by + bar - 3}" font-size="10">'
                f"{escape(shown)}</text>"
            )
    legend = "".join(
        f'<li><span class="swatch" style="background:{PALETTE[j % len(PALETTE)]}"></span>'
        f"{s.held.date()}</li>"
        for j, (s, _) in enumerate(found)
    )
    caption = t(lang, "report_scale_legend", low=low, high=high)
    return (
        f"<figure><h3>{_text(first.title)}</h3>"
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_text(first.title)}">'
        f'{"".join(shapes)}</svg><ul class="legend">{legend}</ul>'
        f'<p class="muted">{escape(caption)}</p></figure>'
    )


def _skipped(history: GroupHistory) -> str:
    if not history.skipped:
        return ""
    items = "".join(f"<li>{_text(s)}</li>" for s in history.skipped)
    head = escape(t(history.language, "report_skipped"))
    return f'<section id="skipped"><h2>{head}</h2><ul>{items}</ul></section>'


def report_path(out_dir: Path, group: str) -> Path:
    """The report's file in `out_dir`, named after the group."""
    return out_dir / f"history-{file_slug(group)}.html"


def write_report(history: GroupHistory, out_dir: Path) -> Path:
    """Write the report into `out_dir` and return its file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = report_path(out_dir, history.group)
    target.write_text(report_html(history), encoding="utf-8")
    return target
