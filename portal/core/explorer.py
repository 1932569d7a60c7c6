"""Wagtail's page explorer for sections of thousands of pages.

The news index holds most of a grown portal: 13,000 children. Wagtail renders 50 of them per
explorer page (about 6 ms a row, all of it Wagtail's own templates) and, in the "sort menu
order" mode, every child on one page, to be dragged: 53 seconds and 58 MB for that section.
The portal's sections list their pages by date or A–Z, never by menu order, so reordering a
large section has no use; it stays for the small ones (the home page's menu).
"""

from django.contrib import messages
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry

from portal.core.models import BasePage

# Children a section may have for its menu order to be set by dragging (all on one page).
REORDER_LIMIT = 100

REORDER_REFUSED_MESSAGE = _(
    "Pořadí v menu lze přetahováním měnit jen v sekcích s nejvýše %(limit)d stránkami. "
    "Tato sekce řadí své stránky podle data nebo abecedy."
)


class PortalExplorableIndexView(ExplorableIndexView):
    paginate_by = 25

    @cached_property
    def reorderable(self):
        return self.parent_page.numchild <= REORDER_LIMIT

    @cached_property
    def show_ordering_column(self):
        return super().show_ordering_column and self.reorderable

    @cached_property
    def header_more_buttons(self):
        """Wagtail's, without "sort menu order" where the section is too large for it."""
        buttons = super().header_more_buttons
        if not self.reorderable:
            order = f"?ordering={self.sort_order_field}"
            buttons = [button for button in buttons if not (button.url or "").endswith(order)]
        return buttons

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        refused = self.ordering == self.sort_order_field and not self.show_ordering_column
        if refused and not self.results_only and hasattr(self, "parent_page"):
            messages.warning(request, REORDER_REFUSED_MESSAGE % {"limit": REORDER_LIMIT})
        return response


class PortalPageViewSet(PageViewSet):
    """Wagtail's page views for every portal page type (registered for their shared base, so
    the root keeps Wagtail's own), with the explorer above for their children."""

    index_view_class = PortalExplorableIndexView

    def on_register(self):
        super(PageViewSet, self).on_register()
        page_viewset_registry.register(BasePage, self, parent_models=[BasePage])
