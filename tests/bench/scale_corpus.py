"""The scale benchmark's large portal (tests/bench/bench_scale.py): the demo portal plus
generated pages shaped like a grown portal."""

import datetime
import random

BIG_PROJECT_OUTPUTS = 500
PROJECTS = 1200


def build_large(pages, seed=20261201):
    """Add `pages` generated pages to the demo portal (most of them news)."""
    from django.db import transaction
    from django.utils import timezone

    from methodology.models import MethodologyIndexPage, MethodologyPage, ToolIndexPage, ToolPage
    from news.models import NewsIndexPage, NewsPage, PeriodReportPage, VideoIndexPage, VideoPage
    from portal.core.factories import PortalImageFactory
    from portal.projects.models import ProjectIndexPage, ProjectPage
    from portal.taxonomy.models import PageTopic, Region, Topic

    rng = random.Random(seed)
    images = [PortalImageFactory() for _ in range(10)]
    topics = list(Topic.objects.all()[:40]) or [Topic.objects.create(name="Téma")]
    projects_wanted = min(PROJECTS, max(2, pages // 16))
    mix = {"project": projects_wanted, "report": pages * 15 // 100, "methodology": pages // 20}
    mix.update({"tool": pages // 20, "video": pages // 40})
    mix["news"] = max(1, pages - sum(mix.values()))
    big_outputs = min(BIG_PROJECT_OUTPUTS, mix["report"] // 2)
    now = timezone.now()
    counter = iter(range(10**9))

    def add(parent, model, **fields):
        number = next(counter)
        when = now - datetime.timedelta(hours=number * 3 + rng.randint(0, 2))
        page = model(
            title=f"{model._meta.verbose_name.capitalize()} {number}",
            slug=f"velky-portal-{number}",
            summary="Vygenerovaná stránka velkého portálu pro měření rychlosti.",
            listing_image=rng.choice(images),
            first_published_at=when,
            last_published_at=when,
            **fields,
        )
        return parent.add_child(instance=page)

    made = []
    with transaction.atomic(), _without_project_teams():
        project_index = ProjectIndexPage.objects.get()
        projects = [
            add(project_index, ProjectPage, start_date=datetime.date(2015 + n % 10, 1, 1))
            for n in range(mix["project"])
        ]
        made += projects
        # Each project in a kraj, as on a real portal.
        regions = list(Region.objects.all())
        if regions:
            in_region = ProjectPage.regions.through
            in_region.objects.bulk_create(
                [in_region(projectpage=p, region=rng.choice(regions)) for p in projects]
            )
        for number in range(mix["report"]):
            project = projects[0] if number < big_outputs else rng.choice(projects)
            start = datetime.date(2015 + number % 10, 1 + number % 6, 1)
            made.append(
                add(
                    project,
                    PeriodReportPage,
                    period_number=number + 1,
                    period_start=start,
                    period_end=start + datetime.timedelta(days=180),
                )
            )
        news_index = NewsIndexPage.objects.get()
        news_items = [
            add(news_index, NewsPage, published_at=now - datetime.timedelta(hours=number))
            for number in range(mix["news"])
        ]
        made += news_items
        # Each news item from a project, as on a real portal (a ParentalManyToManyField's
        # add() keeps the link in memory until the page is saved again).
        links = NewsPage.related_projects.through
        links.objects.bulk_create(
            [links(newspage=news, projectpage=rng.choice(projects)) for news in news_items]
        )
        for model, index, count in (
            (MethodologyPage, MethodologyIndexPage.objects.get(), mix["methodology"]),
            (ToolPage, ToolIndexPage.objects.get(), mix["tool"]),
            (VideoPage, VideoIndexPage.objects.get(), mix["video"]),
        ):
            made += [add(index, model, source_project=rng.choice(projects)) for _ in range(count)]
        PageTopic.objects.bulk_create(
            [
                PageTopic.of(page, topic)
                for number, page in enumerate(made)
                for topic in {topics[0] if number % 4 == 0 else rng.choice(topics)}
            ],
            ignore_conflicts=True,
        )
    return len(made)


class _without_project_teams:
    """Projects without their editors' groups and collections (not what is measured)."""

    def __enter__(self):
        from django.db.models.signals import post_save

        from portal.accounts.signals import create_project_team
        from portal.projects.models import ProjectPage

        post_save.disconnect(create_project_team, sender=ProjectPage)

    def __exit__(self, *exc):
        from django.db.models.signals import post_save

        from portal.accounts.signals import create_project_team
        from portal.projects.models import ProjectPage

        post_save.connect(create_project_team, sender=ProjectPage)
