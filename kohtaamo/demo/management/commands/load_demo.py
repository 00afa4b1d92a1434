from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kohtaamo.demo.services import demo_logins, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo organisations and users of Lapland (idempotent). Refuses when DEBUG is off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even though DEBUG is off (never in production)",
        )
        parser.add_argument("--print-logins", action="store_true")

    def handle(self, *args, force, print_logins, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo users share a known password: refusing to load them while DEBUG is off. "
                "Use --force only on a machine that is not in production."
            )
        try:
            counts = load_demo(password=settings.KOHTAAMO_DEMO_PASSWORD)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {counts['organisations']} organisations, {counts['users']} users"
            )
        )
        if print_logins:
            self.stdout.write(f"\nDemo logins (password: {settings.KOHTAAMO_DEMO_PASSWORD}):")
            for username, organisation, role in demo_logins():
                self.stdout.write(f"  {username:<24} {role:<24} {organisation}")
