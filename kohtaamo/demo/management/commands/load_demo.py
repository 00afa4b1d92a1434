import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kohtaamo.demo.services import demo_logins, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo organisations, users, employers, competence mappings, vacancies, "
        "job seekers and training offers of Lapland (idempotent). Refuses when DEBUG is off."
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
        started = time.monotonic()
        try:
            counts = load_demo(password=settings.KOHTAAMO_DEMO_PASSWORD)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        # One line: `make run` skips it to print only the logins.
        self.stdout.write(
            self.style.SUCCESS(summary(counts) + f" ({time.monotonic() - started:.1f} s)")
        )
        if print_logins:
            self.stdout.write(f"\nDemo logins (password: {settings.KOHTAAMO_DEMO_PASSWORD}):")
            for username, organisation, role in demo_logins():
                self.stdout.write(f"  {username:<24} {role:<24} {organisation}")


NEW_COUNTS = (
    "new_employers",
    "new_mappings",
    "new_vacancies",
    "new_clients",
    "new_training_offers",
    "new_paths",
    "new_events",
)


def summary(counts: dict[str, int]) -> str:
    text = f"Demo data: {counts['organisations']} organisations, {counts['users']} users"
    if "employers" not in counts:
        return text + " (no employers: import the taxonomy first)"
    added = sum(counts.get(k, 0) for k in NEW_COUNTS)
    return (
        f"{text}, {counts['employers']} employers, {counts['mappings']} finished competence "
        f"mappings and {counts['drafts']} drafts, {counts['vacancies']} vacancies "
        f"({counts['open_vacancies']} open), {counts['clients']} job seekers, "
        f"{counts.get('training_offers', 0)} training offers, "
        f"{counts.get('stored_matches', 0)} stored matches, {counts.get('paths', 0)} paths to "
        f"work with {counts.get('path_steps', 0)} steps, {counts.get('referrals', 0)} referrals, "
        f"{counts.get('esf_participants', 0)} EU social fund participants, "
        f"{counts.get('certificates', 0)} learning-environment certificates, "
        f"{counts.get('events', 0)} matchmaking events with {counts.get('event_interviews', 0)} "
        f"interviews ({counts.get('event_outcomes', 0)} outcomes); "
        + (
            f"added {counts['new_employers']} employers, {counts['new_mappings']} mappings, "
            f"{counts['new_vacancies']} vacancies, {counts['new_clients']} job seekers, "
            f"{counts.get('new_training_offers', 0)} training offers, "
            f"{counts.get('new_paths', 0)} paths, {counts.get('new_events', 0)} events"
            if added
            else "nothing to add"
        )
    )
