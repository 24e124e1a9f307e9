"""Names in a script the site has a language for, made into translatable names with a readable Latin form.

An ACLED cell written in Arabic ("قرصيلة") becomes `{en: Qrsyla, ar: قرصيلة}`: the pages in Arabic show the name
as written, the English ones a letter-by-letter romanisation an editor can correct (short vowels are not written
in Arabic, so it is a draft, not a spelling), and the id is readable (`qrsyla`) rather than a hash. Text in any
other script stays as written.
"""

from __future__ import annotations

import re

# One Latin form per Arabic letter (a simplified ALA-LC without diacritics): a readable draft.
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w", "ي": "y",
    "ى": "a", "ء": "'", "ئ": "'", "ؤ": "'", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "،": ",", "؛": ";", "؟": "?", "ـ": "",
}
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_MARKS = re.compile("[\u064b-\u065f\u0670]")  # harakat: vowel signs a draft leaves out


def romanize_arabic(text: str) -> str:
    latin = "".join(_ARABIC.get(ch, ch) for ch in _MARKS.sub("", text))
    latin = re.sub(r"^'+|(?<=\s)'+", "", latin)  # an initial hamza or ain is not written
    return " ".join(word[:1].upper() + word[1:] for word in latin.split())


def localized_name(name: str) -> str | dict:
    """The name as a record holds it: plain, or {en: romanisation, ar: the name} for Arabic script."""
    if _ARABIC_LETTER.search(name) and not _LATIN_LETTER.search(name):
        latin = romanize_arabic(name).strip()
        if latin:
            return {"en": latin, "ar": name}
    return name
