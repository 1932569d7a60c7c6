from portal.search.models import SearchEntry, SearchSynonym

from .base import AttachedDocument, BasePage, IndexPage, SourceProjectMixin, StandardPage
from .media import PortalDocument, PortalImage, PortalRendition
from .projects import (
    ProjectDocument,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ProjectTeam,
    ResultIndicator,
    SupportedService,
    TargetIndicator,
)
from .settings import PortalSettings
from .taxonomy import (
    FundingProgramme,
    Municipality,
    Organisation,
    PageTopic,
    Person,
    Region,
    TargetGroup,
    Topic,
)

__all__ = [
    "AttachedDocument",
    "BasePage",
    "IndexPage",
    "FundingProgramme",
    "Municipality",
    "Organisation",
    "PageTopic",
    "Person",
    "PortalDocument",
    "PortalImage",
    "PortalRendition",
    "PortalSettings",
    "ProjectDocument",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPartner",
    "ProjectTeam",
    "Region",
    "ResultIndicator",
    "SearchEntry",
    "SearchSynonym",
    "SourceProjectMixin",
    "StandardPage",
    "SupportedService",
    "TargetGroup",
    "TargetIndicator",
    "Topic",
]
