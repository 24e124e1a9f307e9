"""Hostile text in every field, through every output (the corpus and the checks are in tests/payloads.py).

Each (payload, field) pair is validated on its own first. A refused pair must be refused well: a problem at its
file and line, readable, and a real `mkdocs build` that stops and leaves the published site alone. Every
accepted pair goes into one of two sites (most fields in "main"; file names and the theme keys template, icon
and search, which can break a build outright, in "names"), built once; then every HTML page, JSON-LD block,
feed, GeoJSON, TimelineJS and CSV file is checked.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from generator.format.characters import printable

from generator.records.content import load_content
from payloads import (CATEGORIES, FIELDS, PAIRS, PAYLOADS, SEARCH_LOADER, SITES, SPECIAL_CHARACTER, Built, Finding,
                      classified_once, display_findings, markers_in, report, sites_once)

# Characters a problem line must not carry: it is printed to terminals and turned into GitHub annotations.
UNPRINTABLE = SPECIAL_CHARACTER
MAX_PROBLEM_LENGTH = 600


# Fixtures: validate once, build once -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def payload_base(tmp_path_factory) -> Path:
    return tmp_path_factory.getbasetemp() / "payloads"


@pytest.fixture(scope="module")
def classified(payload_base):
    return classified_once(payload_base)


@pytest.fixture(scope="module")
def sites(classified, payload_base) -> dict[str, Built]:
    return sites_once(payload_base)


def checked(sites, name: str):
    built = sites[name]
    if built.error is not None:
        pytest.fail(f"the {name} payload site did not build ({built.error}); log:\n" + "\n".join(built.log[-30:]),
                    pytrace=False)
    return built.check


def findings_of(sites, keep) -> list[Finding]:
    """The findings of every site that built (test_accepted_content_builds reports a site that did not; the
    main site must have built for any check to mean something)."""
    found = []
    for name in SITES:
        if name == "main" or sites[name].error is None:
            found += [f for f in checked(sites, name).findings if keep(f)]
    return found


def assert_none(findings: list[Finding], what: str):
    if findings:
        pytest.fail(f"{what}:{report(findings)}", pytrace=False)


def fail_with(lines: list[str], title: str, limit: int = 40):
    if lines:
        more = f"\n  … and {len(lines) - limit} more" if len(lines) > limit else ""
        pytest.fail(f"{title} ({len(lines)}):\n" + "\n".join(f"  {line}" for line in lines[:limit]) + more,
                    pytrace=False)


# The corpus ---------------------------------------------------------------------------------------------------------

def test_the_corpus_covers_every_category_and_field():
    assert len(PAYLOADS) >= 50
    assert {p.category for p in PAYLOADS} == CATEGORIES
    assert all("{M}" in p.text for p in PAYLOADS), [p.number for p in PAYLOADS if "{M}" not in p.text]
    assert len({p.text for p in PAYLOADS}) == len(PAYLOADS), "two payloads are the same"
    assert len({pair.marker for pair in PAIRS}) == len(PAIRS)
    assert {pair.field.code for pair in PAIRS} == {f.code for f in FIELDS}
    assert any(p.legit for p in PAYLOADS)


# Validation: what is refused, is refused well -------------------------------------------------------------------------

def test_every_problem_belongs_to_a_pair_and_nothing_is_lost(classified):
    """The base content is valid, so every problem names a payload's file or entry; and a record that draws no
    problem must be in the loaded content (not silently dropped)."""
    fail_with([str(p) for p in classified.stray], "problems naming no payload's file or entry")
    fail_with([str(p) for p in classified.dropped], "accepted without a problem, yet not loaded")


def must_accept(pair) -> bool:
    """Plainly legitimate text in a free-text field must be accepted (refusing everything is no defence).
    In the prose body markup may be refused (the editor can write Markdown instead), so only text without it."""
    if not pair.payload.legit:
        return False
    if pair.field.path == ("@body",):
        return "<" not in pair.text
    return pair.field.plain


def test_legitimate_text_is_accepted_in_free_text_fields(classified):
    refused = [(pair, problems) for pair, problems in classified.refused.items() if must_accept(pair)]
    fail_with([f"{pair}: {'; '.join(str(p) for p in problems)}" for pair, problems in refused],
              "legitimate text refused")


# What the issue says validation must refuse, as rules over the corpus (which pairs match is computed).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)>]*)|^\s*\[[^\]]+\]:\s*(\S+)|<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>]*)>", re.M)
MARKDOWN_FIELDS = {"ES", "CT", "EC", "AD", "XU", "XC", "XB", "CH", "RR"}
ONE_LINE_TEXT = {f.code for f in FIELDS if f.plain and not f.multi_line}


def dangerous_link(text: str) -> bool:
    """A Markdown link, image, autolink or reference definition whose target is javascript:, data: or vbscript:
    once entities are decoded and the whitespace browsers ignore is gone."""
    for match in MARKDOWN_TARGET.finditer(text):
        target = re.sub(r"[\x00-\x20]", "", html.unescape(next(g for g in match.groups() if g is not None)))
        if re.match(r"(javascript|data|vbscript):", target, re.I):
            return True
    return False


def must_refuse(pair) -> str | None:
    """Why the issue says this pair must be refused, or None."""
    text, code = pair.text.strip(), pair.field.code  # validation strips what surrounds a value
    if pair.field.path == ("@body",):
        text = text.replace("\r", "\n")  # pages are read with universal newlines, as MkDocs reads them
    control = CONTROL.search(text)
    if control:
        return f"the control character U+{ord(control.group()):04X}"
    if BIDI.search(text):
        return f"the direction control U+{ord(BIDI.search(text).group()):04X}"
    if pair.payload.raw_yaml and "python/" in text and code != "XB":
        return "a YAML tag"
    if code in ("SU", "SA") and re.match(r"\s*(javascript|data|vbscript):", html.unescape(text), re.I):
        return "a javascript:/data:/vbscript: url"
    if code in MARKDOWN_FIELDS and dangerous_link(text):
        return "a Markdown link to javascript:/data:/vbscript:"
    if code in ONE_LINE_TEXT and len(text) > 1000:
        return f"{len(text)} characters in a one-line field"
    return None


def test_what_the_issue_says_must_be_refused_is_refused(classified):
    """Control characters (tab and newline aside, in multi-line fields), direction controls, YAML tags,
    javascript:/data:/vbscript: link targets in Markdown fields and source urls, over-long one-line text."""
    accepted = [f"{pair}: {why}" for pair in sorted(classified.accepted, key=lambda p: p.marker)
                if (why := must_refuse(pair))]
    fail_with(accepted, "accepted, though the issue says validation must refuse them")


def test_each_refusal_points_at_the_payloads_file_and_line(classified):
    """`path:line: message; hint` at the payload's file and at a line it occupies; line 0 (the whole file) only
    for file names."""
    wrong = []
    for pair, problems in sorted(classified.refused.items(), key=lambda kv: kv[0].marker):
        where, first, last = classified.where[pair]
        whole_file_ok = pair.field.path in (("@file",), ("@id",)) and pair.field.record in ("event", "explainer")
        for problem in problems:
            if problem.path != where:
                wrong.append(f"{pair}: names {problem.path}, not {where}: {problem}")
            elif problem.line and not first <= problem.line <= last:
                wrong.append(f"{pair}: line {problem.line}, the payload is on {first}-{last}: {problem}")
            # A path is printed the way terminals can show it (control characters as escapes).
            text = f"{printable(problem.path)}:{problem.line}: " if problem.line else f"{printable(problem.path)}: "
            if not str(problem).startswith(text) or not problem.message:
                wrong.append(f"{pair}: not 'path:line: message; hint': {str(problem)!r}")
        if not whole_file_ok and not any(first <= p.line <= last and p.line > 0 for p in problems):
            wrong.append(f"{pair}: no problem at the payload's line {first}-{last}: {problems}")
    fail_with(wrong, "refusals badly placed")


def test_problem_lines_are_one_printable_line(classified):
    """Problems are printed to a terminal and become GitHub annotations: a payload quoted in a message must not
    bring newlines, escape sequences or direction overrides with it, nor 20,000 characters."""
    bad = []
    for pair, problems in sorted(classified.refused.items(), key=lambda kv: kv[0].marker):
        for problem in problems:
            text = str(problem)
            if "\n" in text or "\r" in text:
                bad.append(("a line break in the problem", pair, text))
            elif UNPRINTABLE.search(text):
                char = UNPRINTABLE.search(text).group()
                bad.append((f"the invisible character U+{ord(char):04X} in the problem", pair, text))
            if len(text) > MAX_PROBLEM_LENGTH:
                bad.append((f"longer than {MAX_PROBLEM_LENGTH} characters (up to {len(text)})", pair, text))
    groups: dict[str, list] = {}
    for kind, pair, text in bad:
        kind = re.sub(r"\(up to \d+\)", "", kind).strip()
        groups.setdefault(kind, []).append(f"    {pair}:\n        {text[:160]!r}")
    if bad:
        pytest.fail("\n".join(f"{kind}: {len(lines)} problem(s)\n" + "\n".join(lines[:6])
                              for kind, lines in groups.items()), pytrace=False)


def test_refused_content_stops_a_real_build_and_leaves_the_site(classified, sites, tmp_path):
    """All refused pairs added to the built main project: `mkdocs build` exits 1, prints every problem, shows no
    traceback, and leaves the previous site/ byte for byte."""
    main = sites["main"]
    if main.error is not None:
        pytest.skip("the main site did not build (test_accepted_content_builds says why)")
    root = tmp_path / "refused"
    shutil.copytree(main.root, root)
    added = {"actors.yml": [], "places.yml": []}
    for pair in classified.refused:
        where, first, last = classified.where[pair]
        source = classified.trees[pair] / where
        if where in ("content/actors.yml", "content/places.yml"):
            lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
            added[where.split("/")[1]].append("".join(lines[first - 1: last]))
        elif source.exists():
            target = root / where
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    for name, chunks in added.items():
        with (root / "content" / name).open("a", encoding="utf-8") as out:
            out.write("".join(chunks))
    expected = load_content(root / "content", root).problems
    assert expected, "the refused pairs drew no problem in one tree"
    before = _digest(root / "site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = (result.stdout + result.stderr).decode("utf-8", "replace")  # as bytes: a CR stays a CR
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output, output[-3000:]
    missing = [str(p) for p in expected if str(p) not in output]
    assert not missing, f"{len(missing)} of {len(expected)} problems not printed, e.g.:\n" + "\n".join(missing[:10])
    assert _digest(root / "site") == before, "the failed build changed site/"


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_no_code_ran_while_reading_yaml(classified, sites):
    """YAML tags such as !!python/object/apply must never be constructed."""
    pwned = sorted(str(p) for p in Path("/tmp").glob("pwned-*"))
    assert not pwned, pwned


# The accepted pairs: the sites build, and every output is safe --------------------------------------------------------

@pytest.mark.parametrize("name", SITES)
def test_accepted_content_builds(sites, name):
    built = sites[name]
    assert not built.problems, f"pairs accepted one by one, refused together in the {name} site:\n" + "\n".join(
        str(p) for p in built.problems[:20])
    checked(sites, name)
    assert built.check.counts[".html"] > 0


def _html_rule(f: Finding) -> bool:
    return f.file.endswith(".html") and "JSON-LD" not in f.rule and "embed snippet" not in f.rule \
        and "evaluated" not in f.rule


def test_html_pages_have_no_element_attribute_or_url_from_content(sites):
    """Parsed with html.parser: no event handler, no script but the site's own, no iframe/object/embed/SVG/form
    from content, no javascript:/data:/vbscript: URL, no payload markup written out unescaped."""
    assert_none(findings_of(sites, _html_rule), "unsafe HTML")


def test_jsonld_is_json_and_cannot_close_its_script(sites):
    assert_none(findings_of(sites, lambda f: "JSON-LD" in f.rule), "JSON-LD")
    pages = [p for p in sites["main"].site.glob("explainers/**/index.html")]
    assert all('type="application/ld+json"' in p.read_text(encoding="utf-8") for p in pages)


def test_the_copy_ready_embed_snippet_is_one_iframe(sites):
    """Whatever an explainer's title and file name, the snippet is exactly <iframe src title width height style
    loading> with an http(s) or relative src: a reader pasting it gets no extra attribute."""
    assert_none(findings_of(sites, lambda f: "embed snippet" in f.rule), "the embed snippet")
    for name in [n for n in SITES if sites[n].error is None]:
        site = sites[name].site
        pages = list(site.glob("explainers/**/index.html"))
        with_snippet = [p for p in pages if 'class="ce-embed-code"' in p.read_text(encoding="utf-8")]
        assert len(with_snippet) == len(pages), f"{name}: explainer pages without the embed snippet"


def test_file_name_payloads_are_refused_or_harmless(classified, sites):
    """`hama" onload="alert(1).md` and its kind: refused with a problem naming the file, or (if accepted) its
    pages and snippet passed the checks above; it never gives a traceback."""
    for pair in [p for p in PAIRS if p.field.code == "XF" and "onload" in p.text]:
        if pair in classified.refused:
            assert all(problem.path.endswith(".md") for problem in classified.refused[pair])
        else:
            assert pair in classified.accepted
            checked(sites, "names")
            site = sites["names"].site
            assert any(pair.marker in p.as_posix() for p in site.rglob("index.html")), f"{pair}: no page built"


def test_feeds_are_well_formed_and_their_html_is_safe(sites):
    assert_none(findings_of(sites, lambda f: f.file.endswith(("feed.atom", "feed.json"))), "feeds")
    for name in [n for n in SITES if sites[n].error is None]:
        assert (sites[name].site / "feed.atom").exists() and (sites[name].site / "feed.json").exists()


def test_geojson_timelinejs_pagefind_entry_and_sitemap_parse(sites):
    assert_none(findings_of(sites, lambda f: f.file.endswith((".geojson", "timeline.json", "pagefind-entry.json",
                                                              ".xml"))), "GeoJSON / TimelineJS / search / sitemap")
    assert sites["main"].check.counts[".geojson"] >= len(PAYLOADS)
    assert (sites["main"].site / "pagefind" / "pagefind-entry.json").is_file()


def test_csv_formula_cells_are_neutralised(sites):
    """OWASP: a cell starting with = + - @ TAB or CR gets a leading ' (numbers stay numbers); records stay whole."""
    assert_none(findings_of(sites, lambda f: f.file.endswith(".csv")), "CSV")
    assert sites["main"].check.counts[".csv"] >= len(PAYLOADS)


def test_template_expressions_in_content_are_never_evaluated(sites):
    assert_none(findings_of(sites, lambda f: "evaluated" in f.rule), "template injection")


def test_legitimate_text_reads_as_written(classified, sites):
    """Legitimate text (AT&T <b>bold</b>, quotes, Arabic, emoji) shows exactly as written: not escaped twice,
    not turned into markup."""
    pairs = [p for p in classified.accepted if p.payload.legit and not (p.field.path == ("@body",) and "<" in p.text)]
    found = []
    for name in [n for n in SITES if n == "main" or sites[n].error is None]:
        check = checked(sites, name)
        found += display_findings(check, [p for p in pairs if p.field.site == name])
    assert_none(found, "legitimate text")


def _map_of(page: str) -> str:
    found = re.search(r'<figure class="ce-map[^"]*">.*?</figure>', page, re.DOTALL)
    return found.group(0) if found else ""


def test_hostile_place_names_are_text_in_the_map(classified, sites):
    """Every accepted place name and native name is on its place page's map (and the explainer of all the
    payloads' events) as escaped text only: in the markers' titles, the labels and the list of places, with the
    checks above finding no element or attribute from it anywhere on those pages."""
    site = checked(sites, "main") and sites["main"]
    content = load_content(site.root / "content", site.root)
    every = _map_of((site.site / "explainers" / "all" / "index.html").read_text(encoding="utf-8"))
    assert every.count('class="ce-map__marker') >= len(PAYLOADS) // 2  # the payload places are on the map
    pairs = sorted((p for p in classified.accepted if p.field.code in ("PN", "PV")), key=lambda p: p.marker)
    assert pairs
    missing = []
    for pair in pairs:
        ident = f"p{pair.payload.number:03d}"
        place = content.places[ident]
        text = place.name if pair.field.code == "PN" else place.native_name
        shown = str(escape(text))  # as the templates escape it
        page = (site.site / "places" / ident / "index.html").read_text(encoding="utf-8")
        located = _map_of(page)
        if not located or shown not in located:
            missing.append(f"{pair}: not on its place page's map as escaped text")
        elif pair.field.code == "PN" and f"<title>{shown}" not in located:
            missing.append(f"{pair}: not the name of its marker")
    fail_with(missing, "place names missing from the maps")
    assert_none([f for f in findings_of(sites, _html_rule) if f.file.startswith(("places/", "explainers/all/"))],
                "unsafe HTML on the maps' pages")


def test_findings_carry_markers():
    """The report format used above: a finding names its payload and field."""
    finding = Finding("rule", "page.html", "<img src=x onerror=alert('P002ET')>")
    assert "P002ET (payload 2" in str(finding) and "event.title" in str(finding)
    assert markers_in("x P002ET y P010AN") == ["P002ET", "P010AN"]


# The checks themselves: they catch what they are for, and pass what Material and the plugin write ---------------------

KNOWN_BAD = [
    ("<img src=x onerror=alert('P002ET')>", "event-handler attribute"),
    ("<a href=\" java&#x09;script:alert(1)\">x</a>", "javascript: URL"),
    ("<a href=\"DATA:text/html,x\">x</a>", "data: URL"),
    ("<script>alert('P001ET')</script>", "inline <script>"),
    ("<script src=\"https://evil.example/x.js\"></script>", "not the site's own"),
    ("<p><svg><animate attributeName=href values=javascript:alert(1) /></svg></p>", "inside an <svg>"),
    ("<iframe src=\"https://example.org/\"></iframe>", "<iframe> element"),
    ("<span class=\"md-status md-status--\" onmouseover=\"alert('P027XA')\" x=\"\"></span>", "event-handler"),
    ("<body><javascript:alert('P052AN')></body>", "marker in an element or attribute name"),
    ("<div style=\"background:url(javascript:alert(1))\"></div>", "style= from content"),
    ("<body><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"></body>", "http-equiv"),
    ("<form action=\"https://evil.example/\"><input name=q></form>", "<form>"),
    ('<form class="md-search__form" name="search"><input name=query></form>', "<form>"),  # lunr's: gone
    ("<script>" + SEARCH_LOADER + "\nnew Image().src='https://evil.example/'</script>", "inline <script>"),
    ("<script>" + SEARCH_LOADER[:-1] + "</script>", "inline <script>"),
    ('<script src="https://evil.example/pagefind/pagefind-component-ui.js"></script>', "not the site's own"),
    ('<script src="../pagefind/pagefind.js"></script>', "not the site's own"),
    ('<pre class="ce-embed-code"><code>&lt;iframe src="https://x.example/embed/hama" onload="alert(1)/" '
     'title="t" width="100%" height="640" style="border:0" loading="lazy"&gt;&lt;/iframe&gt;</code></pre>',
     "embed snippet"),
]

MATERIAL_GOOD = (
    '<html><head><script>__md_scope=new URL(".",location)</script><script id="__config" type="application/json">'
    '{"base": "."}</script><script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>'
    '<link rel="stylesheet" href="assets/stylesheets/main.css"></head><body>'
    '<form class="md-header__option" data-md-component="palette"><input type="radio"></form>'
    '<div class="ce-search" id="ce-search" data-bundle="../pagefind/" hidden><pagefind-config lang="en">'
    '</pagefind-config><pagefind-searchbox shortcut="/"></pagefind-searchbox></div>'
    '<script>\n  ' + SEARCH_LOADER + '\n</script>'
    '<label class="md-icon"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18"/></svg>'
    '</label><a href="https://example.org/" title="&lt;script&gt;alert(\'P001ET\')">P001ET</a>'
    '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    '<script src="../assets/explainers.js"></script>'
    '<script src="../pagefind/pagefind-component-ui.js"></script></body></html>'
)


@pytest.mark.parametrize("html, rule", KNOWN_BAD, ids=[rule for _, rule in KNOWN_BAD])
def test_the_html_checks_catch(html, rule):
    from payloads import html_file_findings

    found, _ = html_file_findings(html, "test.html")
    assert any(rule in f.rule for f in found), [f.rule for f in found]


def test_the_html_checks_pass_materials_own_markup():
    from payloads import html_file_findings

    found, _ = html_file_findings(MATERIAL_GOOD, "test.html")
    assert found == []


def test_the_csv_check_knows_numbers_from_formulas():
    from payloads import csv_findings

    found = csv_findings('a,b,c\r\n-33.5,"\'=1+1","=1+1"\r\n+7,"-x","\tq"\r\n', "x.csv", 3)
    assert [f.snippet for f in found] == ["record 2: '=1+1'", "record 3: '-x'", "record 3: '\\tq'"]
