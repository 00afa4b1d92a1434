"""Build the indexes of text-to-competences ahead of the first request.

The label-matching index takes seconds and is built on demand anyway; the label embeddings of
the sentence encoder take about a minute and a half on two cores and are never built inside a
request (English ranking stays lexical until they exist). `make demo` runs this command; run it
after every `import_taxonomy` in production. A second run finds everything cached and is quick.
"""

import time

from django.core.management.base import BaseCommand

from kohtaamo.competences.services import build_text_indexes


class Command(BaseCommand):
    help = "Build and cache the text-to-competences indexes, label embeddings included."

    def handle(self, *args, **options):
        started = time.perf_counter()
        for name, what in build_text_indexes().items():
            self.stdout.write(f"{name}: {what}")
        self.stdout.write(f"Text indexes ready in {time.perf_counter() - started:.1f} s.")
