"""The content model: frozen records built from validated values."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..format.schema import SITE_LANGUAGE
from .dates import PartialDate


class Localized(str):
    """An editors' text with translations: the string itself is the original, in the site's language (what
    every page and export in that language shows); `translations` holds the others, language -> text. Equal
    only to a Localized with the same translations, so a changed translation is a changed record (incremental
    rebuilds compare records)."""

    def __new__(cls, original: str, translations: dict[str, str]):
        text = super().__new__(cls, original)
        text.translations = dict(sorted(translations.items()))
        return text

    def __eq__(self, other):
        return isinstance(other, Localized) and str.__eq__(self, other) and self.translations == other.translations

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((str(self), tuple(self.translations.items())))

    def __reduce__(self):  # a str subclass with state: pickled (Pagefind's subprocess, caches) with it
        return (Localized, (str(self), self.translations))


def in_language(text: str | None, lang: str) -> str | None:
    """The text's translation into `lang`, or None when it has none (plain text is in the site's language)."""
    if isinstance(text, Localized):
        return text.translations.get(lang)
    return None


def precision(event: Event, place: Place) -> int:
    """How exactly the event is placed, in ACLED's geo_precision (1 the town, 2 near it, 3 a larger region): its
    own when its source gave one (an ACLED row may place a town's event only within its region), never finer than
    the place's coordinates are."""
    own = event.acled.geo_precision if event.acled is not None else None
    return max(place.precision, own or 1)


def in_words(text: str | None, lang: str) -> str | None:
    """What a page or export in `lang` says: the text's translation, or the original where there is none."""
    translated = in_language(text, lang)
    return translated if translated is not None else text


def native_name(entity, lang: str) -> str | None:
    """An actor's or a place's name in its own script, unless the name a page in `lang` shows holds it already
    (on an Arabic page the Arabic name usually is the native one, or it with a gloss: "متظاهرون (سوريا)")."""
    native = entity.native_name
    if not native:
        return None
    shown = str(entity.name) if lang == SITE_LANGUAGE else in_language(entity.name, lang)
    return None if shown and native in shown else native


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    archived_url: str | None = None
    captured_at: PartialDate | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class ClaimState:
    """A status a claim had before the next one: `at` is when it was replaced."""
    at: PartialDate
    status: str
    note: str | None = None


@dataclass(frozen=True)
class Claim:
    text: str
    status: str
    by: str | None = None  # an actor id or free text; rendering resolves ids
    history: tuple[ClaimState, ...] = ()  # oldest first

    @property
    def changes(self) -> list[tuple[ClaimState, str]]:
        """(earlier state, the status it changed to), oldest first: the change happened at the state's `at`."""
        following = [state.status for state in self.history[1:]] + [self.status]
        return list(zip(self.history, following))


@dataclass(frozen=True)
class Fatalities:
    best: int
    low: int | None = None
    high: int | None = None
    by: str | None = None


@dataclass(frozen=True)
class Correction:
    at: PartialDate
    text: str


@dataclass(frozen=True)
class Retraction:
    at: PartialDate
    reason: str


@dataclass(frozen=True)
class Acled:
    """What ACLED's row says beyond the event's own fields (schema.ACLED): written back by the ACLED CSV."""
    timestamp: PartialDate | None = None  # when ACLED last changed its row: provenance, never `updated`
    event_date: PartialDate | None = None
    geo_precision: int | None = None  # this event's, which may be coarser than its place's
    disorder_type: str | None = None
    actor1: str | None = None  # actor ids, in ACLED's roles
    assoc_actor_1: tuple[str, ...] = ()
    inter1: str | None = None  # an actor kind of schema.ACLED_ACTOR_TYPES
    actor2: str | None = None
    assoc_actor_2: tuple[str, ...] = ()
    inter2: str | None = None
    civilian_targeting: bool = False
    source_scale: str | None = None
    annotations: str | None = None
    tags: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    path: str
    line: int
    date: PartialDate
    title: str
    sources: tuple[Source, ...]
    end: PartialDate | None = None
    approximate: bool = False
    summary: str | None = None
    type: str | None = None
    subtype: str | None = None
    place: str | None = None
    actors: tuple[str, ...] = ()
    key: bool = False
    era: str | None = None
    claims: tuple[Claim, ...] = ()
    fatalities: Fatalities | None = None
    tags: tuple[str, ...] = ()
    updated: PartialDate | None = None
    corrections: tuple[Correction, ...] = ()
    retracted: Retraction | None = None
    acled: Acled | None = None

    @property
    def background(self) -> bool:
        return self.era == "background"

    def sort_key(self) -> tuple:
        # Kept on the record: events are sorted several times per build, and while serving an unchanged
        # event is the same object from build to build. Not a field, so equality ignores it.
        key = self.__dict__.get("_sort_key")
        if key is None:
            key = (self.date.sort_key(), self.id)
            object.__setattr__(self, "_sort_key", key)
        return key


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    native_name: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    country: str
    native_name: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 1  # ACLED's geo_precision: 1 the town, 2 near it or part of a region, 3 a larger region
    admin2: str | None = None
    admin3: str | None = None


@dataclass(frozen=True)
class Tag:
    """A topic events are tagged with (tags.yml): the name its page and the cards show."""
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Selector:
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    start: PartialDate | None = None  # `from` in YAML
    end: PartialDate | None = None  # `to` in YAML


@dataclass(frozen=True)
class EmbeddedTimeline:
    """A ```timeline fenced block in an explainer's prose."""
    source: str  # the block's text between the fences, the key for finding it again
    selector: Selector


@dataclass(frozen=True)
class Explainer:
    src_uri: str  # relative to docs_dir, forward slashes
    path: str  # relative to the project root, for messages
    title: str
    published: PartialDate
    selector: Selector
    body: str
    description: str | None = None
    updated: PartialDate | None = None
    unknowns: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    lang: str = "en"
    embedded: tuple[EmbeddedTimeline, ...] = ()
    translation_of: str | None = None  # the slug of the explainer this page is a version of
    translation_line: int = 0  # where translation_of is written, for messages
    live: bool = False
    coverage_end: PartialDate | None = None

    @property
    def slug(self) -> str:
        return self.src_uri.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def last_change(self) -> PartialDate:
        return self.updated or self.published


@dataclass
class Content:
    events: dict[str, Event] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)  # tags.yml; empty without one (tags are named by slug)
    explainers: dict[str, Explainer] = field(default_factory=dict)  # by src_uri
    data_files: set[str] = field(default_factory=set)  # src_uris that are records, not pages
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # found while reading, never stop a build (content.all_warnings)
    unsafe_tree: bool = False  # links out, devices, bad names: MkDocs must not even walk docs_dir
    unreadable: set[str] = field(default_factory=set)  # pages MkDocs could not read (not UTF-8)
    reserved: set[str] = field(default_factory=set)  # editors' pages where the site generates its own
    stamps: dict[str, tuple] = field(default_factory=dict)  # src_uri -> (size, mtime, inode) when read
