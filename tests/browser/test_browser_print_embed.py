"""How the explainer prints (pages full to the foot, not half blank) and how its embed looks on its own, in the
reader's colour scheme, inside a partner's page."""

from __future__ import annotations

import io

import pytest

from conftest import AR, EN, _missing, describe, run_axe

pytestmark = pytest.mark.browser

EMBED = "embed/fall-of-aleppo-and-hama/"
EMBED_AR = "embed/fall-of-aleppo-and-hama-ar/"


# Print --------------------------------------------------------------------------------------------------------

def printed_pages(pdf: bytes) -> list[float]:
    """How far down each page its text reaches, as a share of the page's height (1.0: to the bottom edge)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        _missing("the pypdf Python package (pip install -e '.[test]')")
    shares = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        lowest = [height]

        def visit(text, cm, tm, font, size):
            if text.strip():  # the text's baseline in page space: its text matrix through the current matrix
                lowest[0] = min(lowest[0], tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        shares.append((height - lowest[0]) / height)
    return shares


# The sample printed on 14 A4 pages, five of them half blank: a card kept whole, with its day's heading (and the
# "Timeline" heading before the first), went over to the next page whenever it did not fit the rest of one.
@pytest.mark.parametrize("path, most", [(EN, 12), (AR, 12)])
def test_the_explainer_prints_without_half_empty_pages(visit, screenshots_dir, path, most):
    v = visit(path)
    pdf = v.page.pdf(format="A4")
    (screenshots_dir / f"explainer-{'ar' if path == AR else 'en'}-print-a4.pdf").write_bytes(pdf)
    shares = printed_pages(pdf)
    assert len(shares) <= most, f"{len(shares)} pages"
    # the text of every page but the last reaches well past its middle (half blank before; the foot margin is 5 %)
    assert all(share > 0.6 for share in shares[:-1]), [f"{s:.0%}" for s in shares]


def test_print_leaves_out_the_data_section_and_keeps_the_legend(visit):
    v = visit(EN)
    page = v.page
    page.emulate_media(media="print")
    assert page.eval_on_selector("h2#data", "e => getComputedStyle(e).display") == "none"
    assert page.eval_on_selector(".ce-data", "e => getComputedStyle(e).display") == "none"
    assert page.is_visible(".ce-legend")
    # a card's sources are written out once, in the Sources list, with their addresses
    link = page.locator("ul.ce-sources a[href^=http]").first
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


# Embed --------------------------------------------------------------------------------------------------------

BORDERS = """() => {
    const style = s => getComputedStyle(document.querySelector(s));
    const card = style('li.ce-event'), timeline = style('.ce-timeline'), filters = style('.ce-filters');
    const search = style('.ce-filters input[type=search]'), body = style('body');
    return {
        card: [card.borderTopStyle, card.borderTopWidth, card.borderTopColor],
        rule: [timeline.borderInlineStartStyle, timeline.borderInlineStartWidth, timeline.borderInlineStartColor],
        panel: [filters.borderTopStyle, filters.borderTopWidth, filters.borderTopColor, filters.backgroundColor],
        search: [search.borderTopStyle, search.borderTopWidth, search.borderTopColor],
        body: [body.backgroundColor, body.color],
    };
}"""


def visible(color: str) -> bool:
    return color not in ("transparent", "rgba(0, 0, 0, 0)") and not color.endswith(", 0)")


@pytest.mark.parametrize("path", [EMBED, EMBED_AR])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_embed_is_styled_on_its_own_in_the_readers_scheme(visit, screenshots_dir, axe_path, path, scheme):
    """The embed page loads our stylesheet alone: the cards' borders, the timeline's rule, the filters' panel and
    the search box are drawn all the same, and the page is light or dark as the reader's system is."""
    v = visit(path, color_scheme=scheme)
    page = v.page
    found = page.evaluate(BORDERS)
    for part in ("card", "rule", "panel", "search"):
        style, width, color = found[part][:3]
        assert style != "none" and float(width.removesuffix("px")) >= 1 and visible(color), (part, found[part])
    assert visible(found["panel"][3]) and found["panel"][3] != found["body"][0]  # the panel is set apart
    background = found["body"][0]
    assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background
    assert page.is_visible(".ce-legend")
    name = f"embed-{'ar' if path == EMBED_AR else 'en'}-{scheme}.png"
    page.screenshot(path=str(screenshots_dir / name))
    violations = run_axe(page, axe_path)
    assert violations == [], describe(violations)
    assert v.real_errors() == []
