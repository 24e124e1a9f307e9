"""Serve and the garbage collector (engines/mkdocs/incremental.py): the records frozen once, before the first build;
a save's build neither collects nor freezes the build a save stopped; that build is collected after the save's page,
whole."""

from __future__ import annotations

import gc
import weakref

import pytest

from generator.engines.mkdocs import incremental


class Build:
    """A build's objects: in a reference cycle, as the Renderer and its bound methods in Jinja's globals are."""

    def __init__(self):
        self.me = self


@pytest.fixture
def collector():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_a_stopped_build_is_collected_after_the_next_builds_page_not_frozen_by_its_settle(collector):
    state = incremental.Rebuilds(serving=True)
    incremental.settle(True, state)  # serve's first build: the records frozen
    assert state.frozen and gc.get_freeze_count()
    build = Build()
    gone = weakref.ref(build)
    incremental.forget(state)  # a save stopped its owed pages: it is left for after the next build's page
    del build
    incremental.hold()
    frozen = gc.get_freeze_count()
    incremental.settle(True, state)  # the save's build: nothing collected on its path, nothing frozen
    # (A frozen object may still be freed meanwhile, by its last reference going in a thread an earlier test of
    # the suite left: the count can fall by a few, never rise. CI saw 435,841 -> 435,839 once.)
    assert frozen - 100 <= gc.get_freeze_count() <= frozen
    assert gone() is not None and gc.get_threshold()[2] > 10**6  # and no full pass during the build
    incremental.collect(state)  # its page served
    assert gone() is None and state.let_go == 0
    incremental.resume()
    assert gc.get_threshold()[2] == incremental.FULL_PASS


def test_a_single_build_freezes_its_records_each_time(collector):
    state = incremental.Rebuilds()
    incremental.settle(False, state)
    frozen = gc.get_freeze_count()
    records = [Build() for _ in range(100)]
    incremental.settle(False, state)
    assert gc.get_freeze_count() >= frozen + len(records)


def unfrozen(objects) -> list[bool]:
    alive = {id(o) for o in gc.get_objects()}  # every generation but the frozen objects'
    return [id(o) in alive for o in objects]


def test_what_builds_carry_is_frozen_after_a_build_that_made_every_page_and_only_then(collector):
    state = incremental.Rebuilds(serving=True)
    incremental.settle(True, state)  # serve's first build: the records frozen
    carried = [Build() for _ in range(100)]  # the cards, lines and reads the first build leaves for the next
    state.everything = True  # serve's first build makes every page
    incremental.forget(state)
    assert all(unfrozen(carried))
    incremental.collect(state, between=True)  # no build alive: what is left is what builds carry
    assert not any(unfrozen(carried))
    state.everything = False  # a save's build
    carried.append(Build())
    incremental.forget(state)
    incremental.collect(state, between=True)
    assert unfrozen(carried) == [False] * 100 + [True]  # a save's not frozen: what replaced it would be kept
