from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.core.errors import ReferenceDataError
from kohtaamo.core.reference import reference_dir
from kohtaamo.geo.services import import_geo


class Command(BaseCommand):
    help = "Import Finnish municipalities, sub-regions and regions (idempotent, atomic)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=None)

    def handle(self, *args, file, **options):
        path = file or reference_dir() / "geo" / "municipalities.csv.gz"
        try:
            count = import_geo(path)
        except ReferenceDataError as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {count} municipalities from {path.name}"))
