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
    assert "<h4>الفصائل تشن هجوماً</h4>" in a and "<p>بدأ الهجوم فجراً.</p>" in a
    assert "سيطرت الفصائل على عشرات القرى." in a and "قادة الفصائل" in a
    assert "Rebels launch offensive" not in a and "Rebel commanders" not in a
    assert 'lang="en" dir="auto"><cite>' not in a  # a source is cited as published, without a note
    assert '<cite><span lang="en" dir="auto">Wire report</span></cite>' in a


def test_an_untranslated_text_is_the_original_marked(translated):
    translated.build()
    b = card(translated.html("explainers/rebels-ar"), "b")
    assert '<h4><span lang="en" dir="auto">Army withdraws</span> <span class="ce-untranslated">لم يُترجم بعد</span></h4>' in b


def test_the_english_page_shows_the_originals(translated):
    translated.build()
    a = card(translated.html("explainers/rebels"), "a")
    assert "<h4>Rebels launch offensive</h4>" in a and "Dozens of villages were taken." in a
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
    from generator.content import load_content

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
