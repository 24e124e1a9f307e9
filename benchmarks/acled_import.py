"""How long `explainers import acled` takes on an export of ROWS rows (issue 28's target: 5,071 rows in under 10 s).

The rows are made from the 24 real ACLED rows of tests/fixtures/acled/: each copy gets its own event id and its
place moved a little (a new village per copy, as a country-wide export has), and every fourth copy writes its
date as Excel re-saves it ("9-May-22"). Times the first import, a re-import that changes nothing, and loading
the result as `explainers validate` does (which must find 0 problems).

    python benchmarks/acled_import.py [--rows 5071] [--csv FILE]   # --csv: time a real export instead
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from generator.records.content import load_content
from generator.importers.acled import import_acled

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests/fixtures/acled/acled-2022-rows.csv"


def synthetic(rows: int) -> str:
    real = list(csv.DictReader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(real[0]), lineterminator="\n")
    writer.writeheader()
    for n in range(rows):
        row = dict(real[n % len(real)])
        copy = n // len(real)
        row["event_id_cnty"] = f"{row['event_id_cnty'][:3]}{900000 + n}"
        if copy:
            row["location"] = f"{row['location']} {copy}"
            row["latitude"] = f"{float(row['latitude']) + copy * 0.001:.4f}"
        if copy % 4 == 3:
            day = date.fromisoformat(row["event_date"])
            row["event_date"] = f"{day.day}-{day.strftime('%b')}-{day.strftime('%y')}"
        writer.writerow(row)
    return buffer.getvalue()


def timed(label: str, action):
    """Wall time and this process's CPU time: on a shared machine the second is the one to compare."""
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(f"{label}: {time.perf_counter() - start:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5071)
    parser.add_argument("--csv", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        docs = root / "content"
        docs.mkdir()
        for name in ("actors.yml", "places.yml", "tags.yml"):
            shutil.copy(REPO / "content" / name, docs / name)
        source = args.csv or root / "export.csv"
        if not args.csv:
            source.write_text(synthetic(args.rows), encoding="utf-8")
        first = timed("first import", lambda: import_acled(source, docs, accept_near_misses=True))
        print(str(first).split("\n", 1)[0])
        again = timed("re-import", lambda: import_acled(source, docs, accept_near_misses=True))
        print(str(again).split("\n", 1)[0])
        content = timed("load and validate", lambda: load_content(docs, root))
        print(f"{len(content.events)} events, {len(content.problems)} problems")


if __name__ == "__main__":
    main()
