"""One topic vocabulary across content types, and the public topic pages."""

from unittest import mock

from django.test import TestCase
from wagtail.models import PageViewRestriction

from methodology.factories import MethodologyPageFactory
from news.factories import NewsPageFactory
from portal.taxonomy.factories import TopicFactory


class TopicPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.topic = TopicFactory(name="Pěstounská péče")
        cls.other = TopicFactory(name="Rozvod a dítě")
        cls.news = NewsPageFactory(title="Setkání pěstounů v Jihlavě", topics=[cls.topic])
        cls.methodology = MethodologyPageFactory(
            title="Metodika doprovázení pěstounů", topics=[cls.topic, cls.other]
        )
        cls.draft = NewsPageFactory(title="Rozepsaný článek o pěstounech", live=False)
        cls.draft.topics.add(cls.topic)
        cls.draft.save()
        cls.unpublished = NewsPageFactory(title="Stažená aktualita", topics=[cls.topic])
        cls.unpublished.unpublish()
        cls.private = MethodologyPageFactory(
            title="Interní postup pro pracovníky", topics=[cls.topic]
        )
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.LOGIN
        )
        cls.untagged = NewsPageFactory(title="Aktualita bez tématu")

    def test_the_same_topic_tags_different_page_types(self):
        tagged = {item.content_object_id for item in self.topic.tagged_pages.all()}
        self.assertIn(self.news.pk, tagged)
        self.assertIn(self.methodology.pk, tagged)
        self.assertEqual(list(self.news.topics.all()), [self.topic])
        self.assertEqual(set(self.methodology.topics.all()), {self.topic, self.other})

    def test_topic_page_lists_published_pages_of_every_type(self):
        response = self.client.get(f"/temata/{self.topic.slug}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.topic.slug, "pestounska-pece")
        self.assertContains(response, "Pěstounská péče")
        self.assertContains(response, "Setkání pěstounů v Jihlavě")
        self.assertContains(response, "Metodika doprovázení pěstounů")
        self.assertContains(response, self.news.url)
        self.assertContains(response, self.methodology.url)

    def test_topic_page_hides_drafts_unpublished_private_and_untagged_pages(self):
        response = self.client.get(f"/temata/{self.topic.slug}/")
        for hidden in (
            "Rozepsaný článek o pěstounech",
            "Stažená aktualita",
            "Interní postup pro pracovníky",
            "Aktualita bez tématu",
        ):
            with self.subTest(hidden=hidden):
                self.assertNotContains(response, hidden)
        self.assertEqual(len(response.context["pages"]), 2)
        self.assertEqual(response.context["pages"].paginator.count, 2)

    def test_a_common_topic_lists_the_same_pages_newest_first(self):
        """Past SORTED_FILTER_MAX pages, SQLite walks the pages newest first to a page's
        worth rather than sorting them all: the same pages, the same count."""
        newest_first = sorted(
            (self.news, self.methodology), key=lambda page: page.first_published_at, reverse=True
        )
        for most in (100, 1):
            with (
                self.subTest(most=most),
                mock.patch("portal.taxonomy.views.SORTED_FILTER_MAX", most),
            ):
                pages = self.client.get(f"/temata/{self.topic.slug}/").context["pages"]
                self.assertEqual([page.pk for page in pages], [page.pk for page in newest_first])
                self.assertEqual(pages.paginator.count, 2)

    def test_unknown_topic_is_404(self):
        self.assertEqual(self.client.get("/temata/neexistujici-tema/").status_code, 404)

    def test_topic_index_lists_topics_with_their_visible_pages(self):
        TopicFactory(name="Téma bez stránek")
        draft_only = TopicFactory(name="Téma jen v konceptu")
        self.draft.topics.add(draft_only)
        self.draft.save()
        response = self.client.get("/temata/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'href="/temata/{self.topic.slug}/"')
        self.assertContains(response, f'href="/temata/{self.other.slug}/"')
        counts = {topic.name: topic.page_count for topic in response.context["topics"]}
        self.assertNotIn("Téma bez stránek", counts)
        # A topic whose only page is a draft leads to an empty page: it must not be offered.
        self.assertNotIn("Téma jen v konceptu", counts)
        # Two public pages carry "Pěstounská péče"; draft, unpublished and private do not count.
        self.assertEqual(counts["Pěstounská péče"], 2)
