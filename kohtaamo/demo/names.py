"""Names for the demo job seekers: fixed lists, so that the demo is the same on every machine.

Every person is fictional: first and last names are common in Lapland (or in the home
countries of its immigrants) and are combined at random. First names follow the generation
(a Seppo is born in the 1960s, an Eetu in the 2000s).
"""

from __future__ import annotations

# Finnish first names by gender and generation: born before 1980 / from 1980 on.
FINNISH_FIRST = {
    ("male", "older"): [
        "Seppo", "Kari", "Jari", "Timo", "Pekka", "Markku", "Juha", "Matti", "Heikki", "Raimo",
        "Esa", "Jukka", "Hannu", "Ari", "Tapio", "Pentti", "Veikko", "Keijo", "Reijo", "Erkki",
        "Martti", "Kalevi", "Jouko", "Rauno", "Arto", "Pertti", "Harri", "Vesa", "Petri",
        "Risto", "Tuomo", "Olavi", "Aimo", "Eino", "Mauri", "Ilkka", "Kimmo", "Jorma",
    ],
    ("male", "younger"): [
        "Mikko", "Janne", "Antti", "Ville", "Teemu", "Jussi", "Tuomas", "Lauri", "Sami",
        "Aleksi", "Joonas", "Juho", "Eetu", "Niko", "Otto", "Elias", "Onni", "Leevi", "Henri",
        "Jesse", "Miro", "Roope", "Tommi", "Arttu", "Valtteri", "Samuli", "Kalle", "Joni",
        "Jere", "Topias", "Eemeli", "Veeti", "Aapo", "Riku", "Markus", "Oskari", "Santeri",
    ],
    ("female", "older"): [
        "Pirjo", "Sirpa", "Tuula", "Marja", "Päivi", "Leena", "Anne", "Merja", "Riitta", "Eija",
        "Kirsi", "Seija", "Raija", "Helena", "Arja", "Sari", "Tarja", "Ritva", "Kaija", "Hilkka",
        "Maarit", "Sinikka", "Tiina", "Minna", "Jaana", "Satu", "Outi", "Heli", "Mervi",
        "Kaisa", "Terhi", "Anneli", "Irmeli", "Marjatta", "Pauliina", "Eila", "Virpi",
    ],
    ("female", "younger"): [
        "Laura", "Johanna", "Sanna", "Hanna", "Emilia", "Anni", "Jenni", "Henna", "Noora",
        "Emma", "Aino", "Iida", "Veera", "Sara", "Elina", "Katja", "Riikka", "Heidi", "Niina",
        "Milla", "Essi", "Jonna", "Pinja", "Sofia", "Ella", "Oona", "Venla", "Inka", "Roosa",
        "Nelli", "Tanja", "Suvi", "Jenna", "Salla", "Aada", "Nea", "Krista",
    ],
}  # fmt: skip

FINNISH_LAST = [
    "Aho", "Alatalo", "Anttila", "Autio", "Eskola", "Hakala", "Halonen", "Hannula", "Harju",
    "Heikkilä", "Heikkinen", "Hietala", "Holappa", "Honkanen", "Huhtala", "Hyvönen", "Jaakkola",
    "Jokela", "Junttila", "Juntunen", "Kaikkonen", "Kallio", "Kangas", "Karhu", "Karjalainen",
    "Karvonen", "Kemppainen", "Kentala", "Keskitalo", "Kinnunen", "Kivelä", "Knuutila",
    "Koivisto", "Kokko", "Korhonen", "Korva", "Koski", "Kujala", "Kumpula", "Kurki", "Kuru",
    "Kyrö", "Körkkö", "Lahti", "Laitinen", "Lakela", "Lampela", "Lantto", "Lehtola",
    "Leinonen", "Liikamaa", "Lohi", "Luokkala", "Mattila", "Mustonen", "Mäkelä", "Mäkinen",
    "Mourujärvi", "Muotka", "Niemelä", "Niemi", "Nieminen", "Niva", "Ojala", "Ollila",
    "Pakkala", "Palo", "Peltola", "Pietilä", "Pirttijärvi", "Raasakka", "Rantala", "Rautio",
    "Riekki", "Ruokangas", "Saarela", "Saarenpää", "Salmela", "Salo", "Sirviö", "Suopanki",
    "Tapio", "Tervo", "Toivonen", "Tolonen", "Tuomaala", "Turpeinen", "Vaara", "Valkonen",
    "Vesala", "Virtanen", "Ylitalo", "Yliniemi", "Kaisanlahti", "Alaniska", "Hirvasniemi",
    "Jääskö", "Kaarre", "Koivukangas", "Lehtiniemi", "Martimo", "Ojanperä", "Perttunen",
    "Rova", "Savela", "Tahkola", "Uusitalo", "Vaarala",
]  # fmt: skip

# Swedish-speaking Finns and Swedes of the Tornio valley.
SWEDISH_FIRST = {
    "male": ["Erik", "Johan", "Anders", "Lars", "Mikael", "Fredrik", "Henrik", "Magnus"],
    "female": ["Anna", "Maria", "Karin", "Sofia", "Linnea", "Ingrid", "Elsa", "Frida"],
}
SWEDISH_LAST = [
    "Lindqvist", "Sundberg", "Öhman", "Björklund", "Nyström", "Lindberg", "Forsman",
    "Holmström", "Wikström", "Ek", "Granström", "Berglund",
]  # fmt: skip

# Sámi first and last names, for the Sámi homeland (Utsjoki, Inari, Enontekiö, Sodankylä).
SAMI_FIRST = {
    "male": ["Ánde", "Jovnna", "Niillas", "Ásllat", "Heikki", "Juhani", "Nils", "Aslak"],
    "female": ["Máret", "Biret", "Elle", "Inga", "Sárá", "Ristin", "Anne", "Kaisa"],
}
SAMI_LAST = [
    "Aikio", "Magga", "Näkkäläjärvi", "Valkeapää", "Guttorm", "Länsman", "Sarre", "Morottaja",
    "Paadar", "Lukkari", "Helander", "Kitti", "Jomppanen", "Labba", "Kuuva", "Vuolab",
]  # fmt: skip


def _pair(*names: str) -> list[tuple[str, str]]:
    """Surnames that are the same for men and women."""
    return [(name, name) for name in names]


# Immigrants by native language: first names by gender; surnames as (male, female) forms.
IMMIGRANT_NAMES: dict[str, dict] = {
    "ru": {
        "male": ["Dmitri", "Sergei", "Aleksei", "Ivan", "Nikolai", "Andrei", "Pavel"],
        "female": ["Olga", "Natalia", "Jelena", "Irina", "Tatjana", "Svetlana", "Anastasia"],
        "last": [("Ivanov", "Ivanova"), ("Smirnov", "Smirnova"), ("Petrov", "Petrova"),
                 ("Volkov", "Volkova"), ("Kuznetsov", "Kuznetsova"), ("Sokolov", "Sokolova")],
    },
    "uk": {
        "male": ["Oleksandr", "Andrii", "Serhii", "Dmytro", "Mykola", "Bohdan", "Taras"],
        "female": ["Olena", "Iryna", "Oksana", "Kateryna", "Yuliia", "Halyna", "Tetiana"],
        "last": _pair("Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Melnyk",
                      "Kravchenko", "Lysenko"),
    },
    "ar": {
        "male": ["Ahmed", "Mohammed", "Ali", "Hassan", "Omar", "Yousef", "Karim"],
        "female": ["Fatima", "Aisha", "Maryam", "Noor", "Zainab", "Layla", "Rania"],
        "last": _pair("Al-Hassan", "Ibrahim", "Abdullah", "Saleh", "Hussein", "Mahmoud"),
    },
    "so": {
        "male": ["Abdi", "Mohamed", "Abdirahman", "Hassan", "Yusuf", "Mustafe"],
        "female": ["Amina", "Hodan", "Faduma", "Sahra", "Hawa", "Ifrah"],
        "last": _pair("Warsame", "Farah", "Hirsi", "Jama", "Osman", "Aden"),
    },
    "fa": {
        "male": ["Reza", "Hossein", "Mehdi", "Amir", "Dariush", "Farid"],
        "female": ["Zahra", "Fatemeh", "Leila", "Shirin", "Parisa", "Nasrin"],
        "last": _pair("Ahmadi", "Hosseini", "Rezaei", "Karimi", "Mohammadi", "Rahimi"),
    },
    "et": {
        "male": ["Andres", "Tõnu", "Margus", "Rein", "Jaan", "Priit"],
        "female": ["Kadri", "Kristiina", "Liis", "Triin", "Marika", "Kairi"],
        "last": _pair("Tamm", "Saar", "Sepp", "Mägi", "Kask", "Rebane"),
    },
    "th": {
        "male": ["Somchai", "Anan", "Kittisak"],
        "female": ["Siriporn", "Malee", "Kanya", "Wanida", "Pranee"],
        "last": _pair("Srisuk", "Chaiyaporn", "Wongsa", "Boonmee", "Saelim"),
    },
    "tl": {
        "male": ["Jose", "Mark", "Rodel", "Jomar"],
        "female": ["Maria", "Joy", "Rowena", "Marites", "Analyn"],
        "last": _pair("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza"),
    },
}  # fmt: skip
