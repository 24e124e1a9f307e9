"""Editions in another language (issue 15): records carry translations (`title: {en: ..., ar: ...}`), a page in
Arabic shows them, or the original marked as English and as not yet translated; the page is Arabic throughout
(Material's own strings, <html lang>, <body dir>); `explainers validate --missing ar` lists what is left."""

from __future__ import annotations

import pytest

from tests.support import event_yaml


def arabic_edition(project) -> None:
    english = (project.content / "explainers/rebels.md").read_text(encoding="utf-8")
    project.write("explainers/rebels-ar.md", english.replace("title: Rebels advance", "title: تقدم الفصائل\nlang: ar"))


@pytest.fixture
def translated(project):
    project.write("events/a.yml", """\
        date: 2024-11-27
        title:
          en: Rebels launch offensive
          ar: الفصائل تشن هجوماً
        summary:
          en: The offensive began at dawn.
          ar: بدأ الهجوم فجراً.
        tags: [offensive]
        claims:
          - text:
              en: Dozens of villages were taken.
              ar: سيطرت الفصائل على عشرات القرى.
            status: reported
            by:
              en: Rebel commanders
              ar: قادة الفصائل
        sources:
          - title: Wire report
            publisher: Reuters
        """)
    project.event("b", "2024-11-28", "Army withdraws")  # no translation yet
    arabic_edition(project)
    return project


def card(html: str, ident: str) -> str:
    return html.split(f'id="event-{ident}"', 1)[1].split("</article>", 1)[0]


def test_the_arabic_page_shows_the_translations(translated):
    translated.build()
    page = translated.html("explainers/rebels-ar")
    a = card(page, "a")
    assert '<h4><a href="#event-a">الفصائل تشن هجوماً</a></h4>' in a and "<p>بدأ الهجوم فجراً.</p>" in a
    assert "سيطرت الفصائل على عشرات القرى." in a and "قادة الفصائل" in a
    assert "Rebels launch offensive" not in a and "Rebel commanders" not in a
    assert 'lang="en" dir="auto"><cite>' not in a  # a source is cited as published, without a note
    assert '<cite><span lang="en" dir="auto">Wire report</span></cite>' in a


def test_an_untranslated_text_is_the_original_marked(translated):
    translated.build()
    b = card(translated.html("explainers/rebels-ar"), "b")
    assert ('<h4><a href="#event-b"><span lang="en" dir="auto">Army withdraws</span> '
            '<span class="ce-untranslated">لم يُترجم بعد</span></a></h4>') in b


def test_the_english_page_shows_the_originals(translated):
    translated.build()
    a = card(translated.html("explainers/rebels"), "a")
    assert '<h4><a href="#event-a">Rebels launch offensive</a></h4>' in a and "Dozens of villages were taken." in a
    assert "الفصائل" not in a and "ce-untranslated" not in a


def test_the_arabic_page_is_arabic_throughout(translated):
    translated.build()
    arabic, english = translated.html("explainers/rebels-ar"), translated.html("explainers/rebels")
    assert '<html lang="ar"' in arabic and '<body dir="rtl"' in arabic
    assert '<html lang="en"' in english and '<body dir="ltr"' in english
    assert "انتقل إلى المحتوى" in arabic and "Skip to content" in english  # Material's own strings


@pytest.mark.parametrize("title, expected", [
    ("title:\n  en: A\n  fr: B\n", "content/events/c.yml:4: title: 'fr' is not one of the site's languages; use en, ar"),
    ("title:\n  ar: ب\n", "content/events/c.yml:3: title has no 'en' text; the original, in the site's language, "
                          "goes under en: and each translation beside it"),
    ("title:\n  en: A\n  ar: ''\n", "content/events/c.yml:4: title.ar is empty"),
])
def test_a_wrong_translation_is_named(project, title, expected):
    project.write("events/c.yml", "date: 2024-11-27\n" + title + "tags: [offensive]\nsources: [{title: S}]\n")
    result = project.run("generator.cli", "validate")
    assert result.returncode == 1
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout


def test_validate_lists_what_is_not_yet_translated(translated):
    result = translated.run("generator.cli", "validate", "--missing", "ar")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert "content/events/b.yml: not yet in ar: title" in lines
    assert not any(line.startswith("content/events/a.yml") for line in lines)
    assert any(line.startswith("content/actors.yml: not yet in ar: hts.name") for line in lines)
    assert lines[-1].startswith("OK: 2 events")


def test_a_changed_translation_is_a_changed_record(translated):
    """Records compare by their translations too: serve's rebuilds skip a page whose records are equal."""
    from generator.records.content import load_content

    before = load_content(translated.content, translated.root).events["a"]
    path = translated.content / "events/a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("الفصائل تشن هجوماً", "الفصائل تبدأ هجوماً"),
                    encoding="utf-8")
    after = load_content(translated.content, translated.root).events["a"]
    assert str(before.title) == str(after.title) == "Rebels launch offensive"  # the same original...
    assert before != after  # ...but not the same record


def test_versions_link_each_other(translated):
    path = translated.content / "explainers/rebels-ar.md"
    path.write_text(path.read_text(encoding="utf-8").replace("lang: ar", "lang: ar\ntranslation_of: rebels"),
                    encoding="utf-8")
    config = translated.root / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: https://news.example/desk/\n")
    translated.build()
    english, arabic = translated.html("explainers/rebels"), translated.html("explainers/rebels-ar")
    assert '<p class="ce-versions">Also in: <a href="../../explainers/rebels-ar/" hreflang="ar" lang="ar">العربية</a></p>' in english
    assert '<a href="../../explainers/rebels/" hreflang="en" lang="en">English</a>' in arabic
    # hreflang in the sitemap, not the heads: Material's script fetches a sitemap.xml beside every head alternate
    assert 'hreflang' not in english.split("</head>", 1)[0].replace('hreflang="ar" lang="ar"', "")
    sitemap = (translated.site / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap.split("<loc>https://news.example/desk/explainers/rebels/</loc>", 1)[1].split("</url>", 1)[0]
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://news.example/desk/explainers/rebels/"/>' in entry
    assert '<xhtml:link rel="alternate" hreflang="ar" href="https://news.example/desk/explainers/rebels-ar/"/>' in entry


@pytest.mark.parametrize("value, expected", [
    ("rebelz", "content/explainers/rebels-ar.md:4: translation_of 'rebelz' is not another explainer; did you mean 'rebels'?"),
    ("rebels-ar", "content/explainers/rebels-ar.md:4: translation_of 'rebels-ar' is not another explainer"),
])
def test_a_wrong_translation_of_is_named(translated, value, expected):
    path = translated.content / "explainers/rebels-ar.md"
    path.write_text(path.read_text(encoding="utf-8").replace("lang: ar", f"lang: ar\ntranslation_of: {value}"),
                    encoding="utf-8")
    result = translated.run("generator.cli", "validate")
    assert result.returncode == 1
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout


def test_the_site_feed_links_events_to_the_english_page_and_an_editions_feed_uses_its_words(translated):
    translated.build()
    site_feed = (translated.site / "feed.atom").read_text(encoding="utf-8")
    assert "explainers/rebels/#event-a" in site_feed and "rebels-ar/#event" not in site_feed
    assert "<title>Rebels launch offensive</title>" in site_feed
    arabic_feed = (translated.site / "explainers/rebels-ar/data/feed.atom").read_text(encoding="utf-8")
    assert "<title>الفصائل تشن هجوماً</title>" in arabic_feed and "rebels-ar/#event-a" in arabic_feed


# Bidi and typography, names, search (issue 15) ---------------------------------------------------------------

ARABIC_NAMED_ACTORS = """\
hts:
  name:
    en: Hayat Tahrir al-Sham
    ar: هيئة تحرير الشام
  native_name: هيئة تحرير الشام
  kind: rebel-group
syrian-army:
  name: Syrian Arab Army
  native_name: الجيش العربي السوري
  kind: state-forces
"""


@pytest.fixture
def named(translated):
    translated.write("actors.yml", ARABIC_NAMED_ACTORS)
    translated.write("places.yml", "aleppo:\n  name: {en: Aleppo, ar: حلب}\n  native_name: حلب\n  country: SY\n")
    translated.event("c", "2024-11-29", "{en: Rebels enter Aleppo, ar: الفصائل تدخل حلب}", place="aleppo",
                     actors="[hts, syrian-army]", end="2024-12-02", key="true",
                     claims="[{text: {en: The army withdrew., ar: انسحب الجيش.}, status: reported, by: hts}]",
                     sources="[{title: Wire report, publisher: Reuters, published: 2024-11-29}]")
    return translated


def test_a_name_is_shown_once_where_the_pages_name_is_the_native_one(named):
    named.build()
    arabic, english = card(named.html("explainers/rebels-ar"), "c"), card(named.html("explainers/rebels"), "c")
    assert '<a href="../../ar/places/aleppo/">حلب</a>' in arabic
    assert '<a href="../../ar/actors/hts/">هيئة تحرير الشام</a>' in arabic
    assert '<span class="ce-attribution">بحسب هيئة تحرير الشام</span>' in arabic
    # untranslated, the English name is shown (marked) and the native name still beside it
    assert ('<a href="../../ar/actors/syrian-army/"><span lang="en" dir="auto">Syrian Arab Army</span> '
            '<span class="ce-untranslated">لم يُترجم بعد</span> <bdi>الجيش العربي السوري</bdi></a>') in arabic
    assert '<a href="../../places/aleppo/">Aleppo <bdi>حلب</bdi></a>' in english
    assert '<span class="ce-attribution">according to Hayat Tahrir al-Sham <bdi>هيئة تحرير الشام</bdi></span>' in english


def test_arabic_pages_join_with_arabic_commas_and_isolate_what_reads_the_other_way(named):
    named.build()
    arabic, english = card(named.html("explainers/rebels-ar"), "c"), card(named.html("explainers/rebels"), "c")
    assert '</a>، <a href="../../ar/actors/syrian-army/">' in arabic
    # titles and publishers keep their own direction by the stylesheet (unicode-bidi: plaintext, as dir="auto")
    assert ('<cite><span lang="en" dir="auto">Wire report</span></cite>، '
            '<span>Reuters</span>، '
            '<time datetime="2024-11-29" dir="rtl">29 نوفمبر 2024</time>') in arabic
    assert ", " not in arabic.split('<ul class="ce-sources"', 1)[1] and "</a>, <a" not in arabic
    assert ('<cite>Wire report</cite>, <span>Reuters</span>, '
            '<time datetime="2024-11-29">29 November 2024</time>') in english
    assert '</a>, <a href="../../actors/syrian-army/">' in english


def test_arabic_dates_are_in_arabics_own_forms(named):
    named.build()
    page = named.html("explainers/rebels-ar")
    assert '<h3 class="ce-day__date"><time datetime="2024-11-27" dir="rtl">الأربعاء، 27 نوفمبر 2024</time></h3>' in page
    # a range as CLDR writes it, each end in its own <time>: read from the right, 29 – 2 ديسمبر 2024
    assert ('<p><time datetime="2024-11-29" dir="rtl">29 نوفمبر</time> – '
            '<time datetime="2024-12-02" dir="rtl">2 ديسمبر 2024</time>') in card(page, "c")
    # the date-time's clock and zone read left to right inside it
    assert ('<time datetime="2024-12-06T09:15+05:30" dir="rtl">6 ديسمبر 2024، '
            '<span dir="ltr">09:15 UTC+05:30</span></time>') in page
    english = named.html("explainers/rebels")
    assert '<p><time datetime="2024-11-29">29 November 2024</time> – <time datetime="2024-12-02">2 December 2024</time>' in english
    assert '<h3 class="ce-day__date"><time datetime="2024-11-27">Wednesday 27 November 2024</time></h3>' in english


def test_the_arabic_summary_and_corrections_use_the_translations(named):
    path = named.content / "events/c.yml"
    path.write_text(path.read_text(encoding="utf-8") + "corrections:\n  - at: \"2024-12-01T10:00+03:00\"\n    text: {en: Fixed the date., ar: صُحّح التاريخ.}\n",
                    encoding="utf-8")
    named.build()
    page = named.html("explainers/rebels-ar")
    summary = page.split('<ol class="ce-summary">', 1)[1].split("</ol>", 1)[0]
    assert '<a href="#event-c">الفصائل تدخل حلب</a>' in summary and "Rebels enter Aleppo" not in summary
    corrections = page.split('<ol class="ce-corrections">', 1)[1].split("</ol>", 1)[0]
    assert '<a href="#event-c">الفصائل تدخل حلب</a>:</span> صُحّح التاريخ.' in corrections


def test_the_arabic_editions_search_records_are_in_arabic(named):
    import gzip
    import json

    named.build()
    records = {}
    for path in sorted((named.site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        records[data["url"]] = data
    # every event shown by both editions: once in English at the English card, once in Arabic at the Arabic one
    arabic, english = records["/explainers/rebels-ar/#event-c"], records["/explainers/rebels/#event-c"]
    assert arabic["meta"]["title"] == "الفصائل تدخل حلب" and english["meta"]["title"] == "Rebels enter Aleppo"
    # What is searched (issue 25): the headline (the title above), summary and claims, in the edition's words.
    assert arabic["content"] == "انسحب الجيش." and english["content"] == "The army withdrew.", (arabic, english)
    assert records["/explainers/rebels-ar/#event-b"]["meta"]["title"] == "Army withdraws"
    entry = json.loads((named.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # and a record per actor and place page, in each edition that has it (search.entity_records)
    pages = {lang: len(list((named.site / prefix).glob("actors/*/index.html")))
             + len(list((named.site / prefix).glob("places/*/index.html"))) for lang, prefix in (("en", ""), ("ar", "ar"))}
    assert pages["en"] > 0 and pages["ar"] > 0
    assert {lang: facts["page_count"] for lang, facts in entry["languages"].items()} == {
        "en": 4 + pages["en"], "ar": 4 + pages["ar"]}
    assert records["/ar/actors/hts/"]["meta"]["title"] == "هيئة تحرير الشام"


def test_arabic_cards_link_to_arabic_entity_pages(named):
    named.build()
    arabic = card(named.html("explainers/rebels-ar"), "c")
    assert '<a href="../../ar/actors/hts/">' in arabic and '<a href="../../ar/places/aleppo/">' in arabic
    assert '<a href="../../ar/tags/offensive/">' in arabic
    assert '<a href="../../actors/hts/">' in card(named.html("explainers/rebels"), "c")
    hts = named.html("ar/actors/hts")
    assert '<html lang="ar"' in hts and '<div class="ce-page" lang="ar" dir="rtl">' in hts
    assert '<h1 class="ce-headline">هيئة تحرير الشام</h1>' in hts  # the native name is the name: once
    # each line in Arabic, to the Arabic card
    assert ('<li><time datetime="2024-11-29" dir="rtl">29 نوفمبر</time> – <time datetime="2024-12-02" dir="rtl">'
            '2 ديسمبر 2024</time>: <a href="../../../explainers/rebels-ar/#event-c">الفصائل تدخل حلب</a></li>') in hts
    army = named.html("ar/actors/syrian-army")
    assert '<span lang="en" dir="auto">Syrian Arab Army</span>' in army and '<bdi class="ce-native">الجيش العربي السوري</bdi>' in army
    assert "<title>الوسم: offensive" in named.html("ar/tags/offensive")
    english = named.html("actors/hts")
    assert '<a href="../../explainers/rebels/#event-c">Rebels enter Aleppo</a>' in english


def test_entity_pages_in_another_language_only_for_a_language_an_explainer_is_in(project):
    project.event("a", "2024-11-27", "Rebels launch offensive", actors="[hts]")
    project.build()
    assert (project.site / "actors/hts/index.html").exists() and not (project.site / "ar").exists()
