"""The organisation report (`workshop-tui report --all`): every group side by side as one
self-contained, printable HTML file (inline SVG, nothing fetched; the group report's styles),
and its per-group table as CSV for whoever keeps the quality figures.

Groups, never people: a group's card, its scale means, its campaigns' plans and follow-up
counts, and how many asked for each of the managers' commitments. No participant's name,
answer or time is read into it (`organisation.Sitting` keeps none).
"""

from __future__ import annotations

import csv
import io
from functools import partial
from html import escape
from pathlib import Path

from workshop_tui.catalogue import number, t
from workshop_tui.domain.campaign import CAMPAIGNS_PER_YEAR
from workshop_tui.domain.service_card import AreaLevel, LevelOrigin, origin_words
from workshop_tui.export.inert import csv_cell, one_line, visible
from workshop_tui.group.organisation import (
    AreaEvenness,
    GroupView,
    Organisation,
    below_middle,
    card_use,
    culture_spread,
    evenness,
    overall,
)
from workshop_tui.group.report import CSS

_ORG_CSS = """
.flag { color: #a93226; font-weight: bold; }
td.num, th.num { text-align: right; }
.group { break-inside: avoid; }
"""


def _text(value: str) -> str:
    """A group's own text for the page: inert, escaped."""
    return escape(visible(value))


def level_words(group: GroupView, lang: str) -> str:
    """The group's level as it stands: agreed or a draft, with its day, or not yet locked."""
    sitting = group.level_sitting
    if sitting is None:
        return t(lang, "level_open")
    on = sitting.point.held.date().isoformat()
    origin = LevelOrigin("draft", on) if sitting.point.draft else LevelOrigin("agreed", on)
    return origin_words(origin, partial(t, lang))


def area_words(area: AreaLevel, lang: str) -> str:
    """An area's level on the card: the rung's words, or that no rung is common to all."""
    return visible(area.level_text) if area.level_text else t(lang, "export_no_common_level")


def _ladder_words(ladder: tuple[str, str] | None, lang: str) -> str:
    if ladder is None:
        return ""
    return t(lang, "org_ladder", workshop=ladder[0], role=ladder[1])


def org_html(org: Organisation, lang: str) -> str:
    """The whole report in `lang`."""
    title = t(lang, "org_title")
    sessions = sum(len(g.sittings) for g in org.groups)
    made = t(lang, "org_made", today=org.today, groups=len(org.groups), sessions=sessions)
    parts = [
        "<!doctype html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{CSS}{_ORG_CSS}</style></head><body><main>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="muted" id="made">{escape(made)}</p>',
        f'<p class="muted">{escape(t(lang, "org_anonymous"))}</p></header>',
        _table(org, lang),
        _evenness(org, lang),
        _culture(org, lang),
        _below(org, lang),
        _cards(org, lang),
        "".join(_group(g, lang) for g in org.groups),
        _skipped(org, lang),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _table(org: Organisation, lang: str) -> str:
    heads = ["org_col_group", "org_col_last", "org_col_level", "org_col_culture"]
    heads += ["org_col_started", "org_col_followed_up", "org_col_overdue", "org_col_judged"]
    head = "".join(f"<th>{escape(t(lang, k))}</th>" for k in heads)
    rows = []
    for g in org.groups:
        last = t(lang, "org_days_ago", date=g.last_held, count=g.days_since)
        flag = f' <span class="flag">{escape(t(lang, "org_not_met"))}</span>' if g.not_met else ""
        figure = overall(g)
        culture = "" if figure is None else number(lang, figure)
        started = t(lang, "org_of_four", count=len(g.year), per_year=CAMPAIGNS_PER_YEAR)
        behind = ' class="num flag"' if g.behind else ' class="num"'
        overdue = ' class="num flag"' if g.overdue else ' class="num"'
        judged = g.commitments.judged if g.commitments else None
        rows.append(
            f'<tr data-group="{escape(g.group)}" data-not-met="{str(g.not_met).lower()}">'
            f"<th>{_text(g.group)}</th>"
            f'<td data-days="{g.days_since}">{escape(last)}{flag}</td>'
            f'<td data-draft="{str(g.draft).lower()}">'
            f"{escape(level_words(g, lang))}</td>"
            f'<td class="num" data-mean="{"" if figure is None else round(figure, 2)}">'
            f"{escape(culture)}</td>"
            f'<td{behind} data-started="{len(g.year)}">{escape(started)}</td>'
            f'<td class="num" data-followed-up="{g.followed_up}">{g.followed_up}</td>'
            f'<td{overdue} data-overdue="{len(g.overdue)}">{len(g.overdue)}</td>'
            f'<td class="num" data-judged="{"" if judged is None else round(judged, 2)}">'
            f"{'' if judged is None else escape(number(lang, judged))}</td></tr>"
        )
    return (
        f'<section id="groups"><h2>{escape(t(lang, "org_groups"))}</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="muted">{escape(t(lang, "org_groups_legend", per_year=CAMPAIGNS_PER_YEAR))}'
        "</p></section>"
    )


def _evenness(org: Organisation, lang: str) -> str:
    """Per ladder and area: each group's rung as a dot on the ladder's rungs, and the spread."""
    found = evenness(org)
    head = f"<h2>{escape(t(lang, 'org_evenness'))}</h2>"
    if not found:
        return (
            f'<section id="evenness">{head}<p>{escape(t(lang, "report_no_levels"))}</p></section>'
        )
    by_ladder: dict[tuple[str, str], list[AreaEvenness]] = {}
    for area in found:
        by_ladder.setdefault((area.workshop, area.role), []).append(area)
    parts = [f'<section id="evenness">{head}']
    for ladder, areas in by_ladder.items():
        parts.append(f"<h3>{escape(_ladder_words(ladder, lang))}</h3>")
        rows = []
        for area in areas:
            rung, holding = area.most_common
            common = t(lang, "org_most_common", rung=rung, count=holding, groups=len(area.rungs))
            rows.append(
                f'<tr data-workshop="{escape(area.workshop)}" data-role="{escape(area.role)}"'
                f' data-area="{escape(area.area_id)}" data-spread="{area.spread}">'
                f"<th>{_text(area.area)}</th><td>{_strip(area)}</td>"
                f'<td class="num">{area.spread}</td><td>{escape(common)}</td></tr>'
            )
        cols = "".join(
            f"<th>{escape(t(lang, k))}</th>"
            for k in ("export_area", "org_rungs", "org_spread", "org_col_most_common")
        )
        parts.append(f"<table><thead><tr>{cols}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    parts.append(f'<p class="muted">{escape(t(lang, "org_evenness_legend"))}</p></section>')
    return "".join(parts)


def _strip(area: AreaEvenness) -> str:
    """The groups' rungs on one line: a dot per group at its rung (0: none accepted by all)."""
    top = max(5, *(r for _, r in area.rungs))
    width, height, step = 300, 24, 280 / top
    shapes = [f'<line x1="10" y1="12" x2="{width - 10}" y2="12" stroke="#bbb"/>']
    stacked: dict[int, int] = {}
    for group, rung in area.rungs:
        above = stacked.get(rung, 0)
        stacked[rung] = above + 1
        shapes.append(
            f'<circle class="rung-dot" cx="{round(10 + rung * step, 1)}" cy="{12 - above * 4}"'
            f' r="5" fill="#1b4f72" fill-opacity=".7" data-group="{escape(group)}"'
            f' data-rung="{rung}"><title>{_text(group)}: {rung}</title></circle>'
        )
    svg = f'<svg viewBox="0 0 {width} {height}" role="img" style="width:300px">'
    return svg + "".join(shapes) + "</svg>"


def _culture(org: Organisation, lang: str) -> str:
    """Per parameter of the culture scale: the lowest, middle and highest group mean."""
    spreads = culture_spread(org, lang)
    head = f"<h2>{escape(t(lang, 'org_culture'))}</h2>"
    if not spreads:
        return f'<section id="culture">{head}<p>{escape(t(lang, "org_no_culture"))}</p></section>'
    width, row, left, scale_w = 900, 34, 360, 500
    shapes = []

    def x(mean: float) -> float:
        # The bundled culture scale runs 1–5.
        return round(left + (mean - 1) / 4 * scale_w, 1)

    for i, item in enumerate(spreads):
        y = i * row + 18
        shapes.append(f'<text x="0" y="{y + 4}" font-size="12">{_text(item.item)}</text>')
        shapes.append(
            f'<line class="spread" x1="{x(item.low)}" y1="{y}" x2="{x(item.high)}" y2="{y}"'
            f' stroke="#7fb3d5" stroke-width="8" data-item="{item.index}"'
            f' data-low="{round(float(item.low), 2)}" data-median="{round(float(item.median), 2)}"'
            f' data-high="{round(float(item.high), 2)}"/>'
        )
        shapes.append(
            f'<line x1="{x(item.median)}" y1="{y - 8}" x2="{x(item.median)}" y2="{y + 8}"'
            ' stroke="#1b4f72" stroke-width="3"/>'
        )
        said = " – ".join(number(lang, v) for v in (item.low, item.median, item.high))
        shapes.append(
            f'<text x="{left + scale_w + 10}" y="{y + 4}" font-size="11">{escape(said)}</text>'
        )
    svg = (
        f'<svg viewBox="0 0 {width} {len(spreads) * row + 10}" role="img"'
        f' aria-label="{escape(t(lang, "org_culture"))}">{"".join(shapes)}</svg>'
    )
    legend = escape(t(lang, "org_culture_legend"))
    return (
        f'<section id="culture">{head}<figure>{svg}</figure><p class="muted">{legend}</p></section>'
    )


def _below(org: Organisation, lang: str) -> str:
    middle, below = below_middle(org)
    head = f"<h2>{escape(t(lang, 'org_below'))}</h2>"
    if middle is None:
        return f'<section id="below">{head}<p>{escape(t(lang, "org_no_culture"))}</p></section>'
    said = t(lang, "org_middle", middle=number(lang, middle))
    items = "".join(
        f'<li data-group="{escape(group)}" data-below="{round(gap, 2)}">'
        f"{escape(t(lang, 'org_below_by', group=one_line(group), gap=number(lang, gap)))}</li>"
        for group, gap in below
    )
    return f'<section id="below">{head}<p>{escape(said)}</p><ol>{items}</ol></section>'


def _cards(org: Organisation, lang: str) -> str:
    uses = card_use(org)
    head = f"<h2>{escape(t(lang, 'org_cards'))}</h2>"
    if not uses:
        return (
            f'<section id="cards">{head}<p>{escape(t(lang, "report_no_campaigns"))}</p></section>'
        )
    keys = ("org_col_card", "org_col_chosen", "org_col_followed_up", "org_col_moved")
    cols = "".join(f"<th>{escape(t(lang, k))}</th>" for k in keys)
    cols += "".join(f"<th>{escape(t(lang, f'reached_{k}'))}</th>" for k in ("yes", "partly", "no"))
    rows = "".join(
        f'<tr data-card="{escape(u.card_id)}" data-chosen="{u.chosen}" data-moved="{u.moved}">'
        f'<th>{_text(u.title)}</th><td class="num">{u.chosen}</td>'
        f'<td class="num">{u.followed_up}</td><td class="num">{u.moved}</td>'
        + "".join(
            f'<td class="num" data-reached="{k}">{u.reached.get(k, 0)}</td>'
            for k in ("yes", "partly", "no")
        )
        + "</tr>"
        for u in uses
    )
    legend = escape(t(lang, "org_cards_legend"))
    return (
        f'<section id="cards">{head}<table><thead><tr>{cols}</tr></thead>'
        f'<tbody>{rows}</tbody></table><p class="muted">{legend}</p></section>'
    )


def _group(g: GroupView, lang: str) -> str:
    """One group's part: its level per area and the managers' commitments."""
    parts = [f'<section class="group" data-group="{escape(g.group)}"><h2>{_text(g.group)}</h2>']
    sitting = g.level_sitting
    parts.append(f"<p>{escape(level_words(g, lang))} · {escape(_ladder_words(g.ladder, lang))}</p>")
    if sitting is not None:
        rows = "".join(
            f'<tr data-area="{escape(a.id)}" data-rung="{0 if a.level is None else a.level + 1}">'
            f"<th>{_text(a.name)}</th><td>"
            f"{escape(area_words(a, lang))}</td></tr>"
            for a in sitting.point.levels
        )
        parts.append(f'<table class="levels">{rows}</table>')
    culture = g.culture
    if culture is not None:
        on, scale = culture
        means = "".join(
            f'<li data-item="{i}" data-mean="{"" if m is None else round(m, 2)}">{_text(item)}: '
            f"{escape(t(lang, 'report_not_rated') if m is None else number(lang, m))}</li>"
            for i, (item, m) in enumerate(zip(scale.items, scale.means, strict=True))
        )
        said = t(lang, "org_culture_on", date=on)
        parts.append(f'<h3>{escape(said)}</h3><ul class="culture">{means}</ul>')
    commitments = g.commitments
    if commitments is not None:
        chosen = "".join(
            f'<li data-count="{count}">{_text(option)} ({count})</li>'
            for option, count in commitments.chosen
        )
        if commitments.judged is None:
            judged = t(lang, "org_not_judged")
        else:
            judged = t(
                lang,
                "org_judged",
                mean=number(lang, commitments.judged),
                date=commitments.judged_on,
            )
        asked = t(lang, "org_commitments", date=commitments.asked)
        parts.append(
            f'<h3>{escape(asked)}</h3><ul class="commitments">{chosen}</ul>'
            f'<p class="judged">{escape(judged)}</p>'
        )
    parts.append("</section>")
    return "".join(parts)


def _skipped(org: Organisation, lang: str) -> str:
    if not org.skipped:
        return ""
    items = "".join(f"<li>{_text(s)}</li>" for s in org.skipped)
    head = escape(t(lang, "report_skipped"))
    return f'<section id="skipped"><h2>{head}</h2><ul>{items}</ul></section>'


# The per-group table's columns: stable ids, as the answers CSV has, so that a spreadsheet kept
# across years reads the same columns whatever language the report was made in.
COLUMNS = (
    "group",
    "last_session",
    "days_since",
    "not_met_for_a_quarter",
    "workshop",
    "role",
    "level",
    "level_date",
    "culture_mean",
    "campaigns_started_12m",
    "campaigns_per_year",
    "followed_up_12m",
    "follow_ups_overdue",
    "commitments_judged",
)


def org_csv(org: Organisation) -> str:
    """One row per group: the report's table, its figures unrounded to two decimals."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for g in org.groups:
        sitting = g.level_sitting
        figure = overall(g)
        judged = g.commitments.judged if g.commitments else None
        ladder = g.ladder or ("", "")
        writer.writerow(
            [
                csv_cell(g.group),
                g.last_held.isoformat(),
                g.days_since,
                "yes" if g.not_met else "no",
                csv_cell(ladder[0]),
                csv_cell(ladder[1]),
                "" if sitting is None else "draft" if sitting.point.draft else "agreed",
                "" if sitting is None else sitting.point.held.date().isoformat(),
                "" if figure is None else round(float(figure), 2),
                len(g.year),
                CAMPAIGNS_PER_YEAR,
                g.followed_up,
                len(g.overdue),
                "" if judged is None else round(float(judged), 2),
            ]
        )
    return buffer.getvalue()


def write_org_report(org: Organisation, lang: str, out_dir: Path) -> tuple[Path, Path]:
    """Write the HTML report and its CSV into `out_dir`; return both files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    html, table = out_dir / "organisation.html", out_dir / "organisation.csv"
    html.write_text(org_html(org, lang), encoding="utf-8")
    table.write_text(org_csv(org), encoding="utf-8")
    return html, table
