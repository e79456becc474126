"""A real headless browser for the site's checks (tests/test_browser.py, bench/bench_site.py): Debian's chromium
driven by Playwright, offline, with a basic accessibility audit of a page.

Nothing is downloaded: Playwright starts /usr/bin/chromium (``apt-get install chromium``; .ci/run installs it),
never a browser of its own (no ``playwright install``).
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def missing() -> str | None:
    """Why the browser checks cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install -y chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (requirements.lock)"
    return None


@contextmanager
def chromium():
    """A headless chromium (a Playwright Browser), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Visit:
    """One page opened in a fresh context (a phone or a desktop), noting script errors and every request that
    would leave the machine."""

    def __init__(self, browser, path: Path, viewport: dict = DESKTOP):
        self.context = browser.new_context(viewport=viewport, java_script_enabled=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(Path(path).resolve().as_uri(), wait_until="load")

    @property
    def network(self) -> list[str]:
        """The requests that were not for local files or inline data."""
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]

    def audit(self) -> list[str]:
        """The page's accessibility problems (empty when none): see AUDIT."""
        return self.page.evaluate(AUDIT)

    def scrolls_sideways(self) -> bool:
        """True when the page itself is wider than the screen (tables scroll inside their own box instead)."""
        return self.page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")

    def close(self) -> None:
        self.context.close()


# A basic check, not a full audit: language and viewport, one h1 and no skipped heading level, a header cell in
# every table, link texts that say where they go, alt text on every image, labelled form fields, and the contrast
# of visible text against its background (WCAG AA: 4.5, or 3 for large text).
AUDIT = r"""() => {
  const problems = [];
  const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
                      && getComputedStyle(el).visibility !== "hidden";
  if (!document.documentElement.lang) problems.push("no lang on <html>");
  if (!document.querySelector('meta[name="viewport"]')) problems.push("no viewport meta");
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  if (document.querySelectorAll("h1").length !== 1) problems.push(`${document.querySelectorAll("h1").length} h1 headings`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) problems.push(`heading h${previous} -> h${level}: ${h.textContent.trim().slice(0, 50)}`);
    previous = level;
  }
  for (const table of document.querySelectorAll("table")) {
    if (!table.querySelector("th")) problems.push(`table without header cells: ${table.textContent.trim().slice(0, 50)}`);
  }
  const vague = /^(hier|klik hier|link|lees meer|meer|¶|#|\s*)$/i;
  for (const a of document.querySelectorAll("a[href]")) {
    const text = (a.getAttribute("aria-label") || a.textContent || "").trim();
    if (vague.test(text)) problems.push(`link text ${JSON.stringify(text)} -> ${a.getAttribute("href")}`);
  }
  for (const img of document.querySelectorAll("img")) {
    const alt = img.getAttribute("alt");
    if (alt === null || !alt.trim() || /no description/i.test(alt)) problems.push(`image without alt text: ${(alt || "").slice(0, 40)}`);
  }
  for (const field of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    if (!(field.labels && field.labels.length) && !field.getAttribute("aria-label")) problems.push(`unlabelled field ${field.outerHTML.slice(0, 60)}`);
  }
  const rgba = s => { const m = s.match(/[\d.]+/g) || [0, 0, 0, 0]; return m.map(Number).concat([1]).slice(0, 4); };
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const seen = new Set();
  for (const el of document.querySelectorAll("body *")) {
    if (!shown(el) || el.closest("svg, [disabled], .disabled, [aria-disabled=true]")) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    if (Number(style.opacity) < 1) continue;
    const fg = rgba(style.color), bg = background(el);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const key = `${style.color} on ${bg}`;
    if (ratio < needed && !seen.has(key)) {
      seen.add(key);
      problems.push(`contrast ${ratio.toFixed(2)} < ${needed}: ${key}: ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  return problems;
}"""
