"""A report page: the executed notebook as self-contained HTML (nbconvert), without code, with a table of
contents and, for a failed report, a notice at the top and the failed cell shown whole.

The page template is ``templates/begrotingslab/`` (an nbconvert template: no scripts from the network,
readable on a phone; the long tables made interactive by the site's shared script, assets.py); the notice
and the contents are ``templates/report_notices.html.j2``. Every chart gets its title as its alt text; the
heading links ('¶', a link text that says nothing) are left out.
"""
from __future__ import annotations

import copy
import html
import re
from functools import lru_cache

from ..paths import TEMPLATES_DIR
from ..present import TITLE_ID
from ..templating import render
from .assets import FROM_REPORT

HEADING = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">[^<]*</a>')
CHART_TITLE = re.compile(rf'<g id="{TITLE_ID}">\s*<text[^>]*>(.*?)</text>', re.S)


@lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per process: building it (templates, filters) costs more than a render."""
    from nbconvert import HTMLExporter

    # optimistic_validation: the notebook is validated once after the preprocessors, not after each of the
    # dozen (most of them disabled): a sixth of a render, the same page
    return HTMLExporter(template_name="begrotingslab", extra_template_basedirs=[str(TEMPLATES_DIR)],
                        exclude_input_prompt=True, exclude_output_prompt=True, language_code="nl",
                        optimistic_validation=True)


def render_html(nb, title: str, error: str | None = None) -> str:
    """Self-contained HTML without code: figures embedded, a table of contents, a failed cell shown whole."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    for cell in nb.cells:
        failed = cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        is_papermill_banner = "papermill-error-cell-tag" in cell.metadata.get("tags", [])
        if (cell.cell_type == "code" and not failed) or is_papermill_banner:
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            _describe_chart(output)
    body, _ = _exporter().from_notebook_node(nb, resources={"static": FROM_REPORT})
    return _add_notices(ANCHOR_LINK.sub("", body), error)


def _describe_chart(output) -> None:
    """A chart's alt text, for readers who cannot see it: its title (plots.py marks it), else 'Grafiek'."""
    for mimetype in ("image/svg+xml", "image/png"):
        if mimetype not in output.get("data", {}):
            continue
        described = output.setdefault("metadata", {}).setdefault(mimetype, {})
        if described.get("alt"):
            continue
        found = CHART_TITLE.search(output["data"][mimetype]) if mimetype == "image/svg+xml" else None
        described["alt"] = f"Grafiek: {html.unescape(found.group(1)).strip()}" if found else "Grafiek"


def _add_notices(page: str, error: str | None) -> str:
    """The failure notice and the table of contents (with more than two headings), after the title."""
    headings = [(int(level), html.unescape(anchor),
                 html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u00b6", "").strip())
                for level, anchor, text in HEADING.findall(page)]
    contents = headings[1:] if len(headings) > 2 else []
    if not error and not contents:
        return page
    insert = render("report_notices.html.j2", error=error, headings=contents)
    # after the first heading (the title), or at the start of <main>
    first = HEADING.search(page)
    if first:
        return page[:first.end()] + insert + page[first.end():]
    return page.replace("<main>", "<main>" + insert, 1)
