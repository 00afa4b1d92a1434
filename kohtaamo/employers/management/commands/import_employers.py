from kohtaamo.core.commands import ImportCommand
from kohtaamo.employers import services


class Command(ImportCommand):
    help = (
        "Import employers from a CSV or XLSX file into an organisation's register, all or "
        "nothing. Columns: " + ", ".join(services.IMPORT_COLUMNS) + "."
    )

    def run_import(self, *, organisation, file, filename: str, dry_run: bool):
        return services.import_employers(
            actor=None, organisation=organisation, file=file, filename=filename, dry_run=dry_run
        )

    def summary(self, report, organisation, dry_run: bool) -> str:
        verb, update = ("Would create", "would update") if dry_run else ("Created", "updated")
        return (
            f"{verb} {report.created} and {update} {report.updated} employer(s) for "
            f"{organisation.name} from {report.rows} row(s)."
        )
