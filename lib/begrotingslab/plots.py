"""One house style for every chart in every report: calm colours, Dutch labels, readable on a phone."""
from __future__ import annotations

import functools
import io
import re

import matplotlib.pyplot as plt
import pandas as pd

from .present import SCORE_LABELS, TITLE_ID

PALETTE = ["#1f4e79", "#2e86ab", "#f18f01", "#c73e1d", "#6a994e", "#8e7dbe", "#bc6c25", "#5c677d"]
ACCENT = PALETTE[0]


def use_house_style() -> None:
    """Apply the house style to matplotlib and pandas tables (call once at the top of a notebook).

    Tables show whole sentences (readers need the full text behind every number) and up to 500 rows.
    """
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    plt.rcParams.update({
        "figure.figsize": (8, 4.5), "figure.dpi": 100, "savefig.bbox": "tight",
        "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.3,
        "axes.prop_cycle": plt.cycler(color=PALETTE), "axes.titleweight": "bold", "axes.titlesize": 12,
        "font.size": 10,
        # labels are document text: 'Bestuur $\\foo{x}$' is shown as written, never parsed as mathtext
        "text.parse_math": False,
        # charts as SVG with their text as text: sharp when a reader zooms on a phone, searchable, about
        # half the bytes of a PNG and a third less time to draw (bench_build); fonts fall back to sans-serif
        "svg.fonttype": "none",
    })
    _inline_svg()


def _inline_svg() -> None:
    """In a notebook kernel, have the inline backend send figures as SVG instead of PNG, drawn once."""
    try:
        from IPython import get_ipython
        from IPython.core import pylabtools
    except ImportError:  # plain Python: figures are saved by whoever calls savefig
        return
    if get_ipython() is None:
        return
    if getattr(pylabtools.print_figure, "__wrapped__", None) is None:
        # the inline backend's formatters look print_figure up here each time they are (re)registered
        pylabtools.print_figure = functools.update_wrapper(
            functools.partial(_print_figure, pylabtools.print_figure), pylabtools.print_figure)
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:
        return
    set_matplotlib_formats("svg")


_SVG_START = re.compile(r'(<svg [^>]*?)width="([0-9.]+)pt" height="([0-9.]+)pt" viewBox="0 0 [0-9.]+ [0-9.]+"')
_FIGURE_PATCH = re.compile(r'(<g id="figure_1">\s*<g id="patch_1">\s*<path d=")([^"]*)(")')


def _print_figure(original, fig, fmt="png", bbox_inches="tight", base64=False, **kwargs):
    """IPython's ``print_figure``, with a tight SVG drawn once instead of twice.

    A tight bounding box makes matplotlib draw the whole figure once only to measure it, then again to
    save it: half of a report's chart time. For SVG the same picture comes from one draw: the figure is
    drawn at its own size, measured with that draw, and the SVG's viewBox (and its white background)
    set to the measured box, which is what the second draw would have shifted everything into. Anything
    else (PNG, a layout engine, other options) goes to IPython's own function.
    """
    if (fmt != "svg" or bbox_inches != "tight" or base64 or set(kwargs) - {"dpi", "facecolor", "edgecolor"}
            or fig.get_layout_engine() is not None or not (fig.axes or fig.lines)):
        return original(fig, fmt=fmt, bbox_inches=bbox_inches, base64=base64, **kwargs)
    measured = {}
    draw = fig.draw

    def draw_and_measure(renderer):
        draw(renderer)
        measured["box"] = fig.get_tightbbox(renderer).padded(plt.rcParams["savefig.pad_inches"])

    buffer = io.BytesIO()
    fig.draw = draw_and_measure
    rc_box = plt.rcParams["savefig.bbox"]  # 'tight' in the house style: a None argument would mean that
    plt.rcParams["savefig.bbox"] = None
    try:
        fig.canvas.print_figure(buffer, format="svg", dpi=kwargs.get("dpi", fig.dpi),
                                facecolor=kwargs.get("facecolor", fig.get_facecolor()),
                                edgecolor=kwargs.get("edgecolor", fig.get_edgecolor()))
    finally:
        del fig.draw
        plt.rcParams["savefig.bbox"] = rc_box
    svg = buffer.getvalue().decode("utf-8")
    start = _SVG_START.search(svg)
    if start is None or "box" not in measured:
        return original(fig, fmt=fmt, bbox_inches=bbox_inches, base64=base64, **kwargs)
    box = measured["box"]
    height = float(start.group(3))  # the figure's height in points: SVG's y axis points down
    x0, y0, width, tall = box.x0 * 72, height - box.y1 * 72, box.width * 72, box.height * 72
    size = f'width="{_num(width)}pt" height="{_num(tall)}pt" viewBox="{_num(x0)} {_num(y0)} {_num(width)} {_num(tall)}"'
    svg = svg[:start.start()] + start.group(1) + size + svg[start.end():]
    # the figure's background covers the whole box, as it does when the figure is moved into it
    patch = f"M {_num(x0)} {_num(y0 + tall)} \nL {_num(x0 + width)} {_num(y0 + tall)} \nL {_num(x0 + width)} {_num(y0)} \nL {_num(x0)} {_num(y0)} \nz\n"
    return _FIGURE_PATCH.sub(lambda m: m.group(1) + patch + m.group(3), svg, count=1)


def _num(value: float) -> str:
    """A coordinate as matplotlib's SVG writes it (up to six decimals, no trailing zeros)."""
    text = f"{value:f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def barh(series: pd.Series, title: str, xlabel: str, ax=None, color: str = ACCENT):
    """A horizontal bar chart of one labelled series, largest on top, with values at the bars."""
    series = series.sort_values()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.0, 0.4 * len(series) + 1)))
    bars = ax.barh([str(i) for i in series.index], series.values, color=color)
    ax.bar_label(bars, fmt="%g", padding=3, fontsize=9)
    ax.set_title(title, gid=TITLE_ID)  # the page's alt text for the chart (build/render.py)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return ax


def peer_ranges(frame: pd.DataFrame, title: str, xlabel: str, source: str = "", ax=None):
    """Per row (label in the index) the middle half of a peer group (q25 to q75, a grey band), its median (a line)
    and the own value (a dot); ``frame`` has the columns value, q25, median, q75. ``source`` is printed under the
    chart (a licence asks for it: 'Bron: CBS, Iv3')."""
    frame = frame.iloc[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, 0.38 * len(frame) + 1.4)))
    labels = [str(i) for i in frame.index]
    ax.barh(labels, frame["q75"] - frame["q25"], left=frame["q25"], color="#d9d9d9", height=0.6,
            label="middelste helft van de vergelijkbare gemeenten")
    ax.scatter(frame["median"], labels, marker="|", s=300, color=PALETTE[5], label="mediaan", zorder=3)
    ax.scatter(frame["value"], labels, color=ACCENT, s=36, label="deze gemeente", zorder=4)
    ax.set_title(title, gid=TITLE_ID)  # the page's alt text for the chart (build/render.py)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.12 - 2.4 / max(len(frame) + 4, 1) / 3), ncols=3,
              frameon=False, fontsize=8)
    if source:
        ax.figure.text(0.99, 0.005, source, ha="right", va="bottom", fontsize=8, color="#555555")
    return ax


def smart_distribution(table: pd.DataFrame, title: str, ax=None):
    """Stacked horizontal bars: per SMART criterion (rows) the share scored niet / gedeeltelijk / volledig.

    ``table`` has one row per criterion label and the columns 0, 1, 2 (counts or shares).
    """
    shares = table.div(table.sum(axis=1).replace(0, 1), axis=0) * 100
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.0, 0.6 * len(shares) + 1.2)))
    left = pd.Series(0.0, index=shares.index)
    colours = {0: PALETTE[3], 1: PALETTE[2], 2: PALETTE[4]}
    for score in (0, 1, 2):
        values = shares.get(score, pd.Series(0.0, index=shares.index))
        bars = ax.barh([str(i) for i in shares.index], values, left=left, color=colours[score], label=SCORE_LABELS[score])
        ax.bar_label(bars, labels=[f"{v:.0f}%" if v >= 6 else "" for v in values], label_type="center",
                     fontsize=9, color="white")
        left += values
    ax.set_xlim(0, 100)
    ax.set_xlabel("Aandeel van de doelen en toezeggingen (%)")
    ax.set_title(title, gid=TITLE_ID)  # the page's alt text for the chart (build/render.py)
    ax.grid(axis="y", visible=False)
    ax.invert_yaxis()
    ax.legend(ncols=3, loc="lower center", bbox_to_anchor=(0.5, -0.45), frameon=False)
    return ax


def heatmap(matrix: pd.DataFrame, title: str, fmt: str = "{:.0%}", cmap: str = "Blues", ax=None):
    """A labelled heatmap of a small matrix (rows x columns), values written in the cells.

    Empty matrices draw nothing and return None.
    """
    if matrix.empty:
        return None
    rows, cols = matrix.shape
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 0.55 * cols + 3), max(2.0, 0.45 * rows + 1.5)))
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", vmin=0, vmax=max(values.max(), 1e-9))
    ax.set_xticks(range(cols), [str(c) for c in matrix.columns], rotation=45, ha="right")
    ax.set_yticks(range(rows), [str(i) for i in matrix.index])
    threshold = values.max() * 0.6
    for i in range(rows):
        for j in range(cols):
            if values[i, j] > 0:
                ax.text(j, i, fmt.format(values[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if values[i, j] > threshold else "black")
    ax.grid(False)
    ax.set_title(title, gid=TITLE_ID)  # the page's alt text for the chart (build/render.py)
    ax.figure.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    return ax
