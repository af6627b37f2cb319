"""Demo data: the SNHR monthly report on medical and civil defence personnel, January 2018.

Source: "Nine Medical and Civil Defense Personnel Killed, and 45 Attacks on Their
Facilities in January 2018", Syrian Network for Human Rights, 5 February 2018
(shared/seeds/002_5b94823dee4412c2.txt). Only the named victims (section IV.A) and the
notable attacks (section IV.B) are here; the report's totals (9 killed, 45 attacks)
also cover incidents it does not describe. Narratives are paraphrased, not quoted.

Every record has its Arabic side: incidents' title_ar and summary_ar, victims' name_ar,
circumstances_ar and biography_ar, and the name_ar of every place, facility and party.
The report is published in English (its only Arabic is SNHR's own name), so the Arabic is
our translation in the register of SNHR's Arabic reports (قوات النظام السوري، القوات
الروسية، مشفى، سيارة إسعاف، الدفاع المدني), with the names Syrians use for the places.

Counts the demo implies (public records; victims counted once, harm = killed;
each row under the incident's primary perpetrator, never rolled up or split):

Victims killed, by primary perpetrator and report class (sex):
    syrian-regime              medical_personnel 2 (2 male)   8 victims in all
                               paramedic         1 (male)
                               civil_defense     1 (male)
    russian-forces             doctor            1 (male)
                               civil_defense     1 (male)
                               medical_personnel 1 (female)
    isis (extremist-groups)    doctor            1 (female)

Attacks on facilities, by primary perpetrator and facility category:
    syrian-regime              medical 4, ambulance 1, civil_defense 3    (8)
    syrian-or-russian-forces   medical 1                                  (1)
    russian-forces             medical 6, ambulance 1, civil_defense 4    (11)
    self-management-forces     medical 1                                  (1)
    unidentified-groups        medical 1, ambulance 1, civil_defense 1    (3)
      (other-parties)
    turkish-forces             red_crescent 1                             (1)
      (other-parties)
    25 attacks in all; 26 facilities; 31 incidents, 4 of them unattributed (the
    first strikes of double taps, which hit no facility).

Editorial choices:
- "Warplanes we believe were Russian" is a probable attribution to russian-forces;
  "Syrian/Russian regime forces (investigations ongoing)" goes to the undetermined
  party syrian-or-russian-forces, which keeps its own row.
- Bombings whose authors SNHR could not identify are attributed to
  unidentified-groups, under other-parties as the report counts them.
- "Joint control of armed opposition factions and Hay'at Tahrir al Sham" is the party
  armed-opposition-and-hts (its members are the two): area_controlled_by holds one
  party, and picking either faction alone would misstate who held the area.
- Killed and injured counts are the most conservative figures the wording allows.
  SNHR calls an incident a massacre when it kills five or more people, so "resulted
  in a massacre" is recorded as 5 killed; "resulted in casualties" leaves the counts
  at 0 (the model has no "unknown").
- Where a victim was helping the wounded of a "previous" strike on the same site, that
  first strike is its own incident and the second one links to it (follow_up_of).
  Repeat attacks days apart (Saraqeb civil defence centre, Oday Saraqeb Hospital,
  al Maghara Hospital) are separate incidents on the same facility, not double taps.
- Ages: born in 1984 -> 33, born in 1996 -> 21 (the lower age in January 2018).
- The first two January attacks on al Maghara Hospital are undated in the report:
  date 2018-01-01 with date_precision "month".
"""

from datetime import UTC, date, datetime, time

# --- Sources --------------------------------------------------------------------------
# Every incident cites SNHR_REPORT; "sources" lists further ones by key.

SNHR_REPORT = "snhr-2018-01"
CITED_BY_EVERY_INCIDENT = [SNHR_REPORT]
CHANGE_REASON = "Demo data: SNHR monthly report, January 2018"
# Demo records count as published when the report was.
PUBLISHED_AT = datetime(2018, 2, 5, tzinfo=UTC)

SOURCES = [
    {
        "key": SNHR_REPORT,
        "kind": "ngo_report",
        "title": (
            "Nine Medical and Civil Defense Personnel Killed, and 45 Attacks on Their "
            "Facilities in January 2018"
        ),
        "publisher": "Syrian Network for Human Rights",
        "published_on": date(2018, 2, 5),
        "reliability": "good",
    },
    {
        "key": "sams-al-salam",
        "kind": "official_statement",
        "title": "Statement on al Salam Hospital in Ma'arat al Nu'man going out of service",
        "publisher": "Syrian American Medical Society (SAMS)",
        "published_on": date(2018, 1, 3),
        "reliability": "good",
    },
    {
        "key": "sams-al-maghara",
        "kind": "official_statement",
        "title": "Statement on al Maghara Hospital in Kafr Zita going out of service",
        "publisher": "Syrian American Medical Society (SAMS)",
        "published_on": date(2018, 2, 1),
        "reliability": "good",
    },
    {
        "key": "umo-madyara",
        "kind": "official_statement",
        "title": "Statement condemning the attack on the medical centre in Madyara",
        "publisher": "Unified Medical Office in Eastern Ghouta",
        "published_on": None,
        "reliability": "fair",
    },
]

# --- Parties --------------------------------------------------------------------------
# Parents and members are listed before the parties that refer to them.

PERPETRATORS = [
    {
        "code": "syrian-regime",
        "name": "Syrian regime forces",
        "name_ar": "قوات النظام السوري",
        "kind": "state_forces",
    },
    {
        "code": "russian-forces",
        "name": "Russian forces",
        "name_ar": "القوات الروسية",
        "kind": "foreign_state_forces",
    },
    {
        "code": "syrian-or-russian-forces",
        "name": "Syrian or Russian forces (undetermined)",
        "name_ar": "قوات النظام السوري أو القوات الروسية",
        "kind": "undetermined",
        "members": ["syrian-regime", "russian-forces"],
    },
    {
        "code": "extremist-groups",
        "name": "Extremist Islamic groups",
        "name_ar": "التنظيمات الإسلامية المتشددة",
        "kind": "extremist_group",
    },
    {
        "code": "isis",
        "name": "ISIS (self-proclaimed Islamic State)",
        "name_ar": "تنظيم داعش",
        "kind": "extremist_group",
        "parent": "extremist-groups",
    },
    {
        "code": "hts",
        "name": "Hay'at Tahrir al Sham",
        "name_ar": "هيئة تحرير الشام",
        "kind": "extremist_group",
        "parent": "extremist-groups",
    },
    {
        "code": "self-management-forces",
        "name": "Self-Management forces (Democratic Union Party)",
        "name_ar": "قوات الإدارة الذاتية",
        "kind": "non_state_armed_group",
    },
    {
        "code": "armed-opposition",
        "name": "Armed opposition factions",
        "name_ar": "فصائل المعارضة المسلحة",
        "kind": "non_state_armed_group",
    },
    {
        # Holds areas jointly; only ever used for area_controlled_by (see the module notes).
        "code": "armed-opposition-and-hts",
        "name": "Armed opposition factions and Hay'at Tahrir al Sham (joint control)",
        "name_ar": "فصائل المعارضة المسلحة وهيئة تحرير الشام",
        "kind": "non_state_armed_group",
        "members": ["armed-opposition", "hts"],
    },
    {
        "code": "other-parties",
        "name": "Other parties",
        "name_ar": "جهات أخرى",
        "kind": "unknown",
    },
    {
        "code": "unidentified-groups",
        "name": "Unidentified groups",
        "name_ar": "جهات لم يتم تحديدها",
        "kind": "unknown",
        "parent": "other-parties",
    },
    {
        "code": "turkish-forces",
        "name": "Turkish forces",
        "name_ar": "القوات التركية",
        "kind": "foreign_state_forces",
        "parent": "other-parties",
    },
]

# --- Places ---------------------------------------------------------------------------
# The rest of this file refers to a place by its OCHA P-code (country, governorates,
# districts) or, for a locality, by its name. A locality sits in its district where
# that is certain, else directly in its governorate.

PLACES = [
    # (P-code, name, Arabic name, level, parent)
    ("SY", "Syria", "سوريا", "country", None),
    ("SY02", "Aleppo", "حلب", "admin1", "SY"),
    ("SY03", "Rural Damascus", "ريف دمشق", "admin1", "SY"),
    ("SY04", "Homs", "حمص", "admin1", "SY"),
    ("SY05", "Hama", "حماة", "admin1", "SY"),
    ("SY07", "Idleb", "إدلب", "admin1", "SY"),
    ("SY0200", "Jebel Saman", "جبل سمعان", "admin2", "SY02"),
    ("SY0203", "Afrin", "عفرين", "admin2", "SY02"),
    ("SY0204", "A'zaz", "اعزاز", "admin2", "SY02"),
    ("SY0301", "Markaz Rif Dimashq", "مركز ريف دمشق", "admin2", "SY03"),
    ("SY0302", "Duma", "دوما", "admin2", "SY03"),
    ("SY0503", "As-Salamiyeh", "السلمية", "admin2", "SY05"),
    ("SY0505", "Muhradah", "محردة", "admin2", "SY05"),
    ("SY0700", "Markaz Idleb", "مركز إدلب", "admin2", "SY07"),
    ("SY0702", "Al Ma'ra", "معرة النعمان", "admin2", "SY07"),
    ("SY0703", "Harim", "حارم", "admin2", "SY07"),
    # Eastern Ghouta, Rural Damascus
    ("", "Douma", "دوما", "locality", "SY0302"),
    ("", "Misraba", "مسرابا", "locality", "SY0302"),
    ("", "Madyara", "مديرا", "locality", "SY0302"),
    ("", "al Rayhan", "الريحان", "locality", "SY0302"),
    ("", "Hamouriya", "حمورية", "locality", "SY0301"),
    ("", "Saqba", "سقبا", "locality", "SY0301"),
    # Idleb
    ("", "Ma'arat al Nu'man", "معرة النعمان", "locality", "SY0702"),
    ("", "Jarjanaz", "جرجناز", "locality", "SY0702"),
    ("", "al Ghadfa", "الغدفة", "locality", "SY0702"),
    ("", "Um Mwyelat al Qabali", "أم مويلات القبلي", "locality", "SY0702"),
    ("", "Khan al Sebel", "خان السبل", "locality", "SY07"),
    ("", "Saraqeb", "سراقب", "locality", "SY0700"),
    ("", "Idleb", "إدلب", "locality", "SY0700"),
    ("", "Ma'arat Misreen", "معرة مصرين", "locality", "SY0700"),
    ("", "al Dana", "الدانا", "locality", "SY0703"),
    # Aleppo
    ("", "Azaz", "اعزاز", "locality", "SY0204"),
    ("", "Jandairis", "جنديرس", "locality", "SY0203"),
    ("", "Jezraya", "جزرايا", "locality", "SY0200"),
    # Hama
    ("", "Kafr Zita", "كفرزيتا", "locality", "SY0505"),
    ("", "al Latamena", "اللطامنة", "locality", "SY0505"),
    ("", "al Se'in", "السعن", "locality", "SY0503"),
    # Homs
    ("", "al Ghanto", "الغنطو", "locality", "SY04"),
]

# --- Facilities -----------------------------------------------------------------------
# Parents come first. Civil defence ambulances are civil defence vehicles (category
# civil_defense, as the report counts them); hospital ambulances are ambulances.

CIVIL_DEFENCE = "Syrian Civil Defence"
UNIFIED_MEDICAL_OFFICE = "Unified Medical Office in Eastern Ghouta"
SAMS = "Syrian American Medical Society (SAMS)"

FACILITIES = [
    {
        "code": "FAC-000001",
        "name": "Rif Dimshaq Specialized Hospital",
        "name_ar": "مشفى ريف دمشق التخصصي",
        "kind": "hospital",
        "operator": UNIFIED_MEDICAL_OFFICE,
        "place": "Douma",
        "notes": "The report does not name the town; placed in Douma, where its ambulance driver lived.",
    },
    {
        "code": "FAC-000002",
        "name": "al Salam Hospital",
        "name_ar": "مشفى السلام",
        "other_names": "Children's and Women's Hospital",
        "kind": "hospital",
        "operator": SAMS,
        "place": "Ma'arat al Nu'man",
        "notes": "In al Sharqi neighbourhood; has a maternity wing.",
    },
    {
        "code": "FAC-000003",
        "name": "Ambulance of al Salam Hospital",
        "name_ar": "سيارة إسعاف مشفى السلام",
        "kind": "ambulance",
        "parent": "FAC-000002",
        "place": "Ma'arat al Nu'man",
    },
    {
        "code": "FAC-000004",
        "name": "Dar al Shefaa Hospital",
        "name_ar": "مشفى دار الشفاء",
        "kind": "hospital",
        "place": "Hamouriya",
    },
    {
        "code": "FAC-000005",
        "name": "Civil defence centre 200",
        "name_ar": "مركز الدفاع المدني 200",
        "kind": "civil_defense_center",
        "identifier": "200",
        "operator": CIVIL_DEFENCE,
        "place": "Douma",
    },
    {
        "code": "FAC-000006",
        "name": "Ambulance of civil defence centre 200",
        "name_ar": "سيارة إسعاف مركز الدفاع المدني 200",
        "kind": "civil_defense_vehicle",
        "operator": CIVIL_DEFENCE,
        "parent": "FAC-000005",
        "place": "Douma",
    },
    {
        "code": "FAC-000007",
        "name": "Civil defence centre 270",
        "name_ar": "مركز الدفاع المدني 270",
        "kind": "civil_defense_center",
        "identifier": "270",
        "operator": CIVIL_DEFENCE,
        "place": "Misraba",
    },
    {
        "code": "FAC-000008",
        "name": "al Ghadfa Hospital",
        "name_ar": "مشفى الغدفة",
        "kind": "hospital",
        "place": "al Ghadfa",
    },
    {
        "code": "FAC-000009",
        "name": "al Quds Hospital",
        "name_ar": "مشفى القدس",
        "kind": "hospital",
        "place": "Hamouriya",
        "notes": "Has an intensive care unit and a maternity wing.",
    },
    {
        "code": "FAC-000010",
        "name": "al Balsam Clinical Complex",
        "name_ar": "مجمع البلسم للعيادات",
        "kind": "primary_care",
        "place": "Hamouriya",
        "notes": "A building housing several clinics.",
    },
    {
        "code": "FAC-000011",
        "name": "Madyara medical centre",
        "name_ar": "المركز الطبي في مديرا",
        "kind": "primary_care",
        "operator": UNIFIED_MEDICAL_OFFICE,
        "place": "Madyara",
        "notes": "The only medical centre in the village.",
    },
    {
        "code": "FAC-000012",
        "name": "al Zahraa Hospital",
        "name_ar": "مشفى الزهراء",
        "other_names": "Maternity Hospital",
        "kind": "hospital",
        "place": "Saqba",
    },
    {
        "code": "FAC-000013",
        "name": "al Salam Medical and Charity Center",
        "name_ar": "مركز السلام الطبي الخيري",
        "kind": "primary_care",
        "place": "Idleb",
        "notes": (
            "On the second floor of a building in al Thlatheen Street; the report adds that another "
            "floor of the building was used as a base by Ajnad al Qouqaz."
        ),
    },
    {
        "code": "FAC-000014",
        "name": "al Dana civil defence centre",
        "name_ar": "مركز الدفاع المدني في الدانا",
        "kind": "civil_defense_center",
        "operator": CIVIL_DEFENCE,
        "place": "al Dana",
        "notes": "On the southern outskirts, next to the Sharia Court.",
    },
    {
        "code": "FAC-000015",
        "name": "Civil defence centre 3332",
        "name_ar": "مركز الدفاع المدني 3332",
        "kind": "civil_defense_center",
        "identifier": "3332",
        "operator": CIVIL_DEFENCE,
        "place": "al Latamena",
    },
    {
        "code": "FAC-000016",
        "name": "Ambulance of civil defence centre 3332",
        "name_ar": "سيارة إسعاف مركز الدفاع المدني 3332",
        "kind": "civil_defense_vehicle",
        "operator": CIVIL_DEFENCE,
        "parent": "FAC-000015",
        "place": "al Latamena",
    },
    {
        "code": "FAC-000017",
        "name": "Saraqeb civil defence centre",
        "name_ar": "مركز الدفاع المدني في سراقب",
        "kind": "civil_defense_center",
        "operator": CIVIL_DEFENCE,
        "place": "Saraqeb",
        "notes": "In the city centre.",
    },
    {
        "code": "FAC-000018",
        "name": "Ambulance of the Saraqeb civil defence centre",
        "name_ar": "سيارة إسعاف مركز الدفاع المدني في سراقب",
        "kind": "civil_defense_vehicle",
        "operator": CIVIL_DEFENCE,
        "parent": "FAC-000017",
        "place": "Saraqeb",
    },
    {
        "code": "FAC-000019",
        "name": "Azaz mental hospital",
        "name_ar": "مشفى الأمراض العقلية في اعزاز",
        "kind": "hospital",
        "place": "Azaz",
        "notes": "Cares for about 200 people with mental illness; has a women's dormitory.",
    },
    {
        "code": "FAC-000020",
        "name": "Oday Saraqeb Hospital",
        "name_ar": "مشفى عدي سراقب",
        "other_names": "al Ihsan Hospital",
        "kind": "hospital",
        "place": "Saraqeb",
        "notes": "In al Sharqi neighbourhood.",
    },
    {
        "code": "FAC-000021",
        "name": "Ambulance of Oday Saraqeb Hospital",
        "name_ar": "سيارة إسعاف مشفى عدي سراقب",
        "kind": "ambulance",
        "parent": "FAC-000020",
        "place": "Saraqeb",
    },
    {
        "code": "FAC-000022",
        "name": "Kurdish Red Crescent ambulance, Jandairis",
        "name_ar": "سيارة إسعاف الهلال الأحمر الكردي، جنديرس",
        "kind": "red_crescent_vehicle",
        "operator": "Kurdish Red Crescent",
        "place": "Jandairis",
    },
    {
        "code": "FAC-000023",
        "name": "Ambulance at Shafaq Maternity Hospital",
        "name_ar": "سيارة الإسعاف أمام مشفى شفق للتوليد",
        "kind": "ambulance",
        "place": "Ma'arat Misreen",
        "notes": "Parked in front of Shafaq Maternity Hospital; the report does not say who ran it.",
    },
    {
        "code": "FAC-000024",
        "name": "Civil defence ambulance, al Ghanto",
        "name_ar": "سيارة إسعاف الدفاع المدني، الغنطو",
        "kind": "civil_defense_vehicle",
        "operator": CIVIL_DEFENCE,
        "place": "al Ghanto",
    },
    {
        "code": "FAC-000025",
        "name": "Jezraya medical centre",
        "name_ar": "المركز الطبي في جزرايا",
        "kind": "primary_care",
        "place": "Jezraya",
        "notes": "The only medical centre in the village.",
    },
    {
        "code": "FAC-000026",
        "name": "Martyr Hasan al A'raj Hospital",
        "name_ar": "مشفى الشهيد حسن الأعرج",
        "other_names": "al Maghara Hospital",
        "kind": "hospital",
        "operator": "Free Hama Health Administration, supported by SAMS",
        "place": "Kafr Zita",
    },
]

# --- Attributions used more than once -------------------------------------------------

REGIME_AIRCRAFT = {
    "perpetrator": "syrian-regime",
    "certainty": "confirmed",
    "basis": "aircraft_observation",
    "note": "Fixed-wing warplanes of the Syrian regime forces",
}
REGIME_GROUND = {"perpetrator": "syrian-regime", "certainty": "confirmed"}
BELIEVED_RUSSIAN = {
    "perpetrator": "russian-forces",
    "certainty": "probable",
    "basis": "aircraft_observation",
    "note": "Fixed-wing warplanes we believe were Russian",
}
UNIDENTIFIED = {
    "perpetrator": "unidentified-groups",
    "certainty": "confirmed",
    "note": "SNHR could not identify the group behind the bombing",
}
# The first strike of a double tap, known only as the reason rescuers were at the site.
FIRST_STRIKE = {
    "internal_notes": (
        "The report mentions this strike only as the reason rescuers were at the site; it is "
        "recorded so that the second strike can be linked to it as a double tap."
    ),
    "attack_type": "heavy_weapons",
    "weapon": "unknown",
}
MASSACRE_NOTE = "Killed count: SNHR calls an incident a massacre when it kills five or more people."
# The report says only that the strike of 30 January was the month's third on al Maghara.
MAGHARA_UNDATED = {
    "date": date(2018, 1, 1),
    "date_precision": "month",
    "place": "Kafr Zita",
    "attack_type": "heavy_weapons",
    "weapon": "fixed_wing_aircraft",
    "internal_notes": "Known only from the report's remark that the 30 January strike was the third.",
    "attributions": [BELIEVED_RUSSIAN],
    "attacks": [{"facility": "FAC-000026"}],
}
MAGHARA_UNDATED_DETAIL = " Warplanes believed to be Russian; the report gives no date or details."
MAGHARA_UNDATED_DETAIL_AR = " نفّذته طائرات حربية يُعتقد أنها روسية؛ ولا يذكر التقرير تاريخه ولا تفاصيله."

# --- Incidents ------------------------------------------------------------------------
# Defaults (see demo.loader): certainty confirmed, status published, precision
# day, no time, counts 0, cited by SNHR_REPORT. "attributions", "attacks" and
# "witnesses" hang off each incident.

INCIDENTS = [
    {
        **FIRST_STRIKE,
        "code": "INC-2018-00001",
        "title": "Earlier shelling of the Douma market",
        "summary": (
            "The market in Douma was shelled shortly before the mortar strike of the same day that "
            "killed an ambulance driver who had come to help the people it wounded."
        ),
        "title_ar": "قصف سابق على سوق دوما",
        "summary_ar": (
            "تعرّض السوق في مدينة دوما لقصف قُبيل قصف بقذائف الهاون في اليوم ذاته قتل سائق سيارة "
            "إسعاف كان قد جاء لإسعاف الجرحى الذين أصيبوا فيه."
        ),
        "date": date(2018, 1, 2),
        "place": "Douma",
        "location_detail": "local market",
        "weapon_detail": "shelling; weapon not stated",
        "injured_count": 1,
    },
    {
        "code": "INC-2018-00002",
        "title": "Mortar shells hit the Douma market again, killing an ambulance driver",
        "summary": (
            "Syrian regime forces fired several mortar shells at the market in Douma while rescuers "
            "were helping people wounded in an earlier shelling. Saif al Din Sleik, an ambulance "
            "driver of Rif Dimshaq Specialized Hospital, was killed."
        ),
        "title_ar": "قذائف هاون تصيب سوق دوما مجدداً وتقتل سائق سيارة إسعاف",
        "summary_ar": (
            "أطلقت قوات النظام السوري عدة قذائف هاون على السوق في مدينة دوما أثناء إسعاف المسعفين "
            "جرحى قصف سابق، ما أدى إلى مقتل سيف الدين سليك، سائق سيارة إسعاف في مشفى ريف دمشق "
            "التخصصي."
        ),
        "date": date(2018, 1, 2),
        "place": "Douma",
        "location_detail": "local market",
        "attack_type": "heavy_weapons",
        "weapon": "mortar",
        "weapon_detail": "several mortar shells",
        "killed_count": 1,
        "follow_up_of": "INC-2018-00001",
        "attributions": [REGIME_GROUND],
    },
    {
        "code": "INC-2018-00003",
        "title": "Missile strike in front of al Salam Hospital, Ma'arat al Nu'man",
        "summary": (
            "A missile fired by a warplane believed to be Russian landed in front of al Salam "
            "Hospital, a SAMS-supported hospital for women and children. There were casualties; the "
            "building and its equipment were badly damaged, above all the maternity wing, and SAMS "
            "announced the same day that the hospital had stopped working."
        ),
        "title_ar": "قصف صاروخي أمام مشفى السلام في معرة النعمان",
        "summary_ar": (
            "سقط صاروخ أطلقته طائرة حربية يُعتقد أنها روسية أمام مشفى السلام، وهو مشفى للنساء "
            "والأطفال تدعمه الجمعية الطبية السورية الأمريكية (سامز). أسفر القصف عن سقوط ضحايا، وعن "
            "أضرار مادية كبيرة في بناء المشفى وتجهيزاته، ولا سيما في قسم التوليد، وأعلنت سامز في "
            "اليوم ذاته خروج المشفى عن الخدمة."
        ),
        "date": date(2018, 1, 3),
        "place": "Ma'arat al Nu'man",
        "location_detail": "al Sharqi neighbourhood",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "a missile",
        "area_controlled_by": "armed-opposition-and-hts",
        "internal_notes": "The report mentions casualties without numbers.",
        "sources": ["sams-al-salam"],
        "attributions": [BELIEVED_RUSSIAN],
        "attacks": [
            {
                "facility": "FAC-000002",
                "damage": "heavy",
                "proximity": "in_front",
                "service_impact": "out_of_service",
            }
        ],
    },
    {
        **FIRST_STRIKE,
        "code": "INC-2018-00004",
        "title": "Earlier air strike in the centre of Misraba",
        "summary": (
            "An air strike hit the centre of Misraba some time before the strike of the same evening "
            "that killed a civil defence worker inspecting the site."
        ),
        "title_ar": "غارة جوية سابقة على وسط بلدة مسرابا",
        "summary_ar": (
            "استهدفت غارة جوية وسط بلدة مسرابا قبل غارة مساء اليوم ذاته التي قتلت أحد عناصر الدفاع "
            "المدني أثناء تفقّده الموقع."
        ),
        "date": date(2018, 1, 3),
        "place": "Misraba",
        "location_detail": "town centre",
        "weapon_detail": "bombing; weapon not stated",
    },
    {
        "code": "INC-2018-00005",
        "title": "Second air strike on central Misraba kills a civil defence worker",
        "summary": (
            "Warplanes believed to be Russian fired missiles into the centre of Misraba while Basem "
            "al Fadli of civil defence centre 270 was inspecting the site of an earlier strike. He "
            "was among the victims of what SNHR counts as a massacre."
        ),
        "title_ar": "غارة جوية ثانية على وسط مسرابا تقتل أحد عناصر الدفاع المدني",
        "summary_ar": (
            "أطلقت طائرات حربية يُعتقد أنها روسية صواريخ على وسط بلدة مسرابا أثناء تفقّد باسم الفضلي، "
            "من مركز الدفاع المدني 270، موقعَ غارة سابقة. وكان من بين ضحايا ما تعدّه الشبكة السورية "
            "لحقوق الإنسان مجزرة."
        ),
        "date": date(2018, 1, 3),
        "time": time(19, 30),
        "time_approximate": True,
        "place": "Misraba",
        "location_detail": "town centre",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "missiles",
        "killed_count": 5,
        "internal_notes": MASSACRE_NOTE,
        "follow_up_of": "INC-2018-00004",
        "attributions": [BELIEVED_RUSSIAN],
    },
    {
        "code": "INC-2018-00006",
        "title": "Missiles strike in front of al Quds Hospital and al Balsam clinics, Hamouriya",
        "summary": (
            "Syrian regime warplanes fired four missiles at once near al Quds Hospital. One fell in "
            "front of the hospital, which has an intensive care unit and a maternity wing, and "
            "another in front of the al Balsam clinical complex. Staff and patients were unhurt, but "
            "patients and premature babies had to be moved elsewhere and both facilities stopped "
            "working. SNHR reports a massacre in the same attack."
        ),
        "title_ar": "صواريخ تسقط أمام مشفى القدس وعيادات البلسم في حمورية",
        "summary_ar": (
            "أطلق طيران النظام السوري الحربي أربعة صواريخ دفعة واحدة قرب مشفى القدس، سقط أحدها أمام "
            "المشفى الذي يضم قسماً للعناية المركزة وقسماً للتوليد، وسقط آخر أمام مجمع البلسم "
            "للعيادات. لم يُصب أحد من الكوادر أو المرضى، لكن اضطُرّ إلى نقل المرضى والأطفال الخُدّج "
            "إلى منشآت أخرى، وخرجت المنشأتان عن الخدمة. وتفيد الشبكة السورية لحقوق الإنسان بوقوع "
            "مجزرة في الهجوم ذاته."
        ),
        "date": date(2018, 1, 6),
        "time": time(14, 0),
        "time_approximate": True,
        "place": "Hamouriya",
        "location_detail": "near al Quds Hospital",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "four missiles fired at once",
        "area_controlled_by": "armed-opposition",
        "killed_count": 5,
        "internal_notes": MASSACRE_NOTE,
        "attributions": [REGIME_AIRCRAFT],
        "attacks": [
            {
                "facility": "FAC-000009",
                "damage": "moderate",
                "proximity": "in_front",
                "service_impact": "temporarily_out",
            },
            {
                "facility": "FAC-000010",
                "damage": "heavy",
                "proximity": "in_front",
                "service_impact": "out_of_service",
            },
        ],
        "witnesses": [
            {
                "alias": "Dr. Majd Dalati",
                "witness_role": "SNHR researcher who visited both facilities after the strike",
                "relation": "researcher",
                "contact_method": "facebook",
                "interviewed_on": date(2018, 1, 9),
                "statement": (
                    "Four missiles came down together. One landed in front of the al Balsam "
                    "building with its clinics and one in front of al Quds Hospital. Partition "
                    "walls between the clinics fell and medical equipment was damaged. Nobody on "
                    "the staff or among the patients was hurt; the patients and premature babies "
                    "were moved to other facilities, and neither facility was working afterwards."
                ),
            }
        ],
    },
    {
        "code": "INC-2018-00007",
        "title": "Air strike destroys the only medical centre in Madyara",
        "summary": (
            "A warplane of the Syrian regime or of Russia (SNHR was still investigating which) fired "
            "a missile near the village's only medical centre, run by the Unified Medical Office. "
            "The building and its equipment were badly damaged and the centre stopped working; the "
            "office condemned the attack in a statement."
        ),
        "title_ar": "غارة جوية تدمّر المركز الطبي الوحيد في مديرا",
        "summary_ar": (
            "أطلقت طائرة حربية تابعة للنظام السوري أو لروسيا (كانت الشبكة السورية لحقوق الإنسان لا "
            "تزال تحقق في أيّهما) صاروخاً قرب المركز الطبي الوحيد في القرية، الذي يديره المكتب الطبي "
            "الموحد. لحقت أضرار مادية كبيرة ببناء المركز وتجهيزاته وخرج عن الخدمة، وأدان المكتب "
            "الهجوم في بيان."
        ),
        "date": date(2018, 1, 6),
        "time": time(14, 0),
        "time_approximate": True,
        "place": "Madyara",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "a missile",
        "area_controlled_by": "armed-opposition",
        "sources": ["umo-madyara"],
        "attributions": [
            {
                "perpetrator": "syrian-or-russian-forces",
                "certainty": "confirmed",
                "basis": "aircraft_observation",
                "note": "Fixed-wing warplanes, Syrian or Russian; investigations still ongoing",
            }
        ],
        "attacks": [
            {
                "facility": "FAC-000011",
                "damage": "heavy",
                "proximity": "near",
                "service_impact": "out_of_service",
            }
        ],
    },
    {
        "code": "INC-2018-00008",
        "title": "Air strike east of Jarjanaz kills an emergency doctor and his relatives",
        "summary": (
            "Warplanes believed to be Russian fired missiles at Mazra'at al Fa'loul, east of "
            "Jarjanaz. Dr. Ahmad al Shehada, an emergency doctor, was killed together with several "
            "members of his family."
        ),
        "title_ar": "غارة جوية شرق جرجناز تقتل طبيب إسعاف وأقاربه",
        "summary_ar": (
            "أطلقت طائرات حربية يُعتقد أنها روسية صواريخ على مزرعة الفاعول شرق بلدة جرجناز، ما أدى "
            "إلى مقتل طبيب الإسعاف الدكتور أحمد الشحادة مع عدد من أفراد عائلته."
        ),
        "date": date(2018, 1, 7),
        "place": "Jarjanaz",
        "location_detail": "Mazra'at al Fa'loul, east of the town",
        "geo_precision": "near",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "missiles",
        "killed_count": 3,
        "internal_notes": "Killed count: the doctor and at least two relatives (the report says several).",
        "attributions": [BELIEVED_RUSSIAN],
    },
    {
        "code": "INC-2018-00009",
        "title": "Bombing outside al Salam Medical and Charity Center, Idleb",
        "summary": (
            "An explosion in front of the building housing al Salam Medical and Charity Center on "
            "the south-western edge of Idleb city killed several people. The centre and its "
            "equipment were badly damaged and it stopped working. The group responsible was not "
            "identified; the report notes that another floor of the building served as a base for "
            "Ajnad al Qouqaz."
        ),
        "title_ar": "تفجير أمام مركز السلام الطبي الخيري في إدلب",
        "summary_ar": (
            "وقع انفجار أمام البناء الذي يضم مركز السلام الطبي الخيري على الأطراف الجنوبية الغربية "
            "لمدينة إدلب، وأسفر عن مقتل عدد من الأشخاص. لحقت أضرار مادية كبيرة بالمركز وتجهيزاته وخرج "
            "عن الخدمة. لم تُحدَّد الجهة المسؤولة عن التفجير، ويشير التقرير إلى أن طابقاً آخر من "
            "البناء كان مقراً لفصيل أجناد القوقاز."
        ),
        "date": date(2018, 1, 7),
        "time": time(18, 30),
        "time_approximate": True,
        "place": "Idleb",
        "location_detail": "al Thlatheen Street, south-western outskirts",
        "attack_type": "heavy_weapons",
        "weapon": "unknown",
        "weapon_detail": "explosion in front of the building; device not identified",
        "area_controlled_by": "hts",
        "killed_count": 5,
        "internal_notes": MASSACRE_NOTE,
        "attributions": [UNIDENTIFIED],
        "attacks": [
            {
                "facility": "FAC-000013",
                "damage": "heavy",
                "proximity": "in_front",
                "service_impact": "out_of_service",
            }
        ],
    },
    {
        "code": "INC-2018-00010",
        "title": "Shelling near al Zahraa (Maternity) Hospital, Saqba",
        "summary": (
            "Syrian regime artillery shelled the centre of Saqba; a shell fell by al Zahraa Hospital "
            "and slightly damaged the building. A photographer there says about three shells "
            "landed, one of them in the market street, where paramedics pulled a shopkeeper out of "
            "his shop."
        ),
        "title_ar": "قصف قرب مشفى الزهراء (مشفى التوليد) في سقبا",
        "summary_ar": (
            "قصفت مدفعية قوات النظام السوري وسط مدينة سقبا، فسقطت قذيفة بجانب مشفى الزهراء وألحقت "
            "أضراراً مادية طفيفة ببنائه. ويقول مصوّر كان في المكان إن نحو ثلاث قذائف سقطت، إحداها في "
            "شارع السوق، حيث أخرج المسعفون صاحب محل من محله."
        ),
        "date": date(2018, 1, 8),
        "place": "Saqba",
        "location_detail": "city centre",
        "attack_type": "heavy_weapons",
        "weapon": "artillery",
        "weapon_detail": "a shell (about three, according to a witness)",
        "area_controlled_by": "armed-opposition",
        "attributions": [{**REGIME_GROUND, "basis": "eyewitness"}],
        "attacks": [{"facility": "FAC-000012", "damage": "slight", "proximity": "near"}],
        "witnesses": [
            {
                "alias": "Msallam Abdul Basit",
                "witness_role": "photographer in Saqba",
                "relation": "eyewitness",
                "contact_method": "facebook",
                "interviewed_on": date(2018, 1, 9),
                "statement": (
                    "About three shells fell close to where he stood. One struck the building that "
                    "houses al Zahraa Hospital and did light damage; another fell in the market on "
                    "the main street between al Mahata and al Jam'iya squares. When he got there he "
                    "saw paramedics getting a shopkeeper out of his shop after a shell exploded in "
                    "front of it. Apart from shop fronts, the damage was limited."
                ),
            }
        ],
    },
    {
        "code": "INC-2018-00011",
        "title": "Explosive device by the civil defence centre in al Dana",
        "summary": (
            "An improvised explosive device went off near the civil defence centre beside the "
            "Sharia Court on the southern edge of al Dana, lightly damaging its cladding. The group "
            "behind it was not identified."
        ),
        "title_ar": "عبوة ناسفة قرب مركز الدفاع المدني في الدانا",
        "summary_ar": (
            "انفجرت عبوة ناسفة قرب مركز الدفاع المدني المجاور للمحكمة الشرعية على الأطراف الجنوبية "
            "لمدينة الدانا، ما ألحق أضراراً مادية طفيفة بإكساء المركز. لم تُحدَّد الجهة التي تقف "
            "وراءها."
        ),
        "date": date(2018, 1, 8),
        "place": "al Dana",
        "location_detail": "southern outskirts, next to the Sharia Court",
        "attack_type": "heavy_weapons",
        "weapon": "ied",
        "weapon_detail": "an improvised explosive device",
        "area_controlled_by": "hts",
        "attributions": [UNIDENTIFIED],
        "attacks": [{"facility": "FAC-000014", "damage": "slight", "proximity": "near"}],
    },
    {
        "code": "INC-2018-00012",
        "title": "Missiles hit civil defence centre 3332 in al Latamena",
        "summary": (
            "At midday warplanes believed to be Russian fired two missiles at civil defence centre "
            "3332. A civil defence worker was injured, the building and its equipment were partly "
            "destroyed and one of the centre's ambulances was badly damaged; neither the centre nor "
            "the ambulance could work afterwards."
        ),
        "title_ar": "صواريخ تصيب مركز الدفاع المدني 3332 في اللطامنة",
        "summary_ar": (
            "ظهراً، أطلقت طائرات حربية يُعتقد أنها روسية صاروخين على مركز الدفاع المدني 3332، ما أدى "
            "إلى إصابة أحد عناصر الدفاع المدني، ودمار جزئي في بناء المركز وتجهيزاته، وأضرار مادية "
            "كبيرة في إحدى سيارات الإسعاف التابعة له؛ وخرج المركز والسيارة عن الخدمة."
        ),
        "date": date(2018, 1, 10),
        "time": time(12, 0),
        "time_approximate": True,
        "place": "al Latamena",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "two missiles",
        "area_controlled_by": "armed-opposition",
        "injured_count": 1,
        "attributions": [BELIEVED_RUSSIAN],
        "attacks": [
            {
                "facility": "FAC-000015",
                "damage": "partially_destroyed",
                "proximity": "direct_hit",
                "service_impact": "out_of_service",
            },
            {
                "facility": "FAC-000016",
                "damage": "heavy",
                "proximity": "direct_hit",
                "service_impact": "out_of_service",
            },
        ],
    },
    {
        "code": "INC-2018-00013",
        "title": "Air strike in al Shamali neighbourhood kills an al Salam Hospital ambulance driver",
        "summary": (
            "Syrian regime warplanes fired missiles at the guest house of Dr. Firas al Jundi, health "
            "minister of the Syrian Interim Government, in Ma'arat al Nu'man. The missiles fell near "
            "an ambulance of al Salam Hospital: its driver, Hosam al Mandil, was killed and the "
            "ambulance was wrecked."
        ),
        "title_ar": "غارة جوية على الحي الشمالي تقتل سائق سيارة إسعاف في مشفى السلام",
        "summary_ar": (
            "أطلق طيران النظام السوري الحربي صواريخ على مضافة الدكتور فراس الجندي، وزير الصحة في "
            "الحكومة السورية المؤقتة، في مدينة معرة النعمان. سقطت الصواريخ قرب سيارة إسعاف تابعة "
            "لمشفى السلام، فقُتل سائقها حسام المنديل وتحطّمت السيارة."
        ),
        "date": date(2018, 1, 11),
        "place": "Ma'arat al Nu'man",
        "location_detail": "al Shamali neighbourhood, near the guest house of Dr. Firas al Jundi",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "several missiles",
        "area_controlled_by": "armed-opposition-and-hts",
        "killed_count": 1,
        "attributions": [REGIME_AIRCRAFT],
        "attacks": [
            {
                "facility": "FAC-000003",
                "damage": "heavy",
                "proximity": "near",
                "service_impact": "out_of_service",
            }
        ],
    },
    {
        "code": "INC-2018-00014",
        "title": "Regime air strike damages the Saraqeb civil defence centre",
        "summary": (
            "Syrian regime warplanes fired missiles at the civil defence centre in the middle of "
            "Saraqeb and damaged it; it was hit again on 20 January."
        ),
        "title_ar": "غارة جوية لقوات النظام تُلحق أضراراً بمركز الدفاع المدني في سراقب",
        "summary_ar": (
            "أطلق طيران النظام السوري الحربي صواريخ على مركز الدفاع المدني وسط مدينة سراقب وألحق به "
            "أضراراً، ثم استُهدف المركز مجدداً في 20 كانون الثاني."
        ),
        "date": date(2018, 1, 11),
        "place": "Saraqeb",
        "location_detail": "city centre",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "missiles",
        "internal_notes": "Known only from the report's account of the strike of 20 January.",
        "attributions": [REGIME_AIRCRAFT],
        "attacks": [{"facility": "FAC-000017"}],
    },
    {
        "code": "INC-2018-00015",
        "title": "Missiles on houses in Khan al Sebel kill a medical student",
        "summary": (
            "Warplanes believed to be Russian fired several missiles at houses near the "
            "Aleppo-Damascus highway in the middle of Khan al Sebel. SNHR counts a massacre; among "
            "the dead was Shu'a al Mohammad, a student of the Medical Institute of Free Idlib "
            "University who had been displaced to the village."
        ),
        "title_ar": "صواريخ على منازل في خان السبل تقتل طالبة طب",
        "summary_ar": (
            "أطلقت طائرات حربية يُعتقد أنها روسية عدة صواريخ على منازل قرب الطريق الدولي حلب - دمشق "
            "وسط قرية خان السبل. وتعدّ الشبكة السورية لحقوق الإنسان الحادثة مجزرة؛ وكان من بين القتلى "
            "شعاع المحمد، الطالبة في المعهد الطبي التابع لجامعة إدلب الحرة، التي كانت قد نزحت إلى "
            "القرية."
        ),
        "date": date(2018, 1, 12),
        "place": "Khan al Sebel",
        "location_detail": "houses by the Aleppo-Damascus highway, village centre",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "several missiles",
        "killed_count": 5,
        "internal_notes": MASSACRE_NOTE,
        "attributions": [BELIEVED_RUSSIAN],
    },
    {
        "code": "INC-2018-00016",
        "title": "ISIS rocket fire on al Se'in kills a children's dentist",
        "summary": (
            "ISIS fired rockets at the town of al Se'in in eastern Hama; Suzan Fattoum, a dentist "
            "who treated children, was killed."
        ),
        "title_ar": "قصف صاروخي لتنظيم داعش على السعن يقتل طبيبة أسنان أطفال",
        "summary_ar": (
            "أطلق تنظيم داعش صواريخ على بلدة السعن في ريف حماة الشرقي، ما أدى إلى مقتل سوزان فطوم، "
            "طبيبة الأسنان التي كانت تعالج الأطفال."
        ),
        "date": date(2018, 1, 16),
        "place": "al Se'in",
        "attack_type": "heavy_weapons",
        "weapon": "rocket",
        "weapon_detail": "rocket launchers",
        "killed_count": 1,
        "attributions": [{"perpetrator": "isis", "certainty": "confirmed", "note": "ISIS rocket launchers"}],
    },
    {
        "code": "INC-2018-00017",
        "title": "Shell hits the women's dormitory of the Azaz mental hospital",
        "summary": (
            "A shell fired by Self-Management forces' artillery in Afrin struck the mental hospital "
            "in Azaz, which cares for about 200 people. It came through the roof of the women's "
            "dormitory: part of the building was destroyed and its cladding and furniture damaged. "
            "A media activist counted twelve injured women, one of whom died the next day in a "
            "hospital in Turkey."
        ),
        "title_ar": "قذيفة تصيب مهجع النساء في مشفى الأمراض العقلية في اعزاز",
        "summary_ar": (
            "أصابت قذيفة أطلقتها مدفعية قوات الإدارة الذاتية المتمركزة في عفرين مشفى الأمراض العقلية "
            "في مدينة اعزاز، الذي يرعى نحو 200 شخص. اخترقت القذيفة سقف مهجع النساء، فدُمّر جزء من "
            "البناء ولحقت أضرار بإكسائه وأثاثه. وأحصى ناشط إعلامي اثنتي عشرة امرأة مصابة، توفيت "
            "إحداهن في اليوم التالي في مشفى في تركيا."
        ),
        "date": date(2018, 1, 19),
        "time": time(1, 0),
        "time_approximate": True,
        "place": "Azaz",
        "attack_type": "heavy_weapons",
        "weapon": "artillery",
        "weapon_detail": "a shell, from artillery positioned in Afrin city",
        "area_controlled_by": "armed-opposition",
        "killed_count": 1,
        "injured_count": 11,
        "internal_notes": (
            "Counts from the witness: twelve injured, one of whom died the next day. The report's "
            "photo caption dates the attack 1 January, a slip for 19 January."
        ),
        "attributions": [
            {
                "perpetrator": "self-management-forces",
                "certainty": "confirmed",
                "note": "Artillery stationed in Afrin city",
            }
        ],
        "attacks": [{"facility": "FAC-000019", "damage": "partially_destroyed", "proximity": "direct_hit"}],
        "witnesses": [
            {
                "alias": "Mohammad Hanthal",
                "witness_role": "media activist from the northern Aleppo countryside",
                "relation": "journalist",
                "contact_method": "whatsapp",
                "interviewed_on": date(2018, 1, 24),
                "statement": (
                    "A friend rang to tell him the hospital had been hit and he went straight there. "
                    "He found the place full of smoke, the women's dormitory wrecked and part of the "
                    "roof and furniture destroyed. He counted twelve injured, all women, and later "
                    "heard that one of them died the following day in a Turkish hospital. The "
                    "shells had clearly come down through the dormitory roof."
                ),
            }
        ],
    },
    {
        **FIRST_STRIKE,
        "code": "INC-2018-00018",
        "title": "Earlier shelling of the Douma market",
        "summary": (
            "The market in Douma was shelled shortly before the strike of 11:30 that killed a civil "
            "defence worker helping the people it wounded."
        ),
        "title_ar": "قصف سابق على سوق دوما",
        "summary_ar": (
            "تعرّض السوق في مدينة دوما لقصف قُبيل قصف الساعة 11:30 الذي قتل أحد عناصر الدفاع المدني "
            "أثناء إسعافه الجرحى الذين أصيبوا فيه."
        ),
        "date": date(2018, 1, 20),
        "place": "Douma",
        "location_detail": "local market",
        "weapon_detail": "shelling; weapon not stated",
        "injured_count": 1,
    },
    {
        "code": "INC-2018-00019",
        "title": "Shell by a civil defence ambulance in the Douma market kills a rescuer",
        "summary": (
            "Syrian regime artillery fired a shell at the Douma market while civil defence workers "
            "were helping the wounded of an earlier shelling. It landed near an ambulance of civil "
            "defence centre 200: Mohammad al Bwaydani was killed, a colleague was injured and the "
            "front of the ambulance was damaged."
        ),
        "title_ar": "قذيفة قرب سيارة إسعاف للدفاع المدني في سوق دوما تقتل أحد المنقذين",
        "summary_ar": (
            "أطلقت مدفعية قوات النظام السوري قذيفة على سوق مدينة دوما أثناء إسعاف عناصر الدفاع المدني "
            "جرحى قصف سابق. سقطت القذيفة قرب سيارة إسعاف تابعة لمركز الدفاع المدني 200، فقُتل محمد "
            "البويضاني وأصيب أحد زملائه، ولحقت أضرار بمقدّمة السيارة."
        ),
        "date": date(2018, 1, 20),
        "time": time(11, 30),
        "time_approximate": True,
        "place": "Douma",
        "location_detail": "local market",
        "attack_type": "heavy_weapons",
        "weapon": "artillery",
        "weapon_detail": "a shell",
        "area_controlled_by": "armed-opposition",
        "killed_count": 1,
        "injured_count": 1,
        "follow_up_of": "INC-2018-00018",
        "attributions": [REGIME_GROUND],
        "attacks": [{"facility": "FAC-000006", "damage": "moderate", "proximity": "near"}],
    },
    {
        "code": "INC-2018-00020",
        "title": "Shelling of Hamouriya kills a paramedic of Dar al Shefaa Hospital",
        "summary": (
            "Syrian regime forces shelled Hamouriya; Ahmad Taysir Allam, a paramedic at Dar al "
            "Shefaa Hospital, was killed."
        ),
        "title_ar": "قصف على حمورية يقتل مسعفاً في مشفى دار الشفاء",
        "summary_ar": (
            "قصفت قوات النظام السوري بلدة حمورية، ما أدى إلى مقتل أحمد تيسير علام، المسعف في مشفى دار الشفاء."
        ),
        "date": date(2018, 1, 20),
        "place": "Hamouriya",
        "attack_type": "heavy_weapons",
        "weapon": "artillery",
        "weapon_detail": "several shells",
        "killed_count": 1,
        "attributions": [REGIME_GROUND],
    },
    {
        "code": "INC-2018-00021",
        "title": "Missile puts the Saraqeb civil defence centre out of service",
        "summary": (
            "Nine days after a regime strike on it, the civil defence centre in the middle of "
            "Saraqeb was hit by a missile from a warplane believed to be Russian. Part of the "
            "building was destroyed, its furniture, equipment and an ambulance were badly damaged, "
            "and the centre stopped working."
        ),
        "title_ar": "صاروخ يُخرج مركز الدفاع المدني في سراقب عن الخدمة",
        "summary_ar": (
            "بعد تسعة أيام من غارة لقوات النظام عليه، أصيب مركز الدفاع المدني وسط مدينة سراقب بصاروخ "
            "أطلقته طائرة حربية يُعتقد أنها روسية. دُمّر جزء من البناء، ولحقت أضرار مادية كبيرة بأثاث "
            "المركز وتجهيزاته وبسيارة إسعاف، وخرج المركز عن الخدمة."
        ),
        "date": date(2018, 1, 20),
        "time": time(20, 45),
        "time_approximate": True,
        "place": "Saraqeb",
        "location_detail": "city centre",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "a missile",
        "area_controlled_by": "armed-opposition-and-hts",
        "attributions": [BELIEVED_RUSSIAN],
        "attacks": [
            {
                "facility": "FAC-000017",
                "damage": "partially_destroyed",
                "proximity": "direct_hit",
                "service_impact": "out_of_service",
            },
            {"facility": "FAC-000018", "damage": "heavy"},
        ],
    },
    {
        "code": "INC-2018-00022",
        "title": "Air strike damages Oday Saraqeb (al Ihsan) Hospital",
        "summary": (
            "Warplanes believed to be Russian struck Oday Saraqeb Hospital with missiles and "
            "damaged it; the same hospital was hit again on 29 January."
        ),
        "title_ar": "غارة جوية تُلحق أضراراً بمشفى عدي سراقب (مشفى الإحسان)",
        "summary_ar": (
            "استهدفت طائرات حربية يُعتقد أنها روسية مشفى عدي سراقب بالصواريخ وألحقت به أضراراً، ثم "
            "استُهدف المشفى ذاته مجدداً في 29 كانون الثاني."
        ),
        "date": date(2018, 1, 21),
        "place": "Saraqeb",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "missiles",
        "internal_notes": "Known only from the report's account of the strike of 29 January.",
        "attributions": [BELIEVED_RUSSIAN],
        "attacks": [{"facility": "FAC-000020"}],
    },
    {
        "code": "INC-2018-00023",
        "title": "Turkish mortar shell wrecks a Kurdish Red Crescent ambulance near Jandairis",
        "summary": (
            "At dawn Turkish army artillery fired mortar shells in the Jandairis area of Afrin; one "
            "landed on a Kurdish Red Crescent ambulance parked on a public road, which was badly "
            "damaged and put out of service."
        ),
        "title_ar": "قذيفة هاون تركية تحطّم سيارة إسعاف للهلال الأحمر الكردي قرب جنديرس",
        "summary_ar": (
            "فجراً، أطلقت مدفعية الجيش التركي قذائف هاون على منطقة جنديرس في عفرين، سقطت إحداها على "
            "سيارة إسعاف تابعة للهلال الأحمر الكردي كانت متوقفة على الطريق العام، فلحقت بها أضرار "
            "مادية كبيرة وخرجت عن الخدمة."
        ),
        "date": date(2018, 1, 24),
        "place": "Jandairis",
        "location_detail": "public road",
        "attack_type": "heavy_weapons",
        "weapon": "mortar",
        "weapon_detail": "mortar shells",
        "area_controlled_by": "self-management-forces",
        "attributions": [
            {"perpetrator": "turkish-forces", "certainty": "confirmed", "note": "Turkish army artillery"}
        ],
        "attacks": [
            {
                "facility": "FAC-000022",
                "damage": "heavy",
                "proximity": "direct_hit",
                "service_impact": "out_of_service",
            }
        ],
    },
    {
        "code": "INC-2018-00024",
        "title": "Bomb inside an ambulance outside Shafaq Maternity Hospital, Ma'arat Misreen",
        "summary": (
            "An improvised explosive device hidden in an ambulance parked in front of Shafaq "
            "Maternity Hospital exploded, damaging the ambulance; the hospital building was not "
            "damaged. The group responsible was not identified."
        ),
        "title_ar": "عبوة داخل سيارة إسعاف أمام مشفى شفق للتوليد في معرة مصرين",
        "summary_ar": (
            "انفجرت عبوة ناسفة مخبّأة في سيارة إسعاف متوقفة أمام مشفى شفق للتوليد، ما ألحق أضراراً "
            "بالسيارة، ولم تلحق أضرار ببناء المشفى. لم تُحدَّد الجهة المسؤولة."
        ),
        "date": date(2018, 1, 26),
        "place": "Ma'arat Misreen",
        "location_detail": "in front of Shafaq Maternity Hospital",
        "attack_type": "heavy_weapons",
        "weapon": "ied",
        "weapon_detail": "an improvised explosive device planted in the ambulance",
        "area_controlled_by": "hts",
        "attributions": [UNIDENTIFIED],
        "attacks": [{"facility": "FAC-000023", "damage": "moderate", "proximity": "direct_hit"}],
    },
    {
        **FIRST_STRIKE,
        "code": "INC-2018-00025",
        "title": "Earlier shelling in al Ghanto",
        "summary": (
            "Al Ghanto was shelled shortly before regime anti-aircraft guns fired at the civil "
            "defence ambulance crew treating the wounded."
        ),
        "title_ar": "قصف سابق على الغنطو",
        "summary_ar": (
            "تعرّضت قرية الغنطو لقصف قُبيل إطلاق مضادات الطيران التابعة لقوات النظام النار على طاقم "
            "سيارة إسعاف الدفاع المدني الذي كان يسعف الجرحى."
        ),
        "date": date(2018, 1, 27),
        "place": "al Ghanto",
        "weapon_detail": "shelling; weapon not stated",
        "injured_count": 1,
    },
    {
        "code": "INC-2018-00026",
        "title": "Anti-aircraft fire near a civil defence ambulance in al Ghanto",
        "summary": (
            "Shilka anti-aircraft guns of the Syrian regime forces, positioned in Jbourin, fired "
            "shells that landed near a civil defence ambulance whose crew was treating people "
            "wounded in an earlier shelling. The front of the ambulance was damaged."
        ),
        "title_ar": "نيران مضادات الطيران قرب سيارة إسعاف للدفاع المدني في الغنطو",
        "summary_ar": (
            "أطلقت مضادات الطيران من طراز شيلكا التابعة لقوات النظام السوري، المتمركزة في جبورين، "
            "قذائف سقطت قرب سيارة إسعاف تابعة للدفاع المدني كان طاقمها يسعف جرحى قصف سابق. ولحقت "
            "أضرار بمقدّمة السيارة."
        ),
        "date": date(2018, 1, 27),
        "place": "al Ghanto",
        "attack_type": "heavy_weapons",
        "weapon": "anti_aircraft_gun",
        "weapon_detail": "ZSU-23-4 Shilka self-propelled anti-aircraft guns positioned in Jbourin",
        "area_controlled_by": "armed-opposition",
        "follow_up_of": "INC-2018-00025",
        "attributions": [REGIME_GROUND],
        "attacks": [{"facility": "FAC-000024", "damage": "moderate", "proximity": "near"}],
    },
    {
        "code": "INC-2018-00027",
        "title": "Missile hits the only medical centre in Jezraya",
        "summary": (
            "A Syrian regime warplane fired a missile at the village's only medical centre. One of "
            "its rooms was partly destroyed, its equipment was damaged and the centre stopped "
            "working."
        ),
        "title_ar": "صاروخ يصيب المركز الطبي الوحيد في جزرايا",
        "summary_ar": (
            "أطلقت طائرة حربية تابعة لقوات النظام السوري صاروخاً على المركز الطبي الوحيد في القرية، "
            "فدُمّرت إحدى غرفه جزئياً ولحقت أضرار بتجهيزاته، وخرج المركز عن الخدمة."
        ),
        "date": date(2018, 1, 29),
        "time": time(12, 30),
        "time_approximate": True,
        "place": "Jezraya",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "one missile",
        "area_controlled_by": "armed-opposition",
        "attributions": [REGIME_AIRCRAFT],
        "attacks": [
            {
                "facility": "FAC-000025",
                "damage": "partially_destroyed",
                "proximity": "direct_hit",
                "service_impact": "out_of_service",
            }
        ],
    },
    {
        "code": "INC-2018-00028",
        "title": "Su-25 missiles in front of Oday Saraqeb (al Ihsan) Hospital",
        "summary": (
            "While the hospital was receiving the victims of a massacre in Saraqeb earlier that "
            "day, Su-25 warplanes believed to be Russian fired several missiles in front of it. "
            "There were casualties; the main entrance and one of the hospital's ambulances were "
            "badly damaged. It was the second strike on the hospital in January."
        ),
        "title_ar": "صواريخ طائرات سوخوي 25 أمام مشفى عدي سراقب (مشفى الإحسان)",
        "summary_ar": (
            "بينما كان المشفى يستقبل ضحايا مجزرة وقعت في سراقب في وقت سابق من اليوم ذاته، أطلقت "
            "طائرات حربية من طراز سوخوي 25 يُعتقد أنها روسية عدة صواريخ أمامه. أسفر القصف عن سقوط "
            "ضحايا، ولحقت أضرار مادية كبيرة بالمدخل الرئيسي للمشفى وبإحدى سيارات الإسعاف التابعة له. "
            "وكان هذا الاستهداف الثاني للمشفى في كانون الثاني."
        ),
        "date": date(2018, 1, 29),
        "place": "Saraqeb",
        "location_detail": "al Sharqi neighbourhood",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "Su-25; several missiles",
        "area_controlled_by": "armed-opposition-and-hts",
        "internal_notes": "The report mentions casualties without numbers.",
        "attributions": [{**BELIEVED_RUSSIAN, "note": "Su-25 warplanes we believe were Russian"}],
        "attacks": [
            {"facility": "FAC-000020", "damage": "heavy", "proximity": "in_front"},
            {"facility": "FAC-000021", "damage": "heavy", "proximity": "in_front"},
        ],
    },
    {
        **MAGHARA_UNDATED,
        "code": "INC-2018-00029",
        "title": "First January attack on al Maghara Hospital, Kafr Zita",
        "summary": "The first of three attacks on al Maghara Hospital in January." + MAGHARA_UNDATED_DETAIL,
        "title_ar": "الهجوم الأول في كانون الثاني على مشفى المغارة في كفرزيتا",
        "summary_ar": "أول ثلاثة هجمات على مشفى المغارة في كانون الثاني." + MAGHARA_UNDATED_DETAIL_AR,
    },
    {
        **MAGHARA_UNDATED,
        "code": "INC-2018-00030",
        "title": "Second January attack on al Maghara Hospital, Kafr Zita",
        "summary": "The second of three attacks on al Maghara Hospital in January." + MAGHARA_UNDATED_DETAIL,
        "title_ar": "الهجوم الثاني في كانون الثاني على مشفى المغارة في كفرزيتا",
        "summary_ar": "ثاني ثلاثة هجمات على مشفى المغارة في كانون الثاني." + MAGHARA_UNDATED_DETAIL_AR,
    },
    {
        "code": "INC-2018-00031",
        "title": "Third attack of the month on al Maghara Hospital, Kafr Zita",
        "summary": (
            "A warplane believed to be Russian fired a missile at Martyr Hasan al A'raj Hospital, "
            "known as al Maghara Hospital, run by the Free Hama Health Administration with SAMS "
            "support. Its outer walls were slightly damaged. It was the third strike on the "
            "hospital that month, and SAMS announced on 1 February that it was out of service."
        ),
        "title_ar": "الهجوم الثالث خلال الشهر على مشفى المغارة في كفرزيتا",
        "summary_ar": (
            "أطلقت طائرة حربية يُعتقد أنها روسية صاروخاً على مشفى الشهيد حسن الأعرج، المعروف باسم "
            "مشفى المغارة، الذي تديره مديرية صحة حماة الحرة بدعم من الجمعية الطبية السورية الأمريكية "
            "(سامز). لحقت أضرار مادية طفيفة بجدرانه الخارجية. وكان هذا الاستهداف الثالث للمشفى خلال "
            "الشهر، وأعلنت سامز في 1 شباط خروجه عن الخدمة."
        ),
        "date": date(2018, 1, 30),
        "place": "Kafr Zita",
        "attack_type": "heavy_weapons",
        "weapon": "fixed_wing_aircraft",
        "weapon_detail": "a missile",
        "area_controlled_by": "armed-opposition",
        "sources": ["sams-al-maghara"],
        "attributions": [BELIEVED_RUSSIAN],
        "attacks": [
            {
                "facility": "FAC-000026",
                "damage": "slight",
                "proximity": "direct_hit",
                "service_impact": "out_of_service",
            }
        ],
    },
]

# --- Victims --------------------------------------------------------------------------
# Defaults: harm killed, publish_name true, status published, date_of_harm the incident's.

VICTIMS = [
    {
        "code": "VIC-000001",
        "name": "Saif al Din Sleik",
        "name_ar": "سيف الدين سليك",
        "sex": "male",
        "age": 35,
        "role": "ambulance_driver",
        "affiliation": "FAC-000001",
        "organization": UNIFIED_MEDICAL_OFFICE,
        "hometown": "Douma",
        "incident": "INC-2018-00002",
        "circumstances": (
            "Helping people wounded in an earlier shelling of the market when mortar shells hit it."
        ),
        "circumstances_ar": "كان يسعف جرحى قصف سابق على السوق عندما سقطت عليه قذائف الهاون.",
        "on_duty": True,
        "biography": "Ambulance driver at Rif Dimshaq Specialized Hospital; married, father of three.",
        "biography_ar": "سائق سيارة إسعاف في مشفى ريف دمشق التخصصي؛ متزوج وأب لثلاثة أطفال.",
    },
    {
        "code": "VIC-000002",
        "name": "Mohammad Izzo al Bwaydani",
        "name_ar": "محمد عزو البويضاني",
        "other_names": "Mohammad al Bwaydani",
        "sex": "male",
        "role": "civil_defense",
        "affiliation": "FAC-000005",
        "organization": CIVIL_DEFENCE,
        "hometown": "Douma",
        "incident": "INC-2018-00019",
        "circumstances": (
            "Helping the wounded of an earlier shelling in the market when a shell landed by his "
            "centre's ambulance."
        ),
        "circumstances_ar": (
            "كان يسعف جرحى قصف سابق في السوق عندما سقطت قذيفة بجانب سيارة الإسعاف التابعة لمركزه."
        ),
        "on_duty": True,
        "biography": "Member of civil defence centre 200 in Douma.",
        "biography_ar": "عنصر في مركز الدفاع المدني 200 في مدينة دوما.",
    },
    {
        "code": "VIC-000003",
        "name": "Hosam al Mandil",
        "name_ar": "حسام المنديل",
        "sex": "male",
        "role": "ambulance_driver",
        "affiliation": "FAC-000002",
        "hometown": "Ma'arat al Nu'man",
        "incident": "INC-2018-00013",
        "circumstances": "Missiles fell near his ambulance in al Shamali neighbourhood.",
        "circumstances_ar": "سقطت صواريخ قرب سيارة الإسعاف التي كان يقودها في الحي الشمالي.",
        "on_duty": True,
        "biography": "Ambulance driver for al Salam Hospital in Ma'arat al Nu'man.",
        "biography_ar": "سائق سيارة إسعاف في مشفى السلام في مدينة معرة النعمان.",
    },
    {
        "code": "VIC-000004",
        "name": "Ahmad Taysir Allam",
        "name_ar": "أحمد تيسير علام",
        "other_names": "Ahmad Allam",
        "sex": "male",
        "age": 33,
        "role": "paramedic",
        "affiliation": "FAC-000004",
        "hometown": "Hamouriya",
        "incident": "INC-2018-00020",
        "circumstances": "Killed when regime artillery shelled Hamouriya.",
        "circumstances_ar": "قُتل عندما قصفت مدفعية قوات النظام بلدة حمورية.",
        "biography": "Born in 1984; paramedic at Dar al Shefaa Hospital; married, father of two.",
        "biography_ar": "من مواليد عام 1984؛ مسعف في مشفى دار الشفاء؛ متزوج وأب لطفلين.",
    },
    {
        "code": "VIC-000005",
        "name": "Basem al Fadli",
        "name_ar": "باسم الفضلي",
        "sex": "male",
        "role": "civil_defense",
        "affiliation": "FAC-000007",
        "organization": CIVIL_DEFENCE,
        "hometown": "al Rayhan",
        "incident": "INC-2018-00005",
        "circumstances": "Inspecting the site of an earlier air strike when the warplanes struck again.",
        "circumstances_ar": "كان يتفقّد موقع غارة جوية سابقة عندما عاود الطيران الحربي القصف.",
        "on_duty": True,
        "biography": "Member of civil defence centre 270 in Misraba.",
        "biography_ar": "عنصر في مركز الدفاع المدني 270 في بلدة مسرابا.",
    },
    {
        "code": "VIC-000006",
        "name": "Ahmad Abdul Karim al Shehada",
        "name_ar": "أحمد عبد الكريم الشحادة",
        "other_names": "Ahmad al Shehada",
        "sex": "male",
        "role": "doctor",
        "affiliation": "FAC-000008",
        "hometown": "Jarjanaz",
        "incident": "INC-2018-00008",
        "circumstances": "Killed with several relatives when missiles hit Mazra'at al Fa'loul.",
        "circumstances_ar": "قُتل مع عدد من أقاربه عندما أصابت صواريخ مزرعة الفاعول.",
        "biography": (
            "General practitioner working as an emergency doctor at the al Ghadfa hospital; "
            "married and a father."
        ),
        "biography_ar": "طبيب عام يعمل طبيباً في قسم الإسعاف في مشفى الغدفة؛ متزوج وأب.",
    },
    {
        "code": "VIC-000007",
        "name": "Shu'a Qasem al Mohammad",
        "name_ar": "شعاع قاسم المحمد",
        "other_names": "Shu'a al Mohammad",
        "sex": "female",
        "age": 21,
        "role": "medical_student",
        "organization": "Medical Institute, Free Idlib University",
        "hometown": "Um Mwyelat al Qabali",
        "incident": "INC-2018-00015",
        "circumstances": (
            "Killed in Khan al Sebel, where she had taken refuge, when missiles hit nearby houses."
        ),
        "circumstances_ar": (
            "قُتلت في قرية خان السبل، التي كانت قد لجأت إليها، عندما أصابت صواريخ منازل قريبة."
        ),
        "biography": (
            "Born in 1996; student at the Medical Institute of Free Idlib University; displaced "
            "from her village near Sinjar to Khan al Sebel."
        ),
        "biography_ar": (
            "من مواليد عام 1996؛ طالبة في المعهد الطبي التابع لجامعة إدلب الحرة؛ نزحت من قريتها قرب "
            "سنجار إلى خان السبل."
        ),
    },
    {
        "code": "VIC-000008",
        "name": "Suzan Fattoum",
        "name_ar": "سوزان فطوم",
        "sex": "female",
        "age": 29,
        "role": "dentist",
        "incident": "INC-2018-00016",
        "circumstances": "Killed when ISIS rockets hit al Se'in.",
        "circumstances_ar": "قُتلت عندما أصابت صواريخ تنظيم داعش بلدة السعن.",
        "biography": (
            "Children's dentist; graduated from the Faculty of Dentistry of Tishreen University, Latakia."
        ),
        "biography_ar": "طبيبة أسنان أطفال؛ تخرّجت في كلية طب الأسنان بجامعة تشرين في اللاذقية.",
    },
]
