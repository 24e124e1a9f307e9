"""The site's actors and places as the ACLED importer matches rows against them: match, or ask; never merge by a
name alone.

Names are compared in every language an entry is written in (`name: {en: Aleppo, ar: حلب}` is found as "Aleppo"
and as "حلب") and by its native_name. A place matches only when its name, country, admin areas and coordinates
agree (within what ACLED's geo_precision allows); a town of the same name elsewhere becomes a new place whose id
names its area (`dawlat-abad-faryab`). A name that only looks like one of the site's own entries ("Dar'a" and
"daraa") is a near miss: the row waits for the editor to say, in a mapping file or with a flag, whether it is that
entry. New entries are appended as text at the end of their file, which stays byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..format import schema as s

# How far apart (degrees) two coordinates of one place may be, by ACLED's geo_precision: a town and what ACLED
# writes for it; a part of a region; a larger region (ACLED gives its middle).
TOLERANCE = {1: 0.1, 2: 0.3, 3: 1.0}
# A name that only looks like an entry's must also lie much closer to it: Buea and Muea are 6 km apart.
NEAR_MISS_SCALE = 0.2
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: a registry of thousands read in a blink
_ADMIN_WORDS = re.compile(r"\b(governorate|province|state|region|district|muhafazat)\b")


def fold(name: str) -> str:
    """A name as compared for an exact match: case and spacing ignored."""
    return " ".join(str(name).split()).casefold()


def loose(name: str) -> str:
    """A name as compared for a near miss: accents, apostrophes, hyphens and spaces ignored."""
    text = unicodedata.normalize("NFKD", str(name))
    return "".join(ch for ch in text if ch.isalnum()).casefold()


def names_of(entry: dict) -> list[str]:
    """Every name an entry is written under: its name in each language, and its native name."""
    name = entry.get("name")
    names = [str(v) for v in name.values() if isinstance(v, str)] if isinstance(name, dict) else [str(name)]
    if entry.get("native_name"):
        names.append(str(entry["native_name"]))
    return [n for n in names if n and n != "None"]


def shown_name(entry: dict) -> str:
    name = entry.get("name")
    return str(name.get(s.SITE_LANGUAGE) or next(iter(name.values()), "")) if isinstance(name, dict) else str(name)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def id_for(name: str, prefix: str) -> str:
    """A registry id from a name; names without Latin letters get a stable hash-based id."""
    slug = slugify(name)
    if not slug or not re.match(r"[a-z]", slug):
        slug = f"{prefix}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
    return slug[:60].strip("-")


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def _near(a: str, b: str) -> bool:
    """One letter added, dropped or changed (Dar'a / Daraa, Quamishli / Qamishli), in names of 4 letters or more;
    never a digit."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if any(ch.isdigit() for ch in a[i:i + 1] + b[i:i + 1]):
        return False  # "Camp 1" and "Camp 2" are two places, not one spelt two ways
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _admin(text) -> str:
    return loose(_ADMIN_WORDS.sub("", fold(text))) if text else ""


@dataclass
class Registry:
    """ids and names of a registry file, and the entries this import adds."""
    path: Path
    kind: str  # "actor" or "place": the prefix of ids made from names without Latin letters
    entries: dict[str, dict] = field(default_factory=dict)  # the file's own, then the new ones
    new: dict[str, dict] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)  # fold(name) -> ids
    by_loose: dict[str, list[str]] = field(default_factory=dict)  # loose(name) -> ids of the file's own entries
    # Each own loose name with one character deleted -> those names: a name one edit away from another shares
    # a key with it (symmetric deletion), so a near miss is a few lookups, not a pass over thousands of names.
    by_deletion: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path, kind: str) -> "Registry":
        registry = cls(path, kind)
        if path.exists():
            loaded = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=LOADER)
            for ident, entry in (loaded if isinstance(loaded, dict) else {}).items():
                if isinstance(entry, dict) and entry.get("name"):
                    registry._index(str(ident), entry, own=True)
                else:
                    registry.entries[str(ident)] = {}
        return registry

    def _index(self, ident: str, entry: dict, own: bool = False) -> None:
        self.entries[ident] = entry
        for name in names_of(entry):
            ids = self.by_name.setdefault(fold(name), [])
            if ident not in ids:
                ids.append(ident)
            if own:
                key = loose(name)
                ids = self.by_loose.setdefault(key, [])
                if ident not in ids:
                    ids.append(ident)
                for variant in _deletions(key):
                    self.by_deletion.setdefault(variant, set()).add(key)

    def named(self, name: str) -> list[str]:
        return self.by_name.get(fold(name), [])

    def near_misses(self, name: str, one_edit: bool = True) -> list[str]:
        """The file's own entries whose name only looks like this one (never an exact match): the same but for
        case, accents, spaces and punctuation, or (`one_edit`) one letter apart."""
        key = loose(name)
        if not key:
            return []
        found = list(self.by_loose.get(key, []))
        if one_edit and len(key) >= 4:
            others = set(self.by_deletion.get(key, ()))  # one letter more than this name
            for variant in _deletions(key):  # one letter less, or one changed
                others |= self.by_deletion.get(variant, set())
                if variant in self.by_loose:
                    others.add(variant)
            found += [i for other in sorted(others) if other != key and _near(key, other) for i in self.by_loose[other]]
        exact = set(self.named(name))
        return [i for i in dict.fromkeys(found) if i not in exact]

    def add(self, entry: dict, distinguish: tuple[str, ...] = ()) -> str:
        """A new entry under an id made from its name (in the site's language), then from the names in
        `distinguish` (its admin areas) while the id is taken, then numbered."""
        base = id_for(shown_name(entry), self.kind)
        ident = base
        for extra in distinguish:
            if ident not in self.entries:
                break
            extra_slug = slugify(extra)
            if extra_slug and extra_slug not in ident:
                ident = f"{ident}-{extra_slug}"[:60].strip("-")
        n = 2
        candidate = ident
        while candidate in self.entries:
            candidate = f"{ident}-{n}"
            n += 1
        self._index(candidate, entry)
        self.new[candidate] = entry
        return candidate

    def keep_only(self, used: set[str]) -> None:
        """Forget new entries no written record points to (their rows were refused or not written)."""
        self.new = {ident: entry for ident, entry in self.new.items() if ident in used}

    def text_to_append(self) -> bytes:
        raw = self.path.read_bytes() if self.path.exists() else b""
        if not self.new:
            return raw
        addition = yaml.dump(self.new, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                             sort_keys=False, width=100)
        text = ("\n" if raw and not raw.endswith(b"\n") else "") + "# Added by the ACLED import\n" + addition
        return raw + text.encode("utf-8")


def place_agrees(entry: dict, place: dict, precision: int, scale: float = 1.0) -> bool:
    """Whether an entry of the same name and country is the same place as the row's: coordinates within what
    the coarser geo_precision allows (times `scale`) when both have them, otherwise the admin areas both give."""
    if entry.get("country") != place.get("country"):
        return False
    both = all(isinstance(d.get(k), (int, float)) for d in (entry, place) for k in ("lat", "lon"))
    if both:
        coarser = max(precision, int(str(entry.get("precision", 1))) if str(entry.get("precision", 1)) in "123" else 1)
        if math.dist((entry["lat"], entry["lon"]), (place["lat"], place["lon"])) > TOLERANCE[coarser] * scale:
            return False
        # ACLED's admin2 tells two villages near each other apart; an editor's entry may have none
        return not (entry.get("admin2") and place.get("admin2") and _admin(entry["admin2"]) != _admin(place["admin2"]))
    for key in ("admin1", "admin2"):
        if entry.get(key) and place.get(key) and _admin(entry[key]) != _admin(place[key]):
            return False
    return True
