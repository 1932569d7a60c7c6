"""/odber/: subscribe, confirm, change the choices, unsubscribe.

Every answer to a subscription request is the same, whether the address is new, already
subscribed or over its rate limit: nothing here tells whether an address is subscribed.
"""

from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.alerts import store, throttle, tokens
from portal.alerts.forms import ChoicesForm, SubscribeForm, initial_from_subscription
from portal.alerts.models import Subscription
from portal.alerts.tasks import send_confirmation


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        if throttle.client_over_limit(request):
            return _noindex(render(request, "alerts/rate_limited.html", status=429))
        form = SubscribeForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if not throttle.address_over_limit(email):
                send_confirmation.enqueue(email, form.choices())
            return redirect("alerts:sent")
        status = 400
    else:
        form = SubscribeForm(initial=_initial_from_search(request.GET))
        status = 200
    return _noindex(render(request, "alerts/subscribe.html", {"form": form}, status=status))


def _initial_from_search(params):
    """The search page's parameters (its "subscribe to these results" link)."""
    initial = {name: params.getlist(name) for name in ("typ", "tema", "projekt") if name in params}
    if params.get("q"):
        initial["q"] = params["q"]
    if params.get("kraj"):
        initial["kraj"] = params["kraj"]
    return initial


def sent(request):
    return _noindex(
        render(request, "alerts/sent.html", {"hours": tokens.confirm_max_age() // 3600})
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    found = tokens.read_confirmation(token)
    if found is None:
        return _noindex(render(request, "alerts/invalid_link.html", status=400))
    if request.method == "GET":  # a mail scanner opening the link confirms nothing
        return _noindex(render(request, "alerts/confirm.html", {"email": found[0]}))
    subscription = store.confirm(*found)
    manage_token = tokens.subscription_token(subscription, tokens.MANAGE_SALT)
    return redirect("alerts:manage", manage_token)


def _subscription(token, salt):
    return tokens.read_subscription_token(token, salt, Subscription.objects.all())


@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscription = _subscription(token, tokens.MANAGE_SALT)
    if subscription is None:
        return _noindex(render(request, "alerts/invalid_link.html", status=404))
    saved = False
    status = 200
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            store.apply_choices(subscription, form.choices())
            saved = True
        else:
            status = 400
    else:
        form = ChoicesForm(initial=initial_from_subscription(subscription))
    context = {
        "form": form,
        "subscription": subscription,
        "saved": saved,
        "unsubscribe_token": tokens.subscription_token(subscription, tokens.UNSUBSCRIBE_SALT),
    }
    return _noindex(render(request, "alerts/manage.html", context, status=status))


@csrf_exempt  # RFC 8058: mail clients post List-Unsubscribe=One-Click without any cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (link scanners must not unsubscribe anyone); POST deletes the subscription
    with its sent-log. An unknown or already used link ends on the same page."""
    subscription = _subscription(token, tokens.UNSUBSCRIBE_SALT)
    if request.method == "GET":
        context = {"subscription": subscription, "token": token}
        return _noindex(render(request, "alerts/unsubscribe.html", context))
    if subscription is not None:
        subscription.delete()
    return _noindex(render(request, "alerts/unsubscribed.html"))
