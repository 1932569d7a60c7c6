from django.http import JsonResponse

from portal.projects.facets import visible_projects

SUGGESTION_LIMIT = 10


def project_suggestions(request):
    """Titles of public projects containing the typed text, for the listings' project field."""
    text = request.GET.get("q", "").strip()[:100]
    if len(text) < 2:
        return JsonResponse([], safe=False)
    titles = (
        visible_projects()
        .filter(title__icontains=text)
        .order_by("title")
        .values_list("title", flat=True)[:SUGGESTION_LIMIT]
    )
    return JsonResponse(list(titles), safe=False)
