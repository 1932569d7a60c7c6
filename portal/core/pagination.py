from django.core.paginator import Paginator

PAGE_SIZE = 12


def paginate(request, items, count=None, per_page=PAGE_SIZE):
    """The requested page of a listing; a bad or out-of-range number gives the nearest page.
    `count`: the number of items, when the view has counted them already."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached_property: this is its value
    return paginator.get_page(request.GET.get("strana"))
