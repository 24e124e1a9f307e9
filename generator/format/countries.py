"""Countries as ACLED writes them: ISO 3166-1 alpha-2 (our records) <-> ISO 3166 numeric (ACLED's `iso`), ACLED's
country name and its region; and a country's name in a page's language.

The codes and the names in other languages come from CLDR through Babel (a dependency already): its territory
aliases map every numeric code to its alpha-2 one. What is ACLED's own is written here: the region it files each
country under and the names it spells differently from CLDR's English ("Democratic Republic of Congo", "Myanmar",
"Palestine"), taken from the country list ACLED publishes with its data (243 countries and territories, as in
acledR's `acled_countries`). Every country ACLED covers is here, so a desk never edits the package to import one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# ACLED's regions, each with the countries it files there.
_REGIONS = {
    "Antarctica": "AQ",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "Caucasus and Central Asia": "AF AM AZ GE KG KZ TJ TM UZ",
    "Central America": "BZ CR GT HN NI PA SV",
    "East Asia": "CN JP KP KR MN TW",
    "Eastern Africa": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT",
    "Europe": "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GL GR HR HU IE IM IS IT JE LI LT LU LV "
              "MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "North America": "BM CA MX PM US",
    "Northern Africa": "DZ EG LY MA SD TN",
    "Oceania": "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    "South America": "AR BO BR CL CO EC FK GF GS GY PE PY SR UY VE",
    "South Asia": "BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Southern Africa": "BW LS NA SH SZ ZA ZM ZW",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
}
REGION = {code: region for region, codes in _REGIONS.items() for code in codes.split()}

# ACLED's spelling where it is not CLDR's English name.
_ACLED_NAMES = {
    "AG": "Antigua and Barbuda", "BA": "Bosnia and Herzegovina", "BL": "Saint-Barthelemy", "CD": "Democratic "
    "Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast", "CW": "Curacao", "CZ": "Czech Republic",
    "GG": "Bailiwick of Guernsey", "GS": "South Georgia and the South Sandwich Islands", "HM": "Heard Island and "
    "McDonald Islands", "JE": "Bailiwick of Jersey", "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia", "MF":
    "Saint-Martin", "MM": "Myanmar", "PM": "Saint Pierre and Miquelon", "PN": "Pitcairn", "PS": "Palestine", "RE":
    "Reunion", "SH": "Saint Helena, Ascension and Tristan da Cunha", "ST": "Sao Tome and Principe", "SZ":
    "eSwatini", "TC": "Turks and Caicos Islands", "TL": "East Timor", "TR": "Turkey", "TT": "Trinidad and Tobago",
    "UM": "United States Minor Outlying Islands", "VC": "Saint Vincent and the Grenadines", "VI": "Virgin Islands, "
    "U.S.", "WF": "Wallis and Futuna",
}
# Other names ACLED's users write (UN and ISO forms, older ACLED spellings).
_OTHER_NAMES = {
    "türkiye": "TR", "turkiye": "TR", "palestinian territory": "PS", "state of palestine": "PS",
    "syrian arab republic": "SY", "iran (islamic republic of)": "IR", "burma": "MM", "myanmar (burma)": "MM",
    "democratic republic of the congo": "CD", "drc": "CD", "congo": "CG", "côte d'ivoire": "CI",
    "cote d'ivoire": "CI", "eswatini": "SZ", "swaziland": "SZ", "czechia": "CZ", "timor-leste": "TL",
    "russian federation": "RU", "united states of america": "US", "usa": "US", "uk": "GB",
    "republic of korea": "KR", "korea, republic of": "KR", "lao pdr": "LA", "viet nam": "VN",
}
# Numeric codes CLDR lists for one country more than once (a former code beside the current one): ACLED's.
_CURRENT_NUMERIC = {"DE": 276, "ET": 231, "FR": 250, "SD": 729, "YE": 887, "XK": 0}  # ACLED writes Kosovo as 0


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], dict[str, int], dict[str, str]]:
    """(numeric -> alpha-2, alpha-2 -> numeric, folded name -> alpha-2), made once from CLDR."""
    by_numeric: dict[int, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if alias.isdigit() and len(targets) == 1 and targets[0] in REGION:
            by_numeric[int(alias)] = targets[0]
    numeric_of: dict[str, int] = {}
    for number, code in sorted(by_numeric.items()):
        numeric_of.setdefault(code, number)
    numeric_of.update(_CURRENT_NUMERIC)
    by_numeric.update({number: code for code, number in _CURRENT_NUMERIC.items()})
    english = Locale("en").territories
    by_name = {_fold(english[code]): code for code in REGION if code in english}
    by_name.update({_fold(name): code for code, name in _ACLED_NAMES.items()})
    by_name.update({_fold(name): code for name, code in _OTHER_NAMES.items()})
    return by_numeric, numeric_of, by_name


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().casefold()


def numeric(code: str) -> int | None:
    return _tables()[1].get(code.upper())


def name(code: str) -> str | None:
    """The country's name as ACLED writes it (its `country` column)."""
    code = code.upper()
    if code not in REGION:
        return None
    return _ACLED_NAMES.get(code) or Locale("en").territories.get(code)


def region(code: str) -> str | None:
    return REGION.get(code.upper())


@lru_cache(maxsize=512)
def display_name(code: str, lang: str = "en") -> str:
    """The country's name for a page in `lang` (CLDR's: "Sudan", "السودان"); the code itself when CLDR has none."""
    try:
        names = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        names = Locale("en").territories
    return names.get(code.upper(), code)


def lookup(iso: str | int | None = None, country: str | None = None) -> str | None:
    """The alpha-2 code for an ACLED row's `iso` (numeric) and/or `country` (name); None when unknown. The name
    decides when both are given and disagree only where the number is 0 (ACLED's Kosovo) or unknown."""
    by_numeric, _, by_name = _tables()
    if iso not in (None, ""):
        text = str(iso).strip()
        text = text[:-2] if text.endswith(".0") else text  # R and pandas write numbers as 760.0
        code = by_numeric.get(int(text)) if text.isdigit() and len(text) <= 3 and int(text) else None
        if code:
            return code
    if country:
        text = country.strip()
        if len(text) == 2 and text.upper() in REGION:
            return text.upper()
        return by_name.get(_fold(text))
    return None
