from datetime import date

from django.core.management.base import BaseCommand, CommandError

from kohtaamo.paths.referrals import remind_unanswered


class Command(BaseCommand):
    help = (
        "Mail each coordinator how many of the referrals they sent have had no answer by "
        "their due date (counts and a link, no names). At most once a day per coordinator: "
        "safe to run from cron as often as wanted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, mail nothing.")
        parser.add_argument("--today", help="The day to judge overdue by (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool = False, today: str | None = None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(f"--today: not a date YYYY-MM-DD: {today!r}") from exc
        reminders = remind_unanswered(today=day, dry_run=dry_run)
        for reminder in reminders:
            total = sum(reminder.counts.values())
            self.stdout.write(f"{reminder.user.username}: {total} overdue")
        verb = "Would mail" if dry_run else "Mailed"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(reminders)} coordinator(s)."))
