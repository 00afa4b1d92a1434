from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kohtaamo.competences.services import TextTooLong, extract_competences, normalise_title
from kohtaamo.lang.extract import MENTION, MODALITIES, REQUIREMENT
from kohtaamo.www.competences.forms import ExtractForm


def extract_page(request):
    """Paste text, get competences to confirm. POST: the text may hold personal data."""
    form = ExtractForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            result = extract_competences(
                text=form.cleaned_data["text"],
                lang=form.cleaned_data["lang"],
                organisation=request.organisation,
                default_modality=REQUIREMENT if form.cleaned_data["text_type"] == "ad" else MENTION,
            )
        except (TextTooLong, ValueError) as exc:
            form.add_error("text", str(exc))
        else:
            named = [c for c in result.competences if c.suggestion.method == "label"]
            context.update(
                result=result,
                highlighted=highlight(result.text, [c.suggestion for c in named]),
                groups=[(m, [c for c in named if c.suggestion.modality == m]) for m in MODALITIES],
                by_meaning=[c for c in result.competences if c.suggestion.method == "meaning"],
            )
    template = (
        "competences/_results.html"
        if request.headers.get("HX-Request")
        else "competences/extract.html"
    )
    return render(request, template, context)


def title_page(request):
    """A job title as written to the ESCO occupations it most likely means."""
    title = request.GET.get("title", "").strip()[:300]
    matches, lang = [], None
    if title:
        lang, matches = normalise_title(title=title)
    template = (
        "competences/_occupations.html"
        if request.headers.get("HX-Request")
        else "competences/title.html"
    )
    return render(request, template, {"title": title, "matches": matches, "lang": lang})


def highlight(text: str, suggestions) -> str:
    """The text with each evidence span in <mark>, escaped; overlapping spans are merged."""
    spans = sorted((s.start, s.end) for s in suggestions)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, position = [], 0
    for start, end in merged:
        pieces += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of text is escaped above)
