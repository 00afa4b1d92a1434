from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from kohtaamo.taxonomy.search import search

router = Router(tags=["taxonomy"])


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="Words to search for")
    lang: Literal["fi", "sv", "en"] | None = Field(
        None, description="Language of the words and of the returned labels; all when empty"
    )
    kind: Literal["skill", "occupation", "licence", "unit", "qualification"] | None = None
    limit: int = Field(20, ge=1, le=100)


class SearchResult(Schema):
    uri: str
    kind: str
    label: str
    matched_label: str
    score: float


class SearchResponse(Schema):
    results: list[SearchResult]


@router.get(
    "/search", response=SearchResponse, summary="Search skills, occupations, licences and units"
)
def taxonomy_search(request, params: Query[SearchParams]):
    """Best first. Finnish words may be inflected or compound parts: `trukki`, `hygieniapassin`."""
    hits = search(
        params.q,
        lang=params.lang,
        kinds=[params.kind] if params.kind else None,
        limit=params.limit,
    )
    return {"results": hits}
