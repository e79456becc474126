"""What the per-report speed-ups of issue 15 must keep: the same charts, the same pages, a kernel that starts
like a fresh one. None of these runs a kernel."""
from __future__ import annotations

import copy
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from begrotingslab import plots  # noqa: E402

SVG_SIZE = re.compile(r'<svg [^>]*?width="([0-9.]+)pt" height="([0-9.]+)pt" viewBox="([^"]+)"')


def _charts():
    """One chart of each kind the reports draw, some with labels and legends outside the axes."""
    series = pd.Series({"Bestuur en ondersteuning": 12.5, "Veiligheid": 3.0, "Verkeer, vervoer en waterstaat": 8.25})
    yield lambda: plots.barh(series, "Themaprofiel, Diemen 2024", "Aandeel van de woorden (%)")
    scores = pd.DataFrame({0: [3, 1, 4], 1: [2, 5, 1], 2: [1, 1, 6]}, index=["Specifiek", "Meetbaar", "Tijdgebonden"])
    yield lambda: plots.smart_distribution(scores, "SMART-scores van ambities en toezeggingen")
    matrix = pd.DataFrame([[0.1, 0.5], [0.3, 0.9]], index=["Programma 1", "Programma 2 Sociaal domein"],
                          columns=["Bestuur", "Wonen en ruimtelijke ordening"])
    yield lambda: plots.heatmap(matrix, "Thema's per programma")
    peers = pd.DataFrame({"value": [100, 250], "q25": [80, 200], "median": [95, 240], "q75": [120, 300]},
                         index=["Bestuur", "Onderwijs"])
    yield lambda: plots.peer_ranges(peers, "Lasten per inwoner", "Euro per inwoner", source="Bron: CBS, Iv3")


@pytest.mark.parametrize("make", list(_charts()))
def test_tight_svg_in_one_draw_has_the_size_of_the_tight_svg(make):
    """The one-draw SVG is as large as IPython's tight SVG (two draws), shows the same box of the figure, and
    is drawn once."""
    from IPython.core import pylabtools

    original = getattr(pylabtools.print_figure, "__wrapped__", pylabtools.print_figure)
    with plt.rc_context():
        plots.use_house_style()
        plt.close("all")
        tight = original(make().figure, fmt="svg", bbox_inches="tight")
        plt.close("all")
        figure = make().figure
        draws = []
        draw = figure.draw
        figure.draw = lambda renderer: (draws.append(1), draw(renderer))[1]
        once = plots._print_figure(original, figure, fmt="svg", bbox_inches="tight")
        plt.close("all")
    expected, got = SVG_SIZE.search(tight), SVG_SIZE.search(once)
    assert got.group(1, 2) == expected.group(1, 2)  # the same width and height in points
    assert got.group(3).split()[2:] == expected.group(3).split()[2:]
    assert len(draws) == 1
    # the figure's white background covers the whole box, outside the figure too
    x0, y0, width, height = (float(v) for v in got.group(3).split())
    patch = re.search(r'<g id="patch_1">\s*<path d="M ([-0-9.]+) ([-0-9.]+) ', once)
    assert (float(patch.group(1)), float(patch.group(2))) == pytest.approx((x0, y0 + height), abs=1e-5)


def test_other_figures_go_to_ipython():
    """PNG, or an explicit box, is IPython's own function, untouched."""
    calls = []

    def original(fig, **kwargs):
        calls.append(kwargs)
        return "original"

    figure = plt.figure()
    figure.add_subplot().plot([1, 2])
    assert plots._print_figure(original, figure, fmt="png") == "original"
    assert plots._print_figure(original, figure, fmt="svg", bbox_inches=None) == "original"
    plt.close(figure)
    assert len(calls) == 2


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Titel\n\nTekst met <b>opmaak</b> & 'aanhalingstekens'.\n\n"
                                              "![zonder alt](data:image/png;base64,iVBORw0KGgo=)"),
                nbformat.v4.new_code_cell("x = 1", outputs=[
                    nbformat.v4.new_output("display_data", {"text/html": "<table><tr><td>1</td></tr></table>"
                                                                         "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
                                                            "text/plain": "t"}),
                    nbformat.v4.new_output("stream", name="stdout", text="regel\n")]),
                nbformat.v4.new_code_cell("y = 2")]
    return nb


def test_page_is_the_document_nbconverts_beautifulsoup_pass_would_write():
    """Without nbconvert's BeautifulSoup pass, the page is the same document: BeautifulSoup reads it back into
    exactly what the stock exporter writes (the tabindex and alt text it added included)."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from begrotingslab.build.assets import FROM_REPORT
    from begrotingslab.build.render import _exporter
    from begrotingslab.paths import TEMPLATES_DIR

    stock = HTMLExporter(template_name="begrotingslab", extra_template_basedirs=[str(TEMPLATES_DIR)],
                         exclude_input_prompt=True, exclude_output_prompt=True, language_code="nl",
                         optimistic_validation=True)
    nb = _notebook()
    expected, _ = stock.from_notebook_node(copy.deepcopy(nb), resources={"static": FROM_REPORT})
    page, _ = _exporter().from_notebook_node(copy.deepcopy(nb), resources={"static": FROM_REPORT})
    assert 'tabindex="0"' in page and 'alt="No description has been provided for this image"' in page
    assert str(BeautifulSoup(page, features="html.parser")) == expected


def test_template_preloads_and_warms_without_changing_a_fresh_kernel():
    """The template imports what kernels import, but not the inline backend itself (importing it is what hooks
    it into a kernel's shell), and its warm-up leaves no figure, style or pandas option behind."""
    code = (
        "import importlib, sys, matplotlib, pandas as pd\n"
        "from begrotingslab.build import kernels\n"
        "for name in kernels.PRELOAD:\n"
        "    importlib.import_module(name)\n"
        "assert 'matplotlib_inline' not in sys.modules, 'inline backend imported'\n"
        "before = dict(matplotlib.rcParams)\n"
        "kernels._warm_charts(); kernels._warm_templates()\n"
        "assert dict(matplotlib.rcParams) == before\n"
        "assert 'matplotlib_inline' not in sys.modules\n"
        "assert pd.get_option('display.max_colwidth') == 50\n"
        "from matplotlib._pylab_helpers import Gcf\n"
        "assert not Gcf.figs\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**__import__("os").environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1",
                               "MPLBACKEND": "module://matplotlib_inline.backend_inline"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")
