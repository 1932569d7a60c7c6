from portal.core.tallies import ListingTally, ListingTallyChange

from .base import AttachedDocument, BasePage, IndexPage, SearchKind, StandardPage, filed_under
from .media import PortalDocument, PortalImage, PortalRendition
from .settings import PortalSettings

__all__ = [
    "AttachedDocument",
    "BasePage",
    "IndexPage",
    "ListingTally",
    "ListingTallyChange",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "PortalSettings",
    "SearchKind",
    "StandardPage",
    "filed_under",
]
