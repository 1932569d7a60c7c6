"""The demo's accounts: the opt-in superuser and one user per role (see README)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.accounts.roles import ADMIN_GROUP_NAME, REVIEWER_GROUP_NAME
from portal.core.access import staff_group

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin-demo-heslo"  # noqa: S105 # nosec B105 # a documented demo login, opt-in only


def ensure_admin(ctx):
    """The opt-in demo superuser; an existing account is left as it is."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        ctx.stats["admin existed"] += 1
        return
    user_model.objects.create_superuser(ADMIN_USERNAME, "admin@example.cz", ADMIN_PASSWORD)
    ctx.stats["admin created"] += 1


def role_groups(ctx, account):
    """The groups of a demo account as its data entry names them."""
    named = {
        "administrators": lambda: Group.objects.get(name=ADMIN_GROUP_NAME),
        "reviewers": lambda: Group.objects.get(name=REVIEWER_GROUP_NAME),
        "staff": staff_group,
    }
    groups = [named[role]() for role in account.get("roles", [])]
    if "editors_of" in account:
        groups.append(ctx.get(account["editors_of"]).team.editors)
    return groups


def ensure_demo_accounts(ctx, accounts):
    """Demo users of every role; an existing account keeps its password but gets its groups."""
    user_model = get_user_model()
    for account in accounts:
        username = account["username"]
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username, f"{username}@example.cz", demo_password(username)
            )
            ctx.stats["demo accounts created"] += 1
        user.groups.add(*role_groups(ctx, account))


def demo_password(username):
    return f"{username}-demo-heslo"
