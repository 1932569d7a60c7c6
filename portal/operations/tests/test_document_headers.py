"""Document downloads carry only real headers."""

from django.test import TestCase

from portal.core.factories import PortalDocumentFactory


class DocumentHeadersTest(TestCase):
    def test_a_pdf_download_has_no_content_encoding_header(self):
        document = PortalDocumentFactory(title="Metodika")
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        # A literal "None" makes browsers and proxies try to decode the file.
        self.assertNotIn("Content-Encoding", response)
