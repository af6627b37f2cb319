"""Back office for victims, with the same review workflow as incidents."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import AuditedAdmin, admin_link, marked
from core.admin_interchange import InterchangeAdminMixin
from core.admin_search import IndexedSearchMixin
from core.bilingual import record_text
from facilities.admin import GovernorateFilter
from incidents.admin_workflow import WorkflowAdminMixin

from .models import Victim


class VictimGovernorateFilter(GovernorateFilter):
    """Victims by the governorate of their incident's place."""

    place_field = "incident__place"


@admin.register(Victim)
class VictimAdmin(IndexedSearchMixin, InterchangeAdminMixin, WorkflowAdminMixin, AuditedAdmin):
    interchange_resource = "victims.resources.VictimResource"

    class Media:
        css = {"all": ["incidents/admin.css"]}

    list_display = [
        "code",
        "shown_name",
        "role",
        "report_class",
        "harm",
        "date_of_harm",
        "incident_link",
        "status",
    ]
    list_display_links = ["code", "shown_name"]
    list_filter = ["status", "role", "harm", "sex", VictimGovernorateFilter]
    list_select_related = ["incident"]
    # Unpublished names too: documenters must find every record. Trigram indexes on UPPER() of
    # the three columns (migration 0005); the incident codes are matched first (core.admin_search).
    search_fields = ["code", "name", "name_ar", "incident__code"]
    date_hierarchy = "date_of_harm"
    show_full_result_count = False
    autocomplete_fields = ["incident", "affiliation", "hometown", "perpetrator", "duplicate_of"]
    readonly_fields = ["incident_link"]
    fieldsets = [
        (
            _("Person"),
            {
                "fields": [
                    "code",
                    "name",
                    "name_ar",
                    "other_names",
                    "sex",
                    "age",
                    "role",
                    "affiliation",
                    "organization",
                    "hometown",
                ]
            },
        ),
        (
            _("Harm"),
            {
                "fields": [
                    "harm",
                    "incident",
                    "incident_link",
                    "date_of_harm",
                    "perpetrator",
                    ("circumstances", "circumstances_ar"),
                    "on_duty",
                ]
            },
        ),
        (
            _("Publication and review"),
            {
                "fields": [
                    ("biography", "biography_ar"),
                    "publish_name",
                    "duplicate_of",
                    "status",
                    "retraction_reason",
                ]
            },
        ),
    ]

    @admin.display(description=_("name"), ordering="name")
    def shown_name(self, victim):
        """Every name, published or not (documenters see them all), in the back office's language
        (else the other's)."""
        return marked(record_text(victim, "name"))

    @admin.display(description=_("report class"))
    def report_class(self, victim):
        return victim.get_report_class_display()

    @admin.display(description=_("incident page"), ordering="incident__code")
    def incident_link(self, victim):
        return admin_link(victim.incident, victim.incident.code) if victim.incident_id else "-"
