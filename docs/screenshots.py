"""Take the explorer screenshots used in the docs: docs/img/explorer.png, explorer-panel.png, explorer-source.png.

Builds nothing: run ``kg build`` first, then ``.venv/bin/python docs/screenshots.py``. Opens
build/explorer.html in Debian's Chromium through playwright (never ``playwright install``) with the
launch arguments as the tests (kg/browser.py), and lets no request but the page itself through.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.browser import launch

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "build" / "explorer.html"
OUT = ROOT / "docs" / "img"
VIEWPORT = {"width": 1400, "height": 900}
READY = "body[data-ready='1']"  # a selector wait: the page's CSP forbids playwright's eval polling
UNITREE = "https://w3id.org/binjiang-kg/id/unitree"


def open_page(browser, url: str):
    """Return a new page showing ``url`` once its layout has settled; any other request is aborted."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.split("#")[0] == url else r.abort())
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    return page


def shrink(path: Path) -> None:
    """Re-save ``path`` as a 256-colour PNG when Pillow is installed (it is with the notebook extra).

    Anti-aliased text makes full-colour screenshots large; a palette keeps them well under 400 KB
    and, with MAXCOVERAGE (no colour off by more than a few levels, unlike MEDIANCUT, which
    turned yellow nodes orange), looks the same. Without Pillow the full-colour PNG is kept.
    """
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MAXCOVERAGE,
                                                dither=Image.Dither.NONE)
    small.save(path, format="PNG", optimize=True)


def main() -> int:
    if not PAGE.is_file():
        print(f"{PAGE} not found: run `kg build` first", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    url = PAGE.as_uri()
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = open_page(browser, url)  # the page's own language is Chinese
            page.screenshot(path=str(OUT / "explorer.png"))

            page = open_page(browser, url)
            page.click("button[data-lang=en]")
            page.evaluate("id => { network.selectNodes([id]);"
                          " network.focus(id, {scale: 0.75, animation: false}); }", UNITREE)
            x, y = page.evaluate(
                """id => {
                    const p = network.canvasToDOM(network.getPositions([id])[id]);
                    const r = document.getElementById('kg-network').getBoundingClientRect();
                    return [r.left + p.x, r.top + p.y];
                }""", UNITREE)
            page.mouse.click(x, y)  # a real click, so the panel opens the way a user opens it
            page.mouse.move(15, 60, steps=5)  # onto empty canvas, which hides the hover tooltip
            page.wait_for_selector("#kg-panel h2", state="visible")
            page.wait_for_timeout(300)  # let the tooltip fade
            page.screenshot(path=str(OUT / "explorer-panel.png"))

            # The source view, opened from the URL fragment, with one passage's facts listed.
            page = open_page(browser, url)
            page.goto(url + "#view=source")
            page.wait_for_selector("#kg-source mark.kg-hl", state="visible")
            page.locator("mark.kg-hl", has_text="科技创新鼎").first.click()
            page.wait_for_selector("#kg-source-facts li", state="visible")
            page.screenshot(path=str(OUT / "explorer-source.png"))
        finally:
            browser.close()
    for name in ("explorer.png", "explorer-panel.png", "explorer-source.png"):
        path = OUT / name
        shrink(path)
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
