"""The TOML emitter: whatever it writes, tomllib reads back as the data it was given (less the None values)."""

import tomllib
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from generator.engines.zensical.toml_text import dumps

KEYS = st.text(alphabet="ab_-. \"\\é", min_size=1, max_size=6)
SCALARS = st.one_of(st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(KEYS, inner, max_size=3)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=5))
def test_what_it_writes_reads_back(data):
    assert tomllib.loads(dumps({"project": data})) == {"project": data}


def test_a_config_reads_like_a_hand_written_one():
    data = {"project": {
        "site_name": "عربي \"q\" \\ \x7f", "skip": None, "empty": {}, "when": date(2024, 1, 2),
        "markdown_extensions": ["attr_list", {"toc": {"permalink": True, "slugify": {"object": "f", "kwds": {}}}}],
        "theme": {"name": "material", "palette": [{"scheme": "a", "toggle": {"icon": "i"}}, {"scheme": "b"}]},
        "extra": {"publisher": {"name": "P"}, "a.b": {"c d": 1}}, "not_in_nav": "/a.md\n/b c.md\n",
    }}
    text = dumps(data, comment="Generated.\nTwo lines.")
    assert text.startswith("# Generated.\n# Two lines.\n[project]\n")
    assert "\n[[project.theme.palette]]\nscheme = \"a\"\n\n[project.theme.palette.toggle]\nicon = \"i\"\n" in text
    assert 'markdown_extensions = [\n  "attr_list",\n  { toc = ' in text  # an array keeps the order
    assert 'not_in_nav = """\n/a.md\n/b c.md\n"""\n' in text
    assert '[project.extra."a.b"]\n"c d" = 1\n' in text and "skip" not in text
    expected = {"project": {k: v for k, v in data["project"].items() if v is not None}}
    assert tomllib.loads(text) == expected


def test_what_toml_cannot_hold_is_refused():
    with pytest.raises(TypeError):
        dumps({"project": {"f": object()}})
    with pytest.raises(TypeError):
        dumps({"project": {1: "x"}})
