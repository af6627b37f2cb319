"""Back office for the gazetteer and the facilities, with each facility's attack history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin import (
    MARKED_FILTER_TEMPLATE,
    AuditedAdmin,
    account_cell,
    admin_link,
    marked,
    marked_text,
    yes_no_icon,
)
from core.admin_interchange import InterchangeAdminMixin
from core.bilingual import in_language, record_text

from . import proposals
from .models import ChangeProposal, Facility, Place

# The models whose admin takes proposed changes (``SharedRecordAdminMixin``).
SHARED_MODELS: set = set()


def has_published_flag(model) -> bool:
    return any(field.name == "published" for field in model._meta.concrete_fields)


# The read-only ``published`` flag is shown through ``SharedRecordAdminMixin.published_flag``.
PUBLISHED_FLAG = {"published": "published_flag"}


class SharedRecordAdminMixin:
    """A public shared record (a place, a facility, a party): a documenter's change is saved as a
    proposal for a reviewer (``facilities.proposals``); reviewers change it directly, and publish
    places and facilities that nobody public uses yet. Many-to-many fields (a party's members)
    cannot be proposed: they are read-only for documenters."""

    actions = ["publish_selected"]

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        SHARED_MODELS.add(model)

    proposal_fieldset = (
        _("Proposed change"),
        {
            "fields": ["proposal_reason"],
            "description": _(
                "This record is public. Your change is kept as a proposal and applied when a "
                "reviewer approves it; until then the public sees the record as it is."
            ),
        },
    )

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj)]
        if has_published_flag(self.model):
            fields += ["published", "published_flag"]
        if proposals.needs_proposal(request.user, obj):
            fields += [field.name for field in self.model._meta.many_to_many]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [PUBLISHED_FLAG.get(f, f) for f in options["fields"]]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if proposals.needs_proposal(request.user, obj):
            fieldsets.append(self.proposal_fieldset)
        return fieldsets

    def get_form(self, request, obj=None, **kwargs):
        if proposals.needs_proposal(request.user, obj):
            kwargs["form"] = type(
                "ProposalForm",
                (kwargs.get("form", self.form),),
                {
                    "proposal_reason": forms.CharField(
                        label=_("Reason for the change"),
                        required=False,
                        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
                        help_text=_("For the reviewer: what is wrong with the record, and your source."),
                    )
                },
            )
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and proposals.needs_proposal(request.user, obj):
            request.shared_record_proposal = proposals.propose(
                record=obj,
                fields=form.changed_data,
                user=request.user,
                reason=form.cleaned_data.get("proposal_reason", ""),
            )
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not hasattr(request, "shared_record_proposal"):
            super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        if not hasattr(request, "shared_record_proposal"):
            return super().log_change(request, obj, message)
        return None

    def response_change(self, request, obj):
        if not hasattr(request, "shared_record_proposal"):
            return super().response_change(request, obj)
        proposal = request.shared_record_proposal
        if proposal is None:
            self.message_user(request, gettext("Nothing was changed."), messages.INFO)
            return HttpResponseRedirect(request.path)
        self.message_user(
            request,
            gettext("Your change to %(record)s is waiting for a reviewer; the public record is unchanged.")
            % {"record": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:facilities_changeproposal_change", args=[proposal.pk]))

    @admin.display(description=_("published"))
    def published_flag(self, record):
        """The read-only flag, its icon's text in the back office's language (Django's says "True")."""
        return yes_no_icon(record.published)

    def has_publish_permission(self, request):
        return has_published_flag(self.model) and proposals.may_change_public(request.user, self.model)

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        published = 0
        for record in queryset:
            try:
                published += proposals.publish(record=record, user=request.user)
            except PermissionDenied as exc:
                self.message_user(request, f"{record}: {exc}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(count)d record is now public.", "%(count)d records are now public.", published)
            % {"count": published},
            messages.SUCCESS,
        )


class GovernorateFilter(admin.SimpleListFilter):
    """Records in a governorate (Place level admin1) or anywhere below it."""

    title = _("governorate")
    parameter_name = "governorate"
    place_field = "place"
    template = MARKED_FILTER_TEMPLATE

    def lookups(self, request, model_admin):
        """The governorates, named in the back office's language (else the other's)."""
        rows = Place.objects.governorates().values_list("pk", "name", "name_ar")
        return [(pk, in_language(name, name_ar)) for pk, name, name_ar in rows]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            return queryset.none()
        place = Place.objects.filter(pk=self.value()).first()
        if place is None:
            return queryset.none()
        return self.within(queryset, place)

    def within(self, queryset, place):
        return queryset.filter(**{f"{self.place_field}__path__startswith": place.path})


@admin.register(Place)
class PlaceAdmin(SharedRecordAdminMixin, InterchangeAdminMixin, AuditedAdmin):
    interchange_resource = "facilities.resources.PlaceResource"
    list_display = ["english_name", "arabic_name", "level", "pcode", "parent_name", "is_published"]
    list_filter = ["level", "published"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_ar", "pcode"]
    autocomplete_fields = ["parent"]
    fields = ["name", "name_ar", "pcode", "level", "parent", "published"]
    show_full_result_count = False

    # Each side of the name in a column of its own, marked with its language where it is not the
    # back office's (an import may put an Arabic name in ``name``).
    @admin.display(description=_("name"), ordering="name")
    def english_name(self, place):
        return marked_text(place.name)

    @admin.display(description=_("Arabic name"), ordering="name_ar")
    def arabic_name(self, place):
        return marked_text(place.name_ar)

    @admin.display(description=_("parent"), ordering="parent__name")
    def parent_name(self, place):
        return marked(record_text(place.parent, "name")) if place.parent_id else "-"

    @admin.display(description=_("published"), ordering="published")
    def is_published(self, place):
        return yes_no_icon(place.published)


class FacilityGovernorateFilter(GovernorateFilter):
    place_field = "place"


class AttackedMoreThanOnceFilter(admin.SimpleListFilter):
    title = _("attacked more than once")
    parameter_name = "repeat"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(attack_count__gt=1)
        if self.value() == "no":
            return queryset.filter(attack_count__lte=1)
        return queryset


@admin.register(Facility)
class FacilityAdmin(SharedRecordAdminMixin, InterchangeAdminMixin, AuditedAdmin):
    interchange_resource = "facilities.resources.FacilityResource"
    list_display = ["code", "shown_name", "kind", "category", "place_name", "attack_count", "is_published"]
    list_filter = ["kind", "published", FacilityGovernorateFilter, AttackedMoreThanOnceFilter]
    list_select_related = ["place"]
    search_fields = ["code", "name", "name_ar", "other_names", "identifier"]
    autocomplete_fields = ["place", "parent"]
    show_full_result_count = False
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "name",
                    "name_ar",
                    "other_names",
                    "kind",
                    "identifier",
                    "operator",
                    "published",
                ]
            },
        ),
        (_("Where"), {"fields": ["place", "parent", "latitude", "longitude"]}),
        (_("Notes"), {"fields": ["notes"]}),
        (_("Attack history"), {"fields": ["attack_history"]}),
    ]

    def get_queryset(self, request):
        # A count per facility shown (PostgreSQL evaluates it after the LIMIT), not a GROUP BY
        # over every attack for each page. (Attack through the relation: facilities imports no incidents.)
        attack_model = Facility._meta.get_field("attacks").related_model
        attacks = (
            attack_model.objects.filter(facility=OuterRef("pk"))
            .order_by()
            .values("facility")
            .annotate(n=Count("pk"))
            .values("n")
        )
        count = Coalesce(Subquery(attacks, output_field=IntegerField()), Value(0))
        return super().get_queryset(request).annotate(attack_count=count)

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "attack_history"]
        return [*readonly, "code"] if obj is not None and obj.code else readonly

    @admin.display(description=_("name"), ordering="name")
    def shown_name(self, facility):
        return marked(record_text(facility, "name"))

    @admin.display(description=_("place"), ordering="place__name")
    def place_name(self, facility):
        return marked(record_text(facility.place, "name"))

    @admin.display(description=_("published"), ordering="published")
    def is_published(self, facility):
        return yes_no_icon(facility.published)

    @admin.display(description=_("category"))
    def category(self, facility):
        return facility.get_category_display()

    @admin.display(description=_("attacks"), ordering="attack_count")
    def attack_count(self, facility):
        return facility.attack_count

    @admin.display(description=_("attacks on this facility"))
    def attack_history(self, facility):
        """Derived from the attacks recorded on incidents; edited there, never here."""
        if facility.pk is None:
            return "-"
        attacks = facility.attacks.select_related("incident").order_by("incident__date", "id")
        if not attacks:
            return _("No attack recorded.")
        return render_to_string("admin/facilities/attack_history.html", {"attacks": attacks})


def shown_value(field, value) -> str:
    """A stored value as a reviewer reads it: a choice's label, a referenced record's name."""
    if value in (None, ""):
        return "-"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


@admin.register(ChangeProposal)
class ChangeProposalAdmin(admin.ModelAdmin):
    """Pending changes to public places, facilities and parties; reviewers approve or reject them."""

    list_display = ["record_name", "content_type", "status", "proposer", "proposed_at", "decider"]
    # Only the kinds of record that have proposals, not every model the project knows.
    list_filter = ["status", ("content_type", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["content_type", "proposed_by", "decided_by"]
    search_fields = ["record_label"]
    actions = ["approve_selected", "reject_selected"]
    fields = [
        "record_link",
        "status",
        "proposed_changes",
        "reason",
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request):
        return any(proposals.may_change_public(request.user, model) for model in SHARED_MODELS)

    @admin.display(description=_("record"), ordering="record_label")
    def record_name(self, proposal):
        return marked_text(proposal.record_label)

    @admin.display(description=_("proposed by"), ordering="proposed_by__username")
    def proposer(self, proposal):
        return account_cell(proposal.proposed_by)

    @admin.display(description=_("decided by"), ordering="decided_by__username")
    def decider(self, proposal):
        return account_cell(proposal.decided_by)

    @admin.display(description=_("record"))
    def record_link(self, proposal):
        return (
            admin_link(proposal.record, proposal.record_label) if proposal.record else proposal.record_label
        )

    @admin.display(description=_("proposed values"))
    def proposed_changes(self, proposal):
        """Each field: its value when proposed, the proposed value, and its value now."""
        model = proposal.content_type.model_class()
        record = proposal.record
        rows = []
        for name, new in proposal.changes.items():
            field = model._meta.get_field(name)
            now = proposals.stored_value(record, name) if record is not None else None
            shown = [shown_value(field, value) for value in (proposal.previous.get(name), new, now)]
            rows.append({"field": field.verbose_name, "old": shown[0], "new": shown[1], "now": shown[2]})
        return render_to_string("admin/facilities/proposed_changes.html", {"rows": rows})

    def decide(self, request, queryset, decision, done: str) -> None:
        for proposal in queryset:
            try:
                decision(proposal=proposal, user=request.user)
            except (PermissionDenied, ValidationError) as exc:
                detail = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, f"{proposal.record_label}: {detail}", messages.ERROR)
            else:
                self.message_user(request, done % {"record": proposal.record_label}, messages.SUCCESS)

    @admin.action(description=_("Approve and apply"), permissions=["review"])
    def approve_selected(self, request, queryset):
        self.decide(request, queryset, proposals.approve, gettext("The change to %(record)s is applied."))

    @admin.action(description=_("Reject"), permissions=["review"])
    def reject_selected(self, request, queryset):
        self.decide(request, queryset, proposals.reject, gettext("The change to %(record)s is rejected."))
