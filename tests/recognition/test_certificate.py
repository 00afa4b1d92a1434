"""The certificate's content in one language, from a frozen snapshot (no database)."""

from datetime import date

from kohtaamo.recognition.certificate import Text, content, pick

FROZEN = {
    "environment": "Kolarin kunnan työpaja",
    "organisation": "Kolarin kunta",
    "teacher": "Opettaja",
    "teacher_organisation": "Lappia",
    "recognised_on": "2026-08-20",
    "start_date": "2026-09-01",
    "end_date": "2026-11-20",
    "tasks": ["Lattioiden hoito"],
    "units": [
        {
            "uri": "urn:eperusteet:tutkinnonosa:1",
            "code": "990603",
            "name": {"fi": "Perussiivouspalvelut", "sv": "Grundrengöringstjänster", "en": ""},
            "qualifications": [{"fi": "Puhtausala", "sv": "", "en": "Cleaning"}],
            "requirements_total": 2,
            "requirements": [{"index": 0, "fi": "tehdä perussiivous", "sv": "städa", "en": ""}],
        }
    ],
}


def test_texts_are_in_the_chosen_language():
    swedish = content(FROZEN, "sv")
    assert swedish.units[0].name == Text("Grundrengöringstjänster", "sv")
    assert swedish.units[0].requirements == [Text("städa", "sv")]
    assert swedish.start_date == date(2026, 9, 1)


def test_a_missing_translation_falls_back_to_finnish_marked_as_finnish():
    english = content(FROZEN, "en")
    assert english.units[0].name == Text("Perussiivouspalvelut", "fi")
    assert english.units[0].requirements == [Text("tehdä perussiivous", "fi")]
    assert english.units[0].qualifications == ["Cleaning"]
    assert content(FROZEN, "sv").units[0].qualifications == ["Puhtausala"]


def test_an_unknown_language_gives_the_finnish_certificate():
    assert content(FROZEN, "de").lang == "fi"


def test_pick_takes_any_text_there_is_when_finnish_is_missing():
    assert pick({"fi": " ", "sv": "", "en": "only English"}, "sv") == "only English"
    assert pick({}, "fi") == ""
