"""schema.org JSON-LD for an explainer's <head>: the NewsArticle (LiveBlogPosting for a live page) with its key
events, and the events' Dataset, in the page's language.

Proportionate to the page, whatever its length: the article carries its own facts, its corrections, the
newest key events (at most KEY_EVENTS) as `about` Events with a ClaimReview per claim in `review`, and a live
page's newest changes (at most LIVE_UPDATES); every event is in the Dataset's downloads (the
explainer's data/events.csv, .geojson and timeline.json, which the build writes anyway), which the article
names as what it is based on. Both nodes are in one `@graph`, in a <script> block that no value can close.

What Google's documentation recommends is here when the site says it: the author's `url` (the site's own home
for an organisation, the desk, that names none), the Dataset's `license` (`extra.license` in mkdocs.yml),
`spatialCoverage` (the box around its events' places), `temporalCoverage` and `keywords` (its tags); each
liveBlogUpdate with its author and dateModified. A ClaimReview's rating is the claim's status by name only
(`alternateName`): the statuses say how far a claim is attributed and corroborated, not a verdict on a scale.
"""

from __future__ import annotations

import json

from ..format.schema import SITE_LANGUAGE
from ..pages.labels import labels_for
from ..pages.site import Site
from ..records.changes import Change, claim_anchor, last_change, page_changes
from ..records.model import Event, Explainer, in_words
from ..records.selection import corrections_log

KEYWORDS = 20  # the Dataset's keywords: its events' most used tags
KEY_EVENTS = 20  # the newest key events inline, with a ClaimReview per claim; the Dataset has them all
LIVE_UPDATES = 100  # the newest changes of a live page as liveBlogUpdate; the page's log has them all
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
DOWNLOADS = (("events.csv", "text/csv"), ("events.geojson", "application/geo+json"),
             ("timeline.json", "application/json"))
WORDS = {
    "en": {"name": "{title}: the events",
           "description": "The {count} event records behind the explainer \u201c{title}\u201d, free to reuse with "
                          "credit: date, place, actors, claims with how far each is verified, fatalities and "
                          "sources, as CSV (ACLED columns), GeoJSON and TimelineJS JSON."},
    "ar": {"name": "{title}: الأحداث",
           "description": "سجلات الأحداث ({count}) التي يقوم عليها الشرح \u201c{title}\u201d، قابلة لإعادة الاستخدام مع "
                          "ذكر المصدر: التاريخ والمكان والأطراف والادعاءات ومدى التحقق من كل منها والقتلى والمصادر، "
                          "بصيغ CSV (أعمدة ACLED) وGeoJSON وTimelineJS JSON."},
}



def event_node(site: Site, event: Event, url: str | None = None, lang: str = SITE_LANGUAGE) -> dict:
    """An Event node; `url`: where the card is (by default Site.event_path), absolute or relative to the page."""
    node = {"@type": "Event", "name": in_words(event.title, lang), "startDate": event.date.iso()}
    if event.end:
        node["endDate"] = event.end.iso()
    if event.summary:
        node["description"] = in_words(event.summary, lang)
    url = url or site.absolute(site.event_path(event))
    if url:
        node["url"] = url
    place = site.content.places.get(event.place) if event.place else None
    if place is not None:
        location = {"@type": "Place", "name": in_words(place.name, lang),
                    "address": {"@type": "PostalAddress", "addressCountry": place.country}}
        if place.admin1:
            location["address"]["addressRegion"] = place.admin1
        if place.lat is not None and place.lon is not None:
            location["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
        node["location"] = location
    return node


def key_events(site: Site, explainer: Explainer) -> list[Event]:
    """The explainer's newest KEY_EVENTS key events (background aside), oldest first, as its summary lists them."""
    key = [e for e in site.selected.get(explainer.src_uri, []) if e.key and not e.background and not e.retracted]
    return key[-KEY_EVENTS:]


def news_article_script(site: Site, explainer: Explainer, image: str | None = None) -> str:
    """What head.html puts in <script type="application/ld+json">; `image`: the page's share card."""
    return script_json(page_graph(site, explainer, image))


def page_graph(site: Site, explainer: Explainer, image: str | None = None) -> dict:
    return {"@context": "https://schema.org", "@graph": [news_article(site, explainer, image), dataset(site, explainer)]}


def _here(site: Site, explainer: Explainer) -> tuple[str, str | None]:
    path = site.explainer_path(explainer)
    return path, site.absolute(path)


def dataset_id(site: Site, explainer: Explainer) -> str:
    """The Dataset's node id: the page's Data section (#data), absolute when site_url is set."""
    return (_here(site, explainer)[1] or "") + "#data"


def news_article(site: Site, explainer: Explainer, image: str | None = None) -> dict:
    events = site.selected.get(explainer.src_uri, [])
    url = _here(site, explainer)[1]
    data = {
        "@type": "LiveBlogPosting" if explainer.live else "NewsArticle",
        "headline": explainer.title,
        "datePublished": explainer.published.iso(),
        "dateModified": explainer.last_change.iso(),
        "inLanguage": explainer.lang,
        "publisher": {"@type": "Organization", **_named(site.publisher)},
        "isBasedOn": {"@id": dataset_id(site, explainer)},
    }
    about = key_events(site, explainer)
    if about:  # the card on this very page: #event-<id>, absolute when site_url is set
        data["about"] = [event_node(site, e, f"{url or ''}#event-{e.id}", explainer.lang) for e in about]
        reviews = [claim_review(site, explainer, e, number, url or "") for e in about
                   for number in range(1, len(e.claims) + 1)]
        if reviews:
            data["review"] = reviews
    if explainer.live:
        changes = page_changes(explainer, events)
        data["dateModified"] = last_change(explainer, changes).iso()
        data["coverageStartTime"] = explainer.published.iso()
        if explainer.coverage_end:
            data["coverageEndTime"] = explainer.coverage_end.iso()
        writer = author(site) if site.author.get("name") else {"@type": "Organization", **_named(site.publisher)}
        data["liveBlogUpdate"] = [live_update(explainer, change, url or "", writer)
                                  for change in changes[:LIVE_UPDATES]]
    if explainer.description:
        data["description"] = explainer.description
    if site.author.get("name"):
        data["author"] = author(site)
    if url:
        data["url"] = url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    image = image or site.image
    if image:
        data["image"] = [image]
    corrections = corrections_log(explainer, events)
    if corrections:
        data["correction"] = [{"@type": "CorrectionComment", "datePublished": c.at.iso(),
                               "text": f"{in_words(e.title, explainer.lang)}: {in_words(c.text, explainer.lang)}" if e
                               else c.text} for c, e in corrections]
    return data


def claim_review(site: Site, explainer: Explainer, event: Event, number: int, url: str) -> dict:
    """A claim as schema.org's ClaimReview: what is claimed, by whom, and its status as the rating's name
    (Google has phased ClaimReview out of its results; it stays a shared vocabulary for fact-checks)."""
    claim = event.claims[number - 1]
    words = labels_for(explainer.lang)
    reviewed = {"@type": "Claim"}
    if claim.by:
        actor = site.content.actors.get(claim.by)
        name = in_words(actor.name, explainer.lang) if actor else in_words(claim.by, explainer.lang)
        reviewed["author"] = {"@type": "Person" if actor and actor.kind == "person" else "Organization",
                              "name": name}
    changed = [state.at for state in claim.history] or [event.updated or event.date]
    return {"@type": "ClaimReview", "claimReviewed": in_words(claim.text, explainer.lang),
            "reviewRating": {"@type": "Rating", "alternateName": words["statuses"][claim.status]},
            "itemReviewed": reviewed, "url": f"{url}#{claim_anchor(event, number)}",
            "datePublished": changed[-1].iso(), "author": {"@type": "Organization", **_named(site.publisher)}}


def author(site: Site) -> dict:
    """The configured author; an organisation (the desk) that gives no url is the site's, at its home."""
    kind = site.author.get("type", "Organization")
    node = {"@type": kind, **_named(site.author)}
    if "url" not in node and kind == "Organization" and site.url:
        node["url"] = site.url
    return node


def live_update(explainer: Explainer, change: Change, url: str, writer: dict | None = None) -> dict:
    """One change of a live page as a BlogPosting of its liveBlogUpdate: a change is one moment, so it was
    modified when it was published."""
    words = labels_for(explainer.lang)
    subject = in_words(change.event.title, explainer.lang) if change.event else explainer.title
    node = {"@type": "BlogPosting", "headline": f"{words['change_kinds'][change.kind]}: {subject}",
            "datePublished": change.at.iso(), "dateModified": change.at.iso(), "url": f"{url}#{change.anchor}"}
    if writer:
        node["author"] = writer
    if change.text:
        node["articleBody"] = in_words(change.text, explainer.lang)
    return node


def dataset(site: Site, explainer: Explainer) -> dict:
    """Every event of the page, as the downloads its Data section offers (Google's Dataset: name, description
    of 50 to 5,000 characters, distribution as DataDownloads with contentUrl and encodingFormat)."""
    events = site.selected.get(explainer.src_uri, [])
    path, url = _here(site, explainer)
    words = WORDS.get(explainer.lang, WORDS["en"])
    data = {
        "@type": "Dataset",
        "@id": dataset_id(site, explainer),
        "name": words["name"].format(title=explainer.title),
        "description": words["description"].format(title=explainer.title, count=len(events)),
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", **_named(site.publisher)},
        "distribution": [{"@type": "DataDownload", "encodingFormat": kind,
                          "contentUrl": site.link(site.data_dir(explainer) + name, path)}
                         for name, kind in DOWNLOADS],
    }
    if url:
        data["url"] = url
    if site.license:
        data["license"] = site.license
    if events:
        last = max((e.end or e.date for e in events), key=lambda d: d.sort_key())
        first = events[0].date
        data["temporalCoverage"] = first.iso() if first == last else f"{first.iso()}/{last.iso()}"
    box = _box(site, events)
    if box:
        data["spatialCoverage"] = {"@type": "Place", "geo": {"@type": "GeoShape", "box": box}}
    keywords = _keywords(site, events, explainer.lang)
    if keywords:
        data["keywords"] = keywords
    return data


def _box(site: Site, events: list[Event]) -> str | None:
    """schema.org's GeoShape box around the events' places: "south west north east", in degrees."""
    places = [site.content.places.get(e.place) for e in events if e.place]
    points = [(p.lat, p.lon) for p in places if p is not None and p.lat is not None and p.lon is not None]
    if not points:
        return None
    lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
    return f"{min(lats):g} {min(lons):g} {max(lats):g} {max(lons):g}"


def _keywords(site: Site, events: list[Event], lang: str) -> list[str]:
    """The names of the events' most used tags (KEYWORDS at most), most used first, in the page's words."""
    counts: dict[str, int] = {}
    for event in events:
        for tag in event.tags:
            counts[tag] = counts.get(tag, 0) + 1
    names = []
    for tag in sorted(counts, key=lambda t: (-counts[t], t))[:KEYWORDS]:
        known = site.content.tags.get(tag)
        names.append(in_words(known.name, lang) if known else tag)
    return names


def _named(entity: dict) -> dict:
    return {k: entity[k] for k in ("name", "url") if entity.get(k)}


def script_json(data: dict) -> str:
    """JSON for inside <script>: `<`, `>` and `&` escaped, so no value can close the block or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():
        text = text.replace(char, escaped)
    return text
