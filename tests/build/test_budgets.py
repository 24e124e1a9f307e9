"""What a build costs, guarded without a clock (issue 26, item 7): the `benchmarks/corpus.py` site at E = 1,000 /
X = 20 is built once, and its bytes, its largest page, the median bytes of an event card, the basemaps drawn and
the template renders are held to budgets. These depend on the code and the content only, never on the machine.

Each budget is about 10 % above what the code reaches today (benchmarks/RESULTS.md, "Budgets", has the figures
and their history). A change that spends more raises the budget in the same commit and says why there.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import jinja2
import pytest

from tests.support import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import bench  # noqa: E402  (benchmarks/ is not a package: the same measures as the benchmark's report)
import corpus  # noqa: E402

EVENTS, EXPLAINERS = 1000, 20

BUDGETS = {  # figure: (budget, what it is)
    "site_bytes": (78_000_000, "every file of the built site, bytes"),
    "largest_page_bytes": (1_830_000, "the largest HTML page, bytes"),
    "card_bytes_median": (2_900, "median bytes of an event card on an explainer page"),
    "basemaps_drawn": (64, "basemap sheets drawn for the build's maps"),
    "template_renders": (5_400, "renders of the plugin's templates (Renderer.render)"),
    "page_renders": (2_080, "renders of MkDocs' page templates (jinja2 Template.render)"),
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict[str, int]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.pages.rendering import Renderer

    root = tmp_path_factory.mktemp("budget")
    corpus.write_corpus(root, EVENTS, EXPLAINERS, seed=6)
    calls: Counter = Counter()

    def counted(wrapped, key):
        def wrapper(*args, **kwargs):
            calls[key] += 1
            return wrapped(*args, **kwargs)
        return wrapper

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Renderer, "render", counted(Renderer.render, "template_renders"))
        patch.setattr(jinja2.Template, "render", counted(jinja2.Template.render, "page_renders"))
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    site = bench.site_bytes(root / "site")
    largest = max((p.stat().st_size, p.relative_to(root / "site").as_posix()) for p in (root / "site").rglob("*.html"))
    return {"site_bytes": site["total"], "largest_page_bytes": largest[0], "largest_page": largest[1],
            "card_bytes_median": site["card_bytes_median"], "cards": site["cards"],
            "basemaps_drawn": config.plugins["explainers"].build.renderer.basemaps.drawn, **calls}


@pytest.mark.parametrize("figure", list(BUDGETS))
def test_a_build_of_1000_events_stays_within_its_budget(figures, figure):
    budget, what = BUDGETS[figure]
    reached = figures[figure]
    assert reached > 0, f"{what}: nothing measured (has the markup or the counter moved?)"
    assert reached <= budget, (f"{what}: {reached:,} is over its budget of {budget:,} "
                               f"(all figures: {figures}). If the cost is worth it, raise the budget in "
                               "tests/build/test_budgets.py and say why in benchmarks/RESULTS.md, 'Budgets'.")
