"""Share cards (issue 25, and issue 24's `image`): a 1200x630 PNG per explainer, named by what it shows, in
og:image, twitter:image and the JSON-LD; Arabic shaped and right to left, checked in the image itself."""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

from generator.outputs import sharecards
from support import Project, copy_project


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("cards-sample")
    copy_project(root)
    project = Project(root)
    project.build()
    return project


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def card_file(project: Project, url: str):
    path = url.removeprefix("https://example.github.io/conflict-explainers/")
    assert path.startswith("assets/cards/") and path.endswith(".png"), url
    return project.site / path


@pytest.mark.parametrize("slug", ["fall-of-aleppo-and-hama", "fall-of-aleppo-and-hama-ar", "fall-of-damascus"])
def test_each_explainer_names_its_card_in_open_graph_twitter_and_json_ld(sample, slug):
    html = sample.html(f"explainers/{slug}")
    image = meta(html, "og:image")
    assert image and meta(html, "twitter:image") == image
    assert meta(html, "twitter:card") == "summary_large_image"
    assert (meta(html, "og:image:width"), meta(html, "og:image:height"), meta(html, "og:image:type")) == \
        ("1200", "630", "image/png")
    title = re.search(r'<meta property="og:title" content="([^"]*)">', html).group(1)
    alt = meta(html, "og:image:alt")
    assert alt.startswith(title + ". What We Know So Far") and meta(html, "twitter:image:alt") == alt
    assert ("حُدّث 6 ديسمبر 2024" if slug.endswith("-ar") else "Updated") in alt
    graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    article = graph["@graph"][0]
    assert article["image"] == [image]
    with Image.open(card_file(sample, image)) as card:
        assert card.format == "PNG" and card.size == (1200, 630)


def test_a_card_is_the_same_bytes_from_the_same_content(sample):
    files = sorted((sample.site / "assets" / "cards").glob("*.png"))
    assert len(files) == 3
    for path in files:
        sharecards._CACHE.clear()
        html_card = next(c for c in _cards_of_sample() if path.name.endswith(f".{c.key}.png"))
        assert sharecards._draw(html_card) == path.read_bytes()
    assert len(files[0].read_bytes()) < 60_000  # a palette PNG: about 25 KB on the sample


def _cards_of_sample():
    from generator.records.content import load_content
    from generator.pages.site import Site
    from support import REPO

    site = Site(load_content(REPO / "content", REPO), name="What We Know So Far")
    return [sharecards.card_of(site, x) for x in site.explainers]


def test_the_card_changes_address_only_when_what_it_shows_changes(project):
    project.event("one", "2024-11-27", "One", place="aleppo", summary="First wording.")
    project.build()
    first = meta(project.html("explainers/rebels"), "og:image")
    assert first.startswith("../../assets/cards/rebels.")  # without site_url, relative to the page
    assert (project.site / "explainers" / "rebels" / first).resolve().is_file()
    project.event("one", "2024-11-27", "One", place="aleppo", summary="Second wording, not on the card.")
    project.build()
    assert meta(project.html("explainers/rebels"), "og:image") == first
    explainer = project.content / "explainers" / "rebels.md"
    explainer.write_text(explainer.read_text().replace("title: Rebels advance", "title: Rebels advance again"))
    project.build()
    second = meta(project.html("explainers/rebels"), "og:image")
    assert second != first
    assert sorted(p.name for p in (project.site / "assets" / "cards").iterdir()) == [second.rsplit("/", 1)[1]]


def _ink(image: Image.Image, box) -> Image.Image:
    """Where the headline's dark ink is, inside box, as a 1-bit mask."""
    return image.convert("L").crop(box).point(lambda v: 255 if v < 110 else 0).convert("1")


def _overlap(a: Image.Image, b: Image.Image) -> float:
    both = ImageChops.logical_and(a, b).histogram()[255]
    either = ImageChops.logical_or(a, b).histogram()[255]
    return both / either if either else 0.0


def test_arabic_is_drawn_shaped_joined_and_right_to_left(sample):
    """The card's first headline line, as ink, is the line Raqm shapes right to left at the card's place and
    size, and not the same letters laid out one by one, unjoined, left to right."""
    assert features.check("raqm"), "Pillow without Raqm (install Debian's libfribidi0): Arabic would be unjoined"
    html = sample.html("explainers/fall-of-aleppo-and-hama-ar")
    with Image.open(card_file(sample, meta(html, "og:image"))) as card:
        card = card.convert("RGB")
    title = "فصائل المعارضة السورية تسيطر على حماة بعد هجوم خاطف عبر حلب"
    size, lines = sharecards._fit(title, "rtl", "ar")
    assert lines[0].startswith("فصائل")  # the first words, in order, on the first line
    baseline = sharecards.MARGIN + 36 + 40 + size
    box = (sharecards.WIDTH - sharecards.MARGIN - sharecards.TEXT, baseline - size,
           sharecards.WIDTH - sharecards.MARGIN + 1, baseline + size // 3)

    def drawn(**layout) -> Image.Image:
        engine = ImageFont.Layout.RAQM if layout else ImageFont.Layout.BASIC
        font = ImageFont.truetype(str(sharecards.FONTS / "DejaVuSans-Bold.ttf"), size, layout_engine=engine)
        image = Image.new("RGB", card.size, "white")
        ImageDraw.Draw(image).text((sharecards.WIDTH - sharecards.MARGIN, baseline), lines[0], font=font,
                                   fill="black", anchor="rs", **layout)
        return _ink(image, box)

    shown = _ink(card, box)
    shaped = _overlap(shown, drawn(direction="rtl", language="ar"))
    unshaped = _overlap(shown, drawn())
    assert shaped > 0.9, shaped
    assert unshaped < 0.5, unshaped


def test_a_headline_too_long_for_four_lines_ends_in_an_ellipsis():
    size, lines = sharecards._fit(" ".join(["Extraordinarily"] * 40), "ltr", "en")
    assert size == 40 and len(lines) == 4 and lines[-1].endswith(" …")
    png = sharecards._draw(sharecards.Card("x" * 300, "Desk", "Updated 1 May 2024", "en", "ltr", ()))
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_cards_are_kept_on_disk_between_builds_and_drawn_again_when_damaged(project, monkeypatch):
    """With the option `cache_dir` (by default .cache/explainers), a card drawn once is read back by the next
    build (a cold one: no site, no build state), the same bytes; a damaged or missing file is drawn again; a
    card no explainer shows any more leaves the cache."""
    monkeypatch.setattr(sharecards, "_CACHE", {})
    project.event("one", "2024-11-27", "One", place="aleppo")
    project.build()
    cards = project.root / ".cache" / "explainers" / "cards"
    url = meta(project.html("explainers/rebels"), "og:image")
    published = (project.site / "explainers" / "rebels" / url).resolve().read_bytes()
    kept = cards / (url.rsplit(".", 2)[1] + ".png")
    assert sorted(p.name for p in cards.iterdir()) == [kept.name] and kept.read_bytes() == published

    def cold_build():
        monkeypatch.setattr(sharecards, "_CACHE", {})  # a new process
        for folder in (project.site, project.root / ".cache" / "explainers" / "build"):  # the build cache's state
            shutil.rmtree(folder, ignore_errors=True)
        project.build()
        return (project.site / "explainers" / "rebels" / url).resolve().read_bytes()

    def no_drawing(card):
        raise AssertionError("drawn, although the cache holds it")

    with monkeypatch.context() as patch:
        patch.setattr(sharecards, "_draw", no_drawing)
        assert cold_build() == published
    for damage in (published[:-100], published[:5000] + bytes([published[5000] ^ 1]) + published[5001:], b""):
        kept.write_bytes(damage)
        assert cold_build() == published and kept.read_bytes() == published
    kept.unlink()
    assert cold_build() == published and kept.read_bytes() == published

    explainer = project.content / "explainers" / "rebels.md"
    explainer.write_text(explainer.read_text().replace("title: Rebels advance", "title: Rebels advance again"))
    project.build()
    second = meta(project.html("explainers/rebels"), "og:image")
    assert sorted(p.name for p in cards.iterdir()) == [second.rsplit(".", 2)[1] + ".png"]


def test_without_a_cache_dir_no_card_is_kept(project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - explainers\n", "  - explainers:\n      cache_dir: ''\n", 1))
    project.event("one", "2024-11-27", "One", place="aleppo")
    project.build()
    assert meta(project.html("explainers/rebels"), "og:image")
    assert not (project.root / ".cache").exists()
