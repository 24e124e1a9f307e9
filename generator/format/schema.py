"""The one definition of the content format: field names, types, allowed values and their help text.

Validation (validation.py), the JSON Schema for editors (jsonschema.py), the field reference in the editors'
guide (reference.py) and what `explainers new` writes (skeletons.py) are all derived from these declarations;
nothing else spells a field name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Vocabularies ------------------------------------------------------------------------------------------------

# ACLED's event types as slugs, plus `statement` for things said rather than done.
EVENT_TYPES = {
    "battle": "Battles",
    "explosion": "Explosions/Remote violence",
    "violence-against-civilians": "Violence against civilians",
    "protest": "Protests",
    "riot": "Riots",
    "strategic-development": "Strategic developments",
    "statement": "Statement",
}

# ACLED's sub-event types, by event type (slug -> ACLED's wording).
SUBTYPES = {
    "battle": {
        "government-regains-territory": "Government regains territory",
        "non-state-actor-overtakes-territory": "Non-state actor overtakes territory",
        "armed-clash": "Armed clash",
    },
    "protest": {
        "excessive-force-against-protesters": "Excessive force against protesters",
        "protest-with-intervention": "Protest with intervention",
        "peaceful-protest": "Peaceful protest",
    },
    "riot": {"violent-demonstration": "Violent demonstration", "mob-violence": "Mob violence"},
    "explosion": {
        "chemical-weapon": "Chemical weapon",
        "air-drone-strike": "Air/drone strike",
        "suicide-bomb": "Suicide bomb",
        "shelling-artillery-missile-attack": "Shelling/artillery/missile attack",
        "remote-explosive-landmine-ied": "Remote explosive/landmine/IED",
        "grenade": "Grenade",
    },
    "violence-against-civilians": {
        "sexual-violence": "Sexual violence",
        "attack": "Attack",
        "abduction-forced-disappearance": "Abduction/forced disappearance",
    },
    "strategic-development": {
        "agreement": "Agreement",
        "arrests": "Arrests",
        "change-to-group-activity": "Change to group/activity",
        "disrupted-weapons-use": "Disrupted weapons use",
        "headquarters-or-base-established": "Headquarters or base established",
        "looting-property-destruction": "Looting/property destruction",
        "non-violent-transfer-of-territory": "Non-violent transfer of territory",
        "other": "Other",
    },
    "statement": {},
}

ACTOR_KINDS = {
    "state-forces": "State forces",
    "rebel-group": "Rebel group",
    "political-militia": "Political militia",
    "identity-militia": "Identity militia",
    "rioters": "Rioters",
    "protesters": "Protesters",
    "civilians": "Civilians",
    "external-forces": "External/Other forces",
    "person": "Person",
    "organization": "Organization",
}

CLAIM_STATUSES = {
    "confirmed": "independently verified",
    "reported": "attributed to a source, not independently verified",
    "unverified": "circulating, could not be verified",
    "disputed": "contested by another party",
    "denied": "denied by the party concerned",
}

# ACLED's geo_precision; YAML's 1 is read as the text "1" (Choice compares what is written).
PLACE_PRECISIONS = {"1": "the town or site itself", "2": "near it, or a part of a region",
                    "3": "a larger region: the coordinates are its middle"}

# The sub-event type the ACLED CSV download writes for an event of a type given without one: the broadest.
DEFAULT_SUBTYPES = {"battle": "armed-clash", "explosion": "shelling-artillery-missile-attack",
                    "violence-against-civilians": "attack", "protest": "peaceful-protest",
                    "riot": "violent-demonstration", "strategic-development": "other"}

# ACLED's disorder types; the last is the one of Excessive force against protesters.
DISORDER_TYPES = ("Political violence", "Demonstrations", "Strategic developments",
                  "Political violence; Demonstrations")
# The actor kinds that are ACLED's actor types (inter codes 1-8, in their order).
ACLED_ACTOR_TYPES = ("state-forces", "rebel-group", "political-militia", "identity-militia", "rioters",
                     "protesters", "civilians", "external-forces")

ERAS = {"background": "context shown apart from the current timeline"}

LANGUAGES = {"en": "English", "ar": "Arabic"}
SITE_LANGUAGE = "en"  # the language records are written in; translations are added beside it


# Types -------------------------------------------------------------------------------------------------------

class FieldType:
    """What a field's value can be. Each interpreter of the schema handles every subclass (a test enumerates
    them), so a new type cannot be validated but missing from the guide or the JSON Schema."""


@dataclass(frozen=True)
class Text(FieldType):
    one_line: bool = True
    markdown: bool = False
    translatable: bool = False
    """A string in the site's language, or a mapping language -> string (`title: {en: ..., ar: ...}`) whose
    SITE_LANGUAGE entry is the original: pages in another language show their own, or the original marked."""

    @property
    def max_length(self) -> int:  # a headline is a line; a summary is paragraphs, not a book
        return 300 if self.one_line else 20_000


@dataclass(frozen=True)
class Slug(FieldType):
    pass


@dataclass(frozen=True)
class DateValue(FieldType):
    time_required: bool = False
    bound: bool = False  # a selector's limit, which may lie ahead; any other date in the future is a warning


@dataclass(frozen=True)
class Boolean(FieldType):
    pass


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int = 0


@dataclass(frozen=True)
class Number(FieldType):
    minimum: float
    maximum: float


@dataclass(frozen=True)
class Choice(FieldType):
    values: tuple[str, ...]
    meanings: dict | None = field(default=None, compare=False, hash=False)
    """When given, a wrong value gets the list of values with their meanings, never a guess: a guess at a
    claim's status ('verified' -> 'unverified') could turn it into its opposite."""


@dataclass(frozen=True)
class ThemeFile(FieldType):
    """A file of the site's theme that a page names: a template ("main.html") or an icon ("material/map")."""
    folder: str  # "" for templates, ".icons" for icons
    suffix: str  # ".html" for templates (written with it), ".svg" for icons (written without)


@dataclass(frozen=True)
class Url(FieldType):
    pass


@dataclass(frozen=True)
class Digest(FieldType):
    """A file's checksum in lowercase hexadecimal, as `sha256sum` prints it."""
    algorithm: str = "sha256"
    length: int = 64


@dataclass(frozen=True)
class Reference(FieldType):
    registry: str  # "actors", "places" or "events"


@dataclass(frozen=True)
class Attribution(FieldType):
    """An actor id, or free text such as "Syrian military"."""


@dataclass(frozen=True)
class CountryCode(FieldType):
    pass


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0
    single_ok: bool = False  # a lone value stands for a one-item list (selectors)


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    help: str
    required: bool = False
    example: object = None


@dataclass(frozen=True)
class Record(FieldType):
    name: str
    help: str
    fields: tuple[Field, ...]
    by_name: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


@dataclass(frozen=True)
class Registry:
    name: str
    help: str
    value: Record
    example_id: str = ""  # the id the field reference's example entry is written under


# Records -----------------------------------------------------------------------------------------------------

SOURCE = Record("source", "Where the information comes from.", (
    Field("title", Text(translatable=True), "Headline or name of the source document.", required=True,
          example="Syrian army says dozens of soldiers killed"),
    Field("publisher", Text(), "Who published it.", example="Reuters"),
    Field("url", Url(), "Link to it; http(s) only.", example="https://www.reuters.com/"),
    Field("published", DateValue(), "When it was published.", example="2024-11-30"),
    Field("archived_url", Url(), "A preserved copy (Wayback Machine, archive.today, your own archive); "
          "http(s) only. Shown as 'archived copy' beside the source.",
          example="https://web.archive.org/web/2024/https://www.reuters.com/"),
    Field("captured_at", DateValue(time_required=True), "When the copy was captured, with UTC offset.",
          example="2024-11-30T12:00+03:00"),
    Field("sha256", Digest(), "SHA-256 of the captured file (`sha256sum FILE`), so anyone can check a copy is "
          "the one you saw."),
))

CLAIM_STATE = Record("claim state", "A status a claim had before its current one: one item of its history.", (
    Field("at", DateValue(time_required=True), "When this status was replaced (by the next item's, or by the "
          "claim's current status), with UTC offset.", required=True, example="2024-12-08T13:00+03:00"),
    Field("status", Choice(tuple(CLAIM_STATUSES), CLAIM_STATUSES), "The status the claim had until then.",
          required=True, example="unverified"),
    Field("note", Text(one_line=False, markdown=True, translatable=True), "What changed it.",
          example="Two senior army officers confirmed it to Reuters."),
))

CLAIM = Record("claim", "Something a party says, with who says it and how far it is verified.", (
    Field("text", Text(one_line=False, markdown=True, translatable=True), "What is claimed.", required=True,
          example="Dozens of soldiers were killed"),
    Field("by", Attribution(), "Who says it: an actor id from actors.yml, or free text.",
          example="syrian-army"),
    Field("status", Choice(tuple(CLAIM_STATUSES), CLAIM_STATUSES), "How far it is verified.", required=True,
          example="reported"),
    Field("history", ListOf(CLAIM_STATE), "Its earlier statuses, oldest first: when a status changes, move the "
          "old one here with the time it changed (`at`) and why (`note`), and write the new one in `status`."),
))

FATALITIES = Record("fatalities", "Deaths reported for the event (UCDP-style estimates).", (
    Field("best", Integer(), "Most likely figure.", required=True, example=12),
    Field("low", Integer(), "Lowest reliable figure.", example=10),
    Field("high", Integer(), "Highest reliable figure.", example=20),
    Field("by", Attribution(), "Who gives the figure: an actor id or free text.", example="sohr"),
))

CORRECTION = Record("correction", "A published correction.", (
    Field("at", DateValue(time_required=True), "When it was corrected, with UTC offset.", required=True,
          example="2024-12-01T10:00+03:00"),
    Field("text", Text(one_line=False, markdown=True, translatable=True), "What was wrong and what is right.", required=True,
          example="An earlier version said the army left Hama; it said it had redeployed outside the city."),
))

RETRACTION = Record("retraction", "An event withdrawn because it was wrong: it stays on its pages, marked "
                    "with the reason, and leaves the summary, the filters' counts and the feeds (which say so).", (
    Field("at", DateValue(time_required=True), "When it was retracted, with UTC offset.", required=True,
          example="2024-12-08T21:00+03:00"),
    Field("reason", Text(one_line=False, markdown=True, translatable=True), "What was wrong.", required=True,
          example="Russian state media reported that he had arrived in Moscow; the reports of a crash were wrong."),
))

ACLED = Record("acled", "What ACLED's row says beyond the event's own fields, as `explainers import acled` writes "
              "it. The ACLED CSV download writes it back, so a row imported and downloaded again is ACLED's row. "
              "Editors need not touch it.", (
    Field("timestamp", DateValue(time_required=True), "When ACLED last changed its row (its `timestamp`): where the "
          "record comes from, not an editorial update (that is the event's `updated`).",
          example="2023-05-02T14:06:41+00:00"),
    Field("event_date", DateValue(), "ACLED's event_date, when the event's date is only a month (time_precision 3)."),
    Field("geo_precision", Choice(tuple(PLACE_PRECISIONS), PLACE_PRECISIONS), "How exactly ACLED places this "
          "event: coarser than the place's own precision when ACLED only knew the area around it.", example=2),
    Field("disorder_type", Choice(DISORDER_TYPES), "ACLED's disorder type."),
    Field("actor1", Reference("actors"), "ACLED's actor 1 (an id from actors.yml). As in ACLED's codebook, actor 1 "
          "and actor 2 do not say who attacked whom.", example="hts"),
    Field("assoc_actor_1", ListOf(Reference("actors")), "Actors ACLED associates with actor 1."),
    Field("inter1", Choice(ACLED_ACTOR_TYPES), "ACLED's actor type of actor 1 in this event (ACLED may type one "
          "actor differently from event to event)."),
    Field("actor2", Reference("actors"), "ACLED's actor 2."),
    Field("assoc_actor_2", ListOf(Reference("actors")), "Actors ACLED associates with actor 2."),
    Field("inter2", Choice(ACLED_ACTOR_TYPES), "ACLED's actor type of actor 2 in this event."),
    Field("civilian_targeting", Boolean(), "true when ACLED codes civilians as the event's main target."),
    Field("source_scale", Text(), "ACLED's source_scale, e.g. National or Local partner-Other."),
    Field("annotations", Text(), "ACLED's bracketed notes taken out of the summary, e.g. [size=no report]."),
    Field("tags", Text(), "ACLED's own tags column, e.g. crowd size=no report."),
))

EVENT = Record("event", "One event: one file in content/events/, the file name is its id.", (
    Field("date", DateValue(), "When it happened: YYYY, YYYY-MM, YYYY-MM-DD or a date-time with offset.",
          required=True, example="2024-11-27"),
    Field("end", DateValue(), "When it ended, for events over several days; same forms as date."),
    Field("approximate", Boolean(), "true when the date is approximate (shown as 'c.')."),
    Field("title", Text(translatable=True), "One-line headline of the event.", required=True,
          example="Rebels launch offensive on Aleppo"),
    Field("summary", Text(one_line=False, markdown=True, translatable=True), "A few sentences, in Markdown.",
          example="Opposition factions led by HTS launched an offensive from Idlib towards Aleppo."),
    Field("type", Choice(tuple(EVENT_TYPES)), "ACLED event type, or statement. The ACLED CSV download writes a "
          "statement, and an event without a type, as ACLED's Strategic developments / Other.", example="battle"),
    Field("subtype", Choice(tuple(s for subs in SUBTYPES.values() for s in subs)),
          "ACLED sub-event type; must belong to the type. Without one, the ACLED CSV download writes the type's "
          "broadest: " + "; ".join(f"{EVENT_TYPES[t]}: {SUBTYPES[t][d]}" for t, d in DEFAULT_SUBTYPES.items()) + ".",
          example="non-state-actor-overtakes-territory"),
    Field("place", Reference("places"), "Where: an id from places.yml. The ACLED CSV download leaves out an event "
          "without one (ACLED has no row without a location).", example="aleppo"),
    Field("actors", ListOf(Reference("actors")), "Who: ids from actors.yml.", example=["hts"]),
    Field("key", Boolean(), "true puts the event in 'What We Know So Far'.", example=True),
    Field("era", Choice(tuple(ERAS)), "background: shown apart, as context."),
    Field("claims", ListOf(CLAIM), "What parties say, with attribution and status."),
    Field("sources", ListOf(SOURCE, min_items=1), "At least one source.", required=True),
    Field("fatalities", FATALITIES, "Deaths reported."),
    Field("tags", ListOf(Slug()), "Topic slugs that explainers select on.", example=["aleppo"]),
    Field("updated", DateValue(time_required=True), "When the record last changed materially.",
          example="2024-11-28T08:00+03:00"),
    Field("corrections", ListOf(CORRECTION), "Corrections log of this event."),
    Field("retracted", RETRACTION, "Set when the event turned out to be wrong: never delete a published event."),
    Field("acled", ACLED, "What ACLED says of the event beyond the fields above (written by `explainers import "
          "acled`)."),
))

ACTOR = Record("actor", "A party to events.", (
    Field("name", Text(translatable=True), "Name in the page's language.", required=True, example="Hayat Tahrir al-Sham"),
    Field("native_name", Text(), "Name in its own language and script.", example="هيئة تحرير الشام"),
    Field("kind", Choice(tuple(ACTOR_KINDS)), "ACLED actor type, person or organization.", required=True,
          example="rebel-group"),
    Field("description", Text(one_line=False, markdown=True, translatable=True), "One or two sentences.",
          example="Islamist armed group that has dominated rebel-held Idlib province."),
))

PLACE = Record("place", "A location.", (
    Field("name", Text(translatable=True), "Name in the page's language.", required=True, example="Aleppo"),
    Field("native_name", Text(), "Name in its own language and script.", example="حلب"),
    Field("country", CountryCode(), "ISO 3166-1 alpha-2 code.", required=True, example="SY"),
    Field("admin1", Text(), "First-level administrative region.", example="Aleppo Governorate"),
    Field("lat", Number(-90, 90), "Latitude, WGS84 decimal degrees.", example=36.2021),
    Field("lon", Number(-180, 180), "Longitude, WGS84 decimal degrees.", example=37.1343),
    # ACLED's geo_precision, written as it: the map draws 3 as an area, never as a precise dot.
    Field("precision", Choice(tuple(PLACE_PRECISIONS), PLACE_PRECISIONS),
          "How exactly lat and lon give where events happened (ACLED's geo_precision): 1 the town itself "
          "(the default), 2 near it or part of a region, 3 a larger region (drawn as an area).", example=1),
    Field("admin2", Text(), "Second-level administrative region (ACLED's admin2).", example="Jebel Saman"),
    Field("admin3", Text(), "Third-level administrative region (ACLED's admin3)."),
))

TAG = Record("tag", "A topic events are tagged with.", (
    Field("name", Text(translatable=True), "Name on the tag's page and the event cards.", required=True, example="Fall of Hama"),
    Field("description", Text(one_line=False, markdown=True, translatable=True), "One or two sentences for the tag's page.",
          example="Events around the rebels' capture of Hama in December 2024."),
))

SELECTOR = Record("selector", "Which events a page shows: an event matches when it matches every key given.", (
    Field("tags", ListOf(Slug(), single_ok=True), "Events with any of these tags.", example=["aleppo", "hama"]),
    Field("actors", ListOf(Reference("actors"), single_ok=True), "Events involving any of these actors."),
    Field("places", ListOf(Reference("places"), single_ok=True), "Events at any of these places."),
    Field("ids", ListOf(Reference("events"), single_ok=True), "These events."),
    Field("from", DateValue(bound=True), "Events on or after this date.", example="2024-11-27"),
    Field("to", DateValue(bound=True), "Events on or before this date (inclusive, at the precision written).",
          example="2024-12"),
))

HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")

SEARCH = Record("search", "How the site search treats the page.", (
    Field("exclude", Boolean(), "true leaves the page out of the search.", example=True),
    Field("boost", Number(0, 100), "Rank the page higher (above 1) or lower (below 1) in results."),
))

SOCIAL = Record("social", "Social cards (Material's social plugin).", (
    Field("cards", Boolean(), "false: no social card for this page.", example=False),
))

# Front matter keys MkDocs and Material read. They print some of them into every page, so they are checked
# like the explainers' own fields: a wrong one fails here, not in the middle of a build that has emptied site/.
PAGE_FIELDS = (
    Field("template", ThemeFile("", ".html"), "A template of the theme to render the page with.",
          example="main.html"),
    Field("hide", ListOf(Choice(HIDE)), "Parts of the page Material leaves out.", example=["toc"]),
    Field("icon", ThemeFile(".icons", ".svg"), "An icon beside the page's title in the navigation.",
          example="material/map"),
    Field("status", Slug(), "A status badge in the navigation (one named under extra.status in mkdocs.yml).",
          example="new"),
    Field("subtitle", Text(), "A line under the page's title in the navigation."),
    Field("search", SEARCH, "How the site search treats the page."),
    Field("social", SOCIAL, "Social cards."),
)

PAGE = Record("page", "Front matter of any other page (the guide, the home page).", (
    Field("title", Text(), "The page's title.", example="How we verify"),
    Field("description", Text(), "One sentence for search engines and link previews.",
          example="The checks every claim goes through."),
    Field("lang", Choice(tuple(LANGUAGES)), "Language of the page (ar is shown right-to-left)."),
    *PAGE_FIELDS,
))

EXPLAINER = Record("explainer", "Front matter of an explainer page (a Markdown file with `events`).", (
    Field("title", Text(), "Headline.", required=True, example="The fall of Aleppo and Hama"),
    Field("description", Text(), "The dek: one sentence under the headline.",
          example="How a rebel offensive took two of Syria's largest cities in a week."),
    Field("published", DateValue(time_required=True), "First published, with UTC offset.", required=True,
          example="2024-12-06T09:15+05:30"),
    Field("updated", DateValue(time_required=True), "Last updated, with UTC offset.",
          example="2024-12-06T10:32+05:30"),
    Field("events", SELECTOR, "Which events the page's timeline shows.", required=True),
    Field("unknowns", ListOf(Text(one_line=False, markdown=True, translatable=True)), "Open questions: 'What we don't know'.",
          example=["How many civilians were killed."]),
    Field("corrections", ListOf(CORRECTION), "Corrections to the page's prose."),
    Field("live", Boolean(), "true while the story is developing: a banner with the last update, a 'Latest' list "
          "of changes at the top, and live-blog structured data.", example=True),
    Field("coverage_end", DateValue(time_required=True, bound=True), "When live coverage ends (or ended), with "
          "UTC offset; after it the banner says coverage has ended.", example="2024-12-09T12:00+03:00"),
    Field("lang", Choice(tuple(LANGUAGES)), "Language of the page (ar is shown right-to-left)."),
    Field("translation_of", Slug(), "The explainer this page is a version of, in another language: its file "
          "name without .md. The versions link to each other.", example="fall-of-aleppo-and-hama"),
    *PAGE_FIELDS,
))

ACTORS = Registry("actors", "content/actors.yml: actor id -> actor.", ACTOR, example_id="hts")
PLACES = Registry("places", "content/places.yml: place id -> place.", PLACE, example_id="aleppo")
# Optional: with it, every tag an event gives must be in it (a misspelt tag would quietly split a story in two);
# without it, tags are named by their slugs.
TAGS = Registry("tags", "content/tags.yml: tag slug -> tag.", TAG, example_id="hama")

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
