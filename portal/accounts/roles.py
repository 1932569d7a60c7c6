"""Who may edit, review and publish: the portal's groups, permissions and review workflow.

- portal administrators: every page, document, image, snippet, setting and user;
- reviewers: edit and publish every page of the sites, approve or reject submissions;
- one editors group per project: add and edit (never publish) inside that project's page
  subtree, and upload to that project's documents collection;
- OSPOD staff (portal.core.access): no admin access, they only read staff-only material.

Wagtail's default groups (Moderators, Editors) are removed.

Everything here is idempotent: `manage.py setup_roles` runs it, `load_demo_content` too,
and a new project gets its team as soon as it is created (portal.accounts.signals).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
    get_page_models,
)

from portal.accounts.models import ProjectTeam
from portal.core.access import private_child_collection, staff_collection, staff_group
from portal.projects.models import ProjectPage

ADMIN_GROUP_NAME = "Správci portálu"
REVIEWER_GROUP_NAME = "Recenzenti"
EDITORS_GROUP_PREFIX = "Redakce: "
WORKFLOW_NAME = "Schválení před zveřejněním"
REVIEW_TASK_NAME = "Kontrola recenzentem"
PRIVATE_SUFFIX = " – jen pro pracovníky OSPOD"
# Apps whose rows reviewers moderate (suggestions from the field, adoption experiences).
REVIEWER_APPS = ["adoption", "suggestions"]
# Created by Wagtail's migrations with publish rights on the root page and every collection;
# the portal's roles replace them.
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]

ALL_PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
EDITOR_PAGE_PERMISSIONS = ["add", "change"]
REVIEWER_PAGE_PERMISSIONS = ["change", "publish", "lock", "unlock"]
MEDIA_MODELS = {"document": "wagtaildocs", "image": "wagtailimages"}
# Non-page models administrators manage (snippets, settings, users, redirects, ...).
ADMIN_APPS = [
    "core",
    "taxonomy",
    "projects",
    "accounts",
    "search",
    "news",
    "methodology",
    "adoption",
    "suggestions",
    "auth",
    "taggit",
    "wagtailcore",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "wagtailforms",
]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def access_admin():
    return permission("wagtailadmin", "access_admin")


def grant_pages(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission("wagtailcore", f"{action}_page")
        )


def grant_collection(group, collection, actions):
    for action in actions:
        for model, app_label in MEDIA_MODELS.items():
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=permission(app_label, f"{action}_{model}"),
            )


def admin_model_permissions():
    """Model permissions on snippets, settings, users, ...; pages go by the tree instead."""
    page_models = {model._meta.model_name for model in get_page_models()} | {"page"}
    return Permission.objects.filter(content_type__app_label__in=ADMIN_APPS).exclude(
        content_type__model__in=page_models
    )


def reviewer_model_permissions():
    return Permission.objects.filter(content_type__app_label__in=REVIEWER_APPS).exclude(
        codename__startswith="add_"
    )


def site_roots():
    return [site.root_page for site in Site.objects.select_related("root_page")]


@transaction.atomic
def setup_roles():
    """Create or complete the shared groups, the review workflow and every project's team."""
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()

    admins, _ = Group.objects.get_or_create(name=ADMIN_GROUP_NAME)
    admins.permissions.add(access_admin(), *admin_model_permissions())
    grant_pages(admins, root_page, ALL_PAGE_PERMISSIONS)
    grant_collection(admins, root_collection, ["add", "change", "delete", "choose"])

    reviewers, _ = Group.objects.get_or_create(name=REVIEWER_GROUP_NAME)
    reviewers.permissions.add(access_admin(), *reviewer_model_permissions())
    for page in site_roots():
        grant_pages(reviewers, page, REVIEWER_PAGE_PERMISSIONS)
    grant_collection(reviewers, root_collection, ["change", "choose"])

    staff_group()
    staff_collection()
    setup_workflow([reviewers, admins])
    for project in ProjectPage.objects.all():
        setup_project_team(project)
    return {"admins": admins, "reviewers": reviewers, "staff": staff_group()}


def setup_workflow(approvers):
    """One review step before publishing, on every page of every site."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(*approvers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in site_roots():
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def setup_project_team(project):
    """The project's editors group and documents collection (with a staff-only child)."""
    team = ProjectTeam.objects.filter(project=project).select_related("editors").first()
    if team is None:
        editors = Group.objects.create(name=unique_group_name(project))
        name = f"Projekt: {project.title}"[: 255 - len(PRIVATE_SUFFIX)]
        collection = Collection.get_first_root_node().add_child(name=name)
        team = ProjectTeam.objects.create(project=project, editors=editors, collection=collection)
    editors = team.editors
    editors.permissions.add(access_admin())
    grant_pages(editors, project, EDITOR_PAGE_PERMISSIONS)
    grant_collection(editors, team.collection, ["add", "change", "choose"])
    private_child_collection(team.collection, f"{team.collection.name}{PRIVATE_SUFFIX}")
    return team


def unique_group_name(project):
    """ "Redakce: <title>", with the project's id added if another group has that name."""
    name = f"{EDITORS_GROUP_PREFIX}{project.title}"[:140]
    if Group.objects.filter(name=name).exists():
        name = f"{name} ({project.pk})"
    return name
