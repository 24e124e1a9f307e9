"""The site's search index: Pagefind, fed records made from the model (no HTML is parsed).

One record per explainer (title, description, prose, unknowns) and one per event and language, however many
explainers show it, at its card (`Site.event_path`; in another language, in that language's first explainer that
shows it) with its title, date, places, actors, summary and claims. A record is in its
page's language (an event's: that of the explainer its card is read in), so Pagefind stems it with that
language's rules, and the UI searches the index of the page's language (Pagefind reads <html lang>); an event
read in another language's edition is indexed in the words its card shows there (its translations, the original
where one is missing), so a reader of the Arabic site finds it by its Arabic headline. Actor,
place, tag, archive and embed pages and the editors' guide stay out: they hold nothing the records lack, or are
not for readers.

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
import dataclasses
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pagefind.service import PagefindService

from .content import TIMELINE_FENCE
from .dates import format_date, range_parts
from .site import Site
from .model import Event, Explainer, in_words
from .text import markdown_html

BUNDLE = "pagefind"  # the folder under site_dir; the UI's files are in it too
ENTRY = "pagefind-entry.json"  # what the UI fetches first: the languages and their index files
DEFAULT_LANGUAGE = "en"  # an explainer's language when its front matter names none (model.Explainer.lang)
TITLE_WEIGHT = 7  # a title's words count as Pagefind counts an <h1>'s
BATCH = 256  # records sent to Pagefind before waiting for its replies


@dataclass(frozen=True)
class Record:
    url: str  # from the site root, starting with "/": Pagefind's UI puts the site's own path before it
    language: str
    title: str  # the result's title, shown as text (theme/partials/search.html)
    content: str  # what is searched and excerpted: HTML-escaped text, since the UI inserts excerpts as HTML


# Records ---------------------------------------------------------------------------------------------------------

def records(site: Site, cache: dict | None = None) -> list[Record]:
    """The explainers (by path), then every event (by date), each once. `cache` (kept by the caller between
    builds while serving): an event whose record, card address and registries are unchanged is not made again."""
    content = site.content
    found = [explainer_record(site, explainer) for explainer in site.explainers]
    registries = (id(content.actors), id(content.places))  # load_content's cache keeps them while unchanged
    for event in content.events.values():  # in date order already
        cards = event_cards(site, event)
        key = (event, cards, registries)
        cached = cache.get(event.id) if cache is not None else None
        if cached is None or cached[0] != key:
            cached = (key, [event_record(site, event, path, lang) for path, lang in cards])
            if cache is not None:
                cache[event.id] = cached
        found.extend(cached[1])
    return found


def event_cards(site: Site, event: Event) -> tuple[tuple[str, str], ...]:
    """(card address, language) for each language an event is read in: its card (Site.event_path), then, for
    every other language an explainer shows it in, its card in the first such explainer (by path), so that the
    Arabic site's search finds it too, in Arabic."""
    path = site.event_path(event)
    home = next((x for x in site.explainers_of.get(event.id, ()) if path.startswith(site.explainer_path(x) + "#")),
                None)
    cards = {home.lang if home else DEFAULT_LANGUAGE: path}  # the archive and the other lists are in English
    for explainer in site.explainers_of.get(event.id, ()):
        cards.setdefault(explainer.lang, f"{site.explainer_path(explainer)}#event-{event.id}")
    return tuple((card, lang) for lang, card in cards.items())


def explainer_record(site: Site, explainer: Explainer) -> Record:
    prose = _MARKDOWN_ATTRIBUTES.sub("", TIMELINE_FENCE.sub("", explainer.body))
    parts = [_weighted(explainer.title), _text(explainer.description), _text(prose)]
    parts += [_text(unknown) for unknown in explainer.unknowns]
    return Record(_url(site.explainer_path(explainer)), explainer.lang, explainer.title, _join(parts))


def event_record(site: Site, event: Event, path: str, lang: str) -> Record:
    """The event as its card at `path`, in `lang`, shows it."""
    content = site.content

    def shown(text):  # what the card shows: the edition's translation, or the original where there is none yet
        return in_words(text, lang)

    when = format_date(event.date, lang)
    if event.end:
        when = "".join(range_parts(event.date, event.end, lang))
    title = shown(event.title)
    parts = [_weighted(title), _plain(when)]
    place = content.places.get(event.place) if event.place else None
    if place:
        parts += [_plain(shown(place.name)), _plain(place.native_name), _plain(place.admin1)]
    for actor in (content.actors.get(ident) for ident in event.actors):
        if actor:
            parts += [_plain(shown(actor.name)), _plain(actor.native_name)]
    parts.append(_text(shown(event.summary)))
    parts += [_text(shown(claim.text)) for claim in event.claims]
    return Record(_url(path), lang, str(title), _join(parts))


_TAG = re.compile(r"<[^>]*>")  # in markdown_html's output every '<' of the text is escaped: these are its tags
_SPACE = re.compile(r"\s+")
_MARKDOWN_ATTRIBUTES = re.compile(r"\{:[^}\n]*\}")  # `{: #id .class}` after headings: not prose
# Pagefind reads words like ___PAGEFIND_WEIGHT___0 in a record as instructions; editors' text may not give any.
_SENTINEL = re.compile(r"_{2,}(?=(?:END_)?PAGEFIND_)")


def _text(markdown: str | None) -> str:
    """Editors' Markdown as escaped plain text: rendered as every field is (raw HTML shown as text), tags dropped,
    entities kept."""
    if not markdown:
        return ""
    return _clean(_TAG.sub("", markdown_html(markdown)))


def _plain(text: str | None) -> str:
    return _clean(html.escape(text, quote=False)) if text else ""


def _clean(text: str) -> str:
    return _SENTINEL.sub("_", _SPACE.sub(" ", text)).strip()


def _weighted(title: str) -> str:
    return f"___PAGEFIND_WEIGHT___{TITLE_WEIGHT} {_plain(title)} ___END_PAGEFIND_WEIGHT___"


def _join(parts: list[str]) -> str:
    return "\n".join(part for part in dict.fromkeys(parts) if part)  # a place's name may be its admin1's too


def _url(path: str) -> str:
    return "/" + quote(path, safe="/#")


# Writing ---------------------------------------------------------------------------------------------------------

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

    def request(self, found: list[Record], site_dir: str | Path) -> None:
        with self.lock:
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
                # At a lower priority: the next save's rebuild, which an editor waits for, comes first.
                subprocess.run([sys.executable, "-m", __name__, file.name, site_dir], check=False,
                               preexec_fn=_lower_priority if os.name == "posix" else None)
            finally:
                os.remove(file.name)


def _lower_priority() -> None:
    os.nice(10)


def main(argv: list[str]) -> None:
    """`python -m generator.search RECORDS.json SITE_DIR`: what Refresh runs."""
    found = [Record(**values) for values in json.loads(Path(argv[0]).read_text(encoding="utf-8"))]
    write_records(found, argv[1])


def write_records(found: list[Record], site_dir: str | Path) -> dict[str, int]:
    """Index these records into site_dir/pagefind/, replacing the index there; safe in any thread."""
    files = _run(lambda: _index(found))
    entry = json.loads(files[ENTRY])
    # Pagefind writes its languages in a hash map's order, which changes from run to run: sorted, the same site
    # gives the same bytes.
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
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
                    message = bytes(buffer[:end])
                    del buffer[:end + 1]
                    scanned = 0
                    encoded = _BASE64_TAIL.search(message)  # after anything else the binary printed
                    try:
                        reply = json.loads(base64.b64decode(encoded.group(0) if encoded else b"", validate=True))
                    except ValueError:
                        continue  # not a reply at all
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
