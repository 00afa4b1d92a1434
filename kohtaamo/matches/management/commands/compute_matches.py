from django.core.management.base import BaseCommand

from kohtaamo.matches.services import recompute_all


class Command(BaseCommand):
    help = "Match every active job seeker against every open vacancy and store the lists."

    def handle(self, *args, **options):
        run = recompute_all()
        self.stdout.write(
            f"{run.people} job seekers x {run.vacancies} open vacancies: "
            f"{run.pairs} stored pairs in {run.seconds:.1f} s"
        )
