"""Spreadsheet interchange of victims (interfaces.md, "Spreadsheet interchange")."""

from django.db.models import F

from core.interchange_resources import (
    BooleanWidget,
    ChoiceWidget,
    CodedResource,
    CodeWidget,
    Column,
    DateWidget,
    IntegerWidget,
    PlaceRefWidget,
    RefWidget,
    checked_or_raw,
    place_reference,
)
from incidents.choices import Status

from .models import Harm, Role, Sex, Victim


class VictimResource(CodedResource):
    """Victims, matched on ``code`` (generated when blank)."""

    # Victim.save() fills the date of harm and search_text (and the code) before writing,
    # nothing after.
    bulk_insert = True

    constraint_columns = {
        "victim_retraction_has_reason": (
            "status",
            "a retracted victim record needs a retraction reason: retract it in the admin, not by import",
        ),
        "victim_age_plausible": ("age", "is not a plausible age (0 to 130)"),
        "victim_without_incident_has_perpetrator": (
            "perpetrator",
            "a victim without an incident needs a perpetrator",
        ),
    }

    code = Column("code", CodeWidget())
    name = Column("name")
    name_ar = Column("name_ar")
    sex = Column("sex", ChoiceWidget(Sex.choices), keep_when_blank=True)
    age = Column("age", IntegerWidget())
    role = Column("role", ChoiceWidget(Role.choices), keep_when_blank=True)
    affiliation = Column("affiliation", RefWidget("facility", "facility"), attribute="affiliation_id")
    organization = Column("organization")
    hometown = Column("hometown", PlaceRefWidget(), attribute="hometown_id")
    harm = Column("harm", ChoiceWidget(Harm.choices), keep_when_blank=True)
    incident = Column("incident", RefWidget("incident", "incident"), attribute="incident_id")
    date_of_harm = Column("date_of_harm", DateWidget())
    perpetrator = Column("perpetrator", RefWidget("perpetrator", "party"), attribute="perpetrator_id")
    circumstances = Column("circumstances")
    on_duty = Column("on_duty", BooleanWidget(), keep_when_blank=True)
    publish_name = Column("publish_name", BooleanWidget(), keep_when_blank=True)
    status = Column("status", ChoiceWidget(Status.choices), keep_when_blank=True)

    class Meta(CodedResource.Meta):
        model = Victim
        fields = (
            "code",
            "name",
            "name_ar",
            "sex",
            "age",
            "role",
            "affiliation",
            "organization",
            "hometown",
            "harm",
            "incident",
            "date_of_harm",
            "perpetrator",
            "circumstances",
            "on_duty",
            "publish_name",
            "status",
        )
        import_id_fields = ("code",)

    columns = Meta.fields

    def own_index_name(self):
        return "victim"

    def build_index(self, name):
        if name == "victim":
            from core.interchange_resources import CodeIndex

            return CodeIndex(Victim)
        return super().build_index(name)

    def prepare_more(self, dataset):
        self.index("incident").load(checked_or_raw(v) for v in dataset["incident"])

    def after_fields(self, instance, row, errors):
        super().after_fields(instance, row, errors)
        # The model fills a blank date of harm from the incident on save; do it here so that
        # re-importing the same file compares equal and writes nothing.
        if instance.date_of_harm is None and instance.incident_id and "incident" not in errors:
            found = self.index("incident").get(self.index("incident").code_of(instance.incident_id))
            if found:
                instance.date_of_harm = found[1]

    def remember(self, instance):
        self.index("victim").remember(instance.code, instance.pk)

    def export_expressions(self):
        return {
            "affiliation": F("affiliation__code"),
            "hometown": place_reference("hometown"),
            "incident": F("incident__code"),
            "perpetrator": F("perpetrator__code"),
        }

    def export_ordering(self):
        return ["code"]
