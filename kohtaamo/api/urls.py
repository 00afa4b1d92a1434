from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from kohtaamo.api.auth import AUTH
from kohtaamo.api.bottlenecks import router as bottlenecks_router
from kohtaamo.api.clients import router as clients_router
from kohtaamo.api.competences import router as competences_router
from kohtaamo.api.employers import router as employers_router
from kohtaamo.api.events import router as events_router
from kohtaamo.api.matches import router as matches_router
from kohtaamo.api.me import router as me_router
from kohtaamo.api.paths import router as paths_router
from kohtaamo.api.profiles import router as profiles_router
from kohtaamo.api.projects import router as projects_router
from kohtaamo.api.referrals import router as referrals_router
from kohtaamo.api.scenarios import router as scenarios_router
from kohtaamo.api.seasonal import router as seasonal_router
from kohtaamo.api.situation import router as situation_router
from kohtaamo.api.taxonomy import router as taxonomy_router
from kohtaamo.api.training_impact import router as training_impact_router
from kohtaamo.api.vacancies import router as vacancies_router

api = NinjaAPI(
    title="Kohtaamo API",
    version="1",
    description="Competences, matching and regional insight for employment services.",
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/v1/taxonomy", taxonomy_router)
api.add_router("/v1/competences", competences_router)
api.add_router("/v1/employers", employers_router)
api.add_router("/v1/vacancies", vacancies_router)
api.add_router("/v1/profiles", profiles_router)
api.add_router("/v1/clients", clients_router)
api.add_router("/v1/me", me_router)
# Matching: paths under /v1/clients, /v1/vacancies and /v1/regions.
api.add_router("/v1", matches_router)
api.add_router("/v1", training_impact_router)
api.add_router("/v1", seasonal_router)
api.add_router("/v1", paths_router)  # /v1/clients/{id}/path
api.add_router("/v1/referrals", referrals_router)
api.add_router("/v1/projects", projects_router)
api.add_router("/v1/events", events_router)
# Regional insight: /v1/regions/{code}/situation and /bottlenecks, /v1/scenarios.
api.add_router("/v1", situation_router)
api.add_router("/v1", bottlenecks_router)
api.add_router("/v1/scenarios", scenarios_router)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """Say what is wrong and where: `{"detail": [{"loc": ["query", "q"], "msg": ...}]}`."""
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    return api.create_response(
        request, {"detail": "Authentication required: log in or send a Bearer token"}, status=401
    )
