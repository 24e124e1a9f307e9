"""Real MkDocs builds of small content trees; assertions on the HTML a reader gets."""

import re

import pytest



def article(html: str) -> str:
    return html.split("<article class=\"md-content__inner md-typeset\">", 1)[1].rsplit("</article>", 1)[0]


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


def positions(html: str, *needles: str) -> list[int]:
    found = [html.find(n) for n in needles]
    assert -1 not in found, [n for n, p in zip(needles, found) if p == -1]
    return found


@pytest.fixture
def story(project):
    project.event("offensive-begins", "2024-11-27", "Offensive begins", key="true", actors="[hts]",
                  place="aleppo", type="battle")
    project.event("aleppo-entered", "2024-11-29", "Rebels enter Aleppo", key="true")
    project.write("events/deaths.yml", """\
        date: "2024-11-30T18:00+03:00"
        title: Military confirms deaths
        key: true
        type: statement
        claims:
          - text: Dozens of soldiers were killed
            by: syrian-army
            status: reported
          - text: Hundreds of fighters were killed
            by: Rebel commanders
            status: unverified
        fatalities: {best: 12, low: 12, high: 40, by: syrian-army}
        tags: [offensive]
        sources:
          - title: Army statement
            publisher: SANA
            url: https://sana.sy/en/
            published: 2024-11-30
        updated: "2024-12-01T10:00+03:00"
        corrections:
          - at: "2024-12-01T10:00+03:00"
            text: An earlier version said hundreds of soldiers.
        """)
    project.event("morning-news", "2024-11-30T08:00+03:00", "Morning reports")
    project.event("battle-2016", "2016-12", "Government retakes Aleppo", era="background")
    project.event("war-begins", "2011", "Protests turn to war", era="background", approximate="true")
    project.event("unrelated", "2024-11-28", "Something else", tags="[elsewhere]")
    return project


def test_explainer_page_has_every_section_in_order(story):
    story.build()
    page = article(story.html("explainers/rebels"))
    order = positions(page, 'class="ce-headline">Rebels advance</h1>', 'class="ce-dek">What happened in the north.',
                      "The lede paragraph", 'id="what-we-know-so-far"', "A second paragraph", 'id="timeline"',
                      'id="background"', 'id="what-we-dont-know"', 'id="sources"', 'id="corrections"')
    assert order == sorted(order)
    assert "How many people were killed." in page
    assert "Something else" not in page  # not selected


def test_stamps_show_the_time_zone_as_written(story):
    story.build()
    page = article(story.html("explainers/rebels"))
    assert 'Published <time datetime="2024-12-06T09:15+05:30">09:15 UTC+05:30, 6 December 2024</time>' in page
    assert 'Updated <time datetime="2024-12-06T10:32+05:30">10:32 UTC+05:30, 6 December 2024</time>' in page


def test_timeline_is_grouped_by_day_with_weekdays_and_ordered_by_date_time_id(story):
    story.build()
    page = article(story.html("explainers/rebels"))
    timeline = page.split('id="timeline"', 1)[1].split('id="background"', 1)[0]
    days = re.findall(r'<h3 class="ce-day__date"><time datetime="([^"]+)">([^<]+)</time>', timeline)
    assert days == [("2024-11-27", "Wednesday 27 November 2024"), ("2024-11-29", "Friday 29 November 2024"),
                    ("2024-11-30", "Saturday 30 November 2024")]
    ids = re.findall(r'<li class="ce-event[^"]*" id="event-([a-z0-9-]+)"', timeline)
    assert ids == ["offensive-begins", "aleppo-entered", "morning-news", "deaths"]
    event = timeline.split('id="event-deaths"', 1)[1].split("</li>\n</ol>", 1)[0]
    assert '<time datetime="2024-11-30T18:00+03:00">18:00 UTC+03:00, 30 November 2024</time>' in event
    assert '<span class="ce-badge ce-badge--reported">Reported</span>' in event  # the legend says what it means
    assert '<span class="ce-attribution">according to Syrian Arab Army</span>' in event
    assert ">Unverified<" in event and "Rebel commanders" in event
    assert text_of(event).count("Fatalities: 12 (range 12–40), according to Syrian Arab Army") == 1
    assert '<a href="https://sana.sy/en/" rel="noreferrer">Army statement</a>' in event


def test_event_facts_show_type_place_and_native_names(story):
    story.build()
    page = article(story.html("explainers/rebels"))
    event = page.split('id="event-offensive-begins"', 1)[1].split("</article>", 1)[0]
    assert ">Battle<" in event
    assert 'Aleppo <bdi>حلب</bdi>' in event
    assert 'Hayat Tahrir al-Sham <bdi>هيئة تحرير الشام</bdi>' in event


def test_background_shows_the_precision_written(story):
    story.build()
    page = article(story.html("explainers/rebels"))
    background = page.split('id="background"', 1)[1].split('id="what-we-dont-know"', 1)[0]
    assert '<time datetime="2016-12">December 2016</time>' in background
    assert '<time datetime="2011">c. 2011</time>' in background
    assert "1 December 2016" not in background
    assert background.index("event-war-begins") < background.index("event-battle-2016")


def test_what_we_know_is_one_line_per_key_event_with_its_verification(story):
    """A newsroom's bullets: date, headline linked to the card, and each status the event's claims have, once
    and in the schema's order; who says what is on the cards, not repeated here."""
    story.write("events/aleppo-entered.yml", """\
        date: 2024-11-29
        title: Rebels enter Aleppo
        key: true
        claims:
          - {text: Fighters reached the centre, by: syrian-army, status: unverified}
          - {text: Fighters entered the west, by: Rebel commanders, status: reported}
          - {text: Fighters entered the east, by: syrian-army, status: reported}
        tags: [offensive]
        sources: [{title: Wire report, publisher: Reuters}]
        """)
    story.build()
    page = article(story.html("explainers/rebels"))
    summary = page.split('id="what-we-know-so-far"', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r'<li class="ce-summary__item">(.*?)</li>', summary)
    assert [text_of(item) for item in items] == [
        "27 November 2024: Offensive begins",
        "29 November 2024: Rebels enter Aleppo Reported Unverified",
        "30 November 2024: Military confirms deaths Reported Unverified",
    ]
    assert re.findall(r'<a href="#event-([a-z-]+)">', summary) == ["offensive-begins", "aleppo-entered", "deaths"]
    assert 'class="ce-badge ce-badge--reported" title="Attributed to a source, not independently verified"' in summary
    assert "according to" not in summary and "Syrian Arab Army" not in summary and "Rebel commanders" not in summary
    assert "morning-news" not in summary  # not a key event


def test_a_legend_beside_the_timeline_says_what_its_statuses_mean(story):
    """Touch and keyboard readers never see a badge's title: the statuses the page uses are explained in words,
    a <dl> under the timeline's heading, in the page's language."""
    story.build()
    page = article(story.html("explainers/rebels"))
    section = page.split('id="timeline"', 1)[1]
    legend = section.split('<div class="ce-legend">', 1)[1].split("</dl>", 1)[0]
    assert section.index('class="ce-legend"') < section.index('class="ce-timeline')
    pairs = re.findall(r'<dt><span class="ce-badge ce-badge--(\w+)">([^<]+)</span></dt><dd>([^<]+)</dd>', legend)
    assert pairs == [("reported", "Reported", "Attributed to a source, not independently verified"),
                     ("unverified", "Unverified", "Circulating, could not be verified")]  # only those used
    assert "How we label claims" in legend

    arabic = story.content / "explainers/rebels-ar.md"
    arabic.write_text((story.content / "explainers/rebels.md").read_text(encoding="utf-8").replace(
        "title: Rebels advance", "title: تقدم الفصائل\nlang: ar"), encoding="utf-8")
    story.build()
    legend = article(story.html("explainers/rebels-ar")).split('<div class="ce-legend">', 1)[1].split("</dl>", 1)[0]
    assert "كيف نصنّف الادعاءات" in legend
    assert '<dt><span class="ce-badge ce-badge--reported">منسوب</span></dt>' in legend
    assert "<dd>منسوب إلى مصدر ولم يُتحقق منه بشكل مستقل</dd>" in legend


def test_no_legend_without_claims(project):
    project.event("a", "2024-11-27", "Alpha", key="true")
    project.build()
    assert "ce-legend" not in project.html("explainers/rebels")


def test_sources_and_corrections_are_collected(story):
    story.build()
    page = article(story.html("explainers/rebels"))
    sources = page.split('id="sources"', 1)[1].split('id="corrections"', 1)[0]
    assert text_of(sources).count("Wire report, Reuters") == 1  # shared by many events, listed once
    assert "Army statement" in sources
    corrections = page.split('id="corrections"', 1)[1]
    assert "An earlier version said hundreds of soldiers." in corrections
    assert '<a href="#event-deaths">Military confirms deaths</a>' in corrections


def test_yaml_dates_read_the_same_quoted_or_not(project):
    project.write("events/plain.yml", "date: 2024-11-27\ntitle: Plain\ntags: [offensive]\nsources: [{title: A}]\n")
    project.write("events/quoted.yml", 'date: "2024-11-27"\ntitle: Quoted\ntags: [offensive]\nsources: [{title: A}]\n')
    project.write("events/year.yml", "date: 2016\ntitle: Year\ntags: [offensive]\nsources: [{title: A}]\n")
    project.build()
    page = article(project.html("explainers/rebels"))
    assert page.count('<time datetime="2024-11-27">27 November 2024</time>') == 2
    assert '<time datetime="2016">2016</time>' in page


def test_late_evening_west_of_utc_stays_on_its_own_day(project):
    project.event("late", '"2024-12-05T23:30-05:00"', "Late in the evening")
    project.event("next", "2024-12-06", "Next day")
    project.build()
    page = article(project.html("explainers/rebels"))
    thursday = page.split("Thursday 5 December 2024", 1)[1].split("Friday 6 December 2024", 1)[0]
    assert 'id="event-late"' in thursday


def test_editor_text_is_escaped(project):
    project.write("events/xss.yml", """\
        date: 2024-11-27
        title: "<script>alert('title')</script> & co"
        summary: "Hello <script>alert('summary')</script> **bold** [ok](https://example.org)"
        tags: [offensive]
        claims:
          - text: "<img src=x onerror=alert(1)>"
            by: "<b>someone</b>"
            status: reported
        sources:
          - title: "</li><script>alert('source')</script>"
        """)
    project.build()
    page = article(project.html("explainers/rebels"))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; co" in page
    assert "Hello &lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt; <strong>bold</strong>" in page or \
        "Hello &lt;script&gt;alert('summary')&lt;/script&gt; <strong>bold</strong>" in page
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;someone&lt;/b&gt;" in page


def test_markdown_title_syntax_cannot_inject_attributes_or_links(project):
    project.write("explainers/rebels.md", project.content.joinpath("explainers/rebels.md").read_text().replace(
        "title: Rebels advance", 'title: "[x](javascript:alert(1)) {: onclick=alert(1) }"'))
    project.event("one", "2024-11-27", "One")
    project.build()
    page = article(project.html("explainers/rebels"))
    assert "javascript:" not in page.split('class="ce-headline"')[1].split("</h1>")[0].replace(
        "[x](javascript:alert(1))", "")
    assert "onclick=" not in page.replace("{: onclick=alert(1) }", "")


@pytest.mark.parametrize("selector, expected", [
    ("tags: [offensive]", ["a", "b", "c"]),
    ("actors: hts", ["b"]),
    ("places: [hama, aleppo]", ["a", "c"]),
    ("ids: [c, a]", ["a", "c"]),
    ("from: 2024-11-28\n  to: 2024-11", ["b", "c"]),
    ("to: 2024-11-27", ["a"]),
    ("tags: offensive\n  places: aleppo\n  from: 2024-11-28", ["c"]),
])
def test_selector_keys_all_must_match_and_lists_match_any(project, selector, expected):
    project.event("a", "2024-11-27", "A", place="hama")
    project.event("b", "2024-11-28", "B", actors="[hts, syrian-army]")
    project.event("c", "2024-11-30", "C", place="aleppo")
    project.write("explainers/rebels.md", f"---\ntitle: T\npublished: \"2024-12-06T09:15+05:30\"\n"
                                         f"events:\n  {selector}\n---\n\nLede.\n")
    project.build()
    page = article(project.html("explainers/rebels"))
    assert re.findall(r'id="event-([a-z])"', page) == expected


def test_embedded_timeline_block_and_summary_marker(project):
    project.event("a", "2024-11-27", "Alpha", key="true", place="hama")
    project.event("b", "2024-11-28", "Bravo", key="true", place="aleppo")
    project.write("explainers/rebels.md", """\
        ---
        title: T
        published: "2024-12-06T09:15+05:30"
        events:
          tags: [offensive]
        ---

        First paragraph.

        ## Aleppo

        ```timeline
        places: [aleppo]
        ```

        <!-- what-we-know-so-far -->

        Closing words.
        """)
    project.build()
    page = article(project.html("explainers/rebels"))
    embedded = page.split('ce-timeline--embedded', 1)[1].split("</div>", 1)[0]
    assert "Bravo" in embedded and "Alpha" not in embedded
    assert 'id="event-' not in embedded  # ids belong to the main timeline only
    assert page.count('id="event-b"') == 1
    order = positions(page, "First paragraph", "ce-timeline--embedded", 'id="what-we-know-so-far"',
                      "Closing words", 'id="timeline"')
    assert order == sorted(order)


def test_home_lists_explainers_newest_update_first(project):
    project.event("a", "2024-11-27", "Alpha")
    project.write("explainers/older.md", """\
        ---
        title: Older story
        published: "2024-11-01T09:00+00:00"
        events: {tags: [offensive]}
        ---

        Lede.
        """)
    project.write("explainers/newest.md", """\
        ---
        title: Newest story
        published: "2024-12-07T01:00+03:00"
        events: {ids: [a]}
        ---

        Lede.
        """)
    project.build()
    home = article(project.html(""))
    order = positions(home, "Newest story", "Rebels advance", "Older story")
    assert order == sorted(order)
    assert 'href="explainers/newest/"' in home


def test_event_records_are_not_published_as_files(story):
    story.build()
    assert not (story.site / "events").exists()
    assert not (story.site / "actors.yml").exists()


def test_sample_site_builds_strict_without_warnings(tmp_path):
    from support import REPO
    import subprocess, sys
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    page = (tmp_path / "site/explainers/fall-of-aleppo-and-hama/index.html").read_text()
    assert "Wednesday 27 November 2024" in page and "Thursday 5 December 2024" in page
    assert 'id="what-we-know-so-far"' in page and 'id="background"' in page


def test_sidebar_lists_only_the_newest_explainers(project):
    project.event("a", "2024-11-27", "Alpha")
    (project.root / "mkdocs.yml").write_text((project.root / "mkdocs.yml").read_text().replace(
        "  - explainers\n", "  - explainers:\n      nav_explainers: 1\n"))
    project.write("explainers/older.md", '---\ntitle: Older story\npublished: "2024-11-01T09:00+00:00"\n'
                                         "events: {tags: [offensive]}\n---\n\nLede.\n")
    project.build()
    sidebar = project.html("explainers/rebels").split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "Rebels advance" in sidebar and "Older story" not in sidebar
    assert "Older story" in project.html("")  # the home page still lists every explainer
    assert (project.site / "explainers/older/index.html").exists()


def test_windows_line_endings_read_the_same(project):
    project.event("a", "2024-11-27", "Alpha", key="true")
    path = project.content / "explainers/rebels.md"
    path.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    project.build()
    page = article(project.html("explainers/rebels"))
    assert 'id="what-we-know-so-far"' in page and 'id="event-a"' in page


def test_a_sites_own_macros_replace_ours_everywhere(story):
    """The Renderer renders each attribution and source once and reuses it; a site's own macros.html (in its
    custom_dir) must still be what every event, the summary and the sources list show. The site adds that one
    file: every other template still comes from the plugin."""
    (story.root / "overrides" / "explainers").mkdir(parents=True)
    (story.root / "overrides" / "explainers" / "macros.html").write_text(
        '{% macro attribution(by) %}<b class="by">{{ by.name }}</b>{% endmacro %}\n'
        '{% macro source_line(source, lang) %}<q class="src">{{ source.title }}</q>{% endmacro %}\n'
        '{% macro source_item(source, lang) %}<li class="item">{{ source_line(source, lang) }}</li>{% endmacro %}\n',
        encoding="utf-8")
    config = story.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    story.build()
    page = story.html("explainers/rebels")
    timeline = page.split('id="timeline"', 1)[1].split('id="sources"', 1)[0]
    summary = page.split('id="what-we-know-so-far"', 1)[1].split('id="timeline"', 1)[0]
    sources = page.split('id="sources"', 1)[1].split('id="corrections"', 1)[0]
    assert '<b class="by">Syrian Arab Army</b>' in timeline and '<b class="by">Rebel commanders</b>' in timeline
    assert "Syrian Arab Army" not in summary  # the summary names no one: attributions are on the cards
    assert '<q class="src">Wire report</q>' in timeline
    assert '<li class="item"><q class="src">Wire report</q></li>' in sources
    assert 'class="ce-publisher"' not in page  # none of ours left
    assert "according to <b" in timeline
