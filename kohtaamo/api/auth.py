from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from kohtaamo.accounts.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer kht_...` with a token issued by `manage.py issue_api_token`."""

    def authenticate(self, request, token):
        found = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(token_hash=hash_token(token))
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


AUTH = [TokenAuth(), django_auth]
