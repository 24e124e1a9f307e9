"""The search index's engine: Pagefind, fed the records outputs/search.py makes from the model.

`write_index(site, site_dir)` writes the bundle (index, Pagefind's JS, its UI) into site_dir/pagefind/. It takes
no MkDocs objects and keeps no state, so it can run again into the same site_dir: the new index's files are
written beside the old ones and pagefind-entry.json, the file the UI reads first, replaced last, so a reader never
loads a half-written index. Calls into one site_dir must not overlap. From a thread beside a build, make the
records on the build's thread and hand them over: `write_records(records(site), site_dir)` in two steps, since
records() renders editors' Markdown through text.py's one shared (and cached) converter, which is not
thread-safe; write_records() touches nothing shared.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind.service import PagefindService

from ...outputs.search import Record, common_terms, records
from ...pages.site import Site

BUNDLE = "pagefind"  # the folder under site_dir; the UI's files are in it too
ENTRY = "pagefind-entry.json"  # what the UI fetches first: the languages and their index files
COMMON = "common-terms.json"  # ours: per language, the terms the header box searches after a pause (search.py)
BATCH = 256  # records sent to Pagefind before waiting for its replies


def write_index(site: Site, site_dir: str | Path) -> dict[str, int]:
    """Index the site into site_dir/pagefind/, replacing the index there; returns the records per language."""
    return write_records(records(site), site_dir)


class Refresh:
    """While serving: the index rewritten after each build by another process, so that a save shows in the
    preview without waiting for it (and Python's lock is not held by it). One at a time: records that come while
    one runs wait, and only the newest of them is indexed next."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = False
        self.waiting: tuple[list[Record], str] | None = None
        self.process: subprocess.Popen | None = None
        self.stopped = False

    def request(self, found: list[Record], site_dir: str | Path) -> None:
        with self.lock:
            self.stopped = False
            self.waiting = (found, str(site_dir))
            if not self.running:
                self.running = True
                threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if self.waiting is None:
                    self.running = False
                    return
                found, site_dir = self.waiting
                self.waiting = None
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as file:
                json.dump([dataclasses.asdict(record) for record in found], file, ensure_ascii=False)
            try:
                with self.lock:
                    if self.stopped:
                        continue
                    # At a lower priority: the next save's rebuild, which an editor waits for, comes first.
                    self.process = subprocess.Popen([sys.executable, "-m", __name__, file.name, site_dir],
                                                    preexec_fn=_lower_priority if os.name == "posix" else None)
                self.process.wait()
            finally:
                self.process = None
                os.remove(file.name)

    def stop(self) -> None:
        """Serve is shutting down, and removes site_dir next: the index being written is abandoned."""
        with self.lock:
            self.stopped, self.waiting, process = True, None, self.process
        if process is not None:
            process.terminate()
            process.wait()


def _lower_priority() -> None:
    os.nice(10)


def main(argv: list[str]) -> None:
    """`python -m generator.engines.pagefind.index RECORDS.json SITE_DIR`: what Refresh runs."""
    found = [Record(**values) for values in json.loads(Path(argv[0]).read_text(encoding="utf-8"))]
    write_records(found, argv[1])


def write_records(found: list[Record], site_dir: str | Path) -> dict[str, int]:
    """Index these records into site_dir/pagefind/, replacing the index there; safe in any thread."""
    files = _run(lambda: _index(found))
    entry = json.loads(files[ENTRY])
    # Pagefind writes its languages in a hash map's order, which changes from run to run: sorted, the same site
    # gives the same bytes.
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    files[COMMON] = json.dumps(common_terms(found), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    _publish(files, Path(site_dir) / BUNDLE)
    return {language: facts["page_count"] for language, facts in sorted(entry["languages"].items())}


def _run(coroutine):
    """asyncio.run(coroutine()), in a thread of its own if this one already runs an event loop (an async caller;
    Playwright's sync API in the tests), where asyncio.run would refuse."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine())
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(coroutine())).result()


def _publish(files: dict[str, bytes], bundle: Path) -> None:
    """The new bundle's files into place, the entry file last; then the old index's files go. Until the entry file
    is replaced, the old one still finds every file it names: index files are named by their content's hash, so
    new ones are new names, and a file that is there already is written only if it differs, by replacing it
    whole. A file that is there and the same (Pagefind's JS, its UI, most of an index after a small change) is
    left alone, which also makes a rebuild's index cheap to write."""
    for name in files:
        if name.startswith("/") or ".." in name.split("/"):
            raise RuntimeError(f"Pagefind named a file outside its folder: {name}")
    for name in sorted(set(files) - {ENTRY}):
        _write(bundle / name, files[name])
    _write(bundle / ENTRY, files[ENTRY], replace=True)
    for folder, _, names in sorted(os.walk(bundle), reverse=True):  # inner folders first
        for name in names:
            path = os.path.join(folder, name)
            if os.path.relpath(path, bundle).replace(os.sep, "/") not in files:
                os.remove(path)
        if folder != str(bundle) and not os.listdir(folder):
            os.rmdir(folder)


def _write(target: Path, data: bytes, *, replace: bool = False) -> None:
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
        replace = True  # there, and different: readers must see the old file or the new one, never half of it
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    if not replace:  # a new name: nothing reads it before the entry file names it
        target.write_bytes(data)
        return
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".", suffix=".tmp", delete=False) as temporary:
        temporary.write(data)
    os.replace(temporary.name, target)


async def _index(found: list[Record]) -> dict[str, bytes]:
    """Index the records; returns the bundle's files. They come back in Pagefind's reply and are written here:
    its write_files answers before its last writes reach the disk (tokio files dropped unflushed), so a file read
    then may be empty, and one still being written when the service is stopped may stay so."""
    service = await _Service().launch()
    try:
        index = await service.create_index()
        for start in range(0, len(found), BATCH):
            await asyncio.gather(*(index.add_custom_record(
                url=record.url, content=record.content, language=record.language, meta={"title": record.title})
                for record in found[start:start + BATCH]))
        return {file["path"]: file["content"] for file in await index.get_files()}
    finally:
        await service.close()


_BASE64_TAIL = re.compile(rb"[A-Za-z0-9+/=]+$")


class _Service(PagefindService):
    """Pagefind's own client, reading each reply as soon as it comes: the 1.5.2 client sleeps 0.1 s before reading
    each one, 0.1 s per record (Pagefind/pagefind#976), and cannot read a reply over 2 MiB. The same protocol:
    base64 JSON messages, each ending in a comma. A service that dies fails the calls waiting for it instead of
    leaving them waiting."""

    def __init__(self):
        try:
            super().__init__()
        except FileNotFoundError as error:
            raise RuntimeError('Pagefind\'s binary was not found: pip install "pagefind[bin]==1.5.2"') from error

    async def send(self, payload: dict) -> dict:
        """As Pagefind's, without formatting each request (a record's whole text) for a debug log nobody reads."""
        self._message_id += 1
        future = self._responses[self._message_id] = self._loop.create_future()
        request = {"message_id": self._message_id, "payload": payload}
        self._backend.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        await self._backend.stdin.drain()
        return await future

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        buffer, scanned = bytearray(), 0
        try:
            while True:
                chunk = await stdout.read(1 << 16)  # not readuntil: the reply with all the files is megabytes
                if not chunk:
                    raise ConnectionError("Pagefind's service closed its output")
                buffer += chunk
                while (end := buffer.find(b",", scanned)) >= 0:
                    # Decoded where it lies: the reply with every file of the index is tens of megabytes, and
                    # each copy of it was that much more memory at the build's end
                    encoded = _BASE64_TAIL.search(buffer, 0, end)  # after anything else the binary printed
                    decoded = None
                    try:
                        with memoryview(buffer) as view:
                            decoded = binascii.a2b_base64(view[encoded.start():end] if encoded else b"",
                                                          strict_mode=True)
                        reply = json.loads(decoded)
                    except ValueError:
                        reply = None  # not a reply at all
                    del buffer[:end + 1], decoded
                    scanned = 0
                    if reply is not None:
                        self._settle(reply)
                scanned = len(buffer)
        except Exception as error:  # the service is gone (or this reader broke): nobody waits for ever
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(RuntimeError(f"Pagefind's service stopped: {error}"))

    def _settle(self, reply: dict) -> None:
        payload = reply.get("payload") or {}
        message_id = reply.get("message_id")
        if message_id is None and payload.get("original_message"):  # a message it could not read
            try:
                message_id = json.loads(payload["original_message"]).get("message_id")
            except ValueError:
                pass
        future = self._responses.pop(message_id, None)
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(RuntimeError(f"Pagefind: {payload.get('message')}"))
        else:
            future.set_result(payload)

    async def close(self) -> None:
        """Stop the service; every reply has been awaited already (or the run failed and none matters)."""
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()
        await self._backend.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
