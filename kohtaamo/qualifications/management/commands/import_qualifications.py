from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.qualifications import services
from kohtaamo.taxonomy.enums import SearchKind
from kohtaamo.taxonomy.indexing import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Import qualifications and qualification units from ePerusteet JSON files "
        "(.json or .json.gz, or directories of them). Without files, imports the demo set "
        "of data/reference/qualifications/."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the files and report what would change, without saving anything.",
        )

    def handle(self, *args, paths: list[Path], dry_run: bool, **options):
        paths = paths or services.demo_paths()
        if not paths:
            raise CommandError(f"No files to import in {services.demo_dir()}")
        self.stdout.write(f"Reading {len(paths)} path(s)…")
        try:
            report = services.import_eperusteet(paths=paths, dry_run=dry_run)
        except services.QualificationImportError as error:
            raise CommandError(str(error)) from error
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        for line in report.summary_lines():
            self.stdout.write(line)
        if not dry_run:
            entries = rebuild_search_index(kinds=[SearchKind.UNIT, SearchKind.QUALIFICATION])
            self.stdout.write(f"Search index: {entries} labels of qualifications and units.")
        done = "Checked" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{done} {report.files} file(s)."))
