from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from kohtaamo.taxonomy.browse import describe
from kohtaamo.taxonomy.search import search
from kohtaamo.www.taxonomy.forms import SearchForm

RESULTS = 30


def browser(request):
    """Search the vocabulary. With htmx only the results are re-rendered as the user types."""
    form = SearchForm(request.GET or None)
    hits, query = [], ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        kind = form.cleaned_data["kind"]
        hits = search(
            query,
            lang=form.cleaned_data["lang"] or None,
            kinds=[kind] if kind else None,
            limit=RESULTS,
        )
    template = (
        "taxonomy/_results.html" if request.headers.get("HX-Request") else "taxonomy/browser.html"
    )
    return render(request, template, {"form": form, "hits": hits, "query": query})


def concept(request):
    page = describe(request.GET.get("uri", ""))
    if page is None:
        raise Http404(_("No such concept"))
    return render(request, "taxonomy/concept.html", {"page": page})
