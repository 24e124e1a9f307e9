"""Label placement (generator/pages/maps/layout.py) in near-linear work: labels are tested against the boxes that share
a grid cell with them, not every box placed; and that finds exactly the overlaps testing every box would."""

from __future__ import annotations

import random

from generator.pages.maps import layout
from generator.pages.maps.layout import Boxes, Spot, _boxes_overlap
from generator.pages.maps.projection import fit


def test_the_grid_finds_exactly_the_overlaps_a_test_of_every_box_finds():
    rng = random.Random(26)
    placed = []
    grid = Boxes()
    for _ in range(600):
        x, y = rng.uniform(-20, 700), rng.uniform(-20, 500)
        box = (x, y, x + rng.uniform(1, 90), y + rng.uniform(1, 30))
        ignore = rng.choice(placed) if placed and rng.random() < .2 else None
        assert grid.hit(box, ignore) == any(_boxes_overlap(box, b) for b in placed if b != ignore), box
        placed.append(box)
        grid.add(box)


def test_placing_labels_grows_with_the_places_not_their_square(monkeypatch):
    """The collision tests a map's labels need, counted: about as many per place at 256 places as at 64."""
    calls = 0

    def counted(a, b):
        nonlocal calls
        calls += 1
        return _boxes_overlap(a, b)

    monkeypatch.setattr(layout, "_boxes_overlap", counted)
    per_place = []
    for side in (8, 16):  # 64 and 256 places on a jittered lattice, far enough apart to be drawn each
        rng = random.Random(side)
        spots = [Spot(f"p{i:02d}{j:02d}", 20 + 28 * (i + rng.uniform(.4, .6)) / side,
                      12 + 26 * (j + rng.uniform(.4, .6)) / side, 1, 1, f"Place {i}-{j}", None)
                 for i in range(side) for j in range(side)]
        frame = fit([(s.lon, s.lat) for s in spots], 640, 400)
        calls = 0
        markers, crowds = layout.layout(spots, frame, "ltr")
        assert len(markers) == len(spots) and not crowds
        assert sum(m.label is not None for m in markers) > len(spots) // 10  # some labels fit
        per_place.append(calls / len(spots))
    assert per_place[1] < 40 and per_place[1] < 2 * per_place[0], per_place  # before the grid: 166 and 433
