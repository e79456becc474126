"""Synthetic Dutch budget documents, one content written as text, PDF, HTML and DOCX.

Used by tests/test_formats.py and bench/bench_formats.py. Everything is generated from our own text at
test or bench time; nothing fetched is stored. A document is a list of ``Item``s:
("heading", text, level), ("paragraph", text), ("list_item", text), ("table", rows).
"""
from __future__ import annotations

import html
import random
from pathlib import Path
from typing import NamedTuple


class Item(NamedTuple):
    kind: str
    text: str = ""
    level: int | None = None
    rows: list[list[str]] | None = None


TITLE = "Programmabegroting 2024"
HEADER = "Gemeente Diemen - Programmabegroting 2024"

SENTENCES = [
    "De gemeente investeert in de ontwikkeling van duurzame voorzieningen voor alle inwoners.",
    "We willen de dienstverlening aan inwoners en ondernemers verder verbeteren.",
    "In 2024 verminderen we de hoeveelheid huishoudelijk restafval tot 100 kilogram per inwoner.",
    "Het college onderzoekt samen met maatschappelijke partners welke ondersteuningsmogelijkheden nodig zijn.",
    "Wij zetten ons in voor een toekomstbestendig lokaal bestuur met betrokken medewerkers.",
    "Daarnaast stimuleren we competentie-ontwikkeling van alle medewerkers van de organisatie.",
    "De samenwerking binnen de regio wordt versterkt, onder andere met de Duo+-gemeenten.",
    "Ons doel is dat uiterlijk in 2026 minimaal 30% van de woningen aardgasvrij is.",
    "Het programma draagt bij aan de leefbaarheid van wijken en buurten in Diemen.",
    "We evalueren de uitvoeringsprogramma's jaarlijks en rapporteren hierover aan de gemeenteraad.",
    "De verantwoordelijkheidsverdeling tussen gemeente en woningcorporaties wordt vastgelegd in prestatieafspraken.",
    "Met als doel dat jongeren vaker deelnemen aan sport- en cultuuractiviteiten.",
    "Wij ondersteunen mantelzorgers met informatie, advies en respijtvoorzieningen.",
    "De gemeentelijke organisatie werkt aan informatiebeveiliging en digitale toegankelijkheid.",
    "Het beleid wordt uitgevoerd binnen de financiële kaders van de meerjarenbegroting.",
]
PROGRAMMES = [
    ("Samen besturen", "E. Boog en H. Prins"),
    ("Sociaal domein", "A. Jansen"),
    ("Wonen en leefomgeving", "M. de Vries"),
    ("Economie en werk", "E. Boog"),
]
SECTIONS = ["Visie / strategisch doel", "Wat willen we bereiken?", "Wat gaan we daarvoor doen?",
            "Wat mag het kosten?"]


def cost_table(n: int) -> list[list[str]]:
    return [["Taakveld", "Lasten 2024", "Baten 2024", "Fte"],
            [f"0.{n} Bestuur", f"\u20ac {1376 + 11 * n:,}".replace(",", "."), "\u20ac 412", "5,98"],
            [f"6.{n} Toegang", "\u20ac 2.045", "n.n.b.", "1,25"],
            ["Saldo", f"\u20ac -{964 + n}", "-", "nb"]]


def budget(programmes: int = 2, paragraphs: int = 2, sentences: int = 4, seed: int = 2024) -> list[Item]:
    """A budget with the usual structure: front matter, programmes with holders and the three W-questions."""
    rng = random.Random(seed)
    items = [Item("heading", TITLE, 1), Item("paragraph", "Versie: Vastgesteld door Raad"),
             Item("paragraph", "9 november 2023")]
    for p in range(programmes):
        name, holders = PROGRAMMES[p % len(PROGRAMMES)]
        if p >= len(PROGRAMMES):
            name = f"{name} {p // len(PROGRAMMES) + 1}"
        items += [Item("heading", name, 1), Item("paragraph", f"Portefeuillehouder: {holders}")]
        for s, section in enumerate(SECTIONS):
            items.append(Item("heading", section, 2))
            if s == 3:
                items.append(Item("paragraph", " ".join(rng.sample(SENTENCES, 2))))
                items.append(Item("table", rows=cost_table(p + 1)))
                continue
            for k in range(paragraphs):
                if s == 1 and k == 1:
                    items.append(Item("heading", f"Doelstelling {p + 1}.{k}", 3))
                items.append(Item("paragraph", " ".join(rng.sample(SENTENCES, min(sentences, len(SENTENCES))))))
            if s == 2:
                for _ in range(3):
                    items.append(Item("list_item", rng.choice(SENTENCES)))
    return items


def large_budget(words: int = 120_000, seed: int = 7) -> list[Item]:
    """A budget of about ``words`` words (for the 250-page benchmark)."""
    per_programme = sum(len(t.text.split()) for t in budget(1, 6, 8, seed) if t.kind != "table")
    return budget(programmes=max(1, words // per_programme), paragraphs=6, sentences=8, seed=seed)


def words(items: list[Item]) -> int:
    return sum(len(i.text.split()) for i in items) + sum(len(c.split()) for i in items if i.rows
                                                         for r in i.rows for c in r)


# --- text (markdown) -------------------------------------------------------------------------------

def write_text(items: list[Item], path: Path) -> Path:
    out = []
    for item in items:
        if item.kind == "heading":
            out.append("#" * item.level + " " + item.text)
        elif item.kind == "list_item":
            out.append("- " + item.text)
        elif item.kind == "table":
            out.append("\n".join(["| " + " | ".join(item.rows[0]) + " |",
                                  "|" + "---|" * len(item.rows[0])]
                                 + ["| " + " | ".join(r) + " |" for r in item.rows[1:]]))
        else:
            out.append(item.text)
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


# --- PDF (reportlab canvas, our own line layout so hyphenation and page breaks are real) ------------

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 523.0, 770.0, 80.0
HEADING_FONTS = {1: ("Helvetica-Bold", 18), 2: ("Helvetica-Bold", 13), 3: ("Helvetica-Bold", 10)}
BODY = ("Helvetica", 10)
VOWELS = set("aeiouy\u00e9\u00eb\u00ef")


def _hyphen_points(word: str) -> list[int]:
    """Places a Dutch word may be broken: before a consonant followed by a vowel, between double consonants."""
    points = []
    for k in range(3, len(word) - 3):
        a, b, c = word[k - 1], word[k], word[k + 1] if k + 1 < len(word) else ""
        if not (a.isalpha() and b.isalpha() and a.islower() and b.islower()):
            continue
        if (b not in VOWELS and c in VOWELS and a in VOWELS) or (a == b and a not in VOWELS):
            points.append(k)
    return points


def _wrap(text: str, font: str, size: float, width: float, hyphenate: bool) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if stringWidth(trial, font, size) <= width:
            line = trial
            continue
        if hyphenate and len(word) >= 9:
            for k in reversed(_hyphen_points(word)):
                head = f"{line} {word[:k]}-" if line else f"{word[:k]}-"
                if stringWidth(head, font, size) <= width:
                    lines.append(head)
                    line = word[k:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


class _PdfWriter:
    def __init__(self, path: Path, header: bool = True, encrypt: str | None = None):
        from reportlab.pdfgen import canvas

        self.canvas = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=encrypt, invariant=1)
        self.header, self.page, self.y = header, 0, TOP
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.y = TOP
        if self.header:
            self.canvas.setFont("Helvetica", 8)
            self.canvas.drawString(LEFT, PAGE_H - 40, HEADER)
            self.canvas.drawRightString(RIGHT, 40, f"Pagina {self.page}")

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self._new_page()

    def line(self, text: str, font: tuple[str, float], x: float = LEFT, leading: float = 13) -> None:
        self.need(leading)
        self.y -= leading
        self.canvas.setFont(*font)
        self.canvas.drawString(x, self.y, text)

    def save(self) -> None:
        self.canvas.save()


def write_pdf(items: list[Item], path: Path, header: bool = True, encrypt: str | None = None) -> Path:
    pdf = _PdfWriter(path, header=header, encrypt=encrypt)
    for item in items:
        if item.kind == "heading":
            font = HEADING_FONTS[item.level]
            pdf.need(font[1] * 4)  # keep a heading with what follows
            pdf.y -= font[1] * 0.8
            for text in _wrap(item.text, *font, RIGHT - LEFT, False):
                pdf.line(text, font, leading=font[1] * 1.25)
            pdf.y -= 4
        elif item.kind == "paragraph":
            for text in _wrap(item.text, *BODY, RIGHT - LEFT, True):
                pdf.line(text, BODY)
            pdf.y -= 8
        elif item.kind == "list_item":
            for n, text in enumerate(_wrap(item.text, *BODY, RIGHT - LEFT - 20, True)):
                pdf.line(text, BODY, x=LEFT + 20)
                if n == 0:
                    pdf.canvas.drawString(LEFT + 6, pdf.y, "\u2022")
            pdf.y -= 4
        elif item.kind == "table":
            pdf.y -= 4
            columns = [LEFT, LEFT + 170, LEFT + 270, LEFT + 370]
            for r, row in enumerate(item.rows):
                pdf.need(14)
                pdf.y -= 14
                pdf.canvas.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
                for x, cell in zip(columns, row):
                    pdf.canvas.drawString(x, pdf.y, cell)
            pdf.y -= 10
    pdf.save()
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose pages are only a picture: no text layer, as a scan."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    for _ in range(2):
        c.setFillGray(0.4)
        for y in range(700, 300, -14):
            c.rect(LEFT, y, 400, 6, fill=1, stroke=0)  # lines of 'print' drawn as shapes
        c.showPage()
    c.save()
    return path


# --- HTML (an online edition page with its site chrome) --------------------------------------------

CHROME_HEAD = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{title} - Gemeente Diemen</title>
<style>body {{ font-family: sans-serif }} .cookie {{ position: fixed }}</style>
<script>window.dataLayer = []; function track() {{ return "Stel uw document zelf samen"; }}</script>
<link rel="canonical" href="{url}">
</head><body>
<div class="cookie-banner" id="cookieconsent"><p>Deze website gebruikt cookies om het gebruik te analyseren.</p>
<button>Accepteren</button></div>
<header class="site-header"><a href="index.html">Gemeente Diemen</a><p>Begroting 2024</p></header>
<nav class="main-menu"><ul>{menu}</ul></nav>
<ol class="breadcrumb"><li><a href="index.html">Home</a></li><li>{title}</li></ol>
<div class="toolbar"><a class="btn" href="#">Stel uw document zelf samen</a>
<a class="download" href="begroting.pdf">Direct downloaden</a></div>
<main id="content">
"""
CHROME_TAIL = """</main>
<div class="page-nav"><a href="#">Vorige pagina</a> <a href="#">Volgende pagina</a></div>
<footer><p>Gemeente Diemen, Postbus 191, 1110 AD Diemen</p><p>Privacyverklaring | Toegankelijkheid</p></footer>
<script>track();</script>
</body></html>
"""


def _html_items(items: list[Item]) -> str:
    out, in_list = [], False
    for item in items:
        if item.kind == "list_item" and not in_list:
            out.append("<ul>")
            in_list = True
        elif item.kind != "list_item" and in_list:
            out.append("</ul>")
            in_list = False
        text = html.escape(item.text)
        if item.kind == "heading":
            out.append(f"<h{item.level}>{text}</h{item.level}>")
        elif item.kind == "list_item":
            out.append(f"<li>{text}</li>")
        elif item.kind == "table":
            head = "".join(f"<th>{html.escape(c)}</th>" for c in item.rows[0])
            body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                           for r in item.rows[1:])
            out.append(f'<div class="table-wrapper"><table><thead><tr>{head}</tr></thead>'
                       f"<tbody>{body}</tbody></table></div>")
        else:
            # inline markup and a line break inside the source, as CMS exports have
            words = text.split(" ")
            if len(words) > 6:
                words[2] = f"<strong>{words[2]}</strong>"
                words[5] = words[5] + "\n   "
            out.append(f"<p>{' '.join(words)}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def write_html(items: list[Item], path: Path, url: str = "https://diemen.begroting-2024.nl/p1",
               menu: list[tuple[str, str]] | None = None) -> Path:
    menu = menu or [("index.html", "Home"), ("programmas.html", "Programma's"), ("paragrafen.html", "Paragrafen")]
    links = "".join(f'<li><a href="{href}">{html.escape(label)}</a></li>' for href, label in menu)
    title = next((i.text for i in items if i.kind == "heading"), TITLE)
    page = CHROME_HEAD.format(title=html.escape(title), url=url, menu=links) + _html_items(items) + CHROME_TAIL
    path.write_text(page, encoding="utf-8")
    return path


def write_html_folder(items: list[Item], folder: Path) -> Path:
    """The budget as an online edition: one page for the front matter and one per programme.

    File names do not sort in reading order (as with slugs); the site menu on every page gives the order.
    """
    folder.mkdir(parents=True, exist_ok=True)
    pages: list[list[Item]] = [[]]
    for n, item in enumerate(items):
        if item.kind == "heading" and item.level == 1 and n > 0:
            pages.append([])
        pages[-1].append(item)
    names = ["index.html"] + [f"{_slug(p[0].text)}.html" for p in pages[1:]]
    menu = [(name, page[0].text) for name, page in zip(names, pages)]
    for name, page in zip(names, pages):
        write_html(page, folder / name, url=f"https://diemen.begroting-2024.nl/{name[:-5]}", menu=menu)
    return folder


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def write_chrome_only_html(path: Path) -> Path:
    page = CHROME_HEAD.format(title="Home", url="https://diemen.begroting-2024.nl/", menu="") + CHROME_TAIL
    path.write_text(page, encoding="utf-8")
    return path


# --- DOCX ------------------------------------------------------------------------------------------

def write_docx(items: list[Item], path: Path) -> Path:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER  # headers live outside the body; they must not leak in
    for item in items:
        if item.kind == "heading":
            document.add_heading(item.text, level=item.level)
        elif item.kind == "list_item":
            document.add_paragraph(item.text, style="List Bullet")
        elif item.kind == "table":
            table = document.add_table(rows=len(item.rows), cols=len(item.rows[0]))
            for r, row in enumerate(item.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            paragraph = document.add_paragraph()
            words = item.text.split(" ")
            paragraph.add_run(" ".join(words[:3]) + " ")
            paragraph.add_run(" ".join(words[3:])).bold = len(words) > 6  # runs split mid-paragraph
    document.save(str(path))
    return path
