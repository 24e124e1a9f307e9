"""Share cards: a 1200x630 PNG per explainer, made at build time, that messaging apps and social sites show
beside a shared link (og:image, twitter:card summary_large_image, the JSON-LD `image`): the headline, the site's
name, the date of the last update and a locator map (the land and borders of generator/pages/maps, the places as dots
sized by their events). Arabic editions are laid out right to left and their text shaped by Raqm (Pillow's
layout engine with FriBiDi and HarfBuzz), in DejaVu Sans, vendored with its licence (fonts/README.md).

Pillow because it is the one library here that shapes Arabic (Raqm) and writes PNG with no system service: a
browser screenshot would need Chromium at build time, CairoSVG has no Arabic shaping without Pango.

A card's name carries a digest of what it shows (`Card.key`), so the same content gives the same file and the
same bytes, a changed one a new address (apps cache images by address), and it is drawn only when what it
shows changed: drawn cards are kept by that digest for the process (serve's rebuilds) and, with the option
`cache_dir`, on disk between builds (`<cache_dir>/cards/<digest>.png`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from ..pages.labels import labels_for
from ..pages.maps.basemap import outlines, scale_for
from ..pages.maps.projection import fit
from ..pages.site import Site
from ..records.dates import format_date
from ..records.model import Explainer

WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/cards/"
FONTS = Path(__file__).resolve().parent / "fonts"
VERSION = "3"  # part of every card's digest: a change to the drawing below must change every card's address
MARGIN = 60
MAP = (420, 510)  # the map's box, on the side away from where the text starts
TEXT = WIDTH - 2 * MARGIN - MAP[0] - 40  # the text column's width
INK, MUTED, ACCENT, PAPER = (17, 17, 17), (85, 85, 85), (63, 81, 181), (255, 255, 255)  # Material's indigo
SEA, LAND, COAST, BORDER, DOT = (223, 232, 242), (245, 242, 234), (95, 115, 135), (150, 140, 125), (198, 40, 40)
SUPERSAMPLE = 2  # the map is drawn twice as large and reduced: Pillow's polygons are not antialiased
COLOURS = 64  # the palette: a third of the bytes of full colour, no change a reader sees on a card this plain
_CACHE: dict[str, bytes] = {}  # digest -> PNG, for the process


@dataclass(frozen=True)
class Card:
    """What a card shows, nothing else: its digest names the file."""
    title: str
    site_name: str
    stamp: str  # "Updated 9 December 2024"
    lang: str
    direction: str
    places: tuple[tuple[float, float, int], ...]  # (lon, lat, events), sorted

    @property
    def key(self) -> str:
        text = json.dumps([VERSION, self.title, self.site_name, self.stamp, self.lang, self.direction,
                           self.places], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def alt(self) -> str:
        return labels_for(self.lang)["card_alt"].format(title=self.title, site=self.site_name, stamp=self.stamp)


def card_of(site: Site, explainer: Explainer) -> Card:
    lang = explainer.lang
    t = labels_for(lang)
    stamp = t["card_updated" if explainer.updated else "card_published"].format(
        date=format_date(explainer.last_change, lang))
    counts: dict[tuple[float, float], int] = {}
    for event in site.selected.get(explainer.src_uri, []):
        place = site.content.places.get(event.place) if event.place else None
        if place is not None and place.lat is not None and place.lon is not None and not event.background:
            counts[(place.lon, place.lat)] = counts.get((place.lon, place.lat), 0) + 1
    return Card(str(explainer.title), site.name, stamp, lang, t["dir"],
                tuple(sorted((lon, lat, n) for (lon, lat), n in counts.items())))


def card_path(site: Site, explainer: Explainer, card: Card | None = None) -> str:
    """assets/cards/<slug>.<digest>.png"""
    return f"{FOLDER}{site.key(explainer)}.{(card or card_of(site, explainer)).key}.png"


def card_png(card: Card, cache: Path | None = None) -> bytes:
    """The card's PNG: drawn, or kept from an earlier build in `cache` (a folder; None: none), the same bytes
    either way."""
    kept = cache / f"{card.key}.png" if cache is not None else None
    found = _CACHE.get(card.key)
    if found is None:
        found = _kept(kept) if kept is not None else None
        if found is None:
            found = _draw(card)
            if kept is not None:
                _keep(kept, found)
        _CACHE[card.key] = found
    elif kept is not None and not kept.is_file():  # drawn by this process for another site, or removed since
        _keep(kept, found)
    return found


def card_files(site: Site, cache: Path | None = None):
    """(site path, make) for every explainer's card; make() gives its PNG's bytes. `cache`: the folder cards
    are kept in between builds (None: none); what no explainer shows any more is removed from it."""
    cards = [(explainer, card_of(site, explainer)) for explainer in site.explainers]
    if cache is not None:
        _prune(cache, {f"{card.key}.png" for _, card in cards})
    for explainer, card in cards:
        yield card_path(site, explainer, card), (lambda c=card: card_png(c, cache))


def _kept(path: Path) -> bytes | None:
    """The file's bytes if it is a whole card; None if it is missing, cut short or damaged (then it is drawn
    again): PNG's CRCs and its end chunk are checked, and the size."""
    try:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            size = image.size
            image.verify()
    except Exception:  # noqa: BLE001 (whatever a damaged file makes Pillow raise, the card is drawn again)
        return None
    return data if size == (WIDTH, HEIGHT) else None


def _keep(path: Path, data: bytes) -> None:
    """Written whole or not at all (a temporary file renamed over it); a cache that cannot be written (read-only,
    full) only costs the next build the drawing."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(cache: Path, keep: set[str]) -> None:
    try:
        names = os.listdir(cache)
    except OSError:
        return
    for name in names:
        if name not in keep:
            with contextlib.suppress(OSError):
                os.unlink(cache / name)


# Drawing ----------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    # Raqm when Pillow has it (its wheels do, given FriBiDi: Debian's libfribidi0); without it Arabic would be
    # drawn unjoined and left to right, which tests/build/test_sharecards.py refuses.
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size,
                              layout_engine=engine)


def _draw(card: Card) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    rtl = card.direction == "rtl"
    map_x = MARGIN if rtl else WIDTH - MARGIN - MAP[0]
    image.paste(_map(card.places), (map_x, (HEIGHT - MAP[1]) // 2))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 12), fill=ACCENT)
    start = WIDTH - MARGIN if rtl else MARGIN  # where lines begin: the right edge on an Arabic card
    options = {"direction": card.direction, "language": card.lang, "anchor": "rs" if rtl else "ls"} \
        if features.check("raqm") else {"anchor": "rs" if rtl else "ls"}
    draw.text((start, MARGIN + 36), card.site_name, font=_font(True, 30), fill=ACCENT, **options)
    size, lines = _fit(card.title, card.direction, card.lang)
    font = _font(True, size)
    y = MARGIN + 36 + 40 + size
    for line in lines:
        draw.text((start, y), line, font=font, fill=INK, **options)
        y += int(size * 1.25)
    draw.text((start, HEIGHT - MARGIN), card.stamp, font=_font(False, 28), fill=MUTED, **options)
    out = io.BytesIO()
    # zlib's default level: level 9 (`optimize`) took seven times as long for 5 % fewer bytes.
    _palette(image).save(out, "PNG", compress_level=6)
    return out.getvalue()


def _measure(text: str, font: ImageFont.FreeTypeFont, direction: str, lang: str) -> float:
    if features.check("raqm"):
        return font.getlength(text, direction=direction, language=lang)
    return font.getlength(text)


def _fit(title: str, direction: str, lang: str) -> tuple[int, list[str]]:
    """The largest size at which the headline takes at most four lines of the text column; at the smallest
    size, the lines that fit with an ellipsis."""
    words = title.split()
    for size in (64, 58, 52, 46, 40):
        font = _font(True, size)
        lines = _wrap(words, font, direction, lang)
        if len(lines) <= 4:
            return size, lines
    lines = lines[:4]
    while lines[3] and _measure(lines[3] + " …", font, direction, lang) > TEXT:
        lines[3] = lines[3].rsplit(" ", 1)[0] if " " in lines[3] else lines[3][:-1]
    lines[3] += " …"
    return size, lines


def _wrap(words: list[str], font, direction: str, lang: str) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and _measure(f"{lines[-1]} {word}", font, direction, lang) <= TEXT:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            while _measure(word, font, direction, lang) > TEXT and len(word) > 1:  # a word wider than the column
                cut = len(word)
                while cut > 1 and _measure(word[:cut], font, direction, lang) > TEXT:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            lines.append(word)
    return lines


def _map(places: tuple[tuple[float, float, int], ...]) -> Image.Image:
    """The locator map: the places' region, the land and borders, a dot per place sized by its events; without
    places, an empty sea-coloured panel would say nothing, so the panel is left blank (paper). The land and
    borders are the page maps' own arcs (maps.basemap.outlines), projected and simplified once per zoom level
    for the whole build, to a fraction of a pixel here."""
    w, h = MAP
    if not places:
        return Image.new("RGB", MAP, PAPER)
    s = SUPERSAMPLE
    frame = fit([(lon, lat) for lon, lat, _ in places], w * s, h * s, margin=0.35, min_span=3.0)
    image = Image.new("RGB", (w * s, h * s), SEA)
    draw = ImageDraw.Draw(image)
    # The detail of the map it is reduced to; strokes reach 2 pixels in, so what lies a little outside counts.
    land, borders = outlines(frame, scale_for(frame.zoom - 2 if s == 2 else frame.zoom), pad=4.0 * s)
    for points in land:
        if len(points) >= 3:
            draw.polygon(points, fill=LAND, outline=COAST, width=2 * s)
    for points in borders:
        draw.line(points, fill=BORDER, width=2 * s)
    most = max(n for _, _, n in places)
    crowd = min(1.0, (12 / len(places)) ** 0.5)  # many places: smaller dots, so the region still shows
    for lon, lat, n in sorted(places, key=lambda p: (-p[2], p[0], p[1])):  # large dots first, small ones on top
        x, y = frame.point(lon, lat)
        r = (3 + (4 + 11 * (n / most) ** 0.5) * crowd) * s
        draw.ellipse((x - r, y - r, x + r, y + r), fill=DOT, outline=PAPER, width=2 * s)
    draw.rectangle((0, 0, w * s - 1, h * s - 1), outline=COAST, width=s)
    return image.reduce(s)  # a box filter: each pixel the mean of the s x s it was drawn as


def _palette(image: Image.Image) -> Image.Image:
    """The card in COLOURS colours. Pillow's fast octree quantizer (a tenth of median cut's time) averages each
    colour's bucket, which turns the paper, the land or the sea a shade off (paper 254, not 255); each palette
    entry that close to one of the card's own colours is that colour."""
    quantized = image.quantize(COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = quantized.getpalette() or []
    own = (INK, MUTED, ACCENT, PAPER, SEA, LAND, COAST, BORDER, DOT)
    snapped = []
    for i in range(0, len(palette), 3):
        colour = tuple(palette[i:i + 3])
        near = min(own, key=lambda c: sum((a - b) ** 2 for a, b in zip(c, colour)))
        snapped += near if sum((a - b) ** 2 for a, b in zip(near, colour)) <= 12 else colour
    quantized.putpalette(snapped)
    return quantized
