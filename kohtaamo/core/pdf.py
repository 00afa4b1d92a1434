"""PDF documents from the same templates as the web pages (WeasyPrint).

Static files (the stylesheet, fonts) are read from disk through the static files finders, never
fetched over HTTP, and WeasyPrint is not allowed to fetch anything else: a report must not leak
a request to a third party, and a missing file must not hang the request.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

STATIC_PREFIX = "/static/"


def _static_fetcher():
    """A WeasyPrint URL fetcher that serves Kohtaamo's static files and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = url.split("://", 1)[-1]
            path = (
                path[path.find(STATIC_PREFIX) + len(STATIC_PREFIX) :]
                if STATIC_PREFIX in path
                else ""
            )
            found = finders.find(path) if path else None
            if not found:
                raise ValueError(f"not a static file of Kohtaamo: {url}")
            with open(found, "rb") as fh:
                body = fh.read()
            mime = "text/css" if found.endswith(".css") else "application/octet-stream"
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    return StaticOnlyFetcher()


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    """Render `template` to PDF bytes. The template gets `pdf=True` in its context."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "pdf": True}, request=request)
    return HTML(
        string=html, base_url="http://kohtaamo.invalid/", url_fetcher=_static_fetcher()
    ).write_pdf()


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A download named `<slug>.pdf`; the name never carries personal data beyond the caller's."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(filename) or "kohtaamo"}.pdf"'
    )
    return response
