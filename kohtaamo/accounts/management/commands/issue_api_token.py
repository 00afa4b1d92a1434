from django.core.management.base import BaseCommand, CommandError

from kohtaamo.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Issue a REST API token for a user and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")

    def handle(self, *args, username, name, **options):
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active user named {username!r}") from None
        token, raw = ApiToken.issue(user=user, name=name)
        self.stdout.write(f"Token {token.prefix}… for {username}: {raw}")
        self.stdout.write(
            "Send it as the header  Authorization: Bearer <token>. It is not shown again."
        )
