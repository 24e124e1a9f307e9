"""What the site keeps for itself: the ids its elements use, the folders its generated pages live in, and the
marker of its HTML blocks; and the ids an editor may give: an allowlist, not a list of bad ids.

Material's script finds its settings by id (`#__config`) and trusts what it reads there; every `#event-...`
link (feeds, search, archives) lands on the first element with that id; the plugin's sections have fixed
anchors. An editor's id (attr_list's `{: #id }`, or a heading's slug) must start with a letter or digit, and
not in one of the site's namespaces or as one of its section anchors. Everything else is the site's.
"""

from __future__ import annotations

import re

from .theme_dirs import THEME_DIR

EDITORS = re.compile(r"[^\W_][\w-]*")  # starts with a letter or digit: never Material's `__` ids
SITE_PREFIXES = ("event-", "claim-", "ce-", "md-")  # cards and claims, the plugin's elements, Material's
_SECTION = re.compile(r"\{:[ \t]*#([\w-]+)[ \t]*\}")  # a template's fixed anchor: `## Sources {: #sources }`


def _section_ids() -> frozenset[str]:
    found = set()
    for template in sorted(THEME_DIR.rglob("*.html")):
        found.update(_SECTION.findall(template.read_text(encoding="utf-8")))
    return frozenset(found)


SECTION_IDS = _section_ids()


def in_site_namespace(value: str) -> bool:
    """An id no editor may set: not of the editors' form, or in a namespace of the site's."""
    return EDITORS.fullmatch(value) is None or value.startswith(SITE_PREFIXES)


def is_editors(value: str) -> bool:
    """An id an editor may give: of the editors' form, outside the site's namespaces and section anchors."""
    return not in_site_namespace(value) and value not in SECTION_IDS


def editors_version(value: str) -> str:
    """The id an editor's element gets instead of one of the site's: the same words, marked as a section's."""
    stripped = value.lstrip("_-") or "section"
    candidate = f"section-{stripped}"
    return candidate if is_editors(candidate) else "section"


def guarded_slugify(slugify):
    """Toc's slug function, never giving a heading one of the site's ids."""
    if getattr(slugify, "explainers_guarded", False):
        return slugify

    def guarded(value: str, separator: str) -> str:
        # A section anchor needs no guard here: toc never gives a heading an id the page already holds.
        slug = slugify(value, separator)
        return editors_version(slug) if in_site_namespace(slug) else slug

    guarded.explainers_guarded = True
    return guarded


def explicit_ids(text: str):
    """(offset, id) of each id attr_list syntax in `text` gives (`{: #id .class }`, `{#id}`)."""
    for block in _ATTR_LIST.finditer(text):
        for token in _ID_TOKEN.finditer(block.group(1)):
            yield block.start(1) + token.start(1), token.group(1)


_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ID_TOKEN = re.compile(r"(?:^|(?<=\s))#([^\s}]+)")


# The folders and pages the site generates (pages/site.py, generated.py), reserved whole --------------------

LITE_DIR = "lite/"  # the lite editions and their index (lite.py)
ARCHIVE = "archive.md"  # the archive's index: its parts, with how many events each lists
ARCHIVE_DIR = "archive/"  # one part per month: archive/2024-11.md
LISTS_LANG = "en"  # the language of the generated list pages (pages.py), whose lines link to the cards
FIELD_REFERENCE = "guide/fields.md"  # the editors' field reference, generated from the schema
EMBED_DIR = "embed/"  # embed/<slug>.md: each explainer's timeline, for other sites to frame
_ENTITY_PAGE = re.compile(r"^(?:[a-z]{2,3}(?:-[A-Za-z0-9]+)?/)?(actors|places|tags)/")


def generated_at(below: str) -> str | None:
    """What the site generates at a page's path below docs_dir, in words; None where an editor's page may be.
    The folders are reserved whole, so a page an editor adds cannot take the place of one the site makes later
    (a new actor) or hide the embed page other sites frame."""
    if not below.endswith(".md"):
        return None
    if below == ARCHIVE or below.startswith(ARCHIVE_DIR):
        return "the archive of events by month"
    if below == FIELD_REFERENCE:
        return "the editors' field reference"
    if below.startswith(EMBED_DIR):
        return "the embeddable timelines other sites frame"
    if below.startswith(LITE_DIR):
        return "the text-only editions"
    entity = _ENTITY_PAGE.match(below)
    if entity:
        return f"the {entity.group(1)[:-1]} pages, one per {'tag' if entity.group(1) == 'tags' else 'registry entry'}"
    return None


BLOCK_MARKER_PREFIX = "<!-- explainers-block "  # the templates' HTML blocks (pages/blocks.py): editors may not write it
