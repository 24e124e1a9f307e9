"""Serve and the garbage collector (engines/mkdocs/incremental.py): a save's build neither collects nor freezes the
build a save stopped; that build is collected after the save's page, whole."""

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
    incremental.forget(state, released=False)  # a save stopped its owed pages: left to the next build
    del build
    incremental.hold()
    frozen = gc.get_freeze_count()
    incremental.settle(True, state)  # the save's build: nothing collected on its path, nothing frozen
    assert gc.get_freeze_count() == frozen
    assert gone() is not None and gc.get_threshold()[2] > 10**6  # no full pass during the build
    incremental.collect_stopped(state)  # its page served
    assert gone() is None and state.unreleased == 0
    incremental.resume()
    assert gc.get_threshold()[2] == incremental.FULL_PASS


def test_after_a_release_the_next_settle_freezes_again(collector):
    state = incremental.Rebuilds(serving=True)
    incremental.settle(True, state)
    incremental.forget(state, released=True)
    incremental.release()
    assert not state.frozen and not gc.get_freeze_count()
    incremental.settle(True, state)
    assert state.frozen and gc.get_freeze_count()
