"""Media files in an S3-compatible bucket (production, when PORTAL_S3_BUCKET is set).

Every application server reads and writes the same bucket. Files keep their addresses
under MEDIA_URL (/media/ by default): the front proxy answers the image folders from the
bucket, so pages keep naming only their own site (the CSP admits images from it alone) and
documents stay behind the portal's own view with its access checks.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class MediaBucketStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(self._normalize_name(clean_name(name))))


def bucket_storage(environ):
    """STORAGES["default"] for the bucket named in the environment (README "Several servers")."""
    options = {
        "bucket_name": environ["PORTAL_S3_BUCKET"],
        "location": environ.get("PORTAL_S3_PREFIX", ""),
        # Wagtail and uploads expect a new name for a new file, as on a local disk.
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": False,
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
    ):
        if environ.get(variable):
            options[option] = environ[variable]
    # Credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or the machine's role),
    # read by the S3 client itself.
    return {"BACKEND": "portal.core.storage.MediaBucketStorage", "OPTIONS": options}
