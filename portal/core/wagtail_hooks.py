"""Documents: a file gone from storage is a missing document, never a server error. Pages:
the explorer bounded for large sections (explorer.py)."""

from django.http import Http404
from wagtail import hooks


# After Wagtail's own check of the collection's privacy (order 0): a visitor who may not see
# the document is sent to log in whether its file is there or not.
@hooks.register("before_serve_document", order=100)
def refuse_a_document_without_its_file(document, request):
    # A bucket raises an error on reading a key it does not have, where a folder's file is
    # merely missing: ask the storage first (one HEAD request for a bucket).
    if not document.file or not document.file.storage.exists(document.file.name):
        raise Http404("The document's file is not in storage.")


@hooks.register("register_admin_viewset")
def register_page_viewset():
    from portal.core.explorer import PortalPageViewSet

    return PortalPageViewSet()
