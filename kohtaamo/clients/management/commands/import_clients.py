from kohtaamo.clients import imports
from kohtaamo.core.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import job seekers from a CSV or XLSX file into an organisation, all or nothing. "
        "Columns: " + ", ".join(imports.COLUMNS) + "."
    )

    def run_import(self, *, organisation, file, filename: str, dry_run: bool):
        return imports.import_clients(
            actor=None, organisation=organisation, file=file, filename=filename, dry_run=dry_run
        )

    def summary(self, report, organisation, dry_run: bool) -> str:
        if dry_run:
            return f"Would create {len(report.rows)} job seeker(s) for {organisation.name}."
        return f"Created {report.created} job seeker(s) for {organisation.name}."

    def describe(self, error: imports.RowError) -> str:
        existing = (
            f" -> existing job seeker {error.existing_client}" if error.existing_client else ""
        )
        return super().describe(error) + existing
