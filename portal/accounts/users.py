"""The admin's user screens: only a superuser may grant superuser status or touch a superuser.

Portal administrators manage accounts, but must not be able to make themselves (or anyone)
a superuser, nor take over a superuser's account by changing its password or e-mail.
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.users.views import users


def refuse_unless_superuser(request, user):
    if user.is_superuser and not request.user.is_superuser:
        raise PermissionDenied


class SuperuserFieldMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class CreateView(SuperuserFieldMixin, users.CreateView):
    pass


class EditView(SuperuserFieldMixin, users.EditView):
    def dispatch(self, request, *args, **kwargs):
        refuse_unless_superuser(request, self.object)
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView


@hooks.register("before_bulk_action")
def refuse_bulk_changes_to_superusers(request, action_type, objects, action_class_instance):
    """Deactivating a superuser or changing their groups in bulk is for superusers too."""
    if action_class_instance.model._meta.label_lower != "auth.user":
        return
    for user in objects:
        refuse_unless_superuser(request, user)
