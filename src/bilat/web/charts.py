"""Charts, the world map and the network, as SVG drawn on the server.

Charts and the map are drawn by pygal (the map's country shapes come from the
``pygal_maps_world`` data package) and served as SVG documents of their own
(``/charts/...``), which the pages embed with ``<object>``: they need no script
in the browser, and each carries a policy allowing none. pygal's optional
script element is removed. The network is laid out by networkx and written
here as plain SVG (shapes and links, no style element), inline in its page.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pygal
from fastapi import APIRouter, Response
from lxml import etree
from pygal.graph.public import PublicApi
from pygal.style import Style

from bilat.gazetteer import load_gazetteer
from bilat.record import EVENT_TYPES
from bilat.store.query import DyadFilter, DyadView, FactFilter, FactView, iter_facts
from bilat.store.views import EdgeView, figure_series
from bilat.web.api import country_or_404
from bilat.web.app import SVG_CSP, ReaderDep, SessionDep

router = APIRouter(prefix="/charts", include_in_schema=False)

STYLE = Style(
    background="white", plot_background="white", foreground="#222",
    foreground_strong="#111", foreground_subtle="#666", opacity=".9", opacity_hover="1",
    font_family="system-ui, sans-serif", label_font_size=11, major_label_font_size=11,
    legend_font_size=11, title_font_size=14,
    colors=("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
            "#7b4173", "#3182bd"),
)
#: the most figure series or partners one chart shows
MAX_SERIES = 12


def _config(title: str, *, height: int = 360, legend: bool = True,
            rotation: int = 0) -> pygal.Config:
    config = pygal.Config()
    config.style = STYLE
    config.js = []  # no script: pygal's tooltips would load one from the web
    config.disable_xml_declaration = True
    config.width = 800
    config.height = height
    config.title = title
    config.show_legend = legend
    config.legend_at_bottom = True
    config.legend_at_bottom_columns = 4
    config.truncate_legend = 30
    config.x_label_rotation = rotation
    return config


def to_svg(chart: PublicApi[Any, Any, Any]) -> str:
    """The chart as an SVG document without pygal's script element."""
    tree: Any = chart.render_tree()  # lxml is installed (trafilatura needs it)
    for script in list(tree.iter("{*}script", "script")):
        parent = script.getparent()
        if parent is not None:
            parent.remove(script)
    return str(etree.tostring(tree, encoding="unicode"))


def svg_response(svg: str) -> Response:
    return Response(svg, media_type="image/svg+xml",
                    headers={"Content-Security-Policy": SVG_CSP,
                             "Cache-Control": "private, max-age=60"})


def empty_chart(title: str) -> str:
    chart = pygal.Bar(_config(title, height=200))
    chart.no_data_text = "nothing to show"
    return to_svg(chart)


# --- drawing --------------------------------------------------------------------------


def months_chart(rows: Sequence[tuple[str, str, int]], title: str) -> str:
    """Events per month, stacked by type."""
    if not rows:
        return empty_chart(title)
    months = sorted({m for m, _, _ in rows})
    by_type: dict[str, dict[str, int]] = defaultdict(dict)
    for m, t, n in rows:
        by_type[t][m] = n
    chart = pygal.StackedBar(_config(title, rotation=40))
    chart.x_labels = months
    for t in EVENT_TYPES:
        if t in by_type:
            chart.add(t, [by_type[t].get(m) for m in months])
    return to_svg(chart)


def topics_chart(topics: Sequence[tuple[str, int]], title: str) -> str:
    if not topics:
        return empty_chart(title)
    chart = pygal.Bar(_config(title, legend=False, rotation=30, height=300))
    chart.x_labels = [t for t, _ in topics]
    chart.add("events", [n for _, n in topics])
    return to_svg(chart)


def score_chart(d: DyadView | None, title: str) -> str:
    """A dyad's cooperation score per month."""
    if d is None or not d.monthly:
        return empty_chart(title)
    chart = pygal.Bar(_config(title, legend=False, rotation=40))
    chart.x_labels = [m for m, _ in d.monthly]
    chart.add("score", [
        {"value": round(s, 2), "color": "#2ca02c" if s >= 0 else "#d62728"}
        for _, s in d.monthly
    ])
    return to_svg(chart)


def figures_chart(facts: Sequence[FactView], title: str) -> str:
    """Each series of figures (dyad, kind, unit) over its periods."""
    series = dict(list(figure_series([x for x in facts if x.period]).items())[:MAX_SERIES])
    if not series:
        return empty_chart(title)
    periods = sorted({x.period for xs in series.values() for x in xs if x.period})
    chart = pygal.Line(_config(title, rotation=40))
    chart.x_labels = periods
    for name, xs in series.items():
        by_period = {x.period: x.value for x in xs}
        chart.add(name, [by_period.get(p) for p in periods])
    return to_svg(chart)


def world_map(partners: Sequence[DyadView], iso3: str, title: str) -> str:
    """The world with ``iso3``'s partners shaded by their number of events."""
    from pygal_maps_world.maps import World

    gazetteer = load_gazetteer()
    chart = World(_config(title, height=420))
    values: dict[str, int] = {}
    for d in partners:
        country = gazetteer.countries.get(d.partner)
        if country and country.iso2:
            values[country.iso2.lower()] = d.n_events
    home = gazetteer.countries.get(iso3)
    chart.add(f"partners (events with {gazetteer.name(iso3)})", values)
    if home and home.iso2:
        chart.add(gazetteer.name(iso3), {home.iso2.lower(): 1})
    return to_svg(chart)


# --- the network ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    iso3: str
    name: str
    x: float
    y: float
    r: float


def network_svg(edges: Sequence[EdgeView], width: int = 800, height: int = 560) -> str:
    """Countries as circles (size: events), linked by lines (width: events;
    green for a cooperative balance, red for a conflictual one); every country
    a link to its page. Laid out by networkx's spring layout (fixed seed)."""
    if not edges:
        return (f'<svg class="network" viewBox="0 0 {width} 120" role="img" '
                'aria-label="no contacts"><text x="20" y="60">No contacts match.</text></svg>')
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        graph.add_edge(e.a, e.b, weight=float(e.n_events))
        degree[e.a] += e.n_events
        degree[e.b] += e.n_events
    layout = nx.spring_layout(graph, seed=7, k=1.6 / math.sqrt(max(graph.number_of_nodes(), 1)))
    xs = [float(p[0]) for p in layout.values()]
    ys = [float(p[1]) for p in layout.values()]
    pad = 50.0

    def scale(v: float, lo: float, hi: float, size: int) -> float:
        return pad + (v - lo) / ((hi - lo) or 1.0) * (size - 2 * pad)

    gazetteer = load_gazetteer()
    nodes = {
        iso3: Node(iso3, gazetteer.name(iso3),
                   scale(float(p[0]), min(xs), max(xs), width),
                   scale(float(p[1]), min(ys), max(ys), height),
                   4.0 + 2.5 * math.sqrt(degree[iso3]))
        for iso3, p in layout.items()
    }
    top = max(e.n_events for e in edges)
    parts = [f'<svg class="network" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="network of {len(nodes)} countries">']
    for e in edges:
        a, b = nodes[e.a], nodes[e.b]
        tone = "coop" if e.score > 0 else "conf" if e.score < 0 else "neutral"
        stroke = 1.0 + 5.0 * e.n_events / top
        parts.append(
            f'<line class="edge {tone}" x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" '
            f'y2="{b.y:.1f}" stroke-width="{stroke:.1f}"><title>'
            f'{escape(a.name)} – {escape(b.name)}: {e.n_events} events, score '
            f'{e.score:+.1f}</title></line>'
        )
    for n in nodes.values():
        href = quoteattr(f"/countries/{n.iso3}")
        parts.append(
            f'<a href={href}><circle class="node" cx="{n.x:.1f}" cy="{n.y:.1f}" r="{n.r:.1f}">'
            f'<title>{escape(n.name)}</title></circle>'
            f'<text class="label" x="{n.x + n.r + 2:.1f}" y="{n.y + 4:.1f}">{escape(n.iso3)}'
            "</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


# --- routes ---------------------------------------------------------------------------


@router.get("/countries/{code}/months.svg")
def country_months(read: ReaderDep, code: str) -> Response:
    iso3 = country_or_404(code)
    return svg_response(months_chart(read.monthly_types(iso3), "Events per month, by type"))


@router.get("/countries/{code}/topics.svg")
def country_topics(read: ReaderDep, code: str) -> Response:
    iso3 = country_or_404(code)
    return svg_response(topics_chart(read.topic_counts(iso3), "Topics"))


@router.get("/countries/{code}/figures.svg")
def country_figures(session: SessionDep, code: str) -> Response:
    iso3 = country_or_404(code)
    facts = list(iter_facts(session, FactFilter(country=iso3), limit=500))
    return svg_response(figures_chart(facts, "Figures over time"))


@router.get("/countries/{code}/map.svg")
def country_map(read: ReaderDep, code: str) -> Response:
    iso3 = country_or_404(code)
    partners = read.dyads(DyadFilter(country=iso3))
    return svg_response(world_map(partners, iso3, "Partners by number of events"))


@router.get("/dyads/{a}/{b}/scores.svg")
def dyad_scores(read: ReaderDep, a: str, b: str) -> Response:
    iso_a, iso_b = country_or_404(a), country_or_404(b)
    found = read.dyads(DyadFilter(country=iso_a, partner=iso_b, planned=True)) \
        if iso_a != iso_b else ()
    return svg_response(score_chart(found[0] if found else None, "Cooperation score by month"))


@router.get("/dyads/{a}/{b}/figures.svg")
def dyad_figures(session: SessionDep, a: str, b: str) -> Response:
    iso_a, iso_b = country_or_404(a), country_or_404(b)
    facts = list(iter_facts(session, FactFilter(country=iso_a, partner=iso_b), limit=500))
    return svg_response(figures_chart(facts, "Figures over time"))
