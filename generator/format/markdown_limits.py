"""Markdown that would stall or crash the build, found while the content is read (so `explainers validate` says
so and no build starts), as problems at the text's line.

Python-Markdown's cost is not linear in every input (a page of `<a ` repeated takes minutes) and its parser and
serializer recurse (a list or emphasis nested a few hundred levels deep exhausts the stack). Rather than chase
each pattern, every editor's text is converted once as the build will convert it: a short one here, where a
RecursionError is caught (a field's conversion is the one the pages reuse, text.py's cache); a long one under a
deadline in CPU time proportional to its size (normal prose converts at about 0.4 s a megabyte, so the deadline
only catches the pathological). Verdicts are kept by the text's hash: a rebuild while serving tries only what
changed.
"""

from __future__ import annotations

import hashlib
import json
import select
import signal
import subprocess
import sys
import threading
from collections import OrderedDict

import markdown

from .safe_html import SafeMarkdown
from .text import markdown_html

TRIAL_MIN = 4096  # characters: below this the worst input known converts in a quarter of a second, in process
SECONDS = 0.5  # the deadline of a text tried in the worker...
SECONDS_PER_MB = 2.0  # ...and what each megabyte adds
PAGE, FIELD = "page", "field"  # pages, and editors' fields (summaries, claims): safe_html's two modes
TOO_DEEP = "nests lists, quotes or emphasis too deeply for Markdown to read"
_KEPT = 4096


def _page_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list", "toc", "tables", "fenced_code", "admonition", SafeMarkdown()])


def _convert(converter: markdown.Markdown | None, flavour: str, text: str) -> str:
    """'' when the text converts, else what is wrong with it."""
    try:
        if flavour == FIELD:
            markdown_html(text)
        else:
            converter.reset()
            converter.convert(text)
    except RecursionError:
        return TOO_DEEP
    except Exception as error:  # noqa: BLE001 (whatever stops the converter stops the build: the text's problem)
        return f"cannot be read as Markdown ({type(error).__name__})"
    return ""


def deadline(text: str) -> float:
    return SECONDS + SECONDS_PER_MB * len(text) / 1_000_000


class _Stalled(BaseException):  # not caught with the converter's own failures
    pass


def _stall(signum, frame):
    raise _Stalled


class Trials:
    """One content load's conversions. A long text is converted with a deadline in CPU time: in this process
    where a timer can interrupt it (the main thread: `mkdocs build`, `explainers validate`), else (serve's
    rebuilds run in another thread) in a worker process, started at the first such text and stopped by `close()`."""

    _verdicts: OrderedDict[tuple, str] = OrderedDict()  # (flavour, sha256) -> verdict, across loads

    def __init__(self):
        self._page = None
        self._worker = None

    def problem(self, flavour: str, text: str) -> str:
        """What is wrong with converting `text` ('' when nothing is)."""
        if flavour == PAGE and self._page is None:
            self._page = _page_converter()
        if len(text) < TRIAL_MIN:
            return _convert(self._page, flavour, text)
        key = (flavour, hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
        verdict = self._verdicts.get(key)
        if verdict is None:
            timed = threading.current_thread() is threading.main_thread()
            verdict = self._verdicts[key] = (_within_deadline(self._page, flavour, text) if timed
                                             else self._in_worker(flavour, text))
            while len(self._verdicts) > _KEPT:
                self._verdicts.popitem(last=False)
        return verdict

    def _in_worker(self, flavour: str, text: str) -> str:
        if self._worker is None:
            self._worker = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE)
            if not select.select([self._worker.stdout], [], [], 60)[0]:  # it says "ready" once it has started
                raise RuntimeError("the Markdown trial worker did not start")
            self._worker.stdout.readline()
        self._worker.stdin.write(json.dumps([flavour, text]).encode() + b"\n")
        self._worker.stdin.flush()
        # The worker keeps its own deadline in CPU time; this one, in wall time, is for a worker that hangs.
        if select.select([self._worker.stdout], [], [], 4 * deadline(text) + 10)[0]:
            return json.loads(self._worker.stdout.readline())
        self._worker.kill()
        self._worker.wait()
        self._worker = None
        return _slow(text)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.stdin.close()  # the worker ends at the end of its input
            try:
                self._worker.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._worker.kill()
                self._worker.wait()
            self._worker = None


def _within_deadline(page, flavour: str, text: str) -> str:
    """`_convert` stopped once it has used its deadline in CPU time (ITIMER_PROF): a loaded machine, whose other
    processes take the wall clock, does not make a text too slow. Main thread only (signals)."""
    previous = signal.signal(signal.SIGPROF, _stall)
    signal.setitimer(signal.ITIMER_PROF, deadline(text))
    try:
        return _convert(page, flavour, text)
    except _Stalled:
        return _slow(text)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _slow(text: str) -> str:
    return (f"takes Markdown more than {deadline(text):.0f} s to read (repeated markup, such as '<a ' thousands "
            "of times, makes its work grow with the square of the text)")


def _work() -> None:
    """The worker: one JSON [flavour, text] a line in, one JSON verdict a line out."""
    page = _page_converter()
    out = sys.stdout.buffer
    out.write(b'"ready"\n')
    out.flush()
    for line in sys.stdin.buffer:
        out.write(json.dumps(_within_deadline(page, *json.loads(line))).encode() + b"\n")
        out.flush()


# For checks outside a content load (the importer's): its worker, if one starts, ends with this process.
SHARED_TRIALS = Trials()

if __name__ == "__main__":
    _work()
