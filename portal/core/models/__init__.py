from .base import AttachedDocument, BasePage, IndexPage, SearchKind, StandardPage, filed_under
from .media import PortalDocument, PortalImage, PortalRendition
from .settings import PortalSettings

__all__ = [
    "AttachedDocument",
    "BasePage",
    "IndexPage",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "PortalSettings",
    "SearchKind",
    "StandardPage",
    "filed_under",
]
