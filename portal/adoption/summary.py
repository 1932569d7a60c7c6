"""What a tool's or methodology's page shows about where it is in use (one query; the
kraje come from the cache while the content is unchanged)."""

from dataclasses import dataclass, field

from django.core.cache import cache

from portal.adoption import tilemap
from portal.adoption.models import Adoption
from portal.core.content_version import content_version
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
    tiles = tilemap.tiles(all_regions(), counts)
    return AdoptionSummary(list(rows.values()), experiences, tiles)


def all_regions():
    """The 14 kraje for the map: a vocabulary that changes with the content version only."""
    return cache.get_or_set(
        f"adoption-regions-{content_version()}", lambda: list(Region.objects.all()), 3600
    )
