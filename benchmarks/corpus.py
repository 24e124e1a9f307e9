"""Write a realistic, seeded content tree of any size for the benchmarks.

    python benchmarks/corpus.py OUT_DIR --events 5000 --explainers 100 [--seed 6] [--search] [--check]
                                [--words real]

OUT_DIR gets `mkdocs.yml` (docs_dir: content, Material with custom_dir pointing at the theme/ beside the
`generator` package Python imports, so PYTHONPATH=OLD_CHECKOUT benchmarks that checkout; plugins: explainers,
after Material's lunr `search` with --search, as sites had it before Pagefind) and `content/` holding:

* `actors.yml` and `places.yml` registries (about E/50 actors and E/20 places, at least 40 and 80),
* E event records in `events/<year>/<id>.yml`, spread over 2011-2025: types and subtypes, places, actors,
  tags, 0-3 claims attributed to actors or free text, 1-3 sources, fatalities, key events, background
  events, date-times with offsets, month-only dates, date ranges, corrections, Markdown summaries;
* X explainer pages in `explainers/<slug>.md`, each selecting 50-500 events (`tags: [story-N]`) drawn from
  a stretch of time, so that stories overlap and most events appear on several pages; one in five embeds a
  ```timeline block, one in ten is in Arabic, some place the summary/timeline markers themselves;
* `index.md`, the home page the plugin lists the explainers on.

The same arguments always write the same bytes. `--check` loads the result with the plugin's loader and fails
on any content problem (a corpus the plugin refuses would benchmark nothing).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

try:  # the theme of the generator under test (PYTHONPATH may point at another checkout)
    import generator
    THEME_DIR = Path(generator.__file__).resolve().parent.parent / "theme"
except ImportError:
    THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
PLUGINS = "  - explainers:\n      zone_names:\n        \"+05:30\": IST\n"

FIRST_DAY = date(2011, 3, 1)
LAST_DAY = date(2025, 10, 31)

WORDS = ("government forces rebels convoy checkpoint ceasefire talks negotiators province district city "
         "village border crossing airport bridge highway hospital school market residents civilians fighters "
         "militia units artillery drones strikes shelling offensive counteroffensive withdrawal reinforcements "
         "humanitarian corridor aid agencies monitors observers ministry spokesman statement communique "
         "prisoners exchange hostages detainees protesters demonstrators police curfew outskirts suburbs "
         "frontline positions supply routes fuel electricity water shortages displacement camps refugees "
         "mediators envoys delegation agreement council resolution sanctions elections parliament").split()
VERBS = ("seize", "shell", "withdraw from", "enter", "besiege", "strike", "retake", "advance on", "announce talks on",
         "clash near", "evacuate", "reinforce", "declare a ceasefire in", "protest in", "blockade", "bomb")
PUBLISHERS = ("Reuters", "AFP", "Associated Press", "Al Jazeera", "BBC News", "The New York Times", "Le Monde",
              "Syrian Observatory for Human Rights", "UN OCHA", "ACLED", "Human Rights Watch", "Amnesty International",
              None)
FREE_TEXT_BY = ("local residents", "a hospital official", "state media", "opposition activists",
                "a military source", "a UN spokesperson", "witnesses at the scene")
STATUSES = ("confirmed", "reported", "reported", "reported", "unverified", "disputed", "denied")
EVENT_TYPES = {
    "battle": ("government-regains-territory", "non-state-actor-overtakes-territory", "armed-clash"),
    "explosion": ("air-drone-strike", "shelling-artillery-missile-attack", "remote-explosive-landmine-ied"),
    "violence-against-civilians": ("attack", "abduction-forced-disappearance"),
    "protest": ("peaceful-protest", "protest-with-intervention"),
    "riot": ("violent-demonstration", "mob-violence"),
    "strategic-development": ("agreement", "arrests", "non-violent-transfer-of-territory", "other"),
    "statement": (),
}
ACTOR_KINDS = ("state-forces", "rebel-group", "political-militia", "identity-militia", "external-forces",
               "person", "organization", "protesters", "civilians")
COUNTRIES = ("SY", "IQ", "LB", "YE", "SD", "LY", "UA", "PS", "IL", "ML")
OFFSETS = ("+03:00", "+02:00", "+05:30", "Z", "-05:00")
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def use_real_words(n: int = 30_000) -> None:
    """`--words real`: event text drawn from English as it is used (wordfreq's frequencies of its `n` most common
    alphabetic words), so that common and rare words occur as in news text, where WORDS' hundred equally likely
    words make every word "very common" (search's worst case). The same seed gives the same text with the same
    wordfreq version (3.1.1 measured)."""
    global words
    from wordfreq import top_n_list, word_frequency

    vocabulary = [w for w in top_n_list("en", n) if w.isalpha() and w.isascii()]
    cumulative = list(itertools.accumulate(word_frequency(w, "en") for w in vocabulary))

    def real(rng: random.Random, k: int) -> str:
        return " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=k))

    words = real


def sentence(rng: random.Random, n: int | None = None) -> str:
    text = words(rng, n or rng.randint(8, 18))
    return text[0].upper() + text[1:] + "."


def arabic(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(ARABIC) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(1, 3)))


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    return "-".join("".join(c for c in w.lower() if c.isalnum()) for w in text.split() if any(c.isalnum() for c in w))


# Registries ---------------------------------------------------------------------------------------------------

def make_actors(rng: random.Random, n: int) -> list[dict]:
    actors = []
    for i in range(n):
        name = f"{words(rng, 2).title()} {rng.choice(('Brigade', 'Front', 'Army', 'Council', 'Movement', 'Forces'))} {i}"
        actors.append({"id": f"actor-{i}", "name": name, "native_name": arabic(rng) if rng.random() < 0.7 else None,
                       "kind": rng.choice(ACTOR_KINDS),
                       "description": sentence(rng) + " " + sentence(rng) if rng.random() < 0.8 else None})
    return actors


def make_places(rng: random.Random, n: int) -> list[dict]:
    places = []
    for i in range(n):
        places.append({"id": f"place-{i}", "name": f"{rng.choice(WORDS).title()}{rng.choice(('abad', 'iyah', 'ville', 'a', ''))} {i}",
                       "native_name": arabic(rng) if rng.random() < 0.7 else None,
                       "country": rng.choice(COUNTRIES), "admin1": f"{rng.choice(WORDS).title()} Governorate",
                       "lat": round(rng.uniform(12, 38), 4), "lon": round(rng.uniform(20, 48), 4)})
    return places


def registry_yaml(entries: list[dict]) -> str:
    lines = []
    for entry in entries:
        lines.append(f"{entry['id']}:")
        for key, value in entry.items():
            if key == "id" or value is None:
                continue
            if key == "description":
                lines.append(f"  {key}: >-\n    {value}")
            elif isinstance(value, float):
                lines.append(f"  {key}: {value}")
            else:
                lines.append(f"  {key}: {q(value)}")
    return "\n".join(lines) + "\n"


# Events -------------------------------------------------------------------------------------------------------

def event_dates(rng: random.Random, n: int) -> list[date]:
    """n days over the period, denser in the later years (as coverage is)."""
    span = (LAST_DAY - FIRST_DAY).days
    return sorted(FIRST_DAY + timedelta(days=int(span * rng.random() ** 0.6)) for _ in range(n))


def make_event(rng: random.Random, n: int, day: date, actors: list[dict], places: list[dict]) -> dict:
    kind = rng.choice(tuple(EVENT_TYPES))
    subtypes = EVENT_TYPES[kind]
    place = rng.choice(places)
    who = rng.sample(actors, rng.randint(1, 3))
    verb = rng.choice(VERBS)
    title = f"{who[0]['name']} {verb} {place['name']}"
    roll = rng.random()
    if roll < 0.12:
        hour, minute = rng.randint(0, 23), rng.randint(0, 59)
        when = f"{day.isoformat()}T{hour:02d}:{minute:02d}{rng.choice(OFFSETS)}"
    elif roll < 0.15:
        when = day.isoformat()[:7]
    elif roll < 0.16:
        when = day.isoformat()[:4]
    else:
        when = day.isoformat()
    event = {
        "id": f"{day.isoformat()}-{slugify(verb)}-{slugify(place['name'])}-{n}",
        "year": day.year,
        "date": when,
        "title": title,
        "summary": " ".join(sentence(rng) for _ in range(rng.randint(2, 4))),
        "type": kind,
        "subtype": rng.choice(subtypes) if subtypes and rng.random() < 0.8 else None,
        "place": place["id"],
        "actors": [a["id"] for a in who],
        "tags": [f"region-{place['country'].lower()}", f"topic-{rng.randint(0, 40)}"],
    }
    if rng.random() < 0.2:  # a link and emphasis in the summary, as editors write them
        event["summary"] += f" *{words(rng, 3).capitalize()}*, [according to {rng.choice(PUBLISHERS) or 'monitors'}](https://example.org/report/{n})."
    if len(when) == 10 and rng.random() < 0.05:
        event["end"] = (day + timedelta(days=rng.randint(1, 6))).isoformat()
    if rng.random() < 0.02:
        event["approximate"] = True
    if rng.random() < 0.06:
        event["key"] = True
    if rng.random() < 0.03:
        event["era"] = "background"
    claims = []
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        by = rng.choice(actors)["id"] if rng.random() < 0.7 else rng.choice(FREE_TEXT_BY)
        claims.append({"text": sentence(rng), "by": by, "status": rng.choice(STATUSES)})
    event["claims"] = claims
    if kind in ("battle", "explosion", "violence-against-civilians", "riot") and rng.random() < 0.6:
        best = rng.randint(0, 120)
        event["fatalities"] = {"best": best, "low": max(0, best - rng.randint(0, 10)),
                               "high": best + rng.randint(0, 30),
                               "by": rng.choice(actors)["id"] if rng.random() < 0.5 else rng.choice(FREE_TEXT_BY)}
    sources = []
    for k in range(rng.randint(1, 3)):
        source = {"title": sentence(rng, rng.randint(5, 10)).rstrip("."), "publisher": rng.choice(PUBLISHERS)}
        if rng.random() < 0.7:
            source["url"] = f"https://news.example.com/{day.year}/{n}-{k}"
        if rng.random() < 0.8:
            source["published"] = (day + timedelta(days=rng.randint(0, 2))).isoformat()
        sources.append(source)
    event["sources"] = sources
    if rng.random() < 0.1:
        event["updated"] = f"{(day + timedelta(days=rng.randint(1, 30))).isoformat()}T{rng.randint(0, 23):02d}:15+03:00"
    if rng.random() < 0.01:
        event["corrections"] = [{"at": f"{(day + timedelta(days=rng.randint(1, 9))).isoformat()}T10:00+03:00",
                                 "text": "An earlier version of this record " + words(rng, 8) + "."}]
    return event


def event_yaml(event: dict) -> str:
    out = [f"date: {q(event['date']) if 'T' in event['date'] else event['date']}"]
    if "end" in event:
        out.append(f"end: {event['end']}")
    if event.get("approximate"):
        out.append("approximate: true")
    out.append(f"title: {q(event['title'])}")
    out.append(f"summary: >-\n  {event['summary']}")
    out.append(f"type: {event['type']}")
    if event.get("subtype"):
        out.append(f"subtype: {event['subtype']}")
    if event.get("key"):
        out.append("key: true")
    if event.get("era"):
        out.append(f"era: {event['era']}")
    out.append(f"place: {event['place']}")
    out.append(f"actors: [{', '.join(event['actors'])}]")
    if event["claims"]:
        out.append("claims:")
        for claim in event["claims"]:
            out.append(f"  - text: >-\n      {claim['text']}\n    by: {q(claim['by'])}\n    status: {claim['status']}")
    if "fatalities" in event:
        f = event["fatalities"]
        out.append(f"fatalities:\n  best: {f['best']}\n  low: {f['low']}\n  high: {f['high']}\n  by: {q(f['by'])}")
    out.append(f"tags: [{', '.join(event['tags'])}]")
    out.append("sources:")
    for source in event["sources"]:
        out.append(f"  - title: {q(source['title'])}")
        for key in ("publisher", "url", "published"):
            if source.get(key):
                out.append(f"    {key}: {q(source[key]) if key != 'published' else source[key]}")
    if "updated" in event:
        out.append(f"updated: {q(event['updated'])}")
    if "corrections" in event:
        out.append("corrections:")
        for c in event["corrections"]:
            out.append(f"  - at: {q(c['at'])}\n    text: {q(c['text'])}")
    return "\n".join(out) + "\n"


# Explainers ---------------------------------------------------------------------------------------------------

def assign_stories(rng: random.Random, events: list[dict], n_explainers: int) -> list[dict]:
    """Each explainer picks 50-500 events from a stretch of time; the stretches overlap, so events are shared."""
    total = len(events)
    stories = []
    for i in range(n_explainers):
        size = min(rng.randint(50, 500), total)
        width = min(total, int(size * rng.uniform(1.3, 3.0)))
        start = rng.randint(0, total - width)
        chosen = sorted(rng.sample(range(start, start + width), size))
        tag = f"story-{i}"
        for index in chosen:
            events[index]["tags"].append(tag)
        stories.append({"index": i, "tag": tag, "events": [events[k] for k in chosen]})
    return stories


def explainer_text(rng: random.Random, story: dict) -> tuple[str, str]:
    i = story["index"]
    lang = "ar" if i % 10 == 9 else "en"
    first = story["events"][0]["title"]
    title = f"What we know: {first}" if lang == "en" else f"ما نعرفه: {arabic(rng)} {i}"
    last_day = max(e["date"][:10] for e in story["events"])
    published = f"{last_day[:4]}-{last_day[5:7] if len(last_day) >= 7 else '12'}-{last_day[8:10] if len(last_day) == 10 else '28'}T09:15+03:00"
    front = [f"title: {q(title)}", f"description: {q(sentence(rng))}", f"published: {q(published)}"]
    if rng.random() < 0.6:
        front.append(f"updated: {q(published.replace('T09:15', 'T18:40'))}")
    front.append(f"events:\n  tags: [{story['tag']}]")
    if lang == "ar":
        front.append("lang: ar")
    front.append("unknowns:")
    for _ in range(rng.randint(2, 6)):
        front.append(f"  - {q(sentence(rng))}")
    if rng.random() < 0.15:
        front.append(f"corrections:\n  - at: {q(published.replace('T09:15', 'T20:00'))}\n    text: {q('An earlier version misstated ' + words(rng, 5) + '.')}")
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(6, 12))]
    body = [paragraphs[0], ""]
    if i % 7 == 3:
        body += ["<!-- what-we-know-so-far -->", ""]
    for k, paragraph in enumerate(paragraphs[1:], 1):
        if k % 3 == 0:
            body += [f"## {words(rng, 3).capitalize()}", ""]
        body += [paragraph, ""]
    if i % 5 == 2:  # an embedded timeline of the story's first weeks
        day = story["events"][0]["date"][:10]
        until = story["events"][min(len(story["events"]) - 1, 12)]["date"][:10]
        if len(day) == 10 and len(until) == 10:
            body += ["```timeline", f"tags: [{story['tag']}]", f"from: {day}", f"to: {until}", "```", ""]
    if i % 7 == 5:
        body += ["## How it unfolded", "", "<!-- timeline -->", ""]
    body += [" ".join(sentence(rng) for _ in range(3)), ""]
    text = "---\n" + "\n".join(front) + "\n---\n\n" + "\n".join(body)
    return f"{slugify(' '.join(first.split()[:4]))}-{i}", text


HOME = """---
title: What We Know So Far
---

Fast-moving stories are hard to follow. Each explainer here sets out what has been established, who is saying
what, and what is still unclear, with a dated timeline and the sources behind it.

<!-- explainers -->
"""


def mkdocs_yml(features: tuple[str, ...] = ("navigation.sections", "navigation.prune", "toc.follow"),
               plugins: str = PLUGINS,
               extra: str = "", docs_dir: str = "content", site_name: str = "Explainers benchmark") -> str:
    feature_lines = "".join(f"    - {f}\n" for f in features)
    return (f"site_name: {site_name}\n"
            f"docs_dir: {docs_dir}\n"
            "theme:\n"
            "  name: material\n"
            f"  custom_dir: {THEME_DIR.as_posix()}\n"
            "  font: false\n"
            "  features:\n"
            f"{feature_lines}"
            "plugins:\n"
            f"{plugins}"
            "markdown_extensions:\n"
            "  - attr_list\n"
            "  - admonition\n"
            "  - toc:\n"
            "      permalink: true\n"
            f"{extra}")


# Writing --------------------------------------------------------------------------------------------------------

def write_corpus(out: Path, n_events: int, n_explainers: int, seed: int = 6, search: bool = False) -> dict:
    """Write the tree; returns a summary (counts, events shown per page, sharing)."""
    rng = random.Random(f"{seed}-{n_events}-{n_explainers}")
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "explainers").mkdir(parents=True)
    actors = make_actors(rng, max(40, n_events // 50))
    places = make_places(rng, max(80, n_events // 20))
    events = [make_event(rng, n, day, actors, places) for n, day in enumerate(event_dates(rng, n_events))]
    stories = assign_stories(rng, events, n_explainers)
    (content / "actors.yml").write_text(registry_yaml(actors), encoding="utf-8")
    (content / "places.yml").write_text(registry_yaml(places), encoding="utf-8")
    for year in sorted({e["year"] for e in events}):
        (content / "events" / str(year)).mkdir(parents=True)
    for event in events:
        (content / "events" / str(event["year"]) / f"{event['id']}.yml").write_text(event_yaml(event), encoding="utf-8")
    for story in stories:
        slug, text = explainer_text(rng, story)
        (content / "explainers" / f"{slug}.md").write_text(text, encoding="utf-8")
    (content / "index.md").write_text(HOME, encoding="utf-8")
    (out / "mkdocs.yml").write_text(mkdocs_yml(plugins=("  - search\n" if search else "") + PLUGINS), encoding="utf-8")
    shown = [len(s["events"]) for s in stories]
    appearances = [sum(1 for t in e["tags"] if t.startswith("story-")) for e in events]
    summary = {"events": n_events, "explainers": n_explainers, "actors": len(actors), "places": len(places),
               "events_shown_total": sum(shown), "events_per_explainer_min": min(shown, default=0),
               "events_per_explainer_max": max(shown, default=0),
               "events_on_2plus_pages": sum(1 for a in appearances if a >= 2),
               "events_on_no_page": sum(1 for a in appearances if a == 0), "seed": seed}
    (out / "corpus.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def check(out: Path) -> int:
    from generator.records.content import load_content
    content = load_content(out / "content", out)
    for problem in content.problems[:20]:
        print(problem, file=sys.stderr)
    return len(content.problems)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--explainers", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--search", action="store_true", help="keep Material's lunr search plugin (old sites)")
    parser.add_argument("--check", action="store_true", help="load it with the plugin's loader; fail on problems")
    parser.add_argument("--words", choices=("synthetic", "real"), default="synthetic",
                        help="event text from a hundred equally likely words, or from English word frequencies "
                             "(the PyPI package wordfreq)")
    args = parser.parse_args(argv)
    if args.words == "real":
        use_real_words()
    args.out.mkdir(parents=True, exist_ok=True)
    print(json.dumps(write_corpus(args.out, args.events, args.explainers, args.seed, args.search), indent=2))
    if args.check:
        problems = check(args.out)
        print(f"{problems} content problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
