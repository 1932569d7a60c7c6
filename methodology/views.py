from wagtail import views as wagtail_views

from methodology.sheet import SHEET_NAME


def serve_sheet(request, page_path):
    """`<page path>karta.pdf`, served by Wagtail as the page's own route `karta.pdf/`.

    The page's privacy and Wagtail's serve hooks apply to the sheet as to the page.
    """
    return wagtail_views.serve(request, f"{page_path}{SHEET_NAME}/")
