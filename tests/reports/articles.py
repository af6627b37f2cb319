"""An independent data set built from the figures the seed articles quote (issue #14).

Every record is written to a file in the interchange format (interfaces.md, "Spreadsheet
interchange") and entered through ``manage.py import``, as a documenter would enter them. The
records are laid out in time windows so that each article's period holds exactly what its
figures need, and around them lie records that must not count: drafts, rumours, duplicates,
records a day outside each period, injured people among the killed, a second attack on the same
facility, a party's claim that was later corrected (a secondary attribution), barrel bombs on
another governorate.

Windows (2019 unless said):

- 1 March 2013 to 25 April 2019, outside January 2018: civil defence workers killed (no incident:
  each names its own party), for "229 since March 2013";
- January 2018 (seed 002, the monthly report): personnel killed and 45 attacks;
- March 2019 (seed 004): the regime's strikes and the people killed;
- A = 26 April to 15 May (seed 001, the report "since April 26" published on Wednesday 15 May);
- B = 16 May to 26 June, K = 27 June (Kafranbel hospital, the 30th medical facility),
  M = 28 June (the barrel bombs on Mhambil), C = 29 June (seed 003, Saturday 29 June);
- D = 30 June to 3 July (seed 000, published after seed 003: "at least 550 civilians").

The articles give no dates for their periods; taken here: seed 001's report was published on
Wednesday 15 May 2019 and counts from 26 April; seed 003 is of Saturday 29 June 2019 ("two
months ago", Kafranbel hospital "last Thursday", Mhambil "on Friday"); seed 000 came after it
(it quotes "at least 550" civilians where seed 003 has 544), taken as 3 July 2019.

``FIGURES`` lists what the articles quote with the period, table and rows that give it. How the
articles' words are read:

- "civilians": report class ``civilian``; medical and civil defence personnel have their own
  classes (seed 002 counts them by class);
- "2,117 injured", "more than 2,100": ``casualties`` (the incidents' injured counts: injured
  people are seldom recorded by name); the 22 rescuers wounded are named: ``victims_injured``;
- "air strikes": ``munitions`` of ``fixed_wing_aircraft``; "ground attacks": of the weapons
  fired from the ground (``GROUND_WEAPONS``); "188 barrel bombs on Idlib": ``barrel_bomb``,
  governorate SY07; "attacked ... 6,422 [times]": the regime's munitions of every weapon;
- "nine on civil defense centers": attacks on the category ``civil_defense`` (centres and their
  vehicles, as "82 attacks on vital civilian centres" counts categories); "eight centres struck"
  and "23 ambulances and other vehicles": distinct facilities of the kinds
  ``civil_defense_center`` and ``civil_defense_vehicle``; "31 ... centers and vehicles": of the
  category; "the 30th facility to be bombed": distinct medical facilities from 26 April to the
  day of the strike (29 to the day before);
- "killed in the past month" (seed 004, 12 April): casualties of March 2019;
- "at least", "more than": a lower bound. Not counted: "almost 400 attacks since March 2013"
  (no such records here), displacement figures (not in the report).
"""

import csv
import datetime
import itertools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command

D = datetime.date
DAY = datetime.timedelta(days=1)

# --- periods ---------------------------------------------------------------------------------

CAMPAIGN = D(2019, 4, 26)  # "since 26 April": Russian jets joined the offensive
SEED_001_END = D(2019, 5, 15)  # the Wednesday the report was published
KAFRANBEL_DAY = D(2019, 6, 27)  # "last Thursday", seed 003
MHAMBIL_DAY = D(2019, 6, 28)  # "on Friday", seed 003
SEED_003_END = D(2019, 6, 29)  # Saturday, seed 003
SEED_000_END = D(2019, 7, 3)  # seed 000, after seed 003
SINCE_MARCH_2013 = D(2013, 3, 1)


def period(first: D, last: D, governorate: str = "") -> dict:
    """The report's query parameters for ``first``..``last``."""
    params = {"date_after": first.isoformat(), "date_before": last.isoformat()}
    if governorate:
        params["governorate"] = governorate
    return params


P001 = period(CAMPAIGN, SEED_001_END)
P001_IDLEB = period(CAMPAIGN, SEED_001_END, "SY07")
P003 = period(CAMPAIGN, SEED_003_END)
P000_CAMPAIGN = period(CAMPAIGN, SEED_000_END)
P000_SINCE_2013 = period(SINCE_MARCH_2013, SEED_000_END)
P002_JANUARY = period(D(2018, 1, 1), D(2018, 1, 31))
P004_MARCH = period(D(2019, 3, 1), D(2019, 3, 31))

#: Every period an article speaks of (the page, XLSX and CSV must agree on each).
PERIODS = {
    "seed 001 (26 April to 15 May 2019)": P001,
    "seed 001, Idleb": P001_IDLEB,
    "seed 003 (26 April to 29 June 2019)": P003,
    "seed 003, to Kafranbel": period(CAMPAIGN, KAFRANBEL_DAY),
    "seed 003, Mhambil": period(MHAMBIL_DAY, MHAMBIL_DAY),
    "seed 000 (26 April to 3 July 2019)": P000_CAMPAIGN,
    "seed 000 (March 2013 to 3 July 2019)": P000_SINCE_2013,
    "seed 000, 19 June 2019": period(D(2019, 6, 19), D(2019, 6, 19)),
    "seed 002 (January 2018)": P002_JANUARY,
    "seed 004 (March 2019)": P004_MARCH,
}

# --- what the figures count --------------------------------------------------------------------

#: "Ground attacks": the weapons fired from the ground.
GROUND_WEAPONS = ("artillery", "rocket", "mortar", "anti_aircraft_gun")
REGIME, RUSSIA, EITHER = "syrian-regime", "russian-forces", "syrian-or-russian-forces"
ISIS, SDF, OTHERS = "isis", "syrian-democratic-forces", "other-parties"
SELF_MANAGEMENT = "self-management-forces"


def is_woman(row) -> bool:
    """A female victim of 18 or over, or of unknown age (domain.md)."""
    return row["sex"] == "female" and row["age_group"] in ("adult", "unknown")


def is_child(row) -> bool:
    return row["age_group"] == "child"


@dataclass(frozen=True)
class Figure:
    """A number an article quotes, and the rows of the tidy download that give it."""

    seed: str
    words: str  # the article's words
    params: dict  # the report's period (and governorate)
    table: str
    expected: int
    party: str = ""  # the party with its sub-parties (``parent_perpetrator``); "" for every party
    category: tuple = ()  # report classes, facility categories, weapons or killed/injured
    kind: tuple = ()
    person: object = None  # is_woman or is_child
    at_least: bool = False  # "at least 550": the article rounds

    def matches(self, row) -> bool:
        return (
            row["table"] == self.table
            and (not self.party or self.party in (row["perpetrator"], row["parent_perpetrator"]))
            and (not self.category or row["category"] in self.category)
            and (not self.kind or row["kind"] in self.kind)
            and (self.person is None or self.person(row))
        )

    def count(self, rows) -> int:
        return sum(row["count"] for row in rows if self.matches(row))

    def holds(self, n: int) -> bool:
        return n >= self.expected if self.at_least else n == self.expected


def figure(seed, words, params, table, expected, **where) -> Figure:
    for key in ("category", "kind"):
        if isinstance(where.get(key), str):
            where[key] = (where[key],)
    return Figure(seed, words, params, table, expected, **where)


KILLED, INJURED, ATTACKS = "victims_killed", "victims_injured", "attacks"
FACILITIES, MUNITIONS, CASUALTIES = "facilities_attacked", "munitions", "casualties"

#: "Civilians": people of the report class ``civilian`` (patients, teachers, students and other
#: civilians); medical and civil defence personnel are counted in their own classes.
FIGURES = [
    # seed 001: Enab Baladi / Syrian Coalition, the SNHR report of Wednesday 15 May 2019
    figure("001", "killed at least 108 civilians", P001, KILLED, 108, category="civilian"),
    figure("001", "71 were killed by the Assad regime", P001, KILLED, 71, party=REGIME, category="civilian"),
    figure("001", "(regime) including 12 children", P001, KILLED, 12, party=REGIME, category="civilian",
           person=is_child),
    figure("001", "(regime) and 18 women", P001, KILLED, 18, party=REGIME, category="civilian",
           person=is_woman),
    figure("001", "37 civilians ... killed in attacks by the Russian forces", P001, KILLED, 37, party=RUSSIA,
           category="civilian"),
    figure("001", "(Russian forces) including 14 children", P001, KILLED, 14, party=RUSSIA,
           category="civilian", person=is_child),
    figure("001", "(Russian forces) and six women", P001, KILLED, 6, party=RUSSIA, category="civilian",
           person=is_woman),
    figure("001", "at least 82 attacks on vital civilian centers", P001, ATTACKS, 82),
    figure("001", "28 attacks on schools", P001, ATTACKS, 28, category="education"),
    figure("001", "11 on places of worship", P001, ATTACKS, 11, category="worship"),
    figure("001", "18 on medical facilities", P001, ATTACKS, 18, category="medical"),
    figure("001", "nine on civil defense centers", P001, ATTACKS, 9, category="civil_defense"),
    figure("001", "The Assad regime was responsible for 42 attacks", P001, ATTACKS, 42, party=REGIME),
    figure("001", "Russian forces were responsible for 40 others", P001, ATTACKS, 40, party=RUSSIA),
    figure("001", "at least 1,068 airstrikes", P001, MUNITIONS, 1068, category="fixed_wing_aircraft"),
    figure("001", "496 of which were carried out by the Assad air force", P001, MUNITIONS, 496, party=REGIME,
           category="fixed_wing_aircraft"),
    figure("001", "572 others by the Russian forces", P001, MUNITIONS, 572, party=RUSSIA,
           category="fixed_wing_aircraft"),
    figure("001", "no fewer than 132 ground attacks", P001, MUNITIONS, 132, category=GROUND_WEAPONS),
    figure("001", "one attack in which the Russian forces used cluster munitions", P001, MUNITIONS, 1,
           category="cluster_munition"),
    figure("001", "(cluster munitions) the Russian forces", P001, MUNITIONS, 1, party=RUSSIA,
           category="cluster_munition"),
    figure("001", "helicopters of the Assad regime dropped at least 188 barrel bombs on Idlib province",
           P001_IDLEB, MUNITIONS, 188, party=REGIME, category="barrel_bomb"),
    # seed 003: The National, Saturday 29 June 2019
    figure("003", "At least 544 civilians have been killed", P003, KILLED, 544, category="civilian"),
    figure("003", "the 544 civilians killed ... include 130 children", P003, KILLED, 130,
           category="civilian", person=is_child),
    figure("003", "Another 2,117 people have been injured", P003, CASUALTIES, 2117, category="injured"),
    figure("003", "Kafranbel hospital ... the 30th facility to be bombed during the campaign",
           period(CAMPAIGN, KAFRANBEL_DAY), FACILITIES, 30, category="medical"),
    figure("003", "(the 30th: 29 before the strike on Kafranbel hospital)",
           period(CAMPAIGN, KAFRANBEL_DAY - DAY), FACILITIES, 29, category="medical"),
    figure("003", "On Friday, 15 people ... were killed in the village of Mhambil",
           period(MHAMBIL_DAY, MHAMBIL_DAY), CASUALTIES, 15, party=REGIME, category="killed"),
    # seed 000: EA WorldView, on the SNHR report on civil defence (early July 2019)
    figure("000", "the killing of 229 civil defense personnel ... since March 2013", P000_SINCE_2013, KILLED,
           229, category="civil_defense"),
    figure("000", "the Assad regime has killed 159 civil defense personnel", P000_SINCE_2013, KILLED, 159,
           party=REGIME, category="civil_defense"),
    figure("000", "and Russia 38", P000_SINCE_2013, KILLED, 38, party=RUSSIA, category="civil_defense"),
    figure("000", "The Islamic State killed three", P000_SINCE_2013, KILLED, 3, party=ISIS,
           category="civil_defense"),
    figure("000", "the Kurdish-led Syrian Democratic Forces one", P000_SINCE_2013, KILLED, 1, party=SDF,
           category="civil_defense"),
    figure("000", "and \u201cother parties\u201d 28", P000_SINCE_2013, KILLED, 28, party=OTHERS,
           category="civil_defense"),
    figure("000", "the killing of four White Helmets rescuers", P000_CAMPAIGN, KILLED, 4,
           category="civil_defense"),
    figure("000", "and wounding of 22", P000_CAMPAIGN, INJURED, 22, category="civil_defense"),
    figure("000", "struck 31 civil defense centers and vehicles", P000_CAMPAIGN, FACILITIES, 31,
           category="civil_defense"),
    figure("000", "Eight centers were struck", P000_CAMPAIGN, FACILITIES, 8, kind="civil_defense_center"),
    figure("000", "four each by Russian ... warplanes", P000_CAMPAIGN, FACILITIES, 4, party=RUSSIA,
           kind="civil_defense_center"),
    figure("000", "four each by ... regime warplanes", P000_CAMPAIGN, FACILITIES, 4, party=REGIME,
           kind="civil_defense_center"),
    figure("000", "(eight centres struck in nine attacks)", P000_CAMPAIGN, ATTACKS, 9,
           kind="civil_defense_center"),
    figure("000", "23 ambulances and other vehicles were targeted", P000_CAMPAIGN, FACILITIES, 23,
           kind="civil_defense_vehicle"),
    figure("000", "three medics of the Violet Organization were killed by an airstrike on their ambulance",
           period(D(2019, 6, 19), D(2019, 6, 19)), KILLED, 3, category="paramedic"),
    figure("000", "(the airstrike on the Violet ambulance: Syrian or Russian, undetermined)",
           period(D(2019, 6, 19), D(2019, 6, 19)), ATTACKS, 1, party=EITHER, category="ambulance"),
    figure("000", "have killed at least 550 civilians", P000_CAMPAIGN, KILLED, 550, category="civilian",
           at_least=True),
    figure("000", "including more than 130 children", P000_CAMPAIGN, KILLED, 131, category="civilian",
           person=is_child, at_least=True),
    figure("000", "More than 2,100 people have been injured", P000_CAMPAIGN, CASUALTIES, 2101,
           category="injured", at_least=True),
    # seed 002: the SNHR monthly report of January 2018 (executive summary)
    figure("002", "the killing of nine medical personnel and civil defense personnel", P002_JANUARY, KILLED,
           9),
    figure("002", "Syrian regime forces: five", P002_JANUARY, KILLED, 5, party=REGIME),
    figure("002", "(regime) One nurse", P002_JANUARY, KILLED, 1, party=REGIME, category="nurse"),
    figure("002", "(regime) One paramedic", P002_JANUARY, KILLED, 1, party=REGIME, category="paramedic"),
    figure("002", "(regime) One civil defense personnel", P002_JANUARY, KILLED, 1, party=REGIME,
           category="civil_defense"),
    figure("002", "(regime) Two medical personnel", P002_JANUARY, KILLED, 2, party=REGIME,
           category="medical_personnel"),
    figure("002", "Russian forces: three", P002_JANUARY, KILLED, 3, party=RUSSIA),
    figure("002", "(Russian forces) including one woman", P002_JANUARY, KILLED, 1, party=RUSSIA,
           person=is_woman),
    figure("002", "(Russian forces) One doctor", P002_JANUARY, KILLED, 1, party=RUSSIA, category="doctor"),
    figure("002", "(Russian forces) One civil defense personnel", P002_JANUARY, KILLED, 1, party=RUSSIA,
           category="civil_defense"),
    figure("002", "(Russian forces) One medical personnel (a woman)", P002_JANUARY, KILLED, 1, party=RUSSIA,
           category="medical_personnel", person=is_woman),
    figure("002", "ISIS ...: killed one doctor (a woman)", P002_JANUARY, KILLED, 1, party=ISIS,
           category="doctor", person=is_woman),
    figure("002", "Extremist Islamic groups (one)", P002_JANUARY, KILLED, 1, party="extremist-groups"),
    figure("002", "45 attacks on vital medical facilities, civil defense facilities, and Red Crescent "
           "facilities", P002_JANUARY, ATTACKS, 45),
    figure("002", "centered on medical facilities, as 21 attacks were recorded", P002_JANUARY, ATTACKS, 21,
           category="medical"),
    figure("002", "Syrian regime forces: 16 attacks", P002_JANUARY, ATTACKS, 16, party=REGIME),
    figure("002", "(regime) Eight medical facilities", P002_JANUARY, ATTACKS, 8, party=REGIME,
           category="medical"),
    figure("002", "(regime) Two ambulances", P002_JANUARY, ATTACKS, 2, party=REGIME, category="ambulance"),
    figure("002", "(regime) Six civil defense facilities", P002_JANUARY, ATTACKS, 6, party=REGIME,
           category="civil_defense"),
    figure("002", "Russian forces: 20 attacks", P002_JANUARY, ATTACKS, 20, party=RUSSIA),
    figure("002", "(Russian forces) Eight medical facilities", P002_JANUARY, ATTACKS, 8, party=RUSSIA,
           category="medical"),
    figure("002", "(Russian forces) Five ambulances", P002_JANUARY, ATTACKS, 5, party=RUSSIA,
           category="ambulance"),
    figure("002", "(Russian forces) Seven civil defense facilities", P002_JANUARY, ATTACKS, 7, party=RUSSIA,
           category="civil_defense"),
    figure("002", "Self-Management forces ...: Two attacks on medical facilities", P002_JANUARY, ATTACKS, 2,
           party=SELF_MANAGEMENT, category="medical"),
    figure("002", "Other parties: seven attacks", P002_JANUARY, ATTACKS, 7, party=OTHERS),
    figure("002", "(other parties) Three medical facilities", P002_JANUARY, ATTACKS, 3, party=OTHERS,
           category="medical"),
    figure("002", "(other parties) Two ambulances", P002_JANUARY, ATTACKS, 2, party=OTHERS,
           category="ambulance"),
    figure("002", "(other parties) One Red Crescent facility", P002_JANUARY, ATTACKS, 1, party=OTHERS,
           category="red_crescent"),
    figure("002", "(other parties) One civil defense facility", P002_JANUARY, ATTACKS, 1, party=OTHERS,
           category="civil_defense"),
    # seed 004: Middle East Monitor, 12 April 2019, on the White Helmets' count for March
    figure("004", "The Syrian regime attacked the northern opposition-held territories 6,422 [times] in "
           "March", P004_MARCH, MUNITIONS, 6422, party=REGIME),
    figure("004", "At least 135 people are believed to have been killed in the past month", P004_MARCH,
           CASUALTIES, 135, category="killed"),
]  # fmt: skip


# --- the import files ------------------------------------------------------------------------

HEADERS = {
    "places": ["pcode", "name", "name_ar", "level", "parent"],
    "perpetrators": ["code", "name", "name_ar", "kind", "parent", "members"],
    "facilities": ["code", "name", "kind", "identifier", "operator", "parent", "place"],
    "incidents": [
        "code", "title", "summary", "date", "place", "location_detail", "attack_type", "weapon",
        "weapon_detail", "perpetrator", "attribution_certainty", "attribution_basis", "killed_count",
        "injured_count", "certainty", "status",
    ],
    "corrections": ["code", "perpetrator", "attribution_certainty", "attribution_basis"],
    "attacks": ["incident", "facility", "damage", "proximity", "service_impact"],
    "victims": [
        "code", "name", "sex", "age", "role", "organization", "harm", "incident", "date_of_harm",
        "perpetrator", "circumstances", "on_duty", "publish_name", "status", "duplicate_of",
    ],
    "munitions": ["incident", "weapon", "count", "note"],
}  # fmt: skip
#: (file, resource) in the order they are imported: what a row refers to comes first. Duplicates
#: are merged after the records they repeat were entered; corrections change the primary party
#: of incidents already entered (the party they named first stays, as a secondary attribution).
IMPORTS = [
    ("places", "facilities.resources.PlaceResource"),
    ("perpetrators", "incidents.resources.PerpetratorResource"),
    ("facilities", "facilities.resources.FacilityResource"),
    ("incidents", "incidents.resources.IncidentResource"),
    ("corrections", "incidents.resources.IncidentResource"),
    ("attacks", "incidents.resources.AttackResource"),
    ("victims", "victims.resources.VictimResource"),
    ("duplicates", "victims.resources.VictimResource"),
    ("munitions", "incidents.resources.MunitionResource"),
]

PLACES = [
    ("SY", "Syria", "سوريا", "country", ""),
    ("SY07", "Idleb", "إدلب", "admin1", "SY"),
    ("SY0701", "Idleb district", "منطقة إدلب", "admin2", "SY07"),
    ("SY0702", "Ariha district", "منطقة أريحا", "admin2", "SY07"),
    ("SY0703", "Maarat al Numan district", "منطقة معرة النعمان", "admin2", "SY07"),
    ("SY070101", "Saraqeb", "سراقب", "locality", "SY0701"),
    ("SY070201", "Mhambil", "محمبل", "locality", "SY0702"),
    ("SY070202", "Ariha", "أريحا", "locality", "SY0702"),
    ("SY070301", "Maarat al Numan", "معرة النعمان", "locality", "SY0703"),
    ("SY070302", "Kafr Nabl", "كفرنبل", "locality", "SY0703"),
    ("SY070303", "Khan Shaykhun", "خان شيخون", "locality", "SY0703"),
    ("SY05", "Hama", "حماة", "admin1", "SY"),
    ("SY0504", "Muhradah district", "منطقة محردة", "admin2", "SY05"),
    ("SY050401", "Kafr Zita", "كفرزيتا", "locality", "SY0504"),
    ("SY050402", "al Latamena", "اللطامنة", "locality", "SY0504"),
    ("SY050403", "Kafr Nabuda", "كفرنبودة", "locality", "SY0504"),
    ("SY03", "Rural Damascus", "ريف دمشق", "admin1", "SY"),
    ("SY0301", "Douma district", "منطقة دوما", "admin2", "SY03"),
    ("SY030101", "Douma", "دوما", "locality", "SY0301"),
    ("SY030102", "Hamouriya", "حمورية", "locality", "SY0301"),
    ("SY02", "Aleppo", "حلب", "admin1", "SY"),
    ("SY0202", "Azaz district", "منطقة أعزاز", "admin2", "SY02"),
    ("SY020201", "Azaz", "أعزاز", "locality", "SY0202"),
]
IDLEB_TOWNS = ["SY070101", "SY070202", "SY070301", "SY070302", "SY070303"]
HAMA_TOWNS = ["SY050401", "SY050402", "SY050403"]
NORTHWEST = IDLEB_TOWNS + HAMA_TOWNS
MHAMBIL, KAFR_NABL, MAARAT = "SY070201", "SY070302", "SY070301"

PARTIES = [
    (REGIME, "Syrian regime forces", "قوات النظام السوري", "state_forces", "", ""),
    (RUSSIA, "Russian forces", "القوات الروسية", "foreign_state_forces", "", ""),
    ("extremist-groups", "Extremist Islamic groups", "التنظيمات الإسلامية المتشددة", "extremist_group", "",
     ""),
    (ISIS, "ISIS", "تنظيم داعش", "extremist_group", "extremist-groups", ""),
    (SELF_MANAGEMENT, "Self-Management forces", "قوات الإدارة الذاتية", "non_state_armed_group", "", ""),
    (SDF, "Syrian Democratic Forces", "قوات سوريا الديمقراطية", "non_state_armed_group", SELF_MANAGEMENT, ""),
    (OTHERS, "Other parties", "جهات أخرى", "unknown", "", ""),
    ("unidentified-groups", "Unidentified groups", "جهات لم نتمكن من تحديدها", "unknown", OTHERS, ""),
    ("turkish-forces", "Turkish forces", "القوات التركية", "foreign_state_forces", OTHERS, ""),
    (EITHER, "Syrian or Russian forces", "قوات النظام أو القوات الروسية", "undetermined", "",
     f"{REGIME};{RUSSIA}"),
]  # fmt: skip

GIVEN = ["Ahmad", "Fatima", "Mohammad", "Aisha", "Khaled", "Hala", "Omar", "Rima", "Yusuf", "Nour"]
FAMILY = ["al Hasan", "al Ali", "Darwish", "al Khatib", "Haddad", "al Omar", "Sheikho", "Qassem"]
ADULT_ROLES = ["civilian", "civilian", "teacher", "patient", "unknown", "civilian"]
CHILD_ROLES = ["civilian", "student", "civilian"]


def split(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` whole numbers as even as can be (larger first)."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def people(n: int, children: int, women: int) -> list[tuple[str, int | None]]:
    """(sex, age) of ``n`` people, exactly ``children`` under 18 (half of them girls, some 17) and
    ``women`` female of 18 or over or of unknown age (some exactly 18); the others male, or of
    unknown sex, adult or of unknown age: never a woman, never a child."""
    child_ages = itertools.cycle([17, 3, 9, 0, 12, 15, 6])
    woman_ages = itertools.cycle([18, 34, None, 27, 45, 61, 22])
    others = itertools.cycle(
        [
            ("male", 30),
            ("male", None),
            ("male", 18),
            ("unknown", 40),
            ("male", 55),
            ("unknown", None),
            ("male", 24),
        ]
    )
    found = [("female" if i % 2 == 0 else "male", next(child_ages)) for i in range(children)]
    found += [("female", next(woman_ages)) for _ in range(women)]
    found += [next(others) for _ in range(n - children - women)]
    assert len(found) == n, (n, children, women)
    return found


def days_between(first: D, last: D) -> list[D]:
    return [first + DAY * i for i in range((last - first).days + 1)]


DEATHS = ("killed", "tortured_to_death")


@dataclass
class DataSet:
    """Rows of the import files; codes are given in the files, as an organisation's own."""

    rows: dict = field(default_factory=lambda: {name: [] for name, _resource in IMPORTS})
    counters: Counter = field(default_factory=Counter)
    victim_names: itertools.count = field(default_factory=itertools.count)
    #: facility code: its place; incident code: its row (its killed count grows with its victims)
    place_of: dict = field(default_factory=dict)
    kind_of: dict = field(default_factory=dict)
    incident_rows: dict = field(default_factory=dict)
    regime_hospital: str = ""  # attacked in A and again in B

    def next_code(self, prefix: str, width: int = 5) -> str:
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]:0{width}d}"

    def base(self) -> "DataSet":
        """The gazetteer and the parties."""
        self.rows["places"] = [dict(zip(HEADERS["places"], row, strict=True)) for row in PLACES]
        self.rows["perpetrators"] = [dict(zip(HEADERS["perpetrators"], row, strict=True)) for row in PARTIES]
        return self

    # records

    def facility(
        self, kind: str, place: str, name: str = "", *, operator: str = "", identifier: str = ""
    ) -> str:
        code = self.next_code("FAC-", 6)
        name = name or f"{kind.replace('_', ' ').capitalize()} {int(code[4:])}, {place_name(place)}"
        self.rows["facilities"].append(
            dict(code=code, name=name, kind=kind, identifier=identifier, operator=operator, place=place)
        )
        self.place_of[code] = place
        self.kind_of[code] = kind
        return code

    def incident(
        self,
        day: D,
        party: str,
        place: str,
        *,
        weapon: str = "fixed_wing_aircraft",
        munitions: dict | None = None,
        hits: tuple | list = (),
        killed: int = 0,
        injured: int = 0,
        status: str = "published",
        certainty: str = "confirmed",
        title: str = "",
    ) -> str:
        """An incident with its primary party (none when ""), one attack on each facility it
        ``hits`` and its ``munitions`` ({weapon: count})."""
        code = self.next_code(f"INC-{day.year}-")
        title = title or f"{weapon.replace('_', ' ').capitalize()} strike on {place_name(place)}"
        row = dict(
            code=code,
            title=title,
            date=day.isoformat(),
            place=place,
            attack_type="heavy_weapons",
            weapon=weapon,
            perpetrator=party,
            attribution_certainty="confirmed" if party else "",
            attribution_basis="eyewitness" if party else "",
            killed_count=killed,
            injured_count=injured,
            certainty=certainty,
            status=status,
        )
        self.rows["incidents"].append(row)
        self.incident_rows[code] = row
        for facility in hits:
            self.rows["attacks"].append(
                dict(incident=code, facility=facility, damage="moderate", proximity="direct_hit")
            )
        for munition, count in (munitions or {}).items():
            self.munition(code, munition, count)
        return code

    def strike(self, day: D, party: str, place: str, kind: str, **kwargs) -> str:
        """An incident hitting a new facility of ``kind`` in ``place``."""
        return self.incident(day, party, place, hits=[self.facility(kind, place)], **kwargs)

    def munition(self, incident: str, weapon: str, count: int) -> None:
        if count:
            self.rows["munitions"].append(dict(incident=incident, weapon=weapon, count=count))

    def set_injured(self, incident: str, n: int) -> None:
        self.incident_rows[incident]["injured_count"] = n

    def correct(self, incident: str, party: str) -> None:
        """The incident's primary party, corrected by a later file (the first stays, secondary)."""
        self.rows["corrections"].append(
            dict(
                code=incident,
                perpetrator=party,
                attribution_certainty="probable",
                attribution_basis="aircraft_observation",
            )
        )

    def victim(
        self,
        incident: str = "",
        *,
        sex: str = "male",
        age: int | None = 30,
        role: str = "civilian",
        harm: str = "killed",
        party: str = "",
        day: D | None = None,
        status: str = "published",
        duplicate_of: str = "",
        organization: str = "",
        name: str = "",
    ) -> str:
        """A person harmed in ``incident`` (counted under its primary party; its killed count
        grows), or without one (``party`` and ``day`` given)."""
        code = self.next_code("VIC-", 6)
        n = next(self.victim_names)
        name = name or f"{GIVEN[n % len(GIVEN)]} {FAMILY[n // len(GIVEN) % len(FAMILY)]}"
        on_duty = "false" if role in ("civilian", "patient", "teacher", "student", "unknown") else "true"
        row = dict(
            code=code,
            name=name,
            sex=sex,
            age="" if age is None else age,
            role=role,
            organization=organization,
            harm=harm,
            incident=incident,
            date_of_harm=day.isoformat() if day else "",
            perpetrator=party,
            on_duty=on_duty,
            publish_name="true",
            status=status,
            duplicate_of=duplicate_of,
        )
        self.rows["duplicates" if duplicate_of else "victims"].append(row)
        if incident and harm in DEATHS and not duplicate_of:
            self.incident_rows[incident]["killed_count"] += 1
        return code

    def civilians(self, incidents: list[str], group: list[tuple], **kwargs) -> list[str]:
        """The civilians of ``group`` ((sex, age) pairs), spread over ``incidents`` in turn."""
        codes = []
        for i, (sex, age) in enumerate(group):
            roles = CHILD_ROLES if age is not None and age < 18 else ADULT_ROLES
            incident = incidents[i % len(incidents)]
            codes.append(self.victim(incident, sex=sex, age=age, role=roles[i % len(roles)], **kwargs))
        return codes

    def strikes(
        self,
        party: str,
        days: list[D],
        towns: list[str],
        kinds: list[str],
        *,
        n: int,
        weapon: str = "fixed_wing_aircraft",
    ) -> tuple[list[str], list[str]]:
        """``n`` incidents of ``party`` on ``days`` and ``towns`` in turn, hitting new facilities
        of ``kinds`` (one each, then a second on the first incidents). Returns the incidents
        and the facilities, in the order of ``kinds``."""
        assert len(kinds) <= 2 * n
        incidents, facilities = [], []
        for i in range(n):
            place = towns[i % len(towns)]
            mine = [kinds[j] for j in (i, n + i) if j < len(kinds)]
            hit = [self.facility(kind, place) for kind in mine]
            incidents.append(self.incident(days[i % len(days)], party, place, weapon=weapon, hits=hit))
            facilities.append(hit)
        ordered = [hit[0] for hit in facilities if hit] + [hit[1] for hit in facilities if len(hit) > 1]
        return incidents, ordered

    def first(self, kind: str, facilities: list[str]) -> str:
        """The first of ``facilities`` of ``kind``."""
        return next(code for code in facilities if self.kind_of[code] == kind)

    def again(self, day: D, party: str, facility: str, weapon: str = "fixed_wing_aircraft") -> str:
        """A further attack on ``facility`` (in its own place), by ``party``."""
        return self.incident(day, party, self.place_of[facility], weapon=weapon, hits=[facility])

    # files

    def write(self, folder: Path) -> dict[str, Path]:
        paths = {}
        for name, rows in self.rows.items():
            if rows:
                paths[name] = folder / f"{name}.csv"
                with paths[name].open("w", newline="", encoding="utf-8") as handle:
                    writer = csv.DictWriter(handle, HEADERS.get(name, HEADERS["victims"]), restval="")
                    writer.writeheader()
                    writer.writerows(rows)
        return paths

    def load(self, folder: Path, user: str) -> None:
        """Write the files and enter them through ``manage.py import`` as ``user``."""
        paths = self.write(folder)
        for name, resource in IMPORTS:
            if name not in paths:
                continue
            call_command("import", resource, str(paths[name]), user=user, stdout=Quiet())


class Quiet:
    """Swallows a command's summary line."""

    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def place_name(pcode: str) -> str:
    return next(name for code, name, *_rest in PLACES if code == pcode)


# --- the data set ----------------------------------------------------------------------------


def articles() -> DataSet:
    """Every record the articles' figures need, and the records that must not count."""
    data = DataSet().base()
    civil_defence_since_2013(data)
    january_2018(data)
    march_2019(data)
    campaign(data)
    return data


def civil_defence_since_2013(data: DataSet) -> None:
    """Civil defence workers killed from March 2013 to 25 April 2019, outside January 2018 (no
    incident: each names its party). With January 2018 (one each by the regime and Russia) and
    the campaign (two each) they make seed 000's 229."""
    spans = [
        # The first on the first day of "since March 2013"; a 156th on 25 April 2019, the day
        # before the campaign, in window_a.
        (REGIME, 155, D(2013, 3, 1), D(2019, 4, 24)),
        (RUSSIA, 35, D(2015, 10, 1), D(2019, 3, 31)),
        (ISIS, 3, D(2014, 6, 1), D(2017, 10, 1)),
        (SDF, 1, D(2018, 6, 14), D(2018, 6, 14)),
        (OTHERS, 10, D(2013, 6, 1), D(2019, 2, 28)),
        ("unidentified-groups", 12, D(2013, 9, 1), D(2018, 11, 30)),
        ("turkish-forces", 6, D(2018, 2, 20), D(2019, 1, 31)),
    ]
    regime = []
    for party, n, first, last in spans:
        for i in range(n):
            day = first + (last - first) * i // max(n - 1, 1)
            if D(2018, 1, 1) <= day <= D(2018, 1, 31):
                day -= datetime.timedelta(days=40)
            harm = "tortured_to_death" if party == REGIME and i % 40 == 7 else "killed"
            code = data.victim(party=party, day=day, role="civil_defense", harm=harm, age=20 + i % 30)
            regime += [code] if party == REGIME else []
    # Not counted: before March 2013; a duplicate; a draft; detained; injured.
    data.victim(party=REGIME, day=D(2013, 2, 28), role="civil_defense")
    data.victim(party=REGIME, day=D(2019, 4, 24), role="civil_defense", age=27, duplicate_of=regime[-1])
    data.victim(party=RUSSIA, day=D(2016, 5, 5), role="civil_defense", status="draft")
    data.victim(party=REGIME, day=D(2016, 8, 1), role="civil_defense", harm="detained")
    data.victim(party=REGIME, day=D(2017, 3, 3), role="civil_defense", harm="injured")


def january_2018(data: DataSet) -> None:
    """Seed 002's executive summary: nine personnel killed and 45 attacks."""
    january = days_between(D(2018, 1, 1), D(2018, 1, 31))
    ghouta, idleb_hama = ["SY030101", "SY030102"], IDLEB_TOWNS[:3] + HAMA_TOWNS[:2]
    medical = ["hospital", "primary_care", "medical_point", "hospital", "field_hospital", "medical_point"]
    centres_and_vehicles = ["civil_defense_center", "civil_defense_vehicle"]
    regime_kinds = medical + ["hospital"] + ["ambulance"] * 2 + centres_and_vehicles * 3
    regime, regime_hit = data.strikes(
        REGIME, january[1::2], ghouta + IDLEB_TOWNS[:2], regime_kinds, n=15, weapon="artillery"
    )
    data.again(D(2018, 1, 29), REGIME, regime_hit[0])
    russia_kinds = medical + ["ambulance"] * 5 + centres_and_vehicles * 3 + ["civil_defense_vehicle"]
    russia, russia_hit = data.strikes(RUSSIA, january[::2], idleb_hama, russia_kinds, n=18)
    data.again(D(2018, 1, 21), RUSSIA, russia_hit[0])
    data.again(D(2018, 1, 30), RUSSIA, russia_hit[0])  # "the third attack on the hospital this month"
    data.strikes(
        SELF_MANAGEMENT,
        [D(2018, 1, 19), D(2018, 1, 24)],
        ["SY020201"],
        ["hospital", "hospital"],
        n=2,
        weapon="artillery",
    )
    data.strikes(
        OTHERS, january[5::9], IDLEB_TOWNS, ["medical_point", "civil_defense_center"], n=2, weapon="mortar"
    )
    data.strikes(
        "unidentified-groups",
        january[3::7],
        IDLEB_TOWNS,
        ["hospital", "primary_care", "ambulance", "ambulance"],
        n=4,
        weapon="ied",
    )
    data.strikes(
        "turkish-forces", [D(2018, 1, 25)], ["SY020201"], ["red_crescent_facility"], n=1, weapon="artillery"
    )
    # First reported as the regime's, then found to be Russia's: counted under Russia only.
    data.correct(russia[4], RUSSIA)
    data.incident_rows[russia[4]]["perpetrator"] = REGIME
    # Killed: the regime five, Russia three, ISIS one.
    for incident, role in zip(
        regime, ["nurse", "paramedic", "civil_defense", "ambulance_driver", "lab_technician"], strict=False
    ):
        data.victim(incident, role=role, age=35)
    data.victim(regime[2], role="civil_defense", harm="injured")  # "one was killed, another wounded"
    data.victim(russia[1], role="doctor", age=41)
    data.victim(russia[2], role="civil_defense", age=None)
    data.victim(russia[3], role="medical_student", sex="female", age=21)
    isis = data.incident(D(2018, 1, 16), ISIS, "SY050403", weapon="rocket", title="Rocket fire on al Se'in")
    dentist = data.victim(isis, role="dentist", sex="female", age=29, name="Suzan Fattoum")
    # Not counted: a duplicate of the dentist; a rumour; a draft; the days either side.
    data.victim(isis, role="dentist", sex="female", age=29, name="Suzan Fattoum", duplicate_of=dentist)
    rumour = data.strike(D(2018, 1, 10), RUSSIA, IDLEB_TOWNS[0], "hospital", certainty="rumour")
    data.victim(rumour, role="doctor")
    draft = data.strike(D(2018, 1, 22), REGIME, "SY030101", "civil_defense_center", status="draft")
    data.victim(draft, role="civil_defense")
    before = data.strike(D(2017, 12, 31), REGIME, "SY030101", "hospital")
    data.victim(before, role="nurse")
    after = data.strike(D(2018, 2, 1), RUSSIA, IDLEB_TOWNS[1], "civil_defense_center")
    data.victim(after, role="doctor")


def march_2019(data: DataSet) -> None:
    """Seed 004: the regime's 6,422 strikes in March 2019 and the 135 people killed."""
    march = days_between(D(2019, 3, 1), D(2019, 3, 31))
    totals = {"fixed_wing_aircraft": 1500, "barrel_bomb": 600, "artillery": 3400, "rocket": 922}
    killed = iter(split(100, 40))
    for weapon, total in totals.items():
        for i, count in enumerate(split(total, 10)):
            day = march[(i * 3 + len(weapon)) % 31]
            data.incident(
                day, REGIME, NORTHWEST[i % 8], weapon=weapon, munitions={weapon: count}, killed=next(killed)
            )
    for i, (count, n) in enumerate(zip(split(300, 10), split(35, 10), strict=True)):
        data.incident(
            march[i * 3], RUSSIA, IDLEB_TOWNS[i % 5], munitions={"fixed_wing_aircraft": count}, killed=n
        )
    data.incident(march[20], EITHER, HAMA_TOWNS[0], munitions={"fixed_wing_aircraft": 12})
    # Not counted: the days either side, a draft, a rumour.
    for day, weapon, n, killed, status in (
        (D(2019, 2, 28), "artillery", 50, 4, {}),
        (D(2019, 4, 1), "artillery", 60, 5, {}),
        (march[9], "artillery", 100, 10, {"status": "draft"}),
        (march[11], "rocket", 77, 9, {"certainty": "rumour"}),
    ):
        data.incident(
            day, REGIME, HAMA_TOWNS[1], weapon=weapon, munitions={weapon: n}, killed=killed, **status
        )


A_DAYS = days_between(CAMPAIGN, SEED_001_END)
BARREL_DAYS = days_between(D(2019, 4, 30), SEED_001_END)  # "resumed ... since April 30"
B_DAYS = days_between(SEED_001_END + DAY, KAFRANBEL_DAY - DAY)
D_DAYS = days_between(SEED_003_END + DAY, SEED_000_END)
EDUCATION = ["school"] * 6 + ["kindergarten"] + ["school"] * 6 + ["university"]
MEDICAL = ["hospital", "field_hospital", "primary_care", "medical_point"]


def campaign(data: DataSet) -> None:
    """From 26 April 2019: seeds 001 (to 15 May), 003 (to 29 June) and 000 (to 3 July)."""
    incidents = window_a(data) + window_b(data) + [*window_k_m_c(data)]
    window_d(data)
    # 2,117 injured to 29 June: the incidents of K, M and C hold 42, the others the rest.
    for incident, n in zip(incidents[:-3], split(2117 - 42, len(incidents) - 3), strict=True):
        data.set_injured(incident, n)


def window_a(data: DataSet) -> list[str]:
    """26 April to 15 May 2019 (seed 001): 82 attacks, 108 civilians killed, the strikes."""
    # The regime: 42 attacks (one on al-Shahwa's ambulance on 4 May, two repeated).
    regime_kinds = (
        EDUCATION
        + ["mosque"] * 6
        + MEDICAL * 2
        + ["civil_defense_center"] * 3
        + ["civil_defense_vehicle"]
        + ["market", "market", "bakery", "water_facility", "idp_camp", "idp_camp", "cultural_heritage"]
    )
    assert len(regime_kinds) == 39
    weapons = ["fixed_wing_aircraft"] * 12 + ["barrel_bomb"] * 8 + ["artillery"] * 5 + ["rocket"] * 3
    weapons += ["mortar"]
    regime, regime_hit = [], []
    for i, weapon in enumerate(weapons):
        barrel = weapon == "barrel_bomb"
        towns = (HAMA_TOWNS if i >= 18 else IDLEB_TOWNS) if barrel else NORTHWEST
        days = BARREL_DAYS if barrel else A_DAYS
        kinds = [regime_kinds[j] for j in (i, 29 + i) if j < len(regime_kinds)]
        found, hit = data.strikes(
            REGIME, [days[i % len(days)]], [towns[i % len(towns)]], kinds, n=1, weapon=weapon
        )
        regime += found
        regime_hit += hit
    ambulance = data.facility(
        "civil_defense_vehicle",
        MAARAT,
        "Civil defence ambulance 3, Maarat al Numan",
        operator="Syrian Civil Defence",
    )
    shahwa = data.incident(
        D(2019, 5, 4),
        REGIME,
        MAARAT,
        weapon="artillery",
        hits=[ambulance],
        title="Strike on a civil defence ambulance, Maarat al Numan",
    )
    data.victim(shahwa, role="civil_defense", age=26, name="Mohammad al-Shahwa", organization="White Helmets")
    regime += [
        data.again(D(2019, 5, 9), REGIME, data.first("school", regime_hit)),
        data.again(D(2019, 5, 13), REGIME, data.first("hospital", regime_hit)),
    ]
    # Three of the regime's were first reported as Russian strikes: counted under the regime only.
    for incident in regime[3:6]:
        data.incident_rows[incident]["perpetrator"] = RUSSIA
        data.correct(incident, REGIME)
    # Russia: 40 attacks (three repeated), one with a cluster munition among its air strikes.
    russia_kinds = (
        ["school"] * 11
        + ["university"]
        + ["mosque"] * 4
        + ["church"]
        + MEDICAL
        + ["pharmacy", "medical_warehouse", "hospital", "hospital"]
        + ["civil_defense_center"] * 2
        + ["civil_defense_vehicle"]
        + [
            "market",
            "market",
            "bakery",
            "shop",
            "water_facility",
            "power_facility",
            "fuel_facility",
            "idp_camp",
            "aid_warehouse",
        ]
    )
    assert len(russia_kinds) == 37
    russia, russia_hit = data.strikes(RUSSIA, A_DAYS[1:], NORTHWEST, russia_kinds, n=25)
    russia += [
        data.again(D(2019, 5, 12), RUSSIA, data.first("civil_defense_center", russia_hit)),
        data.again(D(2019, 5, 3), RUSSIA, data.first("school", russia_hit)),
        data.again(D(2019, 5, 14), RUSSIA, data.first("hospital", russia_hit)),
    ]
    data.victim(russia[-3], role="civil_defense", age=31, organization="White Helmets")
    # The strikes: regime air strikes 496, barrel bombs 188 on Idleb and 46 on Hama, 132 ground
    # attacks; Russian air strikes 572 and one cluster munition.
    counts = {
        "fixed_wing_aircraft": iter(split(496, 14)),
        "barrel_bomb": iter(split(188, 6) + split(46, 2)),
        "artillery": iter(split(80, 5)),
        "rocket": iter(split(40, 3)),
        "mortar": iter(split(12, 1)),
    }
    for incident in regime:
        weapon = data.incident_rows[incident]["weapon"]
        data.munition(incident, weapon, next(counts[weapon]))
    for incident, n in zip(russia, split(572, len(russia)), strict=True):
        data.munition(incident, "fixed_wing_aircraft", n)
    data.munition(russia[7], "cluster_munition", 1)
    # Civilians killed: the regime 71 (12 children, 18 women), Russia 37 (14 children, 6 women).
    regime_dead = data.civilians(regime, people(71, 12, 18))
    russia_dead = data.civilians(russia, people(37, 14, 6))
    # Injured: civilians, and rescuers (counted as injured only).
    data.civilians(regime, people(20, 4, 5), harm="injured")
    data.civilians(russia, people(10, 2, 2), harm="injured")
    for incident in [shahwa, *regime[:3]]:
        data.victim(incident, role="civil_defense", harm="injured")
    for incident in russia[:3]:
        data.victim(incident, role="civil_defense", harm="injured")
    # Not counted: a draft incident, a rumour, victims not yet published, duplicates.
    draft = data.strike(
        D(2019, 5, 2),
        REGIME,
        IDLEB_TOWNS[0],
        "school",
        weapon="barrel_bomb",
        status="draft",
        munitions={"fixed_wing_aircraft": 10, "barrel_bomb": 6},
        injured=50,
    )
    data.civilians([draft], people(3, 1, 1))
    rumour = data.strike(
        D(2019, 5, 8),
        RUSSIA,
        IDLEB_TOWNS[1],
        "mosque",
        certainty="rumour",
        injured=30,
        munitions={"fixed_wing_aircraft": 20, "cluster_munition": 1},
    )
    data.civilians([rumour], people(4, 1, 1))
    data.victim(rumour, role="civil_defense")
    data.victim(regime[0], sex="female", age=8, status="draft")
    data.victim(regime[1], sex="female", age=None, status="in_review")
    data.victim(russia[0], sex="male", age=40, status="verified")
    for original in (regime_dead[15], regime_dead[40], russia_dead[0]):
        row = next(row for row in data.rows["victims"] if row["code"] == original)
        data.victim(row["incident"], sex=row["sex"], age=row["age"], duplicate_of=original)
    # Not counted: the day before the campaign.
    before = data.strike(
        CAMPAIGN - DAY,
        REGIME,
        IDLEB_TOWNS[2],
        "school",
        weapon="barrel_bomb",
        injured=40,
        munitions={"fixed_wing_aircraft": 7, "barrel_bomb": 5},
    )
    data.civilians([before], people(2, 1, 0))
    data.victim(before, role="civil_defense")  # counts since March 2013, not in the campaign
    before = data.strike(
        CAMPAIGN - DAY, RUSSIA, HAMA_TOWNS[0], "hospital", munitions={"fixed_wing_aircraft": 9}
    )
    data.civilians([before], people(1, 0, 1))
    data.regime_hospital = data.first("hospital", regime_hit)
    return regime + [shahwa] + russia


def window_b(data: DataSet) -> list[str]:
    """16 May to 26 June 2019: 414 more civilians killed (97 children), 13 more medical facilities
    (29 in all), a civil defence centre and 16 vehicles; Violet's ambulance on 19 June."""
    regime_kinds = MEDICAL + MEDICAL[:3] + ["civil_defense_vehicle"] * 8 + ["school"] * 5
    regime, regime_hit = data.strikes(REGIME, B_DAYS, NORTHWEST, regime_kinds, n=40)
    centre = data.strike(
        D(2019, 6, 10), REGIME, HAMA_TOWNS[2], "civil_defense_center", weapon="fixed_wing_aircraft"
    )
    data.victim(centre, role="civil_defense", age=33)
    for _ in range(3):
        data.victim(centre, role="civil_defense", harm="injured")
    regime += [centre, data.again(D(2019, 6, 2), REGIME, data.first("civil_defense_vehicle", regime_hit))]
    russia_kinds = MEDICAL + MEDICAL[:2] + ["civil_defense_vehicle"] * 8 + ["school"] * 5
    russia, russia_hit = data.strikes(RUSSIA, B_DAYS[3:], NORTHWEST, russia_kinds, n=30)
    vehicle = russia[russia_kinds.index("civil_defense_vehicle")]
    data.incident_rows[vehicle]["date"] = D(2019, 6, 5).isoformat()
    data.victim(vehicle, role="civil_defense", age=29)
    # A repeated attack on a hospital attacked in A (by the regime, as the first time).
    regime.append(data.again(D(2019, 5, 20), REGIME, data.regime_hospital))
    either = [
        data.incident(day, EITHER, HAMA_TOWNS[i % 3], title="Air strike, Syrian or Russian warplanes")
        for i, day in enumerate(B_DAYS[5::7])
    ]
    for incident in regime[:3]:
        data.victim(incident, role="civil_defense", harm="injured")
    for incident in russia[:4] + [vehicle]:
        data.victim(incident, role="civil_defense", harm="injured")
    data.civilians(regime, people(240, 55, 50))
    data.civilians(russia, people(160, 38, 30))
    data.civilians(either, people(14, 4, 3))
    for incident in regime + russia + either:
        weapon = data.incident_rows[incident]["weapon"]
        data.munition(incident, weapon, 6)
    # Violet Organization's ambulance, 19 June: three medics killed, the party undetermined.
    violet_ambulance = data.facility(
        "ambulance", MAARAT, "Violet Organization ambulance", operator="Violet Organization"
    )
    violet = data.incident(
        D(2019, 6, 19),
        EITHER,
        MAARAT,
        hits=[violet_ambulance],
        title="Air strike on a Violet Organization ambulance",
    )
    for age in (27, 31, 24):
        data.victim(violet, role="paramedic", age=age, organization="Violet Organization")
    return regime + russia + either + [violet]


def window_k_m_c(data: DataSet) -> tuple[str, str, str]:
    """27 June: Kafranbel hospital, the 30th medical facility; 28 June: the barrel bombs on
    Mhambil, 15 killed; 29 June: five more civilians killed."""
    hospital = data.facility("hospital", KAFR_NABL, "Kafranbel Surgical Hospital")
    kafranbel = data.incident(
        KAFRANBEL_DAY,
        RUSSIA,
        KAFR_NABL,
        hits=[hospital],
        injured=11,
        munitions={"fixed_wing_aircraft": 2},
        title="Air strike on Kafranbel hospital",
    )
    data.victim(kafranbel, role="patient", sex="male", age=63)
    data.victim(kafranbel, role="patient", sex="female", age=None)
    mhambil = data.incident(
        MHAMBIL_DAY,
        REGIME,
        MHAMBIL,
        weapon="barrel_bomb",
        munitions={"barrel_bomb": 4},
        injured=22,
        title="Barrel bombs on Mhambil",
    )
    data.civilians([mhambil], people(15, 6, 4))
    last = data.incident(
        SEED_003_END, REGIME, IDLEB_TOWNS[4], injured=9, munitions={"fixed_wing_aircraft": 3}
    )
    data.civilians([last], people(5, 1, 1))
    # Not counted on 28 June: a rumour and a draft, each with its own dead.
    data.incident(MHAMBIL_DAY, REGIME, MHAMBIL, weapon="barrel_bomb", certainty="rumour", killed=5)
    data.incident(MHAMBIL_DAY, RUSSIA, IDLEB_TOWNS[0], status="draft", killed=3)
    data.again(D(2019, 6, 30), RUSSIA, hospital)
    return kafranbel, mhambil, last


def window_d(data: DataSet) -> None:
    """30 June to 3 July 2019 (seed 000's last days): centres 7 and 8, four more vehicles, eight
    civilians (two children), 20 injured; then 4 July, outside every period."""
    regime = [
        data.strike(day, REGIME, town, "civil_defense_vehicle", injured=n)
        for day, town, n in ((D_DAYS[1], HAMA_TOWNS[0], 5), (D_DAYS[2], HAMA_TOWNS[1], 5))
    ]
    russia = [
        data.strike(day, RUSSIA, town, kind, injured=n)
        for day, town, kind, n in (
            (D_DAYS[0], IDLEB_TOWNS[3], "civil_defense_center", 4),
            (D_DAYS[1], IDLEB_TOWNS[4], "civil_defense_center", 3),
            (D_DAYS[0], HAMA_TOWNS[2], "civil_defense_vehicle", 2),
            (D_DAYS[3], IDLEB_TOWNS[1], "civil_defense_vehicle", 1),
        )
    ]
    data.strike(D_DAYS[0], REGIME, IDLEB_TOWNS[2], "medical_point")
    for incident in regime + russia[:2]:
        data.victim(incident, role="civil_defense", harm="injured")
    data.civilians(regime, people(5, 1, 1))
    data.civilians(russia, people(3, 1, 1))
    after = data.strike(SEED_000_END + DAY, RUSSIA, IDLEB_TOWNS[0], "civil_defense_center", injured=7)
    data.victim(after, role="civil_defense")
    data.civilians([after], people(3, 1, 1))
