"""An ACLED export (CSV) into event files (content/events/acled/<id>.yml) and new actors/places.

Re-running is safe: an event already imported is left alone, or refreshed only if nobody edited its file since
(each file carries `# acled-import: sha256=<hash of the rest>`); registry entries are only ever appended.
Rows are refused, as `file:line: row N: reason; fix`, when they would not pass `explainers validate` once
written (each record and each new registry entry goes through the same Checker), and for what a spreadsheet
or a terminal would misread: bytes that are not UTF-8, cells a spreadsheet would run as formulas (= + - @
first, or their look-alikes), control characters, links other than http(s)/mailto in the notes, rows repeating
another row's id. A cell our own export marked as text (a leading ' before one of those characters) is read
back as the text it stands for.

What ACLED says is kept: actor 1 and 2 with their associates and each one's actor type in the event's
`acled:` block, with the event's geo_precision, disorder type, civilian targeting, source scale, bracketed
annotations, tags and ACLED's timestamp (provenance, not `updated`), so the ACLED CSV export gives the row
back. Places and actors are matched by registries.py: exactly, or held for the editor (near misses).

Nothing is written until every row is read, and nothing at all if a file to write, or a folder above it inside
the content folder, is a link or lies outside the content folder. Each file is replaced whole (a temporary file
beside it, then a rename), so an import that fails leaves no half-written file, and never writes through a
link (symbolic or hard) into a file elsewhere. `dry_run` does everything but write.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..format import countries
from ..format import schema as s
from ..format.jsonschema import schema_comment
from .acled_text import RowError, headline, parse_acled_date, parse_timestamp, split_annotations
from .registries import LOADER, NEAR_MISS_SCALE, Registry, place_agrees, shown_name, slugify
from .transliteration import localized_name
from ..outputs.acled_csv import looks_like_formula, unescape_text
from ..records.validation import Checker, is_safe_url, suggest

HASH_PREFIX = "# acled-import: sha256="
REQUIRED = ("event_id_cnty", "event_date", "event_type", "notes")
ACLED_DATA_URL = "https://acleddata.com/data-export-tool/"  # where ACLED's rows are published
_TYPES = {label.casefold(): slug for slug, label in s.EVENT_TYPES.items() if slug != "statement"}
_SUBTYPES = {(t, label.casefold()): slug for t, subs in s.SUBTYPES.items() for slug, label in subs.items()}
_SUBTYPES[("protest", "excessive force against protestors")] = "excessive-force-against-protesters"  # older files
_KINDS = {label.casefold(): slug for slug, label in s.ACTOR_KINDS.items() if slug in s.ACLED_ACTOR_TYPES}
_KINDS.update({"external/other forces": "external-forces", "other forces": "external-forces",
               "rebel groups": "rebel-group", "rebel forces": "rebel-group", "political militias": "political-militia",
               "identity militias": "identity-militia", "protestors": "protesters", "sole": ""})
_KINDS.update({str(n): kind for n, kind in enumerate(s.ACLED_ACTOR_TYPES, 1)})
_KINDS.update({f"{n}.0": kind for n, kind in enumerate(s.ACLED_ACTOR_TYPES, 1)})  # as R and pandas write them
_KINDS.update({"0": "", "0.0": ""})  # older files: no actor 2
_DISORDER = {d.casefold(): d for d in s.DISORDER_TYPES}
_DISORDER["demostrations"] = "Demonstrations"  # ACLED's own misspelling in its 2022 files
# An associated actor has no inter code of its own: its kind from ACLED's naming conventions, or organization.
_KIND_BY_NAME = ((re.compile(r"^(Military|Police|Government|Prison Guards|Presidential Guard)\b.* of "), "state-forces"),
                 (re.compile(r"^Protesters \("), "protesters"), (re.compile(r"^Rioters \("), "rioters"),
                 (re.compile(r"^Civilians \("), "civilians"),
                 (re.compile(r"\b(Communal|Clan|Ethnic|Tribal) Militia\b"), "identity-militia"))
# The columns whose text reaches the records (whole cells), and those holding '; '-separated names.
TEXT_COLUMNS = ("event_id_cnty", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2",
                "admin3", "location", "notes", "disorder_type", "source_scale", "tags")
LIST_COLUMNS = ("assoc_actor_1", "assoc_actor_2", "source")
# Link targets in Markdown: inline links and images, autolinks, reference definitions.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>|^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)",
                   re.MULTILINE)
_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of a byte that is not UTF-8
# Invisible characters no record may hold: C0 controls but tab and line breaks, DEL, C1, and the bidirectional
# embeddings, overrides and isolates (they make text display in another order than it is stored).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# In messages: every control shown as an escape, so a cell can neither break the line nor drive the terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
SHOWN_PER_REASON = 5  # rows listed under each reason in the report; the rest are counted
MAX_DIGITS = 9  # fatalities: no count has more; a longer cell is a mistake, not a number to read


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)  # event ids written for the first time
    updated: list[str] = field(default_factory=list)  # unedited files refreshed from a newer ACLED row
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files an editor changed: not overwritten (paths)
    existing: list[str] = field(default_factory=list)  # ids already used by a record outside events/acled/
    filtered: int = 0  # rows left out by --country/--from/--to
    actors_added: list[str] = field(default_factory=list)
    places_added: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "file:line: row N: reason; fix", every one
    refused: dict[str, list[str]] = field(default_factory=dict)  # reason -> the problems of rows refused for it
    review: list[str] = field(default_factory=list)  # rows matched to an entry by a near miss the editor accepted
    notes: list[str] = field(default_factory=list)  # worth knowing, nothing refused: kinds that differ, namesakes
    # Not problems, but worth a look: cells our export marked as text (a leading ') read back as that text.
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        refused = sum(len(rows) for rows in self.refused.values())
        verb = "would be " if self.dry_run else ""
        lines = [f"{len(self.added)} {verb}added, {len(self.updated)} {verb}updated, {len(self.unchanged)} "
                 f"unchanged, {refused} refused, {len(self.review)} merged for review, {len(self.kept)} kept "
                 f"(edited since import), {len(self.existing)} already present, {self.filtered} filtered out; "
                 f"{len(self.actors_added)} new actor(s), {len(self.places_added)} new place(s)"]
        if self.dry_run:
            lines.append("dry run: nothing was written")
        for reason, rows in sorted(self.refused.items(), key=lambda item: (-len(item[1]), item[0])):
            lines.append(f"refused, {reason}: {len(rows)} row(s)")
            lines += [f"  {row}" for row in rows[:SHOWN_PER_REASON]]
            if len(rows) > SHOWN_PER_REASON:
                lines.append(f"  … and {len(rows) - SHOWN_PER_REASON} more")
        grouped = {row for rows in self.refused.values() for row in rows}
        lines += [problem for problem in self.problems if problem not in grouped]
        if self.review:
            lines.append(f"merged for review (near misses you accepted): {len(self.review)}")
            lines += [f"  {line}" for line in self.review]
        lines += [f"kept, edited since import: {path}" for path in self.kept]
        lines += self.notes
        lines += self.warnings
        return "\n".join(lines)


def printable(text: str) -> str:
    """text with control and bidirectional characters written as escapes, for a one-line message."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)


def _shown(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def write_replacing(path: Path, data: bytes) -> None:
    """Write path whole: a new file beside it, then renamed over it. A reader (or a failure half-way) sees the
    old file or the new one, never part of one, and a link at path is replaced, never written through."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(os.lstat(path).st_mode)
    except FileNotFoundError:
        mode = None  # a new file: os.open's 0o666 less the umask, as for any file the tools write
    while True:
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def unsafe_target(path: Path, docs_dir: Path) -> str | None:
    """Why writing path could change a file outside docs_dir (a link on the way, or a path leading out), or
    None. docs_dir itself may be a link; nothing below it may."""
    try:
        parts = path.relative_to(docs_dir).parts
    except ValueError:
        parts = None
    if parts is not None:
        current = docs_dir
        for part in parts:
            current = current / part
            if current.is_symlink():
                try:
                    to = f" to {os.readlink(current)}"
                except OSError:
                    to = ""
                what = "file" if current == path else "folder"
                return (f"{current.as_posix()}: is a link{to}, and the importer never writes through a link, so "
                        f"nothing was imported; replace the link with a real {what} (or import into a copy of "
                        "the content)")
    if parts is None or not path.resolve().is_relative_to(docs_dir.resolve()):
        return (f"{path.as_posix()}: is outside the content folder {docs_dir.as_posix()}, so nothing was "
                "imported; keep events_dir, actors_file and places_file inside docs_dir")
    return None


def _body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# libyaml's emitter: the same text as PyYAML's own, 25 times faster (each record is written twice: checked, then
# saved), which makes the difference between 40 s and a few for a 5,000-row export.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(record: dict) -> str:
    return yaml.dump(record, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)


_MARK = yaml.Mark("import", 0, 0, 0, None, None)
_TAGS = {bool: "bool", int: "int", float: "float", str: "str"}


def as_nodes(value) -> yaml.Node:
    """The node tree the loader makes of dump(value) (plain values: mappings, lists, text, numbers, booleans),
    made directly: the Checker then sees what `explainers validate` will read, without writing and parsing
    YAML once more per record."""
    if isinstance(value, dict):
        return yaml.MappingNode("tag:yaml.org,2002:map", [(as_nodes(str(k)), as_nodes(v)) for k, v in value.items()],
                                _MARK, _MARK)
    if isinstance(value, list):
        return yaml.SequenceNode("tag:yaml.org,2002:seq", [as_nodes(v) for v in value], _MARK, _MARK)
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return yaml.ScalarNode(f"tag:yaml.org,2002:{_TAGS[type(value)]}", text, _MARK, _MARK, style="'" if
                           isinstance(value, str) else None)


def file_text(record: dict, schema_line: str) -> str:
    body = dump(record)
    return f"{schema_line}\n{HASH_PREFIX}{_body_hash(body)}\n{body}"


def edited_since_import(text: str) -> bool:
    """True when the file has no import hash, or its body no longer matches it."""
    lines = text.split("\n", 2)
    if len(lines) < 3 or not lines[1].startswith(HASH_PREFIX):
        return True
    return lines[1][len(HASH_PREFIX):].strip() != _body_hash(lines[2])


def clean_row(row: dict) -> tuple[dict, list[str]]:
    """(the row with our export's text marks removed, the columns that had one). RowError for a cell (or, in the
    name lists, a name) a spreadsheet would run as a formula, an invisible control character, or an unsafe link
    in the notes. After a ';' inside free text, = + - @ are text: our export marks them for spreadsheets that
    split cells on ';'."""
    cleaned, marked = dict(row), []
    for column in TEXT_COLUMNS + LIST_COLUMNS:
        value = row.get(column) or ""
        pieces = value.split(";") if column in LIST_COLUMNS else [value]
        out = []
        for piece in pieces:
            raw = piece.strip()
            if looks_like_formula(raw):
                raise RowError(f"{column} starts with '{raw[0]}', so a spreadsheet would run '{_shown(raw)}' as a "
                               "formula; if it is text, start the cell with an apostrophe (') and import again, "
                               "otherwise correct the cell", "a cell a spreadsheet would run as a formula")
            text = unescape_text(raw).strip()
            if text != raw:
                marked.append(column)
            control = _CONTROL.search(text)
            if control:
                raise RowError(f"{column} holds the invisible character U+{ord(control.group()):04X}; delete it "
                               "from the cell", "an invisible control character")
            out.append(text)
        cleaned[column] = "; ".join(out) if column in LIST_COLUMNS else out[0]
    for match in _LINK.finditer(cleaned.get("notes") or ""):
        target = next(group for group in match.groups() if group)
        if not target.startswith("#") and not is_safe_url(target):
            raise RowError(f"notes links to '{_shown(target)}'; only http(s) and mailto links may be imported: "
                           "correct or remove the link in the cell", "a link that is not http(s) or mailto")
    return cleaned, list(dict.fromkeys(marked))


def _not_utf8(cells: list[str], header: list[str]) -> tuple[str, int, int] | None:
    """(column, the byte, lines into the record) of the first byte that is not UTF-8, or None."""
    lines = 0
    for index, cell in enumerate(cells):
        match = _NOT_UTF8.search(cell)
        if match:
            column = header[index] if index < len(header) else f"field {index + 1}"
            return column, ord(match.group()) - 0xDC00, lines + cell.count("\n", 0, match.start())
        lines += cell.count("\n")
    return None


NOT_UTF8_HINT = "save the file as UTF-8 (in Excel: Save As, 'CSV UTF-8'), then import again"


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _cell(row: dict, column: str) -> str:
    """A cell's text; R's "NA" (what write.csv and readr write for an empty cell) is empty too."""
    text = (row.get(column) or "").strip()
    return "" if text == "NA" else text


def _names(cell: str) -> list[str]:
    return [name.strip() for name in cell.split(";") if name.strip()]


def _number(row: dict, column: str, low: float, high: float) -> float | None:
    value = _cell(row, column)
    if not value:
        return None
    try:
        number = float(value) if len(value) <= 30 else float("nan")
    except ValueError:
        raise RowError(f"{column} '{_shown(value)}' is not a number", f"{column} is not a number") from None
    if not low <= number <= high:  # NaN too
        raise RowError(f"{column} {_shown(value)} is out of range", f"{column} is out of range")
    return round(number, 4)


class Matcher:
    """One import's registries, what the editor said about near misses, and the checks every new entry and
    record goes through (validation.Checker, as `explainers validate` runs it)."""

    def __init__(self, actors: Registry, places: Registry, tag_ids: set[str] | None, mapping: dict,
                 accept_near: bool, report: ImportReport):
        self.actors, self.places, self.tag_ids = actors, places, tag_ids
        self.mapping, self.accept_near, self.report = mapping, accept_near, report
        self.weak: set[str] = set()  # new actors whose kind was guessed from their name (no inter code yet)
        self.kind_noted: set[tuple[str, str]] = set()
        self.namesakes: set[str] = set()

    def check(self, values: dict, record: s.Record, what: str) -> None:
        """RowError when `values`, once written as YAML, would not pass validation."""
        problems: list = []
        # the registries' live dicts: `in` is all the Checker asks of them
        known = {"actors": self.actors.entries, "places": self.places.entries, "events": None, "theme_dirs": None}
        Checker(what, problems, known).record(as_nodes(values), record, what)
        if problems:
            first = problems[0]
            raise RowError(f"{what} would not pass `explainers validate`: {first.message}"
                           f"{'; ' + first.hint if first.hint else ''}; correct the cell",
                           f"a record that would not validate ({first.message.split(' ', 1)[0]})")

    def _mapped(self, kind: str, name: str, registry: Registry) -> str | None:
        target = (self.mapping.get(kind) or {}).get(name)
        if target is None or target == "new":
            return target
        if target not in registry.entries:
            raise RowError(f"the mapping file maps {kind} '{name}' to '{target}', which is not in "
                           f"{registry.path.name}; fix the mapping", "a mapping to an id that does not exist")
        return target

    def _near_miss(self, kind: str, name: str, candidates: list[str], registry: Registry, number: int) -> str:
        """The one candidate, when the editor accepts near misses; otherwise a RowError asking."""
        listed = ", ".join(f"'{c}' ({shown_name(registry.entries[c])})" for c in candidates[:3])
        if self.accept_near and len(candidates) == 1:
            self.report.review.append(f"row {number}: {kind} '{name}' taken as {listed}")
            return candidates[0]
        raise RowError(f"{kind} '{name}' is not in {registry.path.name} but looks like {listed}; if it is that "
                       f"entry, map it in a mapping file ({kind}s: {{\"{name}\": {candidates[0]}}}) and import "
                       "with --map FILE (or with --accept-near-misses); if it is another, map it to new",
                       f"{'an' if kind == 'actor' else 'a'} {kind} that looks like one of the site's (near miss)")

    def place(self, row: dict, number: int) -> tuple[str, int | None]:
        """(the place id, ACLED's geo_precision for this event)."""
        location = _cell(row, "location")
        code = countries.lookup(row.get("iso"), row.get("country"))
        if code is None:
            raise RowError(f"country '{_cell(row, 'country')}' (iso {_cell(row, 'iso')}) is neither an ISO 3166 "
                           "country nor one of ACLED's country names; correct the country or iso cell",
                           "a country that is not ACLED's")
        precision_text = _cell(row, "geo_precision").removesuffix(".0")
        if precision_text and precision_text not in ("1", "2", "3"):
            raise RowError(f"geo_precision '{_shown(precision_text)}' is not 1, 2 or 3",
                           "geo_precision is not 1, 2 or 3")
        precision = int(precision_text) if precision_text else None
        place: dict = {"name": localized_name(location), "country": code}
        native = place["name"].get("ar") if isinstance(place["name"], dict) else None
        if native:
            place["native_name"] = native
        for column in ("admin1", "admin2", "admin3"):
            if _cell(row, column):
                place[column] = _cell(row, column)
        lat, lon = _number(row, "latitude", -90, 90), _number(row, "longitude", -180, 180)
        if (lat is None) != (lon is None):
            raise RowError("the row has only one of latitude and longitude; give both or neither",
                           "only one coordinate")
        if lat is not None:
            place["lat"], place["lon"] = lat, lon
        if precision and precision != 1:
            place["precision"] = precision
        mapped = self._mapped("place", location, self.places)
        if mapped and mapped != "new":
            return mapped, precision
        same_name = [i for i in self.places.named(location) if i in self.places.entries]
        if mapped != "new":
            for ident in same_name:
                if place_agrees(self.places.entries[ident], place, precision or 1):
                    return ident, precision
            near = [i for i in self.places.near_misses(location)
                    if place_agrees(self.places.entries[i], place, precision or 1, NEAR_MISS_SCALE)]
            if near:
                return self._near_miss("place", location, near, self.places, number), precision
        if any(self.places.entries[i].get("country") == code for i in same_name):
            self.namesakes.add(location)
        self.check(place, s.PLACE, f"place '{_shown(location)}'")
        return self.places.add(place, tuple(_cell(row, c) for c in ("admin2", "admin1", "admin3"))), precision

    def actor(self, name: str, inter: str | None, number: int) -> str:
        """The actor's id: matched by name in any language, or new. `inter`: its kind per ACLED in this row
        (None for an associated actor, which has no inter code)."""
        mapped = self._mapped("actor", name, self.actors)
        ident = mapped if mapped and mapped != "new" else next(iter(self.actors.named(name)), None)
        if ident is None and mapped != "new":
            # only the same name written otherwise ("Military Forces of Sudan (2019- )"): actors' names one
            # letter apart are other actors ("Farmers (Iraq)", "Farmers (Iran)")
            near = self.actors.near_misses(name, one_edit=False)
            if near:
                ident = self._near_miss("actor", name, near, self.actors, number)
        if ident is None:
            kind = inter or next((k for pattern, k in _KIND_BY_NAME if pattern.search(name)), "organization")
            entry = {"name": localized_name(name), "kind": kind}
            if isinstance(entry["name"], dict):
                entry["native_name"] = entry["name"]["ar"]
            self.check(entry, s.ACTOR, f"actor '{_shown(name)}'")
            ident = self.actors.add(entry)
            if inter is None:
                self.weak.add(ident)
            return ident
        entry = self.actors.entries[ident]
        if inter and ident in self.weak:  # a kind guessed from its name gives way to ACLED's
            entry["kind"] = inter
            self.weak.discard(ident)
        elif inter and entry.get("kind") != inter and (ident, inter) not in self.kind_noted:
            self.kind_noted.add((ident, inter))
            where = "by its first row here" if ident in self.actors.new else f"in {self.actors.path.name}"
            self.report.notes.append(
                f"actor {ident} ({shown_name(entry)}) is {entry.get('kind')} {where} and {inter} in row {number}; "
                "each event keeps ACLED's type (acled.inter1/inter2), the actor its kind: change it if ACLED's "
                "other type fits better")
        return ident


def _inter(row: dict, column: str) -> str | None:
    text = _cell(row, column)
    if not text:
        return None
    kind = _KINDS.get(text.casefold())
    if kind is None:
        raise RowError(f"{column} '{_shown(text)}' is none of ACLED's actor types (1-8, or their names)",
                       f"{column} is not an ACLED actor type")
    return kind or None


def row_record(row: dict, matcher: Matcher, tag: str | None, number: int) -> tuple[str, dict]:
    raw_id = _cell(row, "event_id_cnty")
    ident = slugify(raw_id)
    if not ident:
        raise RowError("event_id_cnty is empty; every ACLED row has one (e.g. SUD17003): copy it from the "
                       "export, or delete the row", "event_id_cnty is empty")
    day = parse_acled_date(row.get("event_date") or "")
    precision = _cell(row, "time_precision").removesuffix(".0") or "1"
    if precision not in ("1", "2", "3"):
        raise RowError(f"time_precision '{_shown(precision)}' is not 1, 2 or 3", "time_precision is not 1, 2 or 3")
    record: dict = {"date": day.strftime("%Y-%m") if precision == "3" else day.isoformat()}
    if precision == "2":
        record["approximate"] = True
    type_text = _cell(row, "event_type")
    event_type = _TYPES.get(type_text.casefold())
    if type_text and event_type is None:
        raise RowError(f"event_type '{_shown(type_text)}' is not one of ACLED's event types",
                       "event_type is not ACLED's")
    subtype_text = _cell(row, "sub_event_type")
    subtype = _SUBTYPES.get((event_type, subtype_text.casefold()))
    if subtype_text and subtype is None:
        raise RowError(f"sub_event_type '{_shown(subtype_text)}' is not one of ACLED's sub-event types of "
                       f"{type_text or 'its event type'}", "sub_event_type is not ACLED's")
    location, notes = _cell(row, "location"), _cell(row, "notes")
    summary, annotations = split_annotations(notes)
    record["title"] = headline(notes, f"{subtype_text or type_text or 'Event'}{' in ' + location if location else ''}")
    if summary:
        record["summary"] = summary
    if event_type:
        record["type"] = event_type
    if subtype:
        record["subtype"] = subtype
    acled: dict = {}
    stamp = parse_timestamp(_cell(row, "timestamp"))
    if stamp is not None:
        acled["timestamp"] = stamp.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    if precision == "3":
        acled["event_date"] = day.isoformat()
    if location:
        record["place"], geo_precision = matcher.place(row, number)
        if geo_precision:
            acled["geo_precision"] = geo_precision
    disorder = _cell(row, "disorder_type")
    if disorder:
        if disorder.casefold() not in _DISORDER:
            raise RowError(f"disorder_type '{_shown(disorder)}' is not one of ACLED's disorder types",
                           "disorder_type is not ACLED's")
        acled["disorder_type"] = _DISORDER[disorder.casefold()]
    actors: list[str] = []
    for side in ("1", "2"):
        main, inter = _cell(row, f"actor{side}"), _inter(row, f"inter{side}")
        if main:
            acled[f"actor{side}"] = matcher.actor(main, inter, number)
            actors.append(acled[f"actor{side}"])
        associated = [matcher.actor(name, None, number) for name in _names(_cell(row, f"assoc_actor_{side}"))]
        if associated:
            acled[f"assoc_actor_{side}"] = list(dict.fromkeys(associated))
            actors += associated
        if inter and main:
            acled[f"inter{side}"] = inter
    if actors:
        record["actors"] = list(dict.fromkeys(actors))
    if tag:
        record["tags"] = [tag]
    fatalities = _cell(row, "fatalities").removesuffix(".0")
    if fatalities:
        if not re.fullmatch(r"[0-9]+", fatalities):
            raise RowError(f"fatalities '{_shown(fatalities)}' is not a whole number", "fatalities is not a number")
        if len(fatalities.lstrip("0")) > MAX_DIGITS:
            raise RowError(f"fatalities has {len(fatalities.lstrip('0')):,} digits; no count has more than "
                           f"{MAX_DIGITS}: correct the cell", "fatalities is not a count")
        record["fatalities"] = {"best": int(fatalities), "by": "ACLED"}  # 0 too: "none reported" is ACLED's word
    event_label = raw_id.upper() if re.fullmatch(r"[A-Za-z]{2,4}[0-9]+", raw_id) else raw_id
    outlets = list(dict.fromkeys(_names(_cell(row, "source"))))
    record["sources"] = ([{"title": f"Reported via ACLED (event {event_label})", "publisher": outlet,
                           "url": ACLED_DATA_URL} for outlet in outlets] or
                         [{"title": f"ACLED event {event_label}", "publisher": "ACLED", "url": ACLED_DATA_URL}])
    if _cell(row, "civilian_targeting"):
        acled["civilian_targeting"] = True
    for column in ("source_scale", "tags"):
        if _cell(row, column):
            acled[column] = _cell(row, column)
    if annotations:
        acled["annotations"] = annotations
    if acled:
        record["acled"] = acled
    matcher.check(record, s.EVENT, f"event {event_label}")
    return ident, record


def read_mapping(path) -> tuple[dict, str | None]:
    """The editor's answers to near misses: `places:` and `actors:`, each ACLED's name -> an id, or `new`."""
    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return {}, f"{Path(path).as_posix()}: cannot be read as a mapping file: {error}"
    loaded = loaded if loaded is not None else {}
    if not isinstance(loaded, dict) or set(loaded) - {"places", "actors"} or not all(
            isinstance(v, dict) and all(isinstance(k, str) and isinstance(i, str) for k, i in v.items())
            for v in loaded.values() if v is not None):
        return {}, (f"{Path(path).as_posix()}: a mapping file holds 'places:' and 'actors:', each with lines "
                    "\"ACLED's name\": an-id (or new); fix the file")
    return {"place": loaded.get("places") or {}, "actor": loaded.get("actors") or {}}, None


def _tag_ids(path: Path) -> set[str] | None:
    if not path.exists():
        return None
    loaded = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=LOADER)
    return set(map(str, loaded)) if isinstance(loaded, dict) and loaded else None


def _country_filter(country: str, row: dict) -> bool:
    """Whether the row is of the country asked for (a name, an alpha-2 code or ACLED's numeric iso)."""
    wanted = country.strip().casefold()
    code = countries.lookup(row.get("iso"), row.get("country"))
    return (wanted in {_cell(row, "country").casefold(), _cell(row, "iso").removesuffix(".0")}
            or (code is not None and code == countries.lookup(None, country)))


def import_acled(csv_path, docs_dir, *, country=None, start=None, end=None, tag=None,
                 events_dir: str = "events", actors_file: str = "actors.yml", places_file: str = "places.yml",
                 tags_file: str = "tags.yml", schemas_dir=None, mapping=None, accept_near_misses: bool = False,
                 dry_run: bool = False) -> ImportReport:
    """Import an ACLED CSV export into docs_dir; schemas_dir defaults to schemas/ beside docs_dir (where
    `explainers schema` writes it), so the files' `$schema` line is relative and VS Code finds it. `mapping`:
    a mapping file's path (read_mapping); `accept_near_misses`: take a name that only looks like one entry as it."""
    csv_path, docs_dir = Path(csv_path), Path(docs_dir)
    report = ImportReport(dry_run=dry_run)

    def problem(text: str, reason: str | None = None) -> None:
        report.problems.append(printable(text))
        if reason:
            report.refused.setdefault(reason, []).append(report.problems[-1])

    start, end = _as_date(start), _as_date(end)
    if tag is not None and not re.match(s.SLUG_PATTERN, tag):
        problem(f"--tag '{tag}' is not a slug (lowercase letters, digits, hyphens)")
        return report
    answers: dict = {}
    if mapping is not None:
        answers, error = read_mapping(mapping)
        if error:
            problem(error)
            return report
    shown = csv_path.as_posix()
    try:
        # Bytes that are not UTF-8 become lone surrogates: the row holding one is reported, the rest read on.
        handle = csv_path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as error:
        problem(f"{shown}: cannot be read: {error.strerror}")
        return report
    target = docs_dir / events_dir / "acled"
    header_line = schema_comment(Path(schemas_dir) if schemas_dir else docs_dir.parent / "schemas", target)
    try:
        existing = ({p.stem: p for p in sorted((docs_dir / events_dir).rglob("*.yml"))}
                    if (docs_dir / events_dir).exists() else {})
        actors, places = Registry.read(docs_dir / actors_file, "actor"), Registry.read(docs_dir / places_file, "place")
        tag_ids = _tag_ids(docs_dir / tags_file)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        handle.close()
        problem(f"{docs_dir.as_posix()}: cannot read the content before importing: {error}; fix that file first")
        return report
    if tag is not None and tag_ids is not None and tag not in tag_ids:
        handle.close()
        hint = suggest(tag, tag_ids) or f"add it to {tags_file} first, or give one of its tags"
        problem(f"--tag '{tag}' is not in {(docs_dir / tags_file).as_posix()}, so every imported event would fail "
                f"validation; {hint}; nothing was imported")
        return report
    matcher = Matcher(actors, places, tag_ids, answers, accept_near_misses, report)
    planned: dict[str, dict] = {}  # id -> record, in row order
    seen: dict[str, tuple[int, int, str, tuple]] = {}  # id -> (row, line, event_id_cnty, cells) of its first row
    refused: set[str] = set()  # ids two different rows gave
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            problem(f"{shown}:1: the file is empty; expected ACLED's header row")
            return report
        except csv.Error as error:
            problem(f"{shown}:1: row 1: {error}")
            return report
        bad = _not_utf8(header, header)
        if bad:
            problem(f"{shown}:{1 + bad[2]}: row 1: byte 0x{bad[1]:02X} in the header row is not UTF-8; {NOT_UTF8_HINT}")
            return report
        header = [h.strip() for h in header]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            problem(f"{shown}:1: not an ACLED export: missing column(s) {', '.join(missing)}")
            return report
        line, number = reader.line_num, 1  # number: the row as a spreadsheet numbers it (the header is 1)
        while True:
            first_line, number = line + 1, number + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                problem(f"{shown}:{first_line}: row {number}: {error}; check the quoting from this row on")
                break
            line = reader.line_num
            where = f"{shown}:{first_line}: row {number}"
            if not any(c.strip() for c in cells):
                continue
            bad = _not_utf8(cells, header)
            if bad:
                problem(f"{shown}:{first_line + bad[2]}: row {number}: byte 0x{bad[1]:02X} in {bad[0]} is not "
                        f"UTF-8; {NOT_UTF8_HINT}", "bytes that are not UTF-8")
                continue
            if len(cells) != len(header):
                problem(f"{where}: has {len(cells)} fields, the header has {len(header)}; check the quoting "
                        "on this row", "a row with the wrong number of fields")
                continue
            row = dict(zip(header, cells))
            try:
                if country and not _country_filter(country, row):  # before anything else is read
                    report.filtered += 1
                    continue
                day = parse_acled_date(row["event_date"] or "")
                if (start and day < start) or (end and day > end):
                    report.filtered += 1
                    continue
                row, marked = clean_row(row)
                ident, record = row_record(row, matcher, tag, number)
            except RowError as error:
                problem(f"{where}: {error}", error.reason)
                continue
            raw_id = row["event_id_cnty"].strip()
            if ident in seen:
                first_number, first_at, first_id, first_cells = seen[ident]
                if tuple(cells) == first_cells:
                    kept = "not imported (see above)" if ident in refused else "it was imported once"
                    problem(f"{where}: repeats row {first_number} (line {first_at}) exactly; {kept}; delete the "
                            "repeated row", "a row repeated exactly")
                else:
                    refused.add(ident)
                    planned.pop(ident, None)
                    spelled = "" if first_id == raw_id else f" (as '{first_id}')"
                    problem(f"{where}: event_id_cnty '{raw_id}' is the id '{ident}', which row {first_number} "
                            f"(line {first_at}) already has{spelled}, but the rows differ, so neither was "
                            "imported; give each event its own event_id_cnty, or delete the wrong row",
                            "two different rows with one id")
                continue
            seen[ident] = (number, first_line, raw_id, tuple(cells))
            planned[ident] = record
            report.warnings += [printable(f"{where}: {column} has an apostrophe marking text that a spreadsheet "
                                          "would run as a formula, as our export writes it; imported as that "
                                          "text, without the apostrophe") for column in marked]
    if matcher.namesakes:
        names = sorted(matcher.namesakes)
        report.notes.append(f"{len(names)} place name(s) stand for more than one place, each kept apart with its "
                            f"area in its id: {', '.join(names[:10])}{' …' if len(names) > 10 else ''}")
    _commit(planned, header_line, target, existing, report, docs_dir, actors, places, problem, dry_run)
    return report


def _commit(planned: dict[str, dict], header_line: str, target: Path, existing: dict, report: ImportReport,
            docs_dir: Path, actors: Registry, places: Registry, problem, dry_run: bool) -> None:
    """Decide what each record means for its file, check every path to write, then write (registries first:
    an event must never point at an entry that is not there)."""
    writes: list[tuple[str, Path, str, list]] = []  # (id, path, text, the report list it joins)
    for ident, record in planned.items():
        path = target / f"{ident}.yml"
        text = file_text(record, header_line)
        other = existing.get(ident)
        if other is not None and other.resolve() != path.resolve():
            report.existing.append(ident)
            continue
        if path.exists():
            try:
                current = path.read_text(encoding="utf-8-sig", errors="replace")
            except OSError as error:
                problem(f"{path.as_posix()}: cannot be read: {error.strerror}; this event was not imported")
                continue
            if edited_since_import(current):
                report.kept.append(path.relative_to(docs_dir).as_posix())
            elif current == text:
                report.unchanged.append(ident)
            else:
                writes.append((ident, path, text, report.updated))
            continue
        writes.append((ident, path, text, report.added))
    used = set()
    for ident, _path, _text, _joins in writes:
        used.update(planned[ident].get("actors", ()))
        used.add(planned[ident].get("place"))
    actors.keep_only(used)
    places.keep_only(used)
    paths = [registry.path for registry in (actors, places) if registry.new] + [w[1] for w in writes]
    unsafe = list(dict.fromkeys(filter(None, (unsafe_target(path, docs_dir) for path in paths))))
    if unsafe:
        for text in unsafe:
            problem(text)
        return
    for registry, added in ((actors, report.actors_added), (places, report.places_added)):
        if registry.new and not dry_run:
            try:
                write_replacing(registry.path, registry.text_to_append())
            except OSError as error:
                problem(f"{registry.path.as_posix()}: cannot be written: {error.strerror}; no event was imported "
                        "(they would point at entries it lacks)")
                return
        added += list(registry.new)
    for ident, path, text, joins in writes:
        if not dry_run:
            try:
                write_replacing(path, text.encode("utf-8"))
            except OSError as error:
                problem(f"{path.as_posix()}: cannot be written: {error.strerror}; this event was not imported")
                continue
        joins.append(ident)
