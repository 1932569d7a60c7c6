"""The video page: the player and its transcript, beside them the key facts, the files to
download and what is related to the video (only what the visitor may read)."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from methodology.models import Audience
from news.factories import VideoPageFactory
from portal.core.access import staff_group
from portal.core.factories import PortalDocumentFactory, text_document
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import TopicFactory


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def section(html, heading_id):
    """The text of the <section> labelled by the heading with this id."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(1)


@pytest.fixture(autouse=True)
def fresh_cache():
    # The content version lives in the cache and outlives each test's rolled-back rows.
    cache.clear()


@pytest.fixture
def video(db):
    project = ProjectPageFactory(title="Projekt Telč")
    topic = TopicFactory(name="Pěstounská péče", slug="pestounska-pece")
    return VideoPageFactory(
        title="Spot pro pěstouny",
        source_project=project,
        duration_seconds=95,
        topics=[topic],
    )


def test_the_side_column_names_project_date_length_and_topics(client, video):
    html = client.get(video.url).content.decode()
    facts = section(html, "o-videu")
    assert f'href="{video.source_project.url}">Projekt Telč</a>' in facts
    assert "1:35&nbsp;min" in facts
    assert "Zveřejněno" in facts
    # A valid HTML date: whole seconds (HTML allows at most three digits of a fraction).
    stamp = re.search(r'<time datetime="([^"]+)">', facts).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp), stamp
    assert 'href="/temata/pestounska-pece/"' in facts
    # The key facts come after the player in the page, so a phone shows the video first.
    assert html.index('class="video"') < html.index('id="o-videu"')


def test_related_lists_what_links_to_the_video_and_the_project_s_other_videos(client, video):
    methodology = publish(MethodologyPageFactory(title="Metodika s videem"))
    methodology.related_pages.add(video)
    publish(methodology)
    tool = ToolPageFactory(title="Nástroj s videem")
    tool.related_pages.add(video)
    publish(tool)
    unrelated = publish(MethodologyPageFactory(title="Metodika bez videa"))
    sibling = VideoPageFactory(title="Druhý spot projektu", source_project=video.source_project)
    VideoPageFactory(title="Spot jiného projektu")

    related = section(client.get(video.url).content.decode(), "souvisejici")
    assert f'href="{methodology.url}"' in related
    assert f'href="{tool.url}"' in related
    assert f'href="{sibling.url}"' in related
    assert "Metodiky" in related and "Nástroje a prototypy" in related
    assert "Další videa z projektu" in related
    assert unrelated.title not in related
    assert "Spot jiného projektu" not in related
    assert video.title not in related


def test_the_project_s_newest_other_videos_are_listed_newest_first(client, video):
    week = datetime.timedelta(days=7)
    for weeks_ago in (5, 1, 4, 2, 3):
        other = VideoPageFactory(
            title=f"Spot před {weeks_ago} týdny", source_project=video.source_project
        )
        other.first_published_at = timezone.now() - weeks_ago * week
        other.save()

    related = section(client.get(video.url).content.decode(), "souvisejici")
    shown = re.findall(r"Spot před (\d) týdny", related)
    assert shown == ["1", "2", "3", "4"]  # four of them, the oldest left out


def test_staff_only_pages_are_related_for_staff_alone(client, video):
    internal = MethodologyPageFactory(title="Interní metodika", audience=Audience.STAFF)
    internal.related_pages.add(video)
    publish(internal)
    public = publish(MethodologyPageFactory(title="Veřejná metodika"))
    public.related_pages.add(video)
    publish(public)

    html = client.get(video.url).content.decode()
    assert "Veřejná metodika" in html
    assert "Interní metodika" not in html and internal.url not in html

    member = User.objects.create_user("pracovnice", password="x")
    member.groups.add(staff_group())
    client.force_login(member)
    assert "Interní metodika" in client.get(video.url).content.decode()


def test_a_video_file_and_its_captions_are_offered_for_download(client, video):
    video.video_file = PortalDocumentFactory(
        title="Spot", file=ContentFile(b"\x1a\x45\xdf\xa3", name="spot.webm")
    )
    video.captions = text_document("Titulky", "spot.vtt", "WEBVTT\n")
    publish(video)
    html = client.get(video.url).content.decode()
    files = section(html, "soubory-videa")
    assert f'href="{video.video_file.url}" download>Stáhnout video</a>' in files
    assert '<span class="document-meta">(WEBM' in files
    assert f'href="{video.captions.url}" download>Stáhnout titulky</a>' in files
    # The player still plays the same file with its captions.
    assert f'<source src="{video.video_file.url}" type="video/webm">' in html
    assert f'<track kind="captions" srclang="cs" label="Čeština" src="{video.captions.url}"' in html


def test_an_embedded_video_has_no_download_section(client, video):
    html = client.get(video.url).content.decode()
    assert 'id="soubory-videa"' not in html
