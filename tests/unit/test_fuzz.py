"""Property-based: whatever an editor types, the outcome is a page or `path:line: message` problems."""

import re
import tempfile
import textwrap
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import ACTORS, PLACES
from generator.format import schema
from generator.records.content import load_content
from generator.pages.prepare import prepare

PROBLEM_LINE = re.compile(r"^content/[\w/.-]+\.(yml|md)(:\d+)?: .+")
EXPLAINER = textwrap.dedent("""\
    ---
    title: Fuzz
    published: "2024-12-06T09:15+05:30"
    events: {ids: [fuzzed]}
    ---

    Lede.

    ```timeline
    ids: [fuzzed]
    ```
    """)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**12), st.floats(allow_nan=True),
                    st.text(max_size=40), st.sampled_from(["2024-11-27", "2024-02-30", "2024-12-05T14:30",
                                                           "2024-12-05T14:30+03:00", "2016", "hts", "aleppo",
                                                           "battle", "reported", "https://example.org",
                                                           "javascript:alert(1)", "<script>x</script>"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) |
                      st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
field_names = st.sampled_from([f.name for f in schema.EVENT.fields] + ["titel", "Date", "<b>"])


def check(event_text: str, explainer_text: str = EXPLAINER):
    """Load a one-event, one-explainer tree: only path:line problems, and nothing editors wrote runs."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        content = root / "content"
        (content / "events").mkdir(parents=True)
        (content / "explainers").mkdir()
        (content / "actors.yml").write_text(ACTORS, encoding="utf-8")
        (content / "places.yml").write_text(PLACES, encoding="utf-8")
        (content / "explainers/fuzz.md").write_text(explainer_text, encoding="utf-8")
        (content / "events/fuzzed.yml").write_text(event_text, encoding="utf-8")
        loaded = load_content(content, root)
        for problem in loaded.problems:
            assert PROBLEM_LINE.match(str(problem)), str(problem)
        # Rendered even with problems: `mkdocs serve` shows what is valid beside the problems.
        for explainer in loaded.explainers.values():
            assert "<script>" not in prepare(loaded, {}, [], {}).renderer.explainer_markdown(explainer)
        return loaded


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_as_an_event_file(text):
    check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(field_names, values, max_size=8))
def test_any_values_for_any_fields(record):
    text = yaml.safe_dump(record, allow_unicode=True)
    loaded = check(text)
    if not loaded.problems:
        assert "fuzzed" in loaded.events


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({"date": scalars, "title": scalars, "sources": values},
                             optional={f.name: values for f in schema.EVENT.fields
                                       if f.name not in ("date", "title", "sources")}))
def test_near_valid_events(record):
    check(yaml.safe_dump(record, allow_unicode=True))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="-:[]{}#&*!|>'\"%@` \n\tab1", max_size=60))
def test_yaml_punctuation_soup(text):
    check(text)


words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda t: t.strip() and "\n" not in t)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({
    "date": st.sampled_from(["2024-11-27", "2016-12", "2011", "2024-12-05T23:30-05:00"]),
    "title": words,
    "summary": st.text(max_size=80),
    "claims": st.lists(st.fixed_dictionaries({"text": words, "by": words, "status": st.sampled_from(
        list(schema.CLAIM_STATUSES))}), max_size=2),
    "sources": st.lists(st.fixed_dictionaries({"title": words, "publisher": words}), min_size=1, max_size=2),
}))
def test_valid_events_with_any_text_render_escaped(record):
    loaded = check(yaml.safe_dump(record, allow_unicode=True))
    if not loaded.problems:
        page = prepare(loaded, {}, [], {}).renderer.explainer_markdown(next(iter(loaded.explainers.values())))
        assert "<script" not in page
        assert 'id="event-fuzzed"' in page


explainer_fields = st.sampled_from([f.name for f in schema.EXPLAINER.fields] + ["titel", "template"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(explainer_fields, values, max_size=8), st.text(max_size=80))
def test_any_front_matter_and_prose(front, prose):
    front = {"events": {"ids": ["fuzzed"]}, **front}
    check("date: 2024-11-27\ntitle: A\ntags: [t]\nsources: [{title: S}]\n",
          "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + prose)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=6), max_size=5))
def test_any_csv_given_to_the_acled_importer(rows):
    import csv
    import io

    from generator.outputs.acled_csv import COLUMNS
    from generator.importers.acled import import_acled

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content").mkdir()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(row + [""] * (len(COLUMNS) - len(row)) if row else row)
        (root / "a.csv").write_text(buffer.getvalue(), encoding="utf-8")
        report = import_acled(root / "a.csv", root / "content")
        assert all(p.startswith(str(root / "a.csv")) for p in report.problems), report.problems
