"""`mkdocs serve` keeps its memory flat: after 20 rebuilds in one process, the objects alive are those alive after
the fourth (issue 26: each save kept a whole build, frozen by the garbage collector in a reference cycle).

The rebuilds run in a child process, as serve runs them (the plugin's own serve hooks, MkDocs' build with the
builder's `is_dirty` turned on), so that the collector's state of this test cannot reach the others. Objects are
counted by type with `gc`, and the frozen ones by number (the plugin freezes the records once, before serve's first
build; a build frozen at each save was the leak): the same content gives the same count, to the object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent('''
    import collections, gc, json, sys, threading, time
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root, rebuilds, event = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    original = open(event, encoding="utf-8").read()
    versions = [original.replace("title: ", "title: Reworded ", 1), original]

    def get_config():
        return load_config(config_file=root + "/mkdocs.yml", site_dir=root + "/served")

    def serve_builder():
        is_dirty = False  # serve's builder keeps it in a closure cell; the plugin turns it on after the first build

        def builder(config=None):
            build(config or get_config(), serve_url="http://127.0.0.1:8000/", dirty=is_dirty)
        return builder

    builder = serve_builder()

    class Server:  # what the plugin's on_serve asks of MkDocs' server
        def watch(self, path):
            pass

    def census():
        gc.collect()  # what is not frozen: by type; what is, by number (a build frozen each save would show)
        counts = collections.Counter(repr(type(o)) for o in gc.get_objects())  # "<class 'module.Name'>"
        counts["frozen"] = gc.get_freeze_count()
        return counts

    config = get_config()
    config.plugins["explainers"].search.request = lambda found, site_dir: None  # the index: another process' work
    config.plugins.on_startup(command="serve", dirty=False)
    builder(config)
    config.plugins.on_serve(Server(), config=config, builder=builder)
    plugin = config.plugins["explainers"]
    second, renderers, counts = None, [], None
    for n in range(rebuilds):
        with open(event, "w", encoding="utf-8") as handle:
            handle.write(versions[n % 2])  # two states, so the second and the last build see the same content
        builder()
        plugin.soon.now()  # what serve does once the page is served: the data files, then (a second later)
        plugin.idle.now()  # letting go of the build, while the editor reads (incremental.Idle)
        ended = time.monotonic() + 5  # the timers' threads (incremental.Idle) end just after their work: a thread
        while time.monotonic() < ended and any(isinstance(o, threading.Timer) for o in gc.get_objects()):
            time.sleep(0.01)  # ending holds its Timer a moment longer; one that stays is counted, and fails
            gc.collect()
        counts = None  # the previous census is not counted in this one
        counts = census()
        renderers.append(counts["<class 'generator.pages.rendering.Renderer'>"])
        # Each of the two versions rebuilt twice: caches warm (ABCs' caches of the classes met), and the cards a
        # save carries to the next build (reads.Recorder.kept) as they stay, each build keeping its own and
        # the previous build's card of the event that changed.
        if n == 3:
            second = json.dumps(counts)  # a str: the census itself adds no object to the next one
    assert plugin.rebuilds.active and plugin.rebuilds.skipped, "the rebuilds were not serve's dirty ones"
    assert "Reworded" not in open(root + "/served/explainers/rebels/index.html", encoding="utf-8").read()
    json.dump({"second": json.loads(second), "last": counts, "renderers": renderers}, sys.stdout)
''')


def test_objects_alive_after_20_rebuilds_equal_those_after_the_fourth_rebuild(project):
    project.event("2024-11-27-offensive", "2024-11-27", "Rebels launch an offensive", actors="[hts]", place="aleppo")
    project.event("2024-11-29-aleppo", "2024-11-29", "Rebels enter Aleppo", actors="[hts, syrian-army]", place="aleppo")
    project.event("2024-12-05-hama", "2024-12-05", "Rebels take Hama", place="hama")
    event = project.content / "events" / "2024-11-29-aleppo.yml"
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(project.root), "20", str(event)], cwd=project.root,
                            capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout)
    assert found["renderers"] == [0] * 20  # each build's Renderer is gone once its page is served (Idle)
    second, last = found["second"], found["last"]
    grown = {kind: (second.get(kind, 0), count) for kind, count in last.items() if count != second.get(kind, 0)}
    gone = {kind: (count, 0) for kind, count in second.items() if kind not in last}
    assert grown | gone == {}, f"objects alive (after the fourth build, after the last) differ by type: {grown | gone}"
