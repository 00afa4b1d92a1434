from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.employers import services
from kohtaamo.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import employers from a CSV or XLSX file into an organisation's register, all or "
        "nothing. Columns: " + ", ".join(services.IMPORT_COLUMNS) + "."
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
            report = services.import_employers(
                actor=None, organisation=found, file=fh, filename=file.name, dry_run=dry_run
            )
        for error in report.errors:
            where = f"row {error.row}" if error.row else "file"
            value = f" ({error.value!r})" if error.value else ""
            self.stderr.write(f"{where}, {error.column or '-'}: {error.message}{value}")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s); nothing was saved.")
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {report.created} and {'would update' if dry_run else 'updated'} "
                f"{report.updated} employer(s) for {found.name} from {report.rows} row(s)."
            )
        )
