"""How `mkdocs serve` sees a save. MkDocs' server polls what it watches twice a second, a snapshot of every file
each time: 45 ms of CPU at 5,000 events and about 180 ms at 20,000, all day while an editor works, competing
with the rebuilds, and a save waits up to half a second to be seen. Where the system reports changes itself
(inotify, FSEvents, ReadDirectoryChangesW: watchdog's `Observer`), the folders are watched that way instead: a
save is seen at once and nothing runs between saves.

Polling stays where notifications may not arrive: a single file (an editor's save by rename replaces the file
a notification watch follows: mkdocs.yml), a folder on a network or shared file system (a VM's or container's
shared folder, WSL's Windows drives, NFS, SMB: the changes are made on the other side), a system without
notifications, or when they cannot be set up (the inotify watch limit). The option `watcher: polling` keeps
MkDocs' polling for everything.

It relies on two attributes of MkDocs' LiveReloadServer (and ProperDocs'), pinned by
tests/unit/test_engine_surfaces.py: `observer`, not started until `serve()`, and `_watched_paths`, what
`watch()` was given; without them nothing changes.
"""

from __future__ import annotations

import os
import sys

from watchdog.events import EVENT_TYPE_CLOSED_NO_WRITE, EVENT_TYPE_OPENED, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

# File systems whose changes the kernel reports to inotify because they are made through it. Others (nfs, cifs,
# 9p and drvfs under WSL, fuse.* shares, vboxsf, virtiofs...) are polled.
LOCAL_FILESYSTEMS = frozenset({"ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "tmpfs", "overlay", "jfs",
                               "reiserfs", "bcachefs"})


def install(server, polling: bool = False) -> bool:
    """Give `server` an observer that watches folders by notification (and the rest as MkDocs does), before
    it starts. False when it keeps MkDocs' own (`polling`, an unknown server, no notifications here)."""
    observer = getattr(server, "observer", None)
    paths = getattr(server, "_watched_paths", None)
    if (polling or Observer is PollingObserver or not isinstance(observer, PollingObserver)
            or observer.is_alive() or not isinstance(paths, dict)):
        return False
    watched = dict(paths)
    for path, count in watched.items():  # taken off the polling observer, then given again to the new one
        for _ in range(count):
            server.unwatch(path)
    server.observer = Watchers(observer)
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return True


class Watchers:
    """An observer as MkDocs' server uses one (schedule, unschedule, start, stop, join): each local folder on the
    system's notifications, anything else on the polling observer MkDocs made."""

    def __init__(self, polling: PollingObserver):
        self.polling, self.native = polling, Observer()
        self._on: dict = {}  # watch -> the observer it is scheduled on

    def schedule(self, handler, path, recursive=False):
        native = notified(path)
        observer = self.native if native else self.polling
        watch = observer.schedule(Changes(handler) if native else handler, path, recursive=recursive)
        self._on[watch] = observer
        return watch

    def unschedule(self, watch) -> None:
        self._on.pop(watch).unschedule(watch)

    def start(self) -> None:
        try:
            self.native.start()
        except OSError:  # no inotify instance or watch left (fs.inotify.max_user_*): poll those folders too
            self._fall_back()
        self.polling.start()

    def _fall_back(self) -> None:
        for watch, observer in list(self._on.items()):
            if observer is self.native:
                handlers = observer._handlers.get(watch, set())  # watchdog's, read once: the folder polled
                for handler in handlers:
                    moved = self.polling.schedule(handler, watch.path, recursive=watch.is_recursive)
                    self._on[moved] = self.polling
                del self._on[watch]
        self.native = None

    def stop(self) -> None:
        for observer in (self.native, self.polling):
            if observer is not None and observer.is_alive():
                observer.stop()

    def join(self, timeout=None) -> None:
        for observer in (self.native, self.polling):
            if observer is not None and observer.is_alive():
                observer.join(timeout)

    def is_alive(self) -> bool:
        return any(o is not None and o.is_alive() for o in (self.native, self.polling))


class Changes(FileSystemEventHandler):
    """What a change is: notifications also tell of files opened and closed unchanged, which every build does
    (it reads the content) and which MkDocs' handler would take for a save, rebuilding for ever."""

    def __init__(self, handler):
        super().__init__()
        self.handler = handler

    def dispatch(self, event) -> None:
        if event.event_type not in (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE):
            self.handler.dispatch(event)


def notified(path: str) -> bool:
    """Whether changes under `path` reach the system's notifications: a folder on a local file system (on
    Linux, by /proc/self/mountinfo; macOS and Windows report their own disks' changes)."""
    if not os.path.isdir(path):
        return False
    if not sys.platform.startswith("linux"):
        return sys.platform in ("darwin", "win32")
    kind = filesystem(path)
    return kind in LOCAL_FILESYSTEMS


def filesystem(path: str) -> str | None:
    """The type of the file system `path` is on (Linux): that of the longest mount point above it."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as lines:
            mounts = [line.split(" - ", 1) for line in lines]
    except OSError:
        return None
    path = os.path.realpath(path)
    best, kind = "", None
    for left, right in (m for m in mounts if len(m) == 2):
        point = left.split()[4].replace("\\040", " ")
        if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, right.split()[0]
    return kind
