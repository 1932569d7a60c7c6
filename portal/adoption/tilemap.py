"""The fourteen kraje as a tile map: one square per region, roughly where it lies."""

from dataclasses import dataclass

TILE = 64
GAP = 4
# NUTS 3 code: (row, column, abbreviation)
TILES = {
    "CZ041": (0, 0, "KV"),
    "CZ042": (0, 1, "ÚL"),
    "CZ051": (0, 2, "LB"),
    "CZ052": (0, 3, "HK"),
    "CZ032": (1, 0, "PL"),
    "CZ010": (1, 1, "PHA"),
    "CZ020": (1, 2, "SČ"),
    "CZ053": (1, 3, "PA"),
    "CZ071": (1, 4, "OL"),
    "CZ080": (1, 5, "MS"),
    "CZ031": (2, 1, "JČ"),
    "CZ063": (2, 2, "VY"),
    "CZ064": (2, 3, "JM"),
    "CZ072": (2, 4, "ZL"),
}
COLUMNS = 1 + max(column for _row, column, _abbr in TILES.values())
ROWS = 1 + max(row for row, _column, _abbr in TILES.values())
WIDTH = COLUMNS * (TILE + GAP)
HEIGHT = ROWS * (TILE + GAP)


@dataclass
class Tile:
    name: str
    abbreviation: str
    count: int
    x: int
    y: int
    level: int

    @property
    def centre_x(self):
        return self.x + TILE // 2


def level(count, highest):
    """0 for none, then 1–3 by the share of the busiest region (the colour class)."""
    if not count:
        return 0
    return max(1, min(3, round(3 * count / highest)))


def tiles(regions, counts):
    """A Tile per region with a known NUTS code; `counts`: {region pk: offices}."""
    highest = max(counts.values(), default=0)
    result = []
    for region in regions:
        place = TILES.get(region.nuts_code)
        if place is None:
            continue
        row, column, abbreviation = place
        count = counts.get(region.pk, 0)
        x, y = column * (TILE + GAP) + GAP // 2, row * (TILE + GAP) + GAP // 2
        result.append(Tile(region.name, abbreviation, count, x, y, level(count, highest)))
    return result
