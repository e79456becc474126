"""A report page: the executed notebook as self-contained HTML (nbconvert), without code, with a table of
contents and, for a failed report, a notice at the top and the failed cell shown whole.

The page template is ``templates/begrotingslab/`` (an nbconvert template: no scripts from the network,
readable on a phone; the long tables made interactive by the site's shared script, assets.py); the notice
and the contents are ``templates/report_notices.html.j2``. Every chart gets its title as its alt text; the
heading links ('¶', a link text that says nothing) are left out.
"""
from __future__ import annotations

import copy as _copy
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


# what nbconvert's HTML exporter adds with BeautifulSoup (see _exporter)
FOCUSABLE = re.compile(r'<div class="([^"]*)"([^>]*)>')
FOCUSABLE_CLASSES = {"jp-Cell-inputWrapper", "jp-OutputArea-output"}
IMG_TAG = re.compile(r"<img\b[^>]*>")
NO_ALT = "No description has been provided for this image"


@lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per process: building it (templates, filters) costs more than a render."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        """nbconvert's HTML exporter without its last step: parsing the whole page with BeautifulSoup (in
        pure Python) and writing it out again, only to give images without alt text a placeholder and make
        inputs and outputs focusable (tabindex). That was half of a render; _focusable does the same."""

        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node up to its BeautifulSoup pass (nbconvert 7)
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _focusable(html), resources

    # optimistic_validation: the notebook is validated once after the preprocessors, not after each of the
    # dozen (most of them disabled): a sixth of a render, the same page
    return PageExporter(template_name="begrotingslab", extra_template_basedirs=[str(TEMPLATES_DIR)],
                        exclude_input_prompt=True, exclude_output_prompt=True, language_code="nl",
                        optimistic_validation=True)


def _focusable(page: str) -> str:
    """What nbconvert's BeautifulSoup pass adds: tabindex="0" on every input wrapper and output (the page's
    body is the .jp-Notebook) and a placeholder alt text on an image without one. Only tags the template
    writes match: text from documents and outputs reaches the page escaped."""

    def focus(match: re.Match) -> str:
        if FOCUSABLE_CLASSES.isdisjoint(match.group(1).split()) or "tabindex=" in match.group(2):
            return match.group(0)
        return f'<div class="{match.group(1)}"{match.group(2)} tabindex="0">'

    def alt(match: re.Match) -> str:
        tag = match.group(0)
        if re.search(r"\salt=", tag):
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} alt="{NO_ALT}"{tag[end:]}'

    body = page.find("<body")
    if body < 0:
        return page
    return page[:body] + IMG_TAG.sub(alt, FOCUSABLE.sub(focus, page[body:]))


def render_html(nb, title: str, error: str | None = None, copy: bool = True) -> str:
    """Self-contained HTML without code: figures embedded, a table of contents, a failed cell shown whole.

    ``copy=False``: mark up ``nb`` itself (its title and cell metadata) instead of a copy, for a caller that
    has no further use for it.
    """
    if copy:
        nb = _copy.deepcopy(nb)
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
