"""Wagtail's users app with the portal's user screens (portal.accounts.users)."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.accounts.users.UserViewSet"
