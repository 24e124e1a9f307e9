"""ISO 3166-1 alpha-2 -> (numeric, ACLED country name, ACLED region), for the countries the desk covers.

Small on purpose: the Middle East and its neighbours. ACLED's `iso` column is the ISO 3166 numeric code and its
`country`/`region` columns use these names. Add a row when a new country comes up.
"""

from __future__ import annotations

COUNTRIES: dict[str, tuple[int, str, str]] = {
    "AE": (784, "United Arab Emirates", "Middle East"),
    "AF": (4, "Afghanistan", "South Asia"),
    "AM": (51, "Armenia", "Caucasus and Central Asia"),
    "AZ": (31, "Azerbaijan", "Caucasus and Central Asia"),
    "BH": (48, "Bahrain", "Middle East"),
    "CY": (196, "Cyprus", "Europe"),
    "DZ": (12, "Algeria", "Northern Africa"),
    "EG": (818, "Egypt", "Northern Africa"),
    "GE": (268, "Georgia", "Caucasus and Central Asia"),
    "IL": (376, "Israel", "Middle East"),
    "IQ": (368, "Iraq", "Middle East"),
    "IR": (364, "Iran", "Middle East"),
    "JO": (400, "Jordan", "Middle East"),
    "KW": (414, "Kuwait", "Middle East"),
    "LB": (422, "Lebanon", "Middle East"),
    "LY": (434, "Libya", "Northern Africa"),
    "MA": (504, "Morocco", "Northern Africa"),
    "OM": (512, "Oman", "Middle East"),
    "PK": (586, "Pakistan", "South Asia"),
    "PS": (275, "Palestine", "Middle East"),
    "QA": (634, "Qatar", "Middle East"),
    "RU": (643, "Russia", "Europe"),
    "SA": (682, "Saudi Arabia", "Middle East"),
    "SD": (729, "Sudan", "Northern Africa"),
    "SY": (760, "Syria", "Middle East"),
    "TN": (788, "Tunisia", "Northern Africa"),
    "TR": (792, "Turkey", "Middle East"),
    "UA": (804, "Ukraine", "Europe"),
    "YE": (887, "Yemen", "Middle East"),
}

_BY_NUMERIC = {numeric: code for code, (numeric, _, _) in COUNTRIES.items()}
_BY_NAME = {name.casefold(): code for code, (_, name, _) in COUNTRIES.items()}
_BY_NAME.update({"türkiye": "TR", "turkiye": "TR", "palestinian territory": "PS", "state of palestine": "PS",
                 "syrian arab republic": "SY", "iran (islamic republic of)": "IR"})


def numeric(code: str) -> int | None:
    entry = COUNTRIES.get(code.upper())
    return entry[0] if entry else None


def name(code: str) -> str | None:
    entry = COUNTRIES.get(code.upper())
    return entry[1] if entry else None


def region(code: str) -> str | None:
    entry = COUNTRIES.get(code.upper())
    return entry[2] if entry else None


def lookup(iso: str | int | None = None, country: str | None = None) -> str | None:
    """The alpha-2 code for an ACLED row's `iso` (numeric) and/or `country` (name); None when unknown."""
    if iso not in (None, ""):
        try:
            code = _BY_NUMERIC.get(int(str(iso).strip()))
        except ValueError:
            code = None
        if code:
            return code
    if country:
        text = country.strip()
        if len(text) == 2 and text.upper() in COUNTRIES:
            return text.upper()
        return _BY_NAME.get(text.casefold())
    return None
