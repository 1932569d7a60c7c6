import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# What the application has loaded lives as long as the server: kept out of the collector's
# way, a full collection walks only what requests create (250,000 objects at start: 120 ms
# a full collection, a pause in one request of about fifteen; 24 ms so), and the workers
# gunicorn forks from a preloaded master share these pages instead of copying them.
gc.freeze()
