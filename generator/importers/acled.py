"""An ACLED export (CSV) into event files (content/events/acled/<id>.yml) and new actors/places.

Re-running is safe: an event already imported is left alone, or refreshed only if nobody edited its file since
(each file carries `# acled-import: sha256=<hash of the rest>`); registry entries are only ever appended.
Malformed rows are reported as `file:line: reason` and skipped.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import yaml

from .. import schema as s
from ..exports import countries
from ..jsonschema import schema_comment

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
    problems: list[str] = field(default_factory=list)  # "file:line: reason"

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        lines = [f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                 f"{len(self.kept)} kept (edited since import), {len(self.existing)} already present, "
                 f"{self.filtered} filtered out; {len(self.actors_added)} new actor(s), "
                 f"{len(self.places_added)} new place(s)"]
        lines += [f"kept, edited since import: {path}" for path in self.kept]
        lines += self.problems
        return "\n".join(lines)


class RowError(ValueError):
    pass


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

    def append(self) -> None:
        if not self.new:
            return
        text = self.path.read_text(encoding="utf-8-sig") if self.path.exists() else ""
        addition = yaml.safe_dump(self.new, allow_unicode=True, sort_keys=False, width=100)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8", newline="\n") as out:  # existing entries stay as written
            out.write(("\n" if text and not text.endswith("\n") else "") + "# Added by the ACLED import\n" + addition)


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
    start, end = _as_date(start), _as_date(end)
    if tag is not None and not re.match(s.SLUG_PATTERN, tag):
        report.problems.append(f"--tag '{tag}' is not a slug (lowercase letters, digits, hyphens)")
        return report
    shown = csv_path.as_posix()
    try:
        handle = csv_path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        report.problems.append(f"{shown}: cannot be read: {error.strerror}")
        return report
    target = docs_dir / events_dir / "acled"
    header_line = schema_comment(Path(schemas_dir) if schemas_dir else docs_dir.parent / "schemas", target)
    existing = {p.stem: p for p in sorted((docs_dir / events_dir).rglob("*.yml"))} if (docs_dir / events_dir).exists() else {}
    actors, places = _Registry(docs_dir / actors_file), _Registry(docs_dir / places_file)
    seen: set[str] = set()
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            report.problems.append(f"{shown}:1: the file is empty; expected ACLED's header row")
            return report
        except (csv.Error, UnicodeDecodeError) as error:
            report.problems.append(f"{shown}:1: {error}")
            return report
        header = [h.strip() for h in header]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            report.problems.append(f"{shown}:1: not an ACLED export: missing column(s) {', '.join(missing)}")
            return report
        line = reader.line_num
        while True:
            first_line = line + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as error:
                report.problems.append(f"{shown}:{first_line}: {error}")
                break
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                report.problems.append(f"{shown}:{first_line}: has {len(cells)} fields, the header has "
                                       f"{len(header)}; check the quoting on this row")
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
                ident, record = _row_record(row, actors, places, tag)
            except RowError as error:
                report.problems.append(f"{shown}:{first_line}: {error}")
                continue
            if ident in seen:
                continue  # ACLED repeats nothing; a second row with one id is a duplicate in the export
            seen.add(ident)
            _write_event(ident, file_text(record, header_line), target, existing, report, docs_dir)
    actors.append()
    places.append()
    report.actors_added = list(actors.new)
    report.places_added = list(places.new)
    return report


def _write_event(ident: str, text: str, target: Path, existing: dict, report: ImportReport,
                 docs_dir: Path) -> None:
    path = target / f"{ident}.yml"
    other = existing.get(ident)
    if other is not None and other.resolve() != path.resolve():
        report.existing.append(ident)
        return
    if path.exists():
        current = path.read_text(encoding="utf-8-sig")
        if edited_since_import(current):
            report.kept.append(path.relative_to(docs_dir).as_posix())
        elif current == text:
            report.unchanged.append(ident)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
            report.updated.append(ident)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    report.added.append(ident)
