from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.insights import services
from kohtaamo.insights.statistics import StatisticsError


class Command(BaseCommand):
    help = (
        "Import the employment service statistics (unemployed and vacancies by month, occupation "
        "and area). Without files: Kohtaamo's copy of Lapland 2006-2023. Later months: the CSV "
        "files of Statistics Finland in the same layout (kohtaanto_ammateittain_maakunta_*.csv, "
        "kohtaanto_alueittain_*.csv). Nothing is written when any row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args, files, **options):
        try:
            report = services.import_files(files or services.default_files())
        except StatisticsError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.problems)) from exc
        self.stdout.write(
            f"Employment service statistics: {report.rows} rows "
            f"({report.first_month:%Y-%m}–{report.last_month:%Y-%m}, {report.areas} areas); "
            f"{report.added} added, {report.updated} updated; hidden to protect privacy: "
            f"{report.unemployed_hidden} counts of unemployed, {report.vacancies_hidden} of "
            "vacancies."
            if report.rows
            else "Employment service statistics: no rows."
        )
