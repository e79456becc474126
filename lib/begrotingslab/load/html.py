"""Reader for HTML: saved pages or exports of online budget editions (one page or a folder of pages).

The heading hierarchy comes from h1-h6; paragraphs, list items and tables come from their elements.
Site chrome is dropped before reading: scripts and styles, navigation, breadcrumbs, cookie banners,
toolbars ("Stel uw document zelf samen", "Direct downloaden"), page navigation and footers. When the
page marks its content (``<main>``, ``role=main``, ``<article>``), only that is read.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from ..errors import InputError, InputWarning
from ..limits import check_depth, check_size, current
from ..model import Block

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DROP_TAGS = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
             "nav", "header", "footer", "aside", "form", "button", "select", "input", "textarea", "label",
             "head", "title", "meta", "link", "img", "picture", "video", "audio", "map", "dialog"}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog",
                "menu", "menubar", "toolbar"}
CHROME_WORDS = re.compile(r"(^|[-_ ])(nav|navbar|navigation|menu|breadcrumbs?|cookies?|consent|gdpr|"
                          r"banner|toolbar|share|social|download|print|skip|sidebar|footer|header|"
                          r"pager|pagination|page-nav|search|zoek|tabs?-nav|modal|popup|"
                          r"samenstellen|compose|feedback|back-to-top)($|[-_ ])", re.I)
CHROME_TEXT = re.compile(r"^(stel uw (eigen )?document (zelf )?samen|direct downloaden|download(en)?( als)?"
                         r"( pdf| \(pdf\))?|print( deze pagina)?|afdrukken|naar boven|terug naar boven|"
                         r"vorige( pagina)?|volgende( pagina)?|delen|deel deze pagina|home|menu|zoeken|"
                         r"sluiten|accepteren|weigeren|cookie-?instellingen|ga naar (de )?inhoud|"
                         r"deze (web)?site gebruikt cookies.*|wij gebruiken cookies.*|privacyverklaring.*|"
                         r"toegankelijkheid|inhoudsopgave)\s*[.!:]?$", re.I)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "body", "li", "ul", "ol", "table", "blockquote",
              "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "figure", "figcaption", "pre",
              "address", "details", "summary", "center", "tr", "td", "th", "thead", "tbody", "tfoot",
              "caption", "hr"}
HEADING = re.compile(r"^h([1-6])$")
EMPTY = "the file is empty"


def _classes(el) -> str:
    return " ".join(filter(None, (el.get("class"), el.get("id"), el.get("aria-label"))))


def _is_chrome(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() == "header" and el.xpath("ancestor::main|ancestor::article") \
            and el.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        return False  # an article's own header with its title
    if tag.lower() in DROP_TAGS:
        return True
    if (el.get("role") or "").lower() in CHROME_ROLES or el.get("hidden") is not None \
            or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style:
        return True
    classes = _classes(el)
    match = CHROME_WORDS.search(classes) if classes else None
    if not match or tag.lower() in ("main", "article", "body", "table"):
        return False
    if match.group(2).lower() == "header" and el.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        return False  # a content header ('programma-header') that holds the page's heading
    return True


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _inline_text(el) -> str:
    """The text of an element without its nested block children (a list item's own words)."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag not in BLOCK_TAGS:
            parts.append("".join(child.itertext()) if tag != "br" else " ")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _table_rows(table) -> list[list[str]]:
    rows = []
    for tr in table.iter("tr"):
        if tr.getparent() is not None and _closest_table(tr) is not table:
            continue  # a row of a nested table
        cells = [_text(cell) for cell in tr if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]
        if any(cells):
            rows.append(cells)
    return rows


def _closest_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


class _Walker:
    def __init__(self, origin: str):
        self.origin = origin
        self.blocks: list[Block] = []

    def add(self, kind: str, text: str, level: int | None = None, rows=None) -> None:
        text = " ".join(text.split())
        if not text or (kind != "table" and CHROME_TEXT.match(text)):
            return
        self.blocks.append(Block(kind, text, level=level, rows=rows, url=self.origin))

    def walk(self, el) -> None:
        if not isinstance(el.tag, str) or _is_chrome(el):
            return
        tag = el.tag.lower()
        heading = HEADING.match(tag)
        if heading:
            self.add("heading", _text(el), level=int(heading.group(1)))
            return
        if tag == "table":
            rows = _table_rows(el)
            if rows:
                self.add("table", " | ".join(" ".join(c for c in r if c) for r in rows), rows=rows)
            return
        if tag == "li":
            self.add("list_item", _inline_text(el))
            for child in el:
                if isinstance(child.tag, str) and child.tag.lower() in BLOCK_TAGS:
                    self.walk(child)
            return
        if tag in ("p", "dt", "dd", "figcaption", "caption", "summary", "pre", "address"):
            self.add("paragraph", _text(el))
            return
        # a container: loose text between block children forms paragraphs of its own
        loose = [el.text or ""]
        for child in el:
            child_tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if child_tag in BLOCK_TAGS or (child_tag and _is_chrome(child)):
                self.add("paragraph", "".join(loose))
                loose = []
                self.walk(child)
            elif child_tag == "br":
                loose.append(" ")
            elif child_tag:
                loose.append("".join(child.itertext()))
            loose.append(child.tail or "")
        self.add("paragraph", "".join(loose))


def _parse(path: Path, data: bytes):
    import lxml.html

    encoding = None
    if b"charset" not in data[:4096].lower():  # no declared encoding: UTF-8 when it decodes, else cp1252
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    parser = lxml.html.HTMLParser(encoding=encoding)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except Exception as exc:  # lxml raises ParserError for empty or unusable documents
        if "empty" in str(exc).lower():  # nothing but whitespace, comments or a declaration
            raise InputError(path, EMPTY) from None
        if any("Excessive depth" in str(e) for e in parser.error_log):
            check_depth(path, current().max_depth + 1, "the HTML page")
        raise InputError(path, f"the HTML cannot be parsed ({exc})") from None
    # libxml2 silently drops what nests deeper than 256 levels: a page that deep is refused, not half read
    if any("Excessive depth" in str(e) for e in parser.error_log):
        check_depth(path, current().max_depth + 1, "the HTML page")
    check_depth(path, _depth(root), "the HTML page")
    return root


def _depth(root) -> int:
    """How deep the elements nest (iteratively: the walk below recurses, this must not)."""
    depths = {root: 1}
    deepest = 1
    for el in root.iterdescendants():
        depth = depths[el.getparent()] + 1
        depths[el] = depth
        deepest = max(deepest, depth)
    return deepest


def page_origin(root, path: Path) -> str:
    """The page's own address when it says (canonical link, og:url), else its file name."""
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = root.xpath(xpath)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return path.name


def blocks_from_html(path: Path, data: bytes) -> list[Block]:
    if not data.strip():
        raise InputError(path, EMPTY)
    root = _parse(path, data)
    origin = page_origin(root, path)
    for el in root.iter():  # line breaks and block ends separate words: '<p>a</p><p>b</p>' -> 'a b'
        if isinstance(el.tag, str) and (el.tag.lower() == "br" or el.tag.lower() in BLOCK_TAGS):
            el.tail = " " + (el.tail or "")
    body = root.find("body") if root.find("body") is not None else root
    content = (body.xpath(".//main | .//*[@role='main']") or body.xpath(".//article") or [body])
    walker = _Walker(origin)
    for el in content:
        if any(el is not other and other in el.iterancestors() for other in content):
            continue
        walker.walk(el)
    return walker.blocks


def read_html(path: str | Path, data: bytes | None = None) -> tuple[dict[str, Any], list[Block]]:
    """Read one HTML page into (fields, blocks); a page with only site chrome raises InputError."""
    path = Path(path)
    if data is None:
        data = path.read_bytes()
    blocks = blocks_from_html(path, data)
    if not blocks:
        raise InputError(path, "the HTML page holds no budget text, only site chrome "
                               "(navigation, cookie banner, footer); save the page with its content")
    return {}, blocks


def _natural_key(path: Path) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name.lower())]


def page_order(pages: list[Path], roots: dict[Path, Any]) -> list[Path]:
    """Reading order of the pages of one edition: the order of the site menu or table of contents.

    The page linking to most of the others (an index page, or any page with the site menu) gives the
    order; a page it does not link to follows in natural file-name order.
    """
    by_name = {p.name.lower(): p for p in pages}
    links: dict[Path, list[Path]] = {}
    for page in pages:
        seen: list[Path] = []
        for href in roots[page].xpath("//a/@href"):
            target = by_name.get(str(href).split("#")[0].split("?")[0].rstrip("/").rsplit("/", 1)[-1].lower())
            if target is not None and target not in seen:
                seen.append(target)
        links[page] = seen
    guide = max(sorted(pages, key=_natural_key), key=lambda p: (len(links[p]), p.stem.lower() in ("index", "home")))
    ordered = list(links[guide])
    if guide not in ordered:
        ordered.insert(0, guide)
    return ordered + [p for p in sorted(pages, key=_natural_key) if p not in ordered]


def _is_page(path: Path, links: bool = False) -> bool:
    return (path.suffix.lower() in HTML_SUFFIXES and not path.name.startswith(".")
            and path.is_symlink() == links and (links or path.is_file()))


def html_pages(folder: Path) -> list[Path]:
    """The saved pages in a folder: regular files only (a link is never followed, a fifo never opened)."""
    return [p for p in folder.iterdir() if _is_page(p)]


def read_html_folder(folder: str | Path) -> tuple[dict[str, Any], list[Block]]:
    """Read the pages of one online edition, saved in one folder, as one document.

    A page that is empty or holds only site chrome is skipped with a warning naming it (a saved menu or
    cookie page should not cost the whole edition); so is a link, which is never followed.
    """
    folder = Path(folder)
    pages = html_pages(folder)
    if not pages:
        raise InputError(folder, "the folder holds no .html pages")
    for link in sorted(p for p in folder.iterdir() if _is_page(p, links=True)):
        warnings.warn(InputWarning(link, "is a symbolic link, not a saved page; skipped"), stacklevel=2)
    check_size(folder, sum(p.stat().st_size for p in pages), "the online edition (its pages together)")
    roots, data = {}, {}
    for page in pages:
        data[page] = page.read_bytes()
        try:
            roots[page] = _parse(page, data[page]) if data[page].strip() else None
        except InputError as exc:
            if exc.problem != EMPTY:
                raise
            roots[page] = None
    for page in sorted(p for p in pages if roots[p] is None):
        warnings.warn(InputWarning(page, "the page is empty; skipped"), stacklevel=2)
    read = [p for p in pages if roots[p] is not None]
    if not read:
        raise InputError(folder, "every page in the folder is empty")
    blocks: list[Block] = []
    for page in page_order(read, roots):
        found = blocks_from_html(page, data[page])
        if not found:
            warnings.warn(InputWarning(page, "the page holds no budget text, only site chrome; skipped"), stacklevel=2)
        blocks.extend(found)
    if not blocks:
        raise InputError(folder, "the HTML pages hold no budget text, only site chrome")
    return {}, blocks
