from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from portal.adoption.forms import AdoptionForm
from portal.adoption.models import ADOPTABLE_PAGE_TYPES, Adoption, ExperienceStatus
from portal.core.access import is_staff_reader, visible_pages


def adoptable_pages(user):
    types = [
        ContentType.objects.get_by_natural_key(*name.lower().split("."))
        for name in ADOPTABLE_PAGE_TYPES
    ]
    return visible_pages(Page.objects.filter(content_type__in=types), user)


@never_cache
def record_adoption(request, page_id):
    """OSPOD staff say "we use it at ORP X", with an optional anonymised experience."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), "staff_login")
    if not is_staff_reader(request.user):
        return render(request, "adoption/staff_only.html", status=403)
    page = adoptable_pages(request.user).filter(pk=page_id).first()
    if page is None:
        raise Http404
    form = AdoptionForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "adoption/record.html", {"form": form, "target": page}, status=400
            )
        adoption = save_adoption(page, form.cleaned_data, request.user)
        return render(request, "adoption/recorded.html", {"adoption": adoption, "target": page})
    return render(request, "adoption/record.html", {"form": form, "target": page})


def save_adoption(page, data, user):
    """One record per page and ORP: saying it again updates the experience."""
    adoption, _created = Adoption.objects.get_or_create(
        page=page, municipality=data["municipality"], defaults={"recorded_by": user}
    )
    experience = data["experience"]
    if experience and experience != adoption.experience:
        adoption.experience = experience
        adoption.experience_status = ExperienceStatus.PENDING
        adoption.recorded_by = user
        adoption.save()
    return adoption
