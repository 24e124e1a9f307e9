"""An ACLED export (CSV) into event files (content/events/acled/<id>.yml) and new actors/places.

Re-running is safe: an event already imported is left alone, or refreshed only if nobody edited its file since
(each file carries `# acled-import: sha256=<hash of the rest>`); registry entries are only ever appended.
Malformed rows are reported as `file:line: row N: reason; fix` and skipped: bytes that are not UTF-8, cells a
spreadsheet would run as formulas (= + - @ first), control characters, links other than http(s)/mailto in the
notes, and rows repeating another row's id. A cell our own export marked as text (a leading ' before one of
those characters) is read back as the text it stands for.

Nothing is written until every row is read, and nothing at all if a file to write, or a folder above it inside
the content folder, is a link or lies outside the content folder. Each file is replaced whole (a temporary file
beside it, then a rename), so an import that fails leaves no half-written file, and never writes through a
link (symbolic or hard) into a file elsewhere.
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
from datetime import date, datetime, timezone
from pathlib import Path

import yaml

from .. import schema as s
from ..exports import countries
from ..exports.acled_csv import looks_like_formula, unescape_text
from ..jsonschema import schema_comment
from ..validation import is_safe_url

HASH_PREFIX = "# acled-import: sha256="
REQUIRED = ("event_id_cnty", "event_date", "event_type", "notes")
_TYPES = {label: slug for slug, label in s.EVENT_TYPES.items()}
_SUBTYPES = {(t, label): slug for t, subs in s.SUBTYPES.items() for slug, label in subs.items()}
_KINDS = {label.casefold(): slug for slug, label in s.ACTOR_KINDS.items()}
_KINDS.update({"external/other forces": "external-forces", "other forces": "external-forces"})
_INTER_CODES = {"1": "state-forces", "2": "rebel-group", "3": "political-militia", "4": "identity-militia",
                "5": "rioters", "6": "protesters", "7": "civilians", "8": "external-forces"}
_OLD_DATE = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$")
_MONTHS = {m.casefold(): n for n, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
# The columns whose text reaches the records (whole cells), and those holding '; '-separated names.
TEXT_COLUMNS = ("event_id_cnty", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                "location", "notes")
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
    problems: list[str] = field(default_factory=list)  # "file:line: row N: reason; fix"
    # Not problems, but worth a look: cells our export marked as text (a leading ') read back as that text.
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        lines = [f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                 f"{len(self.kept)} kept (edited since import), {len(self.existing)} already present, "
                 f"{self.filtered} filtered out; {len(self.actors_added)} new actor(s), "
                 f"{len(self.places_added)} new place(s)"]
        lines += [f"kept, edited since import: {path}" for path in self.kept]
        lines += self.warnings
        lines += self.problems
        return "\n".join(lines)


class RowError(ValueError):
    pass


def printable(text: str) -> str:
    """text with control and bidirectional characters written as escapes, for a one-line message."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)


def _shown(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _id_for(name: str, prefix: str) -> str:
    """A registry id from a name; names without Latin letters get a stable hash-based id."""
    slug = slugify(name)
    if not slug or not re.match(r"[a-z]", slug):
        slug = f"{prefix}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
    return slug[:60].strip("-")


def parse_acled_date(text: str) -> date:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _OLD_DATE.match(text)
    if match and match.group(2).casefold() in _MONTHS:
        try:
            return date(int(match.group(3)), _MONTHS[match.group(2).casefold()], int(match.group(1)))
        except ValueError:
            raise RowError(f"event_date '{text}' does not exist") from None
    raise RowError(f"event_date '{text}' is not a date (expected YYYY-MM-DD or '05 December 2024')")


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _kind(inter: str) -> str:
    inter = (inter or "").strip()
    return _INTER_CODES.get(inter) or _KINDS.get(inter.casefold()) or "organization"


def _title(notes: str, fallback: str) -> str:
    text = " ".join(notes.split())
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0] if text else ""
    sentence = sentence.rstrip(".")
    if not sentence:
        return fallback
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"


class _Registry:
    """ids and names of a registry file; new entries are appended as text at its end."""

    def __init__(self, path: Path):
        self.path = path
        data = {}
        if path.exists():
            loaded = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
            data = loaded if isinstance(loaded, dict) else {}
        self.ids = set(data)
        self.by_name = {}
        for ident, entry in data.items():
            if isinstance(entry, dict) and entry.get("name"):
                self.by_name.setdefault(self._name_key(entry), ident)
        self.new: dict[str, dict] = {}

    @staticmethod
    def _name_key(entry: dict) -> tuple:
        return (str(entry["name"]).casefold(), str(entry.get("country", "")).upper())

    def ensure(self, entry: dict, prefix: str) -> str:
        key = self._name_key(entry)
        if key in self.by_name:
            return self.by_name[key]
        base = ident = _id_for(entry["name"], prefix)
        n = 2
        while ident in self.ids:
            ident = f"{base}-{n}"
            n += 1
        self.ids.add(ident)
        self.by_name[key] = ident
        self.new[ident] = entry
        return ident

    def keep_only(self, used: set[str]) -> None:
        """Forget new entries no written record points to (their rows were refused or not written)."""
        self.new = {ident: entry for ident, entry in self.new.items() if ident in used}

    def append(self) -> None:
        """The new entries after the file's bytes, which stay exactly as written; replaced whole."""
        if not self.new:
            return
        raw = self.path.read_bytes() if self.path.exists() else b""
        addition = yaml.safe_dump(self.new, allow_unicode=True, sort_keys=False, width=100)
        text = ("\n" if raw and not raw.endswith(b"\n") else "") + "# Added by the ACLED import\n" + addition
        write_replacing(self.path, raw + text.encode("utf-8"))


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


def file_text(record: dict, schema_line: str) -> str:
    body = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
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
                               "otherwise correct the cell")
            text = unescape_text(raw).strip()
            if text != raw:
                marked.append(column)
            control = _CONTROL.search(text)
            if control:
                raise RowError(f"{column} holds the invisible character U+{ord(control.group()):04X}; delete it "
                               "from the cell")
            out.append(text)
        cleaned[column] = "; ".join(out) if column in LIST_COLUMNS else out[0]
    for match in _LINK.finditer(cleaned.get("notes") or ""):
        target = next(group for group in match.groups() if group)
        if not target.startswith("#") and not is_safe_url(target):
            raise RowError(f"notes links to '{_shown(target)}'; only http(s) and mailto links may be imported: "
                           "correct or remove the link in the cell")
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


def _row_record(row: dict, actors: _Registry, places: _Registry, tag: str | None) -> tuple[str, dict]:
    ident = slugify(row["event_id_cnty"] or "")
    if not ident:
        raise RowError("event_id_cnty is empty")
    day = parse_acled_date(row["event_date"] or "")
    precision = (row.get("time_precision") or "1").strip() or "1"
    if precision not in ("1", "2", "3"):
        raise RowError(f"time_precision '{precision}' is not 1, 2 or 3")
    record: dict = {"date": day.strftime("%Y-%m") if precision == "3" else day.isoformat()}
    if precision == "2":
        record["approximate"] = True
    event_type = _TYPES.get((row.get("event_type") or "").strip())
    if row.get("event_type", "").strip() and event_type is None:
        raise RowError(f"event_type '{row['event_type']}' is not one of ACLED's event types")
    subtype = _SUBTYPES.get((event_type, (row.get("sub_event_type") or "").strip()))
    location = (row.get("location") or "").strip()
    notes = (row.get("notes") or "").strip()
    record["title"] = _title(notes, f"{row.get('sub_event_type') or row.get('event_type') or 'Event'}"
                                    f"{' in ' + location if location else ''}")
    if notes:
        record["summary"] = notes
    if event_type:
        record["type"] = event_type
    if subtype:
        record["subtype"] = subtype
    fatalities = (row.get("fatalities") or "").strip()
    pending_fatalities = None
    if fatalities:
        if not re.fullmatch(r"[0-9]+", fatalities):
            raise RowError(f"fatalities '{fatalities}' is not a whole number")
        if int(fatalities) > 0:
            pending_fatalities = {"best": int(fatalities), "by": "ACLED"}
    stamp = (row.get("timestamp") or "").strip()
    pending_updated = None
    if stamp:
        if not re.fullmatch(r"[0-9]+", stamp):
            raise RowError(f"timestamp '{stamp}' is not Unix time")
        try:
            moment = datetime.fromtimestamp(int(stamp), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise RowError(f"timestamp '{stamp}' is out of range") from None
        pending_updated = moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    if location:
        code = countries.lookup(row.get("iso"), row.get("country"))
        if code is None:
            raise RowError(f"country '{row.get('country', '')}' (iso {row.get('iso', '')}) is not in "
                           "generator/exports/countries.py; add it there")
        place = {"name": location, "country": code}
        if (row.get("admin1") or "").strip():
            place["admin1"] = row["admin1"].strip()
        for key, column, low, high in (("lat", "latitude", -90, 90), ("lon", "longitude", -180, 180)):
            value = (row.get(column) or "").strip()
            if value:
                try:
                    number = float(value)
                except ValueError:
                    raise RowError(f"{column} '{value}' is not a number") from None
                if not low <= number <= high:
                    raise RowError(f"{column} {value} is out of range")
                place[key] = round(number, 4)
        record["place"] = places.ensure(place, "place")
    ids = []
    for name_col, assoc_col, inter_col in (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2")):
        kind = _kind(row.get(inter_col, ""))
        names = [(row.get(name_col) or "").strip()]
        names += [n.strip() for n in (row.get(assoc_col) or "").split(";")]
        for name in names:
            if name:
                ids.append(actors.ensure({"name": name, "kind": kind}, "actor"))
    if ids:
        record["actors"] = list(dict.fromkeys(ids))
    if tag:
        record["tags"] = [tag]
    if pending_fatalities:
        record["fatalities"] = pending_fatalities
    names = [n.strip() for n in (row.get("source") or "").split(";") if n.strip()]
    record["sources"] = ([{"title": n, "publisher": n} for n in dict.fromkeys(names)] or
                         [{"title": f"ACLED event {row['event_id_cnty'].strip()}", "publisher": "ACLED"}])
    if pending_updated:
        record["updated"] = pending_updated
    return ident, record


def import_acled(csv_path, docs_dir, *, country=None, start=None, end=None, tag=None,
                 events_dir: str = "events", actors_file: str = "actors.yml",
                 places_file: str = "places.yml", schemas_dir=None) -> ImportReport:
    """Import an ACLED CSV export into docs_dir; schemas_dir defaults to schemas/ beside docs_dir (where
    `explainers schema` writes it), so the files' `$schema` line is relative and VS Code finds it."""
    csv_path, docs_dir = Path(csv_path), Path(docs_dir)
    report = ImportReport()

    def problem(text: str) -> None:
        report.problems.append(printable(text))

    start, end = _as_date(start), _as_date(end)
    if tag is not None and not re.match(s.SLUG_PATTERN, tag):
        problem(f"--tag '{tag}' is not a slug (lowercase letters, digits, hyphens)")
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
        actors, places = _Registry(docs_dir / actors_file), _Registry(docs_dir / places_file)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        handle.close()
        problem(f"{docs_dir.as_posix()}: cannot read the content before importing: {error}; fix that file first")
        return report
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
                        f"UTF-8; {NOT_UTF8_HINT}")
                continue
            if len(cells) != len(header):
                problem(f"{where}: has {len(cells)} fields, the header has {len(header)}; check the quoting "
                        "on this row")
                continue
            row = dict(zip(header, cells))
            try:
                day = parse_acled_date(row["event_date"] or "")
                if country and country.casefold() not in {
                        (row.get("country") or "").strip().casefold(), (row.get("iso") or "").strip(),
                        (countries.lookup(row.get("iso"), row.get("country")) or "").casefold()}:
                    report.filtered += 1
                    continue
                if (start and day < start) or (end and day > end):
                    report.filtered += 1
                    continue
                row, marked = clean_row(row)
                ident, record = _row_record(row, actors, places, tag)
            except RowError as error:
                problem(f"{where}: {error}")
                continue
            raw_id = row["event_id_cnty"].strip()
            if ident in seen:
                first_number, first_at, first_id, first_cells = seen[ident]
                if tuple(cells) == first_cells:
                    kept = "not imported (see above)" if ident in refused else "it was imported once"
                    problem(f"{where}: repeats row {first_number} (line {first_at}) exactly; {kept}; delete the "
                            "repeated row")
                else:
                    refused.add(ident)
                    planned.pop(ident, None)
                    spelled = "" if first_id == raw_id else f" (as '{first_id}')"
                    problem(f"{where}: event_id_cnty '{raw_id}' is the id '{ident}', which row {first_number} "
                            f"(line {first_at}) already has{spelled}, but the rows differ, so neither was "
                            "imported; give each event its own event_id_cnty, or delete the wrong row")
                continue
            seen[ident] = (number, first_line, raw_id, tuple(cells))
            planned[ident] = record
            report.warnings += [printable(f"{where}: {column} has an apostrophe marking text that a spreadsheet "
                                          "would run as a formula, as our export writes it; imported as that "
                                          "text, without the apostrophe") for column in marked]
    _commit(planned, header_line, target, existing, report, docs_dir, actors, places, problem)
    return report


def _commit(planned: dict[str, dict], header_line: str, target: Path, existing: dict, report: ImportReport,
            docs_dir: Path, actors: _Registry, places: _Registry, problem) -> None:
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
        try:
            registry.append()
        except OSError as error:
            problem(f"{registry.path.as_posix()}: cannot be written: {error.strerror}; no event was imported "
                    "(they would point at entries it lacks)")
            return
        added += list(registry.new)
    for ident, path, text, joins in writes:
        try:
            write_replacing(path, text.encode("utf-8"))
        except OSError as error:
            problem(f"{path.as_posix()}: cannot be written: {error.strerror}; this event was not imported")
            continue
        joins.append(ident)
