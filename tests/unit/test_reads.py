"""What a page reads is recorded as it is read (generator/pages/reads.py): digests that equal values share in any
process, a page's reads, a fragment's reads replayed onto the pages that reuse it, and each read answered again
from the current content."""

from __future__ import annotations

import pickle
import subprocess
import sys

from generator.pages.reads import Current, Recorded, Recorder, current, digest, named, selector_key
from generator.pages.site import Site
from generator.records.dates import PartialDate
from generator.records.model import Actor, Content, Event, Localized, Place, Selector, Source


def event(ident: str = "e1", title: str = "Rebels enter Aleppo", **fields) -> Event:
    return Event(id=ident, path=f"content/events/{ident}.yml", line=1, date=PartialDate(2024, 11, 29), title=title,
                 sources=(Source("Wire report", "Reuters"),), **fields)


def content() -> Content:
    found = Content()
    found.actors = {"hts": Actor("hts", "Hayat Tahrir al-Sham", "rebel-group"),
                    "army": Actor("army", "Syrian Arab Army", "state-forces")}
    found.places = {"aleppo": Place("aleppo", "Aleppo", "SY")}
    found.events = {"e1": event(actors=("hts",), place="aleppo", tags=("offensive",)),
                    "e2": event("e2", "Rebels take Hama", tags=("offensive",))}
    return found


def test_equal_records_have_one_digest_in_any_process_and_any_change_changes_it():
    first = digest(event())
    assert first == digest(event())  # another object, equal: the same digest
    script = ("from generator.pages.reads import digest; from tests.unit.test_reads import event; "
              "print(digest(event()))")
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.strip()
    assert other == first  # no object identity, no hash seed in it
    assert digest(event(title="Rebels enter Aleppo city")) != first
    assert digest(event(summary="More.")) != first  # any field, including one no page shows yet
    translated = Localized("Rebels enter Aleppo", {"ar": "الفصائل تدخل حلب"})
    assert digest(event(title=translated)) != first  # a translation is a change; the text alone is equal
    assert digest(event(title=Localized("Rebels enter Aleppo", {"ar": "تدخل"}))) != digest(event(title=translated))
    assert pickle.loads(pickle.dumps(event(title=translated))) == event(title=translated)


def test_a_page_records_what_it_reads_and_a_fragment_brings_its_reads_to_each_page():
    recorder = Recorder()
    records = Recorded(content(), recorder)
    records.actors.get("hts")  # outside any page: recorded nowhere
    with recorder.page("explainers/a.md"):
        with recorder.fragment() as card:
            assert records.actors["hts"].name == "Hayat Tahrir al-Sham"
            assert records.places.get("nowhere") is None  # a miss is a read: an entry added later changes it
        assert "army" in records.actors
    with recorder.page("explainers/b.md"):
        recorder.replay(card)  # the card, made for a.md, reused here
    a, b = recorder.pages["explainers/a.md"], recorder.pages["explainers/b.md"]
    hts = digest(content().actors["hts"])
    assert a == {("actors", "hts"): hts, ("places", "nowhere"): None, ("actors", "army"): digest(content().actors["army"])}
    assert b == {("actors", "hts"): hts, ("places", "nowhere"): None}
    with recorder.page("index.md"):
        assert [x.id for x in records.actors.values()] == ["hts", "army"]
    assert recorder.pages["index.md"][("actors",)] == ("hts", "army")  # walked whole: the ids too
    assert pickle.loads(pickle.dumps(a)) == a  # plain values, for a cache between processes


def test_each_read_is_answered_again_from_the_current_content():
    before = content()
    site = Site(before)
    selector = Selector(tags=("offensive",))
    assert current(("select", selector_key(selector)), before, site) == ("e1", "e2")
    assert current(("event_path", "e1"), before, site) == "archive/2024-11/#event-e1"  # no explainer shows it
    assert current(("actors", "hts"), before, site) == digest(before.actors["hts"])
    reads = {("actors", "hts"): digest(before.actors["hts"]), ("named", "e1"): named(before, before.events["e1"])}
    assert Current(before, site).unchanged(reads)
    after = content()
    after.actors["army"] = Actor("army", "Syrian army", "state-forces")  # an entry e1 does not name
    assert Current(after, Site(after)).unchanged(reads)
    after.actors["hts"] = Actor("hts", "HTS", "rebel-group")  # one it names: its pages are rebuilt
    assert not Current(after, Site(after)).unchanged(reads)
    gone = content()
    del gone.events["e1"]
    assert current(("named", "e1"), gone, Site(gone)) is None
    assert not Current(gone, Site(gone)).unchanged(reads)


def test_a_card_a_previous_build_made_is_reused_only_while_what_it_read_is_unchanged():
    before = content()
    recorder = Recorder()
    records = Recorded(before, recorder)
    with recorder.page("explainers/a.md"):
        with recorder.fragment() as reads:
            name = records.actors["hts"].name
    recorder.made[("e1", "en")] = (f"<article>{name}</article>", reads)
    carried = recorder.kept()  # what the next build may reuse

    same, renamed = content(), content()
    renamed.actors["hts"] = Actor("hts", "HTS", "rebel-group")
    for now, expected in ((same, "<article>Hayat Tahrir al-Sham</article>"), (renamed, None)):
        following = Recorder()
        following.carried, following.current = carried, Current(now, Site(now))
        found = following.reuse(("e1", "en"))
        assert (found[0] if found else None) == expected
        assert following.reuse(("e2", "en")) is None  # never made
    unplanned = Recorder()
    unplanned.carried = carried  # no re-reading (a build that planned nothing): nothing is trusted
    assert unplanned.reuse(("e1", "en")) is None


def test_a_selector_s_events_are_chosen_once_per_index_and_each_caller_gets_its_own_list():
    from generator.records.selection import EventIndex

    index = EventIndex(content().events)
    offensive = Selector(tags=("offensive",))
    first = index.select(offensive)
    assert [e.id for e in first] == ["e1", "e2"]
    first.reverse()  # a caller's own list: what the next caller gets is unchanged
    assert [e.id for e in index.select(Selector(tags=("offensive",)))] == ["e1", "e2"]
    assert index.select(offensive)[0] is index.select(offensive)[0]
    assert [e.id for e in index.select(Selector(actors=("hts",)))] == ["e1"]
