"""What a tool's or methodology's page shows about where it is in use (two queries)."""

from dataclasses import dataclass, field

from portal.adoption import tilemap
from portal.adoption.models import Adoption
from portal.core.text import fold
from portal.taxonomy.models import Region


@dataclass
class RegionRow:
    region: Region
    offices: list = field(default_factory=list)


@dataclass
class AdoptionSummary:
    rows: list
    experiences: list
    tiles: list
    width: int = tilemap.WIDTH
    height: int = tilemap.HEIGHT
    tile_size: int = tilemap.TILE

    @property
    def office_count(self):
        return sum(len(row.offices) for row in self.rows)

    @property
    def region_count(self):
        return len(self.rows)


def adoption_summary(page):
    adoptions = Adoption.objects.filter(page_id=page.pk).select_related("municipality__region")
    adoptions = sorted(
        adoptions,
        key=lambda a: (fold(a.municipality.region.name), fold(a.municipality.name)),
    )
    rows = {}
    experiences = []
    for adoption in adoptions:
        region = adoption.municipality.region
        rows.setdefault(region.pk, RegionRow(region)).offices.append(adoption.municipality)
        if adoption.shows_experience:
            experiences.append(adoption)
    counts = {pk: len(row.offices) for pk, row in rows.items()}
    tiles = tilemap.tiles(Region.objects.all(), counts)
    return AdoptionSummary(list(rows.values()), experiences, tiles)
