"""Demo data: the incidents that the 2019 news articles among the seed documents name.

Sources (shared/seeds/): 000_075caacb36d6c8cf.txt, an article on SNHR's report on civil
defence personnel, and 003_f9bb59f66f2bf0c9.txt, an article on the first two months of the
Russian-led offensive on Idlib that began on 26 April 2019. Only the incidents these articles
describe in enough detail to record are here (place, date, what was hit, by what, with what
harm); their aggregate figures (civilians killed by party, attacks on vital facilities, air
strikes and barrel bombs) are what the reports must give from such records, not records in
themselves. Each incident cites its article; narratives are paraphrased, not quoted.

The parties, governorates and districts are those of ``january_2018``, which loads first.
Every record has its Arabic side (our translation, in the register of SNHR's Arabic reports).

Editorial choices:
- Dates. The offensive article was published on Saturday 29 June 2019 (two months after 26
  April; "on Friday", "last Thursday"): the Mhambil barrel bombs were dropped on Friday 28
  June, the Kafranbel hospital strike is dated Thursday 27 June (the article says "last
  Thursday", so that date is an inference and the incident says so in its internal notes).
  The ambulance of the Violet Organization was hit on 19 June and Mohammad al-Shahwa was
  mortally wounded on 4 May 2019, as the civil defence article says.
- Parties. "Syrian army helicopters dropped barrel bombs" is the Syrian regime, confirmed by
  the civil defence and witnesses. An air strike during the joint Russian-Syrian offensive whose
  aircraft the article does not name goes to the undetermined syrian-or-russian-forces
  (possible); "a pro-Assad strike" too (probable: the regime or its Russian ally).
- Munitions. "Dropped barrel bombs" without a number is recorded as two, the fewest the plural
  allows; "an aerial strike" or "an airstrike" as one air strike by fixed-wing aircraft (the
  offensive's strikes were flown by Russian and Syrian jets; the note says the aircraft type is
  not stated); "a strike" of unknown kind as one strike by an unknown weapon.
- People. The fifteen people killed in Mhambil "including children" are counted on the incident
  (killed_count 15); the article names none of them, so there are no victim records. The three
  medics of the Violet Organization are three unnamed victim records (paramedics on duty) so that
  the report counts them by role; Mohammad al-Shahwa is named, male (the name), age not given.
  His Arabic name is our transliteration: the article gives only the English.
- Facilities. The ambulance in which Mohammad al-Shahwa was hit is recorded as a civil defence
  vehicle: the photograph shows a White Helmets colleague helping him; the article does not say
  who ran it. It is placed in Idleb governorate, the only place the caption gives.
"""

from datetime import UTC, date, datetime

CHANGE_REASON = "Demo data: 2019 news articles quoting SNHR"
# The articles' incidents count as published from the later article's date.
PUBLISHED_AT = datetime(2019, 6, 29, tzinfo=UTC)
# Each incident cites its own article ("sources").
CITED_BY_EVERY_INCIDENT: list[str] = []

CIVIL_DEFENCE_ARTICLE = "article-2019-civil-defence"
OFFENSIVE_ARTICLE = "article-2019-06-offensive"

SOURCES = [
    {
        "key": CIVIL_DEFENCE_ARTICLE,
        "kind": "news",
        "title": (
            "Russian and Assad forces struck 31 civil defense centers and vehicles in northwest "
            "Syria since April 26 (on SNHR's report on 229 civil defense personnel killed since "
            "March 2013)"
        ),
        "publisher": "EA WorldView",
        "published_on": None,
        "reliability": "fair",
    },
    {
        "key": OFFENSIVE_ARTICLE,
        "kind": "news",
        "title": "Idlib: 'more than 500 civilians killed' since Russian-led assault began",
        "publisher": "The National",
        "published_on": date(2019, 6, 29),
        "reliability": "fair",
    },
]

PERPETRATORS: list[dict] = []

PLACES = [
    # (P-code, name, Arabic name, level, parent), as in january_2018.
    ("", "Kafr Nabl", "كفرنبل", "locality", "SY0702"),
    # "Western Idlib province": its district is not certain, so it sits in the governorate.
    ("", "Mhambil", "محمبل", "locality", "SY07"),
]

CIVIL_DEFENCE = "Syrian Civil Defence"
VIOLET = "Violet Organization"

FACILITIES = [
    {
        "code": "FAC-000027",
        "name": "Kafr Nabl hospital",
        "name_ar": "مشفى كفرنبل",
        "other_names": "Kafranbel hospital",
        "kind": "hospital",
        "place": "Kafr Nabl",
        "notes": "The article names it only as Kafranbel hospital.",
    },
    {
        "code": "FAC-000028",
        "name": "Ambulance of the Violet Organization, Ma'arat al Nu'man",
        "name_ar": "سيارة إسعاف منظمة بنفسج، معرة النعمان",
        "kind": "ambulance",
        "operator": VIOLET,
        "place": "Ma'arat al Nu'man",
    },
    {
        "code": "FAC-000029",
        "name": "Civil defence ambulance, Idleb governorate",
        "name_ar": "سيارة إسعاف الدفاع المدني، محافظة إدلب",
        "kind": "civil_defense_vehicle",
        "operator": CIVIL_DEFENCE,
        "place": "SY07",
        "notes": (
            "The ambulance in which Mohammad al-Shahwa was mortally wounded on 4 May 2019; the "
            "article gives neither its town nor who ran it: a civil defence colleague was helping him."
        ),
    },
]

UNNAMED_AIRCRAFT = {
    "perpetrator": "syrian-or-russian-forces",
    "certainty": "possible",
    "basis": "open_source",
    "note": "An air strike during the joint Russian and Syrian offensive; the article does not say whose",
}

INCIDENTS = [
    {
        "code": "INC-2019-00001",
        "title": "Mohammad al-Shahwa of the civil defence mortally wounded in a strike on an ambulance",
        "summary": (
            "A pro-Assad strike hit an ambulance in Idleb governorate. Mohammad al-Shahwa, a member "
            "of the Syrian Civil Defence (White Helmets), was mortally wounded; a colleague tried to "
            "help him."
        ),
        "title_ar": "إصابة محمد الشحوة من الدفاع المدني بجراح قاتلة في قصف على سيارة إسعاف",
        "summary_ar": (
            "استهدف قصف للقوات الموالية للنظام السوري سيارة إسعاف في محافظة إدلب، ما أدى إلى إصابة "
            "محمد الشحوة، عنصر الدفاع المدني السوري (الخوذ البيضاء)، بجراح أودت بحياته، فيما حاول "
            "أحد زملائه إسعافه."
        ),
        "date": date(2019, 5, 4),
        "place": "SY07",
        "geo_precision": "governorate",
        "attack_type": "heavy_weapons",
        "weapon": "unknown",
        "weapon_detail": "a strike; its kind is not stated",
        "killed_count": 1,
        "sources": [CIVIL_DEFENCE_ARTICLE],
        "attributions": [
            {
                "perpetrator": "syrian-or-russian-forces",
                "certainty": "probable",
                "basis": "open_source",
                "note": "A pro-Assad strike: the Syrian regime or its Russian ally",
            }
        ],
        "attacks": [{"facility": "FAC-000029"}],
        "munitions": [{"weapon": "unknown", "count": 1, "note": "a strike; its kind is not stated"}],
    },
    {
        "code": "INC-2019-00002",
        "title": "Air strike on a Violet Organization ambulance in Ma'arat al Nu'man kills three medics",
        "summary": (
            "An air strike hit an ambulance of the Violet Organization in Ma'arat al Nu'man, killing "
            "the three medics of the organization who were in it."
        ),
        "title_ar": "غارة جوية على سيارة إسعاف لمنظمة بنفسج في معرة النعمان تقتل ثلاثة مسعفين",
        "summary_ar": (
            "استهدفت غارة جوية سيارة إسعاف تابعة لمنظمة بنفسج في مدينة معرة النعمان، ما أدى إلى مقتل "
            "ثلاثة مسعفين من المنظمة كانوا على متنها."
        ),
        "date": date(2019, 6, 19),
        "place": "Ma'arat al Nu'man",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "an air strike; the aircraft are not described",
        "killed_count": 3,
        "sources": [CIVIL_DEFENCE_ARTICLE],
        "attributions": [UNNAMED_AIRCRAFT],
        "attacks": [{"facility": "FAC-000028", "proximity": "direct_hit"}],
        "munitions": [{"weapon": "fixed_wing_aircraft", "count": 1, "note": "aircraft type not stated"}],
    },
    {
        "code": "INC-2019-00003",
        "title": "Air strike on Kafr Nabl hospital, the 30th facility bombed in the offensive",
        "summary": (
            "An air strike hit the hospital of Kafr Nabl (Kafranbel). Aid groups said it was the 30th "
            "facility bombed since the offensive began on 26 April, leaving hundreds of thousands of "
            "people without access to health care."
        ),
        "title_ar": "غارة جوية على مشفى كفرنبل، المنشأة الثلاثون التي تُقصف خلال الحملة",
        "summary_ar": (
            "استهدفت غارة جوية مشفى مدينة كفرنبل. وقالت منظمات إغاثية إنه المنشأة الثلاثون التي "
            "تتعرض للقصف منذ بدء الحملة العسكرية في 26 نيسان، ما حرم مئات الآلاف من الناس من "
            "الرعاية الصحية."
        ),
        "internal_notes": (
            "Dated from the article's 'last Thursday' (published Saturday 29 June 2019); check the "
            "exact date against SNHR's own record."
        ),
        "date": date(2019, 6, 27),
        "place": "Kafr Nabl",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "an aerial strike",
        "sources": [OFFENSIVE_ARTICLE],
        "attributions": [UNNAMED_AIRCRAFT],
        "attacks": [{"facility": "FAC-000027"}],
        "munitions": [{"weapon": "fixed_wing_aircraft", "count": 1, "note": "aircraft type not stated"}],
    },
    {
        "code": "INC-2019-00004",
        "title": "Helicopters drop barrel bombs on a civilian quarter of Mhambil, killing 15",
        "summary": (
            "Syrian army helicopters dropped barrel bombs on a civilian quarter of Mhambil in western "
            "Idleb, killing 15 people, children among them, the civil defence and witnesses said."
        ),
        "title_ar": "مروحيات تلقي براميل متفجرة على حي سكني في محمبل وتقتل 15 شخصاً",
        "summary_ar": (
            "ألقت مروحيات تابعة لجيش النظام السوري براميل متفجرة على حي سكني في بلدة محمبل غربي "
            "إدلب، ما أدى إلى مقتل 15 شخصاً بينهم أطفال، بحسب الدفاع المدني وشهود عيان."
        ),
        "date": date(2019, 6, 28),
        "place": "Mhambil",
        "location_detail": "a civilian quarter",
        "attack_type": "heavy_weapons",
        "weapon": "barrel_bomb",
        "weapon_detail": "dropped from helicopters",
        "killed_count": 15,
        "sources": [OFFENSIVE_ARTICLE],
        "attributions": [
            {
                "perpetrator": "syrian-regime",
                "certainty": "confirmed",
                "basis": "eyewitness",
                "note": "Syrian army helicopters, as the civil defence and witnesses said",
            }
        ],
        "munitions": [
            {
                "weapon": "barrel_bomb",
                "count": 2,
                "note": "'barrel bombs', no number given: the fewest the plural allows",
            }
        ],
    },
]

VIOLET_MEDIC = {
    "sex": "unknown",
    "role": "paramedic",
    "affiliation": "FAC-000028",
    "organization": VIOLET,
    "incident": "INC-2019-00002",
    "circumstances": "One of three medics of the Violet Organization in their ambulance when it was hit.",
    "circumstances_ar": "أحد ثلاثة مسعفين من منظمة بنفسج كانوا في سيارة الإسعاف التابعة لها عندما استُهدفت.",
    "on_duty": True,
    "publish_name": False,
}

VICTIMS = [
    {
        "code": "VIC-000009",
        "name": "Mohammad al-Shahwa",
        "name_ar": "محمد الشحوة",
        "sex": "male",
        "role": "civil_defense",
        "affiliation": "FAC-000029",
        "organization": CIVIL_DEFENCE,
        "incident": "INC-2019-00001",
        "circumstances": "Mortally wounded when a strike hit the ambulance he was in.",
        "circumstances_ar": "أصيب بجراح قاتلة عندما استهدف القصف سيارة الإسعاف التي كان فيها.",
        "on_duty": True,
    },
    {**VIOLET_MEDIC, "code": "VIC-000010"},
    {**VIOLET_MEDIC, "code": "VIC-000011"},
    {**VIOLET_MEDIC, "code": "VIC-000012"},
]
