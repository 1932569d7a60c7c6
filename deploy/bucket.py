"""An S3-compatible bucket for the media files on 127.0.0.1: moto's server, a real S3 API.

Real deployments point the same settings at their object storage (README "Several
application servers"); the stack uses this one to run every instance against a bucket.
"""

import json
import shutil
import time
from pathlib import Path

NAME = "portal-media"
# Folders the front proxy answers from the bucket; documents stay behind the portal's checks.
PUBLIC_FOLDERS = ("original_images", "images")


class Bucket:
    def __init__(self, port, python):
        self.port = port
        self.python = python

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        server = Path(self.python).parent / "moto_server"
        return [str(server), "-H", "127.0.0.1", "-p", str(self.port)]

    def env(self):
        return {
            "PORTAL_S3_BUCKET": NAME,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            # The local server takes any credentials; a real bucket gets its own.
            "AWS_ACCESS_KEY_ID": "stack",
            "AWS_SECRET_ACCESS_KEY": "stack-local",  # nosec B105 # a local test server
        }

    def client(self):
        import boto3

        env = self.env()
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=env["AWS_S3_REGION_NAME"],
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        )

    def create(self, seconds=30):
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.client().create_bucket(Bucket=NAME)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        self.client().put_bucket_policy(Bucket=NAME, Policy=image_read_policy(NAME))

    def save(self, folder):
        """Every object into ``folder`` (its content types in ``objects.json``): moto keeps the
        bucket in memory, and a restarted stack would otherwise have lost every media file."""
        folder, client = Path(folder), self.client()
        kept = folder.with_name(folder.name + ".new")
        shutil.rmtree(kept, ignore_errors=True)
        content_types = {}
        for key in self.keys():
            target = kept / "objects" / key
            target.parent.mkdir(parents=True, exist_ok=True)
            answer = client.get_object(Bucket=NAME, Key=key)
            target.write_bytes(answer["Body"].read())
            content_types[key] = answer.get("ContentType") or "binary/octet-stream"
        kept.mkdir(parents=True, exist_ok=True)
        (kept / "objects.json").write_text(json.dumps(content_types, indent=1))
        shutil.rmtree(folder, ignore_errors=True)
        kept.rename(folder)  # a stop cut short leaves the last complete copy

    def restore(self, folder):
        """Put back what ``save`` kept in ``folder`` (nothing when it kept nothing)."""
        folder, client = Path(folder), self.client()
        index = folder / "objects.json"
        if not index.exists():
            return
        for key, content_type in json.loads(index.read_text()).items():
            body = (folder / "objects" / key).read_bytes()
            client.put_object(Bucket=NAME, Key=key, Body=body, ContentType=content_type)

    def keys(self, prefix=""):
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=NAME, Prefix=prefix)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]

    def nginx_locations(self):
        # S3 answers an anonymous reader 403 for a key that does not exist (it may not list the
        # bucket): to visitors that is a missing file, 404.
        folders = "\n".join(
            f"        location /media/{folder}/ {{ proxy_pass {self.endpoint}/{NAME}/{folder}/; "
            "proxy_intercept_errors on; error_page 403 =404 @missing; expires 30d; }"
            for folder in PUBLIC_FOLDERS
        )
        return folders + "\n        location @missing { return 404; }"


def folder_locations(media):
    return "\n".join(
        f"        location /media/{folder}/ {{ alias {media}/{folder}/; expires 30d; }}"
        for folder in PUBLIC_FOLDERS
    )


def image_read_policy(bucket, prefix=""):
    """The bucket policy the front proxy needs: anyone may read the image folders, nothing else.

    The proxy fetches images without credentials; a bucket that grants no anonymous read
    answers it 403 for every image. Documents get no such grant: only the portal, with its
    credentials and after its access checks, reads them.
    """
    prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "FrontProxyReadsImages",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": [
                        f"arn:aws:s3:::{bucket}/{prefix}{folder}/*" for folder in PUBLIC_FOLDERS
                    ],
                }
            ],
        }
    )
