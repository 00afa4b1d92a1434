from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.clients import imports
from kohtaamo.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import job seekers from a CSV or XLSX file into an organisation, all or nothing. "
        "Columns: " + ", ".join(imports.COLUMNS) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--organisation", required=True, help="The name of the organisation that imports"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, save nothing."
        )

    def handle(self, *args, file: Path, organisation: str, dry_run: bool, **options):
        found = Organisation.objects.filter(name=organisation, is_active=True).first()
        if found is None:
            raise CommandError(f"No active organisation is named {organisation!r}")
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        self.stdout.write(f"Reading {file}…")
        with file.open("rb") as fh:
            report = imports.import_clients(
                actor=None, organisation=found, file=fh, filename=file.name, dry_run=dry_run
            )
        for error in report.errors:
            self.stderr.write(self._describe(error))
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s); nothing was saved.")
        if dry_run:
            message = f"Would create {len(report.rows)} job seeker(s) for {found.name}."
        else:
            message = f"Created {report.created} job seeker(s) for {found.name}."
        self.stdout.write(self.style.SUCCESS(message))

    @staticmethod
    def _describe(error: imports.RowError) -> str:
        where = f"row {error.row}" if error.row else "file"
        value = f" ({error.value!r})" if error.value else ""
        existing = (
            f" -> existing job seeker {error.existing_client}" if error.existing_client else ""
        )
        return f"{where}, {error.column or '-'}: {error.message}{value}{existing}"
