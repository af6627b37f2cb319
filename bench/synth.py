"""Synthetic SNHR-scale data, loaded with PostgreSQL COPY.

``BENCH_SCALE`` 1.0 gives 300,000 incidents, 1,000,000 victims, 40,000
facilities and 300,000 attacks over ten years, in governorates, districts and
localities, with about fifteen parties and their sub-parties. Rows are built
from the models' own metadata, so every NOT NULL column gets the model's
default unless the generator sets it.

``search_text`` is filled exactly as the models' ``save()`` fills it (through
``core.search.search_document`` on the same public fields), so the text search
benchmark runs on the same data and indexes as real records.
"""

import datetime
import random
from collections.abc import Iterable, Iterator
from functools import lru_cache

from django.db import connection, models, transaction

from core.search import search_document
from facilities.models import KIND_CATEGORY, Facility, Place, PlaceLevel
from incidents.choices import AttackType, Certainty, Damage, Proximity, ServiceImpact, Status, Weapon
from incidents.models import Attack, Attribution, Incident, Munition, Perpetrator
from victims.models import Role, Sex, Victim

#: Version of the generated data set: the bench reloads a database loaded by another version.
VERSION = 2
#: Facility kinds and their weights: health care and civil defence about two thirds, the other
#: vital facilities (schools, places of worship, markets, water and power...) the rest.
FACILITY_KINDS = {
    **dict.fromkeys(KIND_CATEGORY, 1),
    "hospital": 30,
    "field_hospital": 6,
    "primary_care": 10,
    "medical_point": 12,
    "mobile_clinic": 2,
    "pharmacy": 4,
    "ambulance": 18,
    "civil_defense_center": 10,
    "civil_defense_vehicle": 4,
    "school": 14,
    "kindergarten": 2,
    "university": 1,
    "mosque": 8,
    "church": 1,
    "market": 6,
    "bakery": 3,
    "shop": 2,
    "water_facility": 3,
    "power_facility": 2,
    "idp_camp": 2,
}
#: Victims' roles: civilians most of them, then the personnel the monthly reports count.
ROLES = {
    **dict.fromkeys(Role.values, 1),
    "civilian": 60,
    "student": 5,
    "teacher": 2,
    "patient": 2,
    "unknown": 4,
    "civil_defense": 5,
    "doctor": 2,
    "nurse": 2,
    "paramedic": 2,
}
#: Weapons of the munitions rows: air strikes and barrel bombs most, as in the monthly reports.
MUNITION_WEAPONS = {
    "fixed_wing_aircraft": 30,
    "helicopter": 8,
    "barrel_bomb": 12,
    "missile": 8,
    "rocket": 8,
    "artillery": 16,
    "mortar": 6,
    "cluster_munition": 2,
    "drone": 4,
    "incendiary": 1,
}
FULL = {"incidents": 300_000, "victims": 1_000_000, "facilities": 40_000, "localities": 6_000}
START = datetime.date(2014, 1, 1)
DAYS = 3652
GOVERNORATES = [
    ("SY01", "Damascus", "دمشق"),
    ("SY02", "Aleppo", "حلب"),
    ("SY03", "Rural Damascus", "ريف دمشق"),
    ("SY04", "Homs", "حمص"),
    ("SY05", "Hama", "حماة"),
    ("SY06", "Lattakia", "اللاذقية"),
    ("SY07", "Idleb", "إدلب"),
    ("SY08", "Al-Hasakeh", "الحسكة"),
    ("SY09", "Deir-ez-Zor", "دير الزور"),
    ("SY10", "Tartous", "طرطوس"),
    ("SY11", "Ar-Raqqa", "الرقة"),
    ("SY12", "Dar'a", "درعا"),
    ("SY13", "As-Sweida", "السويداء"),
    ("SY14", "Quneitra", "القنيطرة"),
]
PARTIES = [
    ("syrian-regime", "Syrian regime forces", "قوات النظام السوري", "state_forces", None),
    ("russian-forces", "Russian forces", "القوات الروسية", "foreign_state_forces", None),
    ("extremist-groups", "Extremist Islamic groups", "التنظيمات الإسلامية المتشددة", "extremist_group", None),
    ("isis", "ISIS", "تنظيم داعش", "extremist_group", "extremist-groups"),
    ("hts", "Hay'at Tahrir al Sham", "هيئة تحرير الشام", "extremist_group", "extremist-groups"),
    ("armed-opposition", "Armed opposition", "المعارضة المسلحة", "non_state_armed_group", None),
    ("sdf", "Syrian Democratic Forces", "قوات سوريا الديمقراطية", "non_state_armed_group", None),
    ("coalition", "International coalition", "التحالف الدولي", "coalition", None),
    ("other-parties", "Other parties", "جهات أخرى", "unknown", None),
    ("turkish-forces", "Turkish forces", "القوات التركية", "foreign_state_forces", "other-parties"),
    ("unidentified", "Unidentified groups", "جهات لم نتمكن من تحديدها", "unknown", "other-parties"),
    ("landmines", "Landmines of unknown origin", "ألغام مجهولة المصدر", "unknown", "other-parties"),
    ("syrian-or-russian", "Syrian or Russian forces", "قوات سورية أو روسية", "undetermined", None),
    ("iranian-militias", "Iranian militias", "الميليشيات الإيرانية", "foreign_state_forces", "syrian-regime"),
    (
        "pro-regime-militias",
        "Local pro-regime militias",
        "الميليشيات المحلية",
        "state_forces",
        "syrian-regime",
    ),
]
LATIN = [
    "Ahmad",
    "Mohammad",
    "Hasan",
    "Omar",
    "Khaled",
    "Yasser",
    "Suzan",
    "Fatima",
    "Hiba",
    "Rami",
    "Basem",
    "Saif",
    "Hosam",
    "Maher",
    "Nour",
    "Rania",
    "Ziad",
    "Laila",
    "Hamza",
    "Yousef",
]
FAMILY = [
    "al Shehada",
    "Allam",
    "al Fadli",
    "Fattoum",
    "al Mandil",
    "Sleik",
    "al Hamwi",
    "Kassem",
    "al Ali",
    "Haddad",
    "al Khatib",
    "Darwish",
    "al Masri",
    "Nasser",
    "Saleh",
    "Qabbani",
]
ARABIC = ["أحمد", "محمد", "حسن", "عمر", "خالد", "ياسر", "سوزان", "فاطمة", "هبة", "رامي", "باسم", "سيف"]
ARABIC_FAMILY = ["الشحادة", "علام", "الفضلي", "فطوم", "المنديل", "سليك", "الحموي", "قاسم", "العلي"]
ORGANIZATIONS = ["", "Syrian Civil Defence", "SAMS", "Syrian Arab Red Crescent", "Unified Medical Office"]
TOWN_PARTS = ["Kafr", "Tell", "Deir", "Ain", "Maarat", "Khan", "Jisr", "Beit", "Saraqeb", "Ariha", "Douma"]
TOWN_ENDS = ["Nubl", "Sijn", "Hamra", "Shams", "Sheikh", "Nasr", "Sultan", "Shughur", "Zaytun", "Jadid"]


WEAPON_WORDS = ["warplanes", "helicopters", "artillery", "rockets", "barrel bombs", "a drone", "missiles"]
SUMMARIES = [
    "{weapon} hit {facility} in {town} ({town_ar}); the building was damaged.",
    "{facility} in {town} was shelled and went out of service for several days.",
    "A strike by {weapon} near {facility}, {town}, killed and injured members of its staff.",
    "Fighting reached {facility} in {town}; the staff evacuated the patients.",
    "Raid on {facility} in {town} ({town_ar}); equipment was looted.",
]


@lru_cache(maxsize=65536)
def searchable(*parts) -> str:
    """``search_document`` of repeated values, computed once per distinct combination."""
    return search_document(*parts)


def scaled(scale: float) -> dict[str, int]:
    return {key: max(20, int(value * scale)) for key, value in FULL.items()}


def defaults_for(model: type[models.Model]) -> dict[str, object]:
    """Every non-key column, with the model's default where it has one."""
    values: dict[str, object] = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.has_default():
            values[field.attname] = field.get_default()
        elif field.null:
            values[field.attname] = None
        elif isinstance(field, (models.CharField, models.TextField, models.FileField)):
            values[field.attname] = ""
        else:
            values[field.attname] = REQUIRED
    return values


REQUIRED = object()


def copy_rows(model: type[models.Model], rows: Iterable[dict]) -> int:
    """COPY ``rows`` (dicts keyed by attname, ``id`` included) into the model's table."""
    base = defaults_for(model)
    columns = ["id", *base]
    qn = connection.ops.quote_name
    sql = f"COPY {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, cursor.connection.cursor().copy(sql) as copy:
        for row in rows:
            values = [row[c] if c in row else base[c] for c in columns]
            if REQUIRED in values:
                missing = [c for c, v in zip(columns, values, strict=True) if v is REQUIRED]
                raise ValueError(f"{model.__name__} rows need {missing}")
            copy.write_row(values)
            count += 1
    return count


def reset_sequences(*models_: type[models.Model]) -> None:
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


class Generator:
    """Deterministic (seeded) synthetic data set."""

    def __init__(self, scale: float, seed: int = 2018):
        self.n = scaled(scale)
        self.rng = random.Random(seed)
        self.counts: dict[str, int] = {}

    def person(self) -> tuple[str, str]:
        r = self.rng
        return f"{r.choice(LATIN)} {r.choice(FAMILY)}", f"{r.choice(ARABIC)} {r.choice(ARABIC_FAMILY)}"

    def load(self) -> dict[str, int]:
        self.places()
        self.perpetrators()
        self.facilities()
        self.incidents()
        self.victims()
        reset_sequences(Place, Perpetrator, Facility, Incident, Attack, Attribution, Munition, Victim)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return self.counts

    def places(self) -> None:
        rows, pid = [], 0
        pid += 1
        rows.append(
            {
                "id": pid,
                "name": "Syria",
                "name_ar": "سوريا",
                "pcode": "SY",
                "level": "country",
                "parent_id": None,
                "path": f"/{pid}/",
                "published": True,
            }
        )
        country = rows[0]
        country["search_text"] = searchable("Syria", "سوريا", "SY")
        self.localities: list[tuple[int, str]] = []
        self.governorates: list[int] = []
        per_gov = max(1, self.n["localities"] // len(GOVERNORATES))
        for g, (pcode, name, name_ar) in enumerate(GOVERNORATES):
            pid += 1
            gov = {
                "id": pid,
                "name": name,
                "name_ar": name_ar,
                "pcode": pcode,
                "level": PlaceLevel.ADMIN1,
                "parent_id": country["id"],
                "path": f"{country['path']}{pid}/",
                "published": True,
                "search_text": searchable(name, name_ar, pcode),
            }
            rows.append(gov)
            self.governorates.append(pid)
            districts = []
            for d in range(4):
                pid += 1
                districts.append(
                    {
                        "id": pid,
                        "name": f"{name} district {d + 1}",
                        "name_ar": f"منطقة {d + 1}",
                        "pcode": f"{pcode}{d:02d}",
                        "level": PlaceLevel.ADMIN2,
                        "parent_id": gov["id"],
                        "path": f"{gov['path']}{pid}/",
                        "published": True,
                        "search_text": searchable(
                            f"{name} district {d + 1}", f"منطقة {d + 1}", f"{pcode}{d:02d}"
                        ),
                    }
                )
            rows.extend(districts)
            for t in range(per_gov):
                pid += 1
                district = districts[t % len(districts)]
                town = f"{self.rng.choice(TOWN_PARTS)} {self.rng.choice(TOWN_ENDS)} {g}-{t}"
                town_ar = f"بلدة {g}-{t}"
                pcode_town = f"{district['pcode']}C{t:05d}"
                rows.append(
                    {
                        "id": pid,
                        "name": town,
                        "name_ar": town_ar,
                        "pcode": pcode_town,
                        "level": PlaceLevel.LOCALITY,
                        "parent_id": district["id"],
                        "path": f"{district['path']}{pid}/",
                        "published": True,
                        "search_text": search_document(town, town_ar, pcode_town),
                    }
                )
                self.localities.append((pid, town, town_ar))
        self.counts["places"] = copy_rows(Place, rows)

    def perpetrators(self) -> None:
        ids = {code: i + 1 for i, (code, *_rest) in enumerate(PARTIES)}
        rows = [
            {
                "id": ids[code],
                "code": code,
                "name": name,
                "name_ar": name_ar,
                "kind": kind,
                "parent_id": ids[parent] if parent else None,
                "search_text": searchable(code, name, name_ar),
            }
            for code, name, name_ar, kind, parent in PARTIES
        ]
        self.counts["perpetrators"] = copy_rows(Perpetrator, rows)
        through = Perpetrator.members.through
        copy_rows(
            through,
            [
                {
                    "id": 1,
                    "from_perpetrator_id": ids["syrian-or-russian"],
                    "to_perpetrator_id": ids["syrian-regime"],
                },
                {
                    "id": 2,
                    "from_perpetrator_id": ids["syrian-or-russian"],
                    "to_perpetrator_id": ids["russian-forces"],
                },
            ],
        )
        # Weighted like the monthly reports: regime and Russia carry most attacks.
        weights = {
            "syrian-regime": 40,
            "russian-forces": 25,
            "syrian-or-russian": 8,
            "isis": 5,
            "hts": 3,
            "sdf": 3,
            "coalition": 3,
            "turkish-forces": 3,
            "unidentified": 5,
            "landmines": 1,
            "armed-opposition": 2,
            "iranian-militias": 1,
            "pro-regime-militias": 1,
        }
        self.party_ids = [ids[c] for c in weights]
        self.party_weights = list(weights.values())
        self.control_ids = [
            ids["armed-opposition"],
            ids["syrian-regime"],
            ids["hts"],
            ids["sdf"],
            ids["isis"],
        ]

    def facilities(self) -> None:
        kinds, weights = list(FACILITY_KINDS), list(FACILITY_KINDS.values())
        self.facility_places: list[tuple[int, str, str, str]] = []

        def rows() -> Iterator[dict]:
            for i in range(1, self.n["facilities"] + 1):
                place_id, town, town_ar = self.rng.choice(self.localities)
                kind = self.rng.choices(kinds, weights)[0]
                name = f"{kind.replace('_', ' ').title()} {i} of {town}"
                name_ar = f"منشأة {i}"
                self.facility_places.append((place_id, town, town_ar, name))
                yield {
                    "id": i,
                    "code": f"FAC-{i:06d}",
                    "name": name,
                    "name_ar": name_ar,
                    "search_text": search_document(name, name_ar),
                    "kind": kind,
                    "place_id": place_id,
                    "published": True,
                    "latitude": round(self.rng.uniform(32.3, 37.3), 6),
                    "longitude": round(self.rng.uniform(35.7, 42.0), 6),
                }

        self.counts["facilities"] = copy_rows(Facility, rows())

    def incidents(self) -> None:
        n, rng = self.n["incidents"], self.rng
        per_year: dict[int, int] = {}
        attacks, attributions, munitions = [], [], []
        weapons, weapon_weights = list(MUNITION_WEAPONS), list(MUNITION_WEAPONS.values())
        dates = sorted(START + datetime.timedelta(days=rng.randrange(DAYS)) for _ in range(n))
        self.incident_dates: list[datetime.date] = [datetime.date.min]
        facility_count = self.n["facilities"]

        def rows() -> Iterator[dict]:
            attribution_id = 0
            for i, date in enumerate(dates, start=1):
                per_year[date.year] = per_year.get(date.year, 0) + 1
                facility_id = rng.randrange(1, facility_count + 1)
                place_id, town, town_ar, facility_name = self.facility_places[facility_id - 1]
                status = (
                    Status.PUBLISHED
                    if rng.random() < 0.9
                    else rng.choice([Status.DRAFT, Status.IN_REVIEW, Status.VERIFIED])
                )
                certainty = rng.choices(list(Certainty.values), [70, 20, 7, 3])[0]
                self.incident_dates.append(date)
                attacks.append(
                    {
                        "id": i,
                        "incident_id": i,
                        "facility_id": facility_id,
                        "damage": rng.choice(Damage.values),
                        "proximity": rng.choice(Proximity.values),
                        "service_impact": rng.choice(ServiceImpact.values),
                    }
                )
                # Two incidents in three record their strikes or munitions, one or two weapons.
                if rng.random() < 0.67:
                    for weapon in set(rng.choices(weapons, weapon_weights, k=rng.choice([1, 1, 2]))):
                        munitions.append(
                            {
                                "id": len(munitions) + 1,
                                "incident_id": i,
                                "weapon": weapon,
                                "count": rng.choice([1, 1, 2, 3, 4, 8]),
                            }
                        )
                if rng.random() < 0.93:
                    attribution_id += 1
                    attributions.append(
                        {
                            "id": attribution_id,
                            "incident_id": i,
                            "perpetrator_id": rng.choices(self.party_ids, self.party_weights)[0],
                            "certainty": rng.choice(["confirmed", "confirmed", "probable"]),
                            "basis": "eyewitness",
                            "primary": True,
                        }
                    )
                title = f"Strike on {facility_name}"
                summary = rng.choice(SUMMARIES).format(
                    weapon=rng.choice(WEAPON_WORDS), facility=facility_name, town=town, town_ar=town_ar
                )
                yield {
                    "id": i,
                    "code": f"INC-{date.year}-{per_year[date.year]:05d}",
                    "title": title,
                    "summary": summary,
                    "search_text": search_document(title, summary),
                    "date": date,
                    "place_id": place_id,
                    "attack_type": rng.choice(AttackType.values[:3]),
                    "weapon": rng.choice(Weapon.values),
                    "certainty": certainty,
                    "status": status,
                    "area_controlled_by_id": rng.choice(self.control_ids),
                    "killed_count": rng.choice([0, 0, 1, 2, 5]),
                    "injured_count": rng.choice([0, 1, 3, 8]),
                    "created_at": datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC),
                    "updated_at": datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC),
                }

        incidents = list(rows())  # fills attacks and attributions
        # Attacks and attributions first, in one transaction (foreign keys are checked at
        # commit): the trigger that fills an incident's list columns (incidents.listing) then
        # finds them when the incident is copied, instead of rewriting every incident twice.
        with transaction.atomic():
            self.counts["attacks"] = copy_rows(Attack, attacks)
            self.counts["attributions"] = copy_rows(Attribution, attributions)
            with connection.cursor() as cursor:  # so the trigger's lookups use their indexes
                cursor.execute("ANALYZE incidents_attack, incidents_attribution")
            self.counts["incidents"] = copy_rows(Incident, incidents)
        self.counts["munitions"] = copy_rows(Munition, munitions)

    def victims(self) -> None:
        rng, n_incidents = self.rng, self.n["incidents"]
        roles, role_weights = list(ROLES), list(ROLES.values())
        sexes = Sex.values

        def rows() -> Iterator[dict]:
            for i in range(1, self.n["victims"] + 1):
                incident_id = rng.randrange(1, n_incidents + 1)
                name, name_ar = self.person()
                organization = rng.choice(ORGANIZATIONS)
                yield {
                    "id": i,
                    "code": f"VIC-{i:06d}",
                    "name": name,
                    "name_ar": name_ar,
                    "sex": rng.choice(sexes),
                    # About a fifth children, a fifth of unknown age.
                    "age": rng.choices([None, rng.randrange(1, 18), rng.randrange(18, 80)], [20, 20, 60])[0],
                    "role": rng.choices(roles, role_weights)[0],
                    # A victim is killed or injured (a third), now and then detained or disappeared.
                    "harm": rng.choices(["killed", "injured", "detained"], [64, 33, 3])[0],
                    "incident_id": incident_id,
                    "date_of_harm": self.incident_dates[incident_id],
                    "organization": organization,
                    "publish_name": True,
                    # Victim.search_document(): names (published), organisation, circumstances.
                    "search_text": searchable(name, name_ar, organization),
                    "status": Status.PUBLISHED if rng.random() < 0.9 else Status.DRAFT,
                }

        self.counts["victims"] = copy_rows(Victim, rows())
