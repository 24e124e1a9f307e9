"""Exports join each event's JSON, encoded once, into every explainer's file: the bytes must be what encoding
the whole document gives, whatever the titles hold (quotes, brackets, the key itself)."""

from hypothesis import given, strategies as st

from generator.outputs.encoding import dumps, dumps_piece, dumps_with

TEXT = st.text(alphabet='ab"\\[]{}:,\u0645 ', max_size=12) | st.just('"events":[]')
ITEM = st.fixed_dictionaries({"headline": TEXT, "n": st.integers(), "tags": st.lists(TEXT, max_size=2)})


@given(title=TEXT, items=st.lists(ITEM, max_size=4), extra=st.dictionaries(TEXT, TEXT, max_size=2))
def test_joined_pieces_equal_the_whole_document(title, items, extra):
    data = {"title": {"text": title}, **{f"x{k}": v for k, v in extra.items()}}
    assert dumps_with(data, "events", [dumps_piece(item) for item in items]) == dumps({**data, "events": items})
