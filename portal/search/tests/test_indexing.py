"""What goes into the search index, and how it follows publishing, privacy and uploads."""

import datetime
import io
import zipfile

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import PageViewRestriction
from wagtail.search.models import IndexEntry

from methodology.models import ValidationStage
from news.factories import NewsPageFactory
from portal.core.factories import PortalImageFactory
from portal.core.models import PortalDocument
from portal.projects.factories import ProjectPageFactory
from portal.search import czech
from portal.search.engine import get_engine
from portal.search.hits import Filters
from portal.search.indexing import rebuild_index
from portal.search.models import SearchEntry
from portal.search.query import term_query
from portal.search.tests.builders import (
    build_site,
    build_staff_material,
    czech_pdf,
    entry_for,
    paragraph,
    upload_document,
)
from portal.taxonomy.factories import TopicFactory


def search(text, user=None, **filters):
    result = get_engine().search(term_query(text), Filters(**filters), user or AnonymousUser())
    return result


def titles(text, **filters):
    return [entry.title for entry in search(text, **filters).entries]


class IndexedContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        rebuild_index()

    def test_every_content_type_gets_an_entry_with_its_kind(self):
        expected = {
            "project": "project",
            "report": "period_report",
            "news": "news",
            "event": "event",
            "methodology": "methodology",
            "tool": "tool",
            "video": "video",
            "standard": "standard",
            "pdf": "document",
        }
        for key, kind in expected.items():
            with self.subTest(key):
                entry = entry_for(self.site[key])
                self.assertIsNotNone(entry, f"{key} is not indexed")
                self.assertEqual(entry.kind, kind)
                self.assertEqual(entry.url, self.site[key].url)

    def test_each_content_type_is_found_by_a_word_of_its_own(self):
        words = {
            "project": "kulaté stoly",
            "report": "mediace",
            "news": "pobytové péče",
            "event": "Šlapanicích",
            "methodology": "bezpečném prostředí",
            "tool": "vyhodnocení bezpečí",
            "video": "rozvodové řízení",
            "standard": "provozovatelem",
        }
        for key, words_typed in words.items():
            with self.subTest(key):
                self.assertIn(self.site[key].title, titles(words_typed))

    def test_title_and_boosted_fields_are_title_terms_the_rest_body_terms(self):
        entry = entry_for(self.site["methodology"])
        title = self.site["methodology"].title + "\n" + self.site["topic"].name  # filed under
        self.assertEqual(entry.title_terms, " ".join(czech.analyze(title)))
        body = entry.body_terms.split()
        self.assertIn("bezpecny", body)  # summary
        self.assertIn(czech.term("pritomnosti"), body)  # StreamField paragraph
        self.assertIn("pestounsky", body)  # a topic, through RelatedFields

    def test_rich_text_is_indexed_without_markup(self):
        entry = entry_for(self.site["project"])
        self.assertIn("asistovat", entry.body_terms.split())
        self.assertNotIn("<b>", entry.plain_text)
        self.assertIn("asistovaného kontaktu", entry.plain_text)

    def test_choice_labels_of_blocks_are_not_indexed(self):
        self.assertNotIn("nadpis", entry_for(self.site["project"]).body_terms)

    def test_facets_are_stored(self):
        project = self.site["project"]
        report = entry_for(self.site["report"])
        self.assertEqual(report.project_id, project.pk)
        self.assertEqual(report.date, datetime.date(2020, 10, 31))
        self.assertEqual(report.year, 2020)
        methodology = entry_for(self.site["methodology"])
        self.assertEqual(methodology.project_id, project.pk)
        self.assertEqual(methodology.topic_id_list, [self.site["topic"].pk])
        self.assertEqual(methodology.region_id_list, [self.site["region"].pk])
        self.assertEqual(methodology.date, datetime.date(2021, 6, 30))
        tool = entry_for(self.site["tool"])
        self.assertEqual(tool.validation_stage, ValidationStage.VALIDATED)
        self.assertEqual(tool.date, datetime.date(2021, 3, 1))  # its newest validation step
        event = entry_for(self.site["event"])
        self.assertEqual(event.date, datetime.date(2018, 6, 15))
        self.assertEqual(event.region_id_list, [self.site["region"].pk])
        self.assertEqual(entry_for(self.site["news"]).project_id, project.pk)

    def test_a_page_without_a_date_of_its_own_has_no_date_not_its_publication(self):
        self.assertIsNotNone(self.site["video"].first_published_at)
        video = entry_for(self.site["video"])
        self.assertIsNone(video.date)
        self.assertIsNone(video.year)

    def test_a_document_takes_its_facets_from_the_page_attaching_it(self):
        document = entry_for(self.site["pdf"])
        self.assertEqual(document.project_id, self.site["project"].pk)
        self.assertEqual(document.topic_id_list, [self.site["topic"].pk])
        self.assertEqual(document.region_id_list, [self.site["region"].pk])

    def test_a_word_only_inside_the_pdf_finds_the_document(self):
        self.assertIn("xylofonového", self.site["pdf"].extracted_text)
        result = search("xylofonove setreni")
        self.assertEqual([e.title for e in result.entries], [self.site["pdf"].title])

    def test_inflected_and_undiacritised_queries_meet(self):
        self.assertEqual(titles("asistovany kontakt")[0], titles("asistovaných kontaktů")[0])
        self.assertEqual(titles("pobytova pece")[0], self.site["news"].title)

    def test_rebuild_command_replaces_the_index(self):
        SearchEntry.objects.all().delete()
        call_command("rebuild_search_index", verbosity=0)
        self.assertIsNotNone(entry_for(self.site["tool"]))
        self.assertEqual(titles("kulaté stoly")[0], self.site["project"].title)


class IndexFollowsPublishingTests(TestCase):
    def test_publishing_indexes_and_unpublishing_removes(self):
        news = NewsPageFactory(title="Setkání síťařů", live=False)
        self.assertIsNone(entry_for(news))
        news.save_revision().publish()
        self.assertIsNotNone(entry_for(news))
        self.assertEqual(titles("síťařů"), ["Setkání síťařů"])
        news.refresh_from_db()
        news.unpublish()
        self.assertIsNone(entry_for(news))
        self.assertEqual(titles("síťařů"), [])

    def test_republishing_updates_the_entry_in_place(self):
        news = NewsPageFactory(title="Původní název", live=False)
        news.save_revision().publish()
        entry_id = entry_for(news).pk
        news.title = "Nový název zprávy"
        news.save_revision().publish()
        self.assertEqual(entry_for(news).pk, entry_id)
        self.assertEqual(titles("nový název"), ["Nový název zprávy"])
        self.assertEqual(titles("původní"), [])

    def test_deleting_a_page_removes_it_and_its_subtree(self):
        project = ProjectPageFactory(title="Projekt ke smazání", live=False)
        project.save_revision().publish()
        self.assertIsNotNone(entry_for(project))
        project.delete()
        self.assertEqual(titles("smazání"), [])

    def test_restricting_a_page_hides_its_subtree_from_anonymous_users(self):
        site = build_site()
        rebuild_index()
        restriction = PageViewRestriction.objects.create(
            page=site["project"], restriction_type=PageViewRestriction.LOGIN
        )
        self.assertTrue(entry_for(site["project"]).staff_only)
        self.assertTrue(entry_for(site["report"]).staff_only)  # inherited
        self.assertFalse(entry_for(site["methodology"]).staff_only)
        self.assertNotIn(site["report"].title, titles("mediace"))
        restriction.delete()
        self.assertFalse(entry_for(site["report"]).staff_only)
        self.assertIn(site["report"].title, titles("mediace"))


class DocumentTests(TestCase):
    def test_uploading_a_pdf_extracts_its_text_and_indexes_it(self):
        document = upload_document(
            "Metodický list", "list.pdf", czech_pdf("Postup při kolizním opatrovnictví.")
        )
        self.assertIn("kolizním opatrovnictví", document.extracted_text)
        self.assertEqual(titles("kolizniho opatrovnictvi"), ["Metodický list"])

    def test_a_broken_pdf_is_stored_with_no_text(self):
        document = upload_document("Rozbitý soubor", "rozbity.pdf", b"%PDF-1.7\n\x00garbage")
        document.refresh_from_db()
        self.assertEqual(document.extracted_text, "")
        self.assertTrue(PortalDocument.objects.filter(pk=document.pk).exists())
        self.assertEqual(titles("rozbitý soubor"), ["Rozbitý soubor"])

    def test_plain_text_csv_and_captions_are_indexed(self):
        upload_document("Poznámky", "poznamky.txt", "Síťování služeb v Telči".encode())
        table = "obec;služba\nTelč;sanace rodiny\n".encode("cp1250")
        upload_document("Seznam", "seznam.csv", table)
        captions = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nVítejte u spotu o střídavé péči.\n"
        document = upload_document("Titulky", "spot.vtt", captions.encode())
        self.assertEqual(document.extracted_text, "Vítejte u spotu o střídavé péči.")
        self.assertEqual(titles("síťování"), ["Poznámky"])
        self.assertEqual(titles("sanace rodiny"), ["Seznam"])
        self.assertEqual(titles("střídavé péče"), ["Titulky"])

    def test_word_documents_are_indexed(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(
                "word/document.xml",
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                "<w:body><w:p><w:r><w:t>Případová konference</w:t></w:r></w:p></w:body>"
                "</w:document>",
            )
        document = upload_document("Zápis", "zapis.docx", buffer.getvalue())
        self.assertEqual(document.extracted_text, "Případová konference")

    def test_replacing_the_file_replaces_the_text(self):
        document = upload_document("Leták", "letak.pdf", czech_pdf("Stará verze letáku."))
        document.file.save("letak-2.pdf", io.BytesIO(czech_pdf("Nová verze o supervizi.")))
        document.refresh_from_db()
        self.assertIn("supervizi", document.extracted_text)
        self.assertEqual(titles("supervize"), ["Leták"])

    def test_deleting_a_document_removes_it(self):
        document = upload_document("Dočasný dokument", "docasny.txt", b"obsah")
        self.assertIsNotNone(entry_for(document))
        document.delete()
        self.assertEqual(titles("dočasný"), [])

    def test_video_files_are_not_search_results(self):
        upload_document("Spot Jihlava (MP4)", "spot.mp4", b"\x00\x00\x00\x18ftypmp42")
        self.assertEqual(titles("spot jihlava"), [])


class StaffMaterialIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.material = build_staff_material()
        rebuild_index()

    def test_staff_only_page_and_private_collection_document_are_flagged(self):
        self.assertTrue(entry_for(self.material["methodology"]).staff_only)
        self.assertTrue(entry_for(self.material["document"]).staff_only)

    def test_anonymous_search_does_not_find_them(self):
        result = search("kvokalový protokol")
        self.assertEqual(result.total, 0)
        self.assertEqual(sum(result.facets["kind"].values()), 0)


class FiledUnderTests(TestCase):
    """What an editor filed a page under (its topics, places) says what the page is about."""

    @classmethod
    def setUpTestData(cls):
        filler = "Porada týmu probrala plán práce s rodinou a kontakty se školou. " * 6
        cls.passing = NewsPageFactory(
            title="Zpráva z porady",
            summary="Krátká zpráva z porady týmu.",
            body=[paragraph(filler + "Supervize, supervize a zase supervize.")],
        )
        cls.filed = NewsPageFactory(
            title="Zpráva z pracoviště",
            summary="Krátká zpráva z pracoviště.",
            body=[paragraph(filler + "Zmínila se i supervize.")],
            topics=[TopicFactory(name="Supervize")],
        )
        rebuild_index()

    def test_a_page_filed_under_the_word_beats_one_repeating_it(self):
        # the topic's name weighs like a word of the title: it beats three in the text
        self.assertEqual(titles("supervize")[:2], ["Zpráva z pracoviště", "Zpráva z porady"])
        self.assertEqual(titles("supervizi")[0], "Zpráva z pracoviště")


class StockIndexTests(TestCase):
    """Wagtail's own index is kept for what the portal's index does not hold."""

    def test_saving_a_page_writes_only_the_portals_index_an_image_wagtails(self):
        with self.captureOnCommitCallbacks(execute=True):
            page = NewsPageFactory(title="Aktualita o mediaci")
            page.save_revision().publish()  # as an editor publishes it
            image = PortalImageFactory(title="Fotografie z kulatého stolu")
        stock = IndexEntry.objects.values_list("content_type__model", "object_id")
        self.assertNotIn(("newspage", str(page.pk)), stock)
        self.assertNotIn(("page", str(page.pk)), stock)
        self.assertIn((image._meta.model_name, str(image.pk)), stock)
        self.assertEqual(titles("mediace"), ["Aktualita o mediaci"])
