"""The shape shared by the file-import commands: find the organisation, read the file, print
each row error, stop with nothing saved on any error, else say what was done."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.organisations.models import Organisation


class ImportCommand(BaseCommand):
    """Subclasses implement `run_import` and `summary`; `describe` may add to a row error."""

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
            report = self.run_import(
                organisation=found, file=fh, filename=file.name, dry_run=dry_run
            )
        for error in report.errors:
            self.stderr.write(self.describe(error))
        if not report.ok:
            raise CommandError(f"{len(report.errors)} error(s); nothing was saved.")
        self.stdout.write(self.style.SUCCESS(self.summary(report, found, dry_run)))

    def run_import(self, *, organisation, file, filename: str, dry_run: bool):
        raise NotImplementedError

    def summary(self, report, organisation, dry_run: bool) -> str:
        raise NotImplementedError

    def describe(self, error) -> str:
        where = f"row {error.row}" if error.row else "file"
        value = f" ({error.value!r})" if error.value else ""
        return f"{where}, {error.column or '-'}: {error.message}{value}"
