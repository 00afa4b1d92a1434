from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

API_PREFIX = "/api/"
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs a login unless its view is marked `login_not_required`.

    The API answers for itself (401 with a JSON body) instead of redirecting to the login page.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(API_PREFIX):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ContentSecurityPolicyMiddleware:
    """Only our own scripts and styles run: no inline code, no CDN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Finnish unless the user chose another language with the switch (a cookie).

    The browser's Accept-Language is not followed: public employment services in Finland speak
    Finnish first, and a shared computer's English browser must not change that.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
