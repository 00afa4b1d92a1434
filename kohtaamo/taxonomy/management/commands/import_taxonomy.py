import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.taxonomy.reference_files import ReferenceDataError
from kohtaamo.taxonomy.services import import_taxonomy, taxonomy_is_current


class Command(BaseCommand):
    help = (
        "Import ESCO skills, occupations, ISCO groups and their relations, the licences and "
        "cards, and build the search index. Idempotent and atomic: a broken file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", type=Path, default=None, help="folder with esco/ and licences.json"
        )
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="skip the import when the same files were already imported",
        )

    def handle(self, *args, source, if_changed, **options):
        verbose = options["verbosity"] > 0
        started = time.monotonic()

        def progress(message: str) -> None:
            if verbose:
                self.stdout.write(f"  {time.monotonic() - started:5.1f} s  {message}")

        if if_changed and taxonomy_is_current(source):
            self.stdout.write("The taxonomy is up to date: nothing to import.")
            return
        try:
            report = import_taxonomy(source=source, progress=progress)
        except ReferenceDataError as exc:
            raise CommandError(f"Nothing was imported:\n{exc}") from exc
        if verbose:
            self.stdout.write(self.style.SUCCESS(f"Imported {report}"))
