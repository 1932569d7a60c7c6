"""Static files for production: hashed names, precompressed by whitenoise, compressed once.

whitenoise compresses every static file (brotli at its best quality, and gzip) on each
`collectstatic`: about 16 s for the admin's and the portal's files, on every deploy and every
start of the local stack. Most of that work is done already:
- a file with a hash in its name holds the bytes the hash names, so compressed copies of
  that name are still right;
- any other file's copies are written with the source's modification time, so copies that
  still carry it were made from the same bytes.
"""

import os

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class KeptCompressor(Compressor):
    def __init__(self, hashed_paths=frozenset(), **kwargs):
        super().__init__(**kwargs)
        self.hashed_paths = hashed_paths

    def compress(self, path):
        used = {".br": self.use_brotli, ".gz": self.use_gzip}
        copies = [path + suffix for suffix, wanted in used.items() if wanted]
        if self.still_right(path, copies):
            return copies
        return super().compress(path)

    def still_right(self, path, copies):
        try:
            times = {os.stat(copy).st_mtime_ns for copy in copies}
        except FileNotFoundError:
            return False
        return path in self.hashed_paths or times == {os.stat(path).st_mtime_ns}

    def write_data(self, path, data, suffix, stat_result):
        filename = super().write_data(path, data, suffix, stat_result)
        # whitenoise sets the time from floats, which may not give back the same nanoseconds
        os.utime(filename, ns=(stat_result.st_atime_ns, stat_result.st_mtime_ns))
        return filename


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs):
        hashed_paths = frozenset(self.path(name) for name in self.hashed_files.values())
        return KeptCompressor(hashed_paths=hashed_paths, **kwargs)
