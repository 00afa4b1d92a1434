from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.competences.services import extract_competences, normalise_title
from kohtaamo.lang.extract import MAX_TEXT_CHARS, MENTION, REQUIREMENT

router = Router(tags=["competences"])
Kind = Literal["skill", "occupation", "licence", "unit"]


class ExtractRequest(Schema):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS, description="Free text")
    lang: Literal["fi", "sv", "en", "detect"] = "detect"
    kinds: list[Kind] | None = Field(None, description="Only these kinds; all when empty")
    text_type: Literal["ad", "cv", "note"] = Field(
        "ad", description="A job ad states requirements; a CV or a note states what a person has"
    )
    limit: int = Field(50, ge=1, le=200)


class ExtractedItem(Schema):
    uri: str
    kind: str
    label: str = Field(description="The concept's label in the language of the request")
    matched_label: str = Field(description="The label or synonym found in the text")
    evidence: str
    start: int = Field(description="Character offset of the evidence in the text")
    end: int
    confidence: float
    modality: Literal["requirement", "merit", "negated", "mention"]
    method: Literal["label", "meaning"] = Field(
        description="label: the text names the concept; meaning: an English sentence expresses "
        "it in other words (the evidence is the sentence; lower confidence)"
    )


class ExtractResponse(Schema):
    lang: str
    suggestions: list[ExtractedItem]


@router.post("/extract", response=ExtractResponse, summary="Turn free text into competences")
def extract_endpoint(request: HttpRequest, body: ExtractRequest):
    """Skills, occupations, licences and qualification units named in a job ad, CV or note,
    each with the words that show it and whether the text requires it, counts it as a merit,
    says it is not needed, or (in a CV or note) mentions it. Suggestions for a person to confirm.
    """
    try:
        result = extract_competences(
            text=body.text,
            lang=body.lang,
            organisation=getattr(request, "organisation", None),
            kinds=body.kinds,
            default_modality=REQUIREMENT if body.text_type == "ad" else MENTION,
            limit=body.limit,
            display_lang=None if body.lang == "detect" else body.lang,
        )
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    return {
        "lang": result.lang,
        "suggestions": [
            {
                "uri": c.suggestion.uri,
                "kind": c.suggestion.kind,
                "label": c.concept_label,
                "matched_label": c.suggestion.label,
                "evidence": c.suggestion.evidence,
                "start": c.suggestion.start,
                "end": c.suggestion.end,
                "confidence": c.suggestion.confidence,
                "modality": c.suggestion.modality,
                "method": c.suggestion.method,
            }
            for c in result.competences
        ],
    }


class OccupationParams(Schema):
    title: str = Field(..., min_length=1, max_length=300, description="A job title as written")
    lang: Literal["fi", "sv", "en", "detect"] = "detect"
    limit: int = Field(10, ge=1, le=50)


class OccupationItem(Schema):
    uri: str
    label: str
    score: float = Field(description="Higher is better; comparable within one answer only")


class OccupationResponse(Schema):
    lang: str
    results: list[OccupationItem]


@router.get("/occupations", response=OccupationResponse, summary="Job title to ESCO occupations")
def occupations_for_title(request: HttpRequest, params: Query[OccupationParams]):
    """A free job title in Finnish, Swedish or English to ranked ESCO occupations."""
    try:
        lang, matches = normalise_title(title=params.title, lang=params.lang, limit=params.limit)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    return {"lang": lang, "results": [m.__dict__ for m in matches]}
