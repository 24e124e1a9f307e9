"""`mkdocs serve` sees a save by the system's notifications where it can (engines/mkdocs/watching.py): the folders
move to a notifying observer before the server starts, single files and shared folders stay polled, and
`watcher: polling` changes nothing."""

from __future__ import annotations

import threading

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from generator.engines.mkdocs import watching

LIVERELOAD = ["mkdocs.livereload", "properdocs.livereload"]
needs_notifications = pytest.mark.skipif(Observer is PollingObserver, reason="no change notifications here")


def _server(module: str, tmp_path):
    livereload = pytest.importorskip(module)
    server = livereload.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    docs.mkdir()
    config.write_text("site_name: x\n")
    server.watch(str(docs))
    server.watch(str(config))
    return server, docs, config


@needs_notifications
@pytest.mark.parametrize("module", LIVERELOAD)
def test_folders_move_to_notifications_and_files_stay_polled(module, tmp_path):
    server, docs, config = _server(module, tmp_path)
    polling = server.observer
    if not watching.notified(str(docs)):
        pytest.skip(f"{tmp_path} is on {watching.filesystem(str(tmp_path))}, which this check polls")
    assert watching.install(server) is True
    on = {path: server.observer._on[watch] for path, watch in server._watch_refs.items()}
    assert on == {str(docs): server.observer.native, str(config): polling}
    assert isinstance(server.observer.native, Observer) and not isinstance(server.observer.native, PollingObserver)
    assert sorted(server._watched_paths) == sorted([str(docs), str(config)])


@pytest.mark.parametrize("module", LIVERELOAD)
def test_polling_when_asked_or_already_started(module, tmp_path):
    server, _, _ = _server(module, tmp_path)
    polling = server.observer
    assert watching.install(server, polling=True) is False
    assert server.observer is polling


@needs_notifications
def test_a_save_reaches_the_handler(tmp_path):
    """A write in a watched folder calls the handler, as MkDocs' callback is called (it then rebuilds)."""
    if not watching.notified(str(tmp_path)):
        pytest.skip(f"{tmp_path} is on {watching.filesystem(str(tmp_path))}, which this check polls")
    seen, paths = threading.Event(), []
    handler = FileSystemEventHandler()

    def changed(event):  # as MkDocs' handler: any event but a folder's
        if not event.is_directory:
            paths.append(event.src_path)
            seen.set()
    handler.on_any_event = changed
    (tmp_path / "read.yml").write_text("title: y\n")
    observers = watching.Watchers(PollingObserver(timeout=60))  # a poll would come only after a minute
    observers.schedule(handler, str(tmp_path), recursive=True)
    observers.start()
    try:
        (tmp_path / "read.yml").read_text()  # a build reads the content: not a save (it rebuilt for ever)
        (tmp_path / "event.yml").write_text("title: x\n")
        assert seen.wait(30)
        assert paths[0] == str(tmp_path / "event.yml"), paths
    finally:
        observers.stop()
        observers.join()


def test_shared_and_network_file_systems_are_polled(monkeypatch, tmp_path):
    monkeypatch.setattr(watching.sys, "platform", "linux")
    for kind, notified in [("ext4", True), ("tmpfs", True), ("nfs", False), ("9p", False), ("fuse.sshfs", False),
                           ("virtiofs", False), (None, False)]:
        monkeypatch.setattr(watching, "filesystem", lambda path, kind=kind: kind)
        assert watching.notified(str(tmp_path)) is notified, kind
    assert watching.notified(str(tmp_path / "missing")) is False
