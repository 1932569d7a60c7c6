from functools import partial

from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from portal.suggestions import throttle
from portal.suggestions.forms import SuggestionForm
from portal.suggestions.models import Suggestion
from portal.suggestions.notify import notify_reviewers

UNDER_REVIEW_LIMIT = 100
FLOOD_MESSAGE = _(
    "Z vašeho připojení přišlo v poslední hodině příliš mnoho návrhů. Zkuste to prosím "
    "později; text formuláře zůstal zachován."
)
TRAP_MESSAGE = _("Formulář obsahuje pole, které se nemá vyplňovat. Vymažte ho a odešlete znovu.")


@never_cache
def suggest(request):
    """Anyone suggests a practice or tool, or asks a question; reviewers get an e-mail."""
    if request.method != "POST":
        return render(request, "suggestions/form.html", {"form": SuggestionForm()})
    form = SuggestionForm(request.POST, request.FILES)
    if throttle.over_limit(request):
        return refuse(request, form, FLOOD_MESSAGE, 429)
    if form.is_bot:
        return refuse(request, form, TRAP_MESSAGE, 400)
    if not form.is_valid():
        return render(request, "suggestions/form.html", {"form": form}, status=400)
    with transaction.atomic():
        suggestion = form.save()
        transaction.on_commit(partial(notify_reviewers, suggestion))
    return render(request, "suggestions/thanks.html", {"suggestion": suggestion})


def refuse(request, form, message, status):
    form.full_clean()
    return render(
        request, "suggestions/form.html", {"form": form, "refusal": message}, status=status
    )


@never_cache  # a new suggestion shows at once, not after the front cache expires
def under_review(request):
    """What has been suggested and where its review stands: never who sent it."""
    suggestions = Suggestion.objects.filter(listed=True).only(
        "kind", "title", "status", "created_at", "status_changed_at"
    )[:UNDER_REVIEW_LIMIT]
    return render(request, "suggestions/under_review.html", {"suggestions": suggestions})


@permission_required("suggestions.change_suggestion", raise_exception=True)
def attachment(request, pk):
    """A suggestion's file, for reviewers only, always as a download."""
    suggestion = get_object_or_404(Suggestion, pk=pk)
    if not suggestion.attachment:
        raise Http404
    name = suggestion.attachment.name.rsplit("/", 1)[-1]
    response = FileResponse(
        suggestion.attachment.open("rb"),
        as_attachment=True,
        filename=name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
