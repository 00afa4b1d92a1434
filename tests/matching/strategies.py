"""Hypothesis strategies: small random vocabularies, people, vacancies and relations."""

from datetime import date, timedelta

from hypothesis import strategies as st

from kohtaamo.matching.vectors import (
    Competence,
    LanguageRequirement,
    PersonCompetences,
    Relations,
    Requirement,
    VacancyRequirements,
)

TODAY = date(2026, 11, 23)
URIS = [f"skill:{i}" for i in range(8)] + ["urn:kohtaamo:licence:a", "urn:kohtaamo:licence:b"]
SOURCES = ["certificate", "learning_environment", "counsellor", "self", "work_history", "other"]

uris = st.sampled_from(URIS)
competences = st.builds(
    Competence,
    uri=uris,
    kind=st.just("skill"),
    level=st.integers(1, 5),
    source=st.sampled_from(SOURCES),
    confidence=st.floats(0, 1),
    confirmed=st.booleans(),
    expires_on=st.none() | st.integers(-30, 30).map(lambda d: TODAY + timedelta(days=d)),
)
people = st.builds(
    PersonCompetences,
    competences=st.lists(competences, max_size=8).map(tuple),
    languages=st.dictionaries(
        st.sampled_from(["fi", "sv", "en"]), st.sampled_from(["A1", "B1", "C1", "native"])
    ),
    lat=st.none() | st.floats(65, 69),
    lon=st.none() | st.floats(23, 29),
    radius_km=st.sampled_from([0, 30, 80]),
    season_wish=st.sampled_from(["any", "year_round", "seasonal"]),
    hours_wish=st.sampled_from(["any", "full", "part"]),
    wished_occupations=st.frozensets(st.sampled_from(["occ:a", "occ:b"])),
)


@st.composite
def requirements(draw):
    chosen = draw(st.lists(uris, unique=True, max_size=6))
    result = []
    for uri in chosen:
        essential = draw(st.booleans())
        result.append(
            Requirement(
                uri, "skill", essential, draw(st.integers(1, 3)), essential and draw(st.booleans())
            )
        )
    return tuple(result)


@st.composite
def vacancies(draw):
    start = draw(st.none() | st.integers(0, 200).map(lambda d: TODAY + timedelta(days=d)))
    end = (
        None
        if start is None
        else draw(st.none() | st.integers(0, 400).map(lambda d: start + timedelta(days=d)))
    )
    return VacancyRequirements(
        requirements=draw(requirements()),
        occupation_uri=draw(st.sampled_from(["occ:a", "occ:b", "occ:c"])),
        languages=tuple(
            draw(
                st.lists(
                    st.builds(
                        LanguageRequirement,
                        st.sampled_from(["fi", "en"]),
                        st.sampled_from(["A1", "B1"]),
                        st.booleans(),
                    ),
                    max_size=2,
                )
            )
        ),
        lat=draw(st.none() | st.floats(65, 69)),
        lon=draw(st.none() | st.floats(23, 29)),
        start_date=start,
        end_date=end,
        working_time=draw(st.sampled_from(["full", "part"])),
        hours_per_week=draw(st.none() | st.floats(5, 40)),
        exclude_on_missing_mandatory=draw(st.booleans()),
    )


pairs = st.tuples(uris, uris)
relations = st.builds(
    Relations, broader=st.lists(pairs, max_size=6), related=st.lists(pairs, max_size=6)
)
