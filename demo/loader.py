"""Load the demo data sets so that loading them again changes nothing.

The sets are modules of this package (``DATA_SETS``), loaded in order: the SNHR monthly report
of January 2018, then the incidents the 2019 news articles name, which use its parties and
places. Each set gives its sources, parties, places, facilities, incidents (with their
attributions, attacks, munitions and witnesses) and victims, and ``CITED_BY_EVERY_INCIDENT``,
``PUBLISHED_AT`` and ``CHANGE_REASON``.

Every row is found by its natural key (P-code or name and parent, party code, public
code, or the pair it links), validated with ``full_clean()`` and saved only when a
value differs, so a second run writes no rows and no history.
"""

from collections import Counter

from django.db import models, transaction

from facilities.models import Facility, Place
from incidents.choices import Certainty, Consent, Status
from incidents.models import Attack, Attribution, Incident, Munition, Perpetrator, Source, WitnessAccount
from victims.models import Harm, Victim

from . import articles_2019, january_2018

DATA_SETS = (january_2018, articles_2019)

PERPETRATOR_DEFAULTS = {"name_ar": "", "parent": None}
SOURCE_DEFAULTS = {"url": "", "archive_url": "", "published_on": None}
FACILITY_DEFAULTS = {
    "name_ar": "",
    "other_names": "",
    "identifier": "",
    "operator": "",
    "parent": None,
    "notes": "",
}
INCIDENT_DEFAULTS = {
    "summary": "",
    "internal_notes": "",
    "date_precision": "day",
    "time": None,
    "time_approximate": False,
    "location_detail": "",
    "geo_precision": "locality",
    "weapon_detail": "",
    "area_controlled_by": None,
    "killed_count": 0,
    "injured_count": 0,
    "follow_up_of": None,
    "certainty": Certainty.CONFIRMED,
    "status": Status.PUBLISHED,
}
ATTACK_DEFAULTS = {"damage": "", "proximity": "", "service_impact": ""}
MUNITION_DEFAULTS = {"note": ""}
ATTRIBUTION_DEFAULTS = {"basis": "", "note": "", "primary": True}
WITNESS_DEFAULTS = {
    "identity_protected": True,
    "consent": Consent.ANONYMISED_PUBLICATION,
    "no_incentive_given": True,
    "language": "",
}
VICTIM_DEFAULTS = {
    "other_names": "",
    "age": None,
    "affiliation": None,
    "organization": "",
    "hometown": None,
    "harm": Harm.KILLED,
    "on_duty": False,
    "biography": "",
    "publish_name": True,
    "status": Status.PUBLISHED,
}


def load_demo() -> Counter:
    """Load the demo data sets; return how many rows were created, updated, unchanged."""
    return DemoLoader().run()


class DemoLoader:
    def __init__(self):
        self.tally: Counter = Counter()
        self.places: dict[str, Place] = {}
        self.perpetrators: dict[str, Perpetrator] = {}
        self.sources: dict[str, Source] = {}
        self.facilities: dict[str, Facility] = {}
        self.incidents: dict[str, Incident] = {}
        self.data = january_2018

    @transaction.atomic
    def run(self) -> Counter:
        for data in DATA_SETS:
            self.load(data)
        return self.tally

    def load(self, data) -> None:
        self.data = data
        for item in data.SOURCES:
            self.load_source(item)
        for item in data.PERPETRATORS:
            self.load_perpetrator(item)
        for row in data.PLACES:
            self.load_place(*row)
        for item in data.FACILITIES:
            self.load_facility(item)
        for item in data.INCIDENTS:
            self.load_incident(item)
        for item in data.VICTIMS:
            self.load_victim(item)

    def upsert(self, model, key: dict, values: dict, m2m: dict | None = None):
        """Create or update the row matching ``key``; save only what differs."""
        m2m = m2m or {}
        obj = model._default_manager.filter(**key).first()
        if obj is None:
            obj, changed, stale = model(**key), values, m2m
            status = "created"
        else:
            changed = {name: value for name, value in values.items() if _stored(obj, name) != _raw(value)}
            stale = {name: objs for name, objs in m2m.items() if _related_pks(obj, name) != _pks(objs)}
            status = "updated" if changed or stale else "unchanged"
        for name, value in changed.items():
            setattr(obj, name, value)
        if changed:
            obj.full_clean()
            obj._change_reason = self.data.CHANGE_REASON
            obj.save()
        for name, objs in stale.items():
            getattr(obj, name).set(objs)
        self.tally[status] += 1
        return obj

    def load_source(self, item: dict) -> None:
        values = {**SOURCE_DEFAULTS, **_without(item, "key", "title", "publisher")}
        key = {"title": item["title"], "publisher": item["publisher"]}
        self.sources[item["key"]] = self.upsert(Source, key, values)

    def load_perpetrator(self, item: dict) -> None:
        values = {**PERPETRATOR_DEFAULTS, **_without(item, "code", "members")}
        values["parent"] = self.perpetrators.get(values["parent"])
        members = [self.perpetrators[code] for code in item.get("members", [])]
        self.perpetrators[item["code"]] = self.upsert(
            Perpetrator, {"code": item["code"]}, values, m2m={"members": members}
        )

    def load_place(self, pcode: str, name: str, name_ar: str, level: str, parent: str | None) -> None:
        parent_place = self.places.get(parent)
        if pcode:
            key, values = {"pcode": pcode}, {"name": name, "level": level, "parent": parent_place}
        else:
            key, values = {"name": name, "level": level, "parent": parent_place}, {"pcode": ""}
        self.places[pcode or name] = self.upsert(Place, key, {**values, "name_ar": name_ar})

    def load_facility(self, item: dict) -> None:
        values = {**FACILITY_DEFAULTS, **_without(item, "code")}
        values["parent"] = self.facilities.get(values["parent"])
        values["place"] = self.places[values["place"]]
        self.facilities[item["code"]] = self.upsert(Facility, {"code": item["code"]}, values)

    def load_incident(self, item: dict) -> None:
        values = {
            **INCIDENT_DEFAULTS,
            # Demo records count as published when their source was.
            "published_at": self.data.PUBLISHED_AT,
            **_without(item, "code", "sources", "attributions", "attacks", "munitions", "witnesses"),
        }
        values["place"] = self.places[values["place"]]
        values["area_controlled_by"] = self.perpetrators.get(values["area_controlled_by"])
        values["follow_up_of"] = self.incidents.get(values["follow_up_of"])
        cited = [*self.data.CITED_BY_EVERY_INCIDENT, *item.get("sources", [])]
        sources = [self.sources[key] for key in cited]
        incident = self.upsert(Incident, {"code": item["code"]}, values, m2m={"sources": sources})
        self.incidents[item["code"]] = incident
        for attribution in item.get("attributions", []):
            values = {**ATTRIBUTION_DEFAULTS, **_without(attribution, "perpetrator")}
            perpetrator = self.perpetrators[attribution["perpetrator"]]
            self.upsert(Attribution, {"incident": incident, "perpetrator": perpetrator}, values)
        for attack in item.get("attacks", []):
            values = {**ATTACK_DEFAULTS, **_without(attack, "facility")}
            facility = self.facilities[attack["facility"]]
            self.upsert(Attack, {"incident": incident, "facility": facility}, values)
        for munition in item.get("munitions", []):
            values = {**MUNITION_DEFAULTS, **_without(munition, "weapon")}
            self.upsert(Munition, {"incident": incident, "weapon": munition["weapon"]}, values)
        for witness in item.get("witnesses", []):
            values = {**WITNESS_DEFAULTS, **_without(witness, "alias")}
            self.upsert(WitnessAccount, {"incident": incident, "alias": witness["alias"]}, values)

    def load_victim(self, item: dict) -> None:
        values = {**VICTIM_DEFAULTS, **_without(item, "code")}
        values["affiliation"] = self.facilities.get(values["affiliation"])
        values["hometown"] = self.places.get(values["hometown"])
        values["incident"] = self.incidents[values["incident"]]
        values.setdefault("date_of_harm", values["incident"].date)
        self.upsert(Victim, {"code": item["code"]}, values)


def _without(item: dict, *names: str) -> dict:
    return {name: value for name, value in item.items() if name not in names}


def _stored(obj: models.Model, name: str):
    """The stored value of a field; the id for a foreign key, so no related row is fetched."""
    return getattr(obj, obj._meta.get_field(name).attname)


def _raw(value):
    return value.pk if isinstance(value, models.Model) else value


def _pks(objs) -> set:
    return {obj.pk for obj in objs}


def _related_pks(obj: models.Model, name: str) -> set:
    return set(getattr(obj, name).values_list("pk", flat=True))
