"""People harmed, with the role that decides their report class."""

import operator
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.bilingual import Text, page_language, record_text
from core.choices import codes_rolling_up_to, rollup_expression
from core.codes import PublicCodeMixin
from core.permissions import interchange_permissions, workflow_permissions
from core.search import keep_search_text, search_document
from facilities.models import Facility, Place, publish_used
from incidents.choices import Certainty, Status
from incidents.models import Incident, Perpetrator

CHILD_AGE_LIMIT = 18


class AgeGroup(models.TextChoices):
    """How old a victim was, as the reports count people: children are under ``CHILD_AGE_LIMIT``."""

    CHILD = "child", _("Child (under 18)")
    ADULT = "adult", _("Adult (18 or over)")
    UNKNOWN = "unknown", _("Age unknown")


AGE_GROUP_CONDITIONS = {
    AgeGroup.CHILD: Q(age__lt=CHILD_AGE_LIMIT),
    AgeGroup.ADULT: Q(age__gte=CHILD_AGE_LIMIT),
    AgeGroup.UNKNOWN: Q(age__isnull=True),
}


def in_age_groups(groups) -> Q:
    """Q for victims in any of ``groups`` (``AgeGroup`` codes; at least one)."""
    return reduce(operator.or_, (AGE_GROUP_CONDITIONS[group] for group in groups))


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    UNKNOWN = "unknown", _("Unknown")


class Harm(models.TextChoices):
    KILLED = "killed", _("Killed")
    INJURED = "injured", _("Injured")
    DETAINED = "detained", _("Detained")
    DISAPPEARED = "disappeared", _("Disappeared")
    TORTURED_TO_DEATH = "tortured_to_death", _("Tortured to death")
    ABDUCTED = "abducted", _("Abducted")


class ReportClass(models.TextChoices):
    DOCTOR = "doctor", _("Doctors")
    NURSE = "nurse", _("Nurses")
    PARAMEDIC = "paramedic", _("Paramedics")
    PHARMACIST = "pharmacist", _("Pharmacists")
    MEDICAL_PERSONNEL = "medical_personnel", _("Medical personnel")
    CIVIL_DEFENSE = "civil_defense", _("Civil defence personnel")
    RED_CRESCENT = "red_crescent", _("Red Crescent personnel")
    HUMANITARIAN = "humanitarian", _("Humanitarian workers")
    MEDIA_WORKER = "media_worker", _("Media workers")
    CIVILIAN = "civilian", _("Civilians")


class Role(models.TextChoices):
    DOCTOR = "doctor", _("Doctor")
    DENTIST = "dentist", _("Dentist")
    NURSE = "nurse", _("Nurse")
    MIDWIFE = "midwife", _("Midwife")
    PARAMEDIC = "paramedic", _("Paramedic")
    PHARMACIST = "pharmacist", _("Pharmacist")
    AMBULANCE_DRIVER = "ambulance_driver", _("Ambulance driver")
    LAB_TECHNICIAN = "lab_technician", _("Laboratory technician")
    MEDICAL_STUDENT = "medical_student", _("Medical student")
    MEDICAL_ADMINISTRATOR = "medical_administrator", _("Medical administrator")
    MEDICAL_STAFF_OTHER = "medical_staff_other", _("Other medical staff")
    CIVIL_DEFENSE = "civil_defense", _("Civil defence worker")
    RED_CRESCENT = "red_crescent", _("Red Crescent worker")
    HUMANITARIAN_WORKER = "humanitarian_worker", _("Humanitarian worker")
    JOURNALIST = "journalist", _("Journalist")
    MEDIA_ACTIVIST = "media_activist", _("Media activist")
    PATIENT = "patient", _("Patient")
    TEACHER = "teacher", _("Teacher")
    STUDENT = "student", _("Student")
    CIVILIAN = "civilian", _("Civilian")
    UNKNOWN = "unknown", _("Unknown")


ROLE_REPORT_CLASS: dict[str, str] = {
    Role.DOCTOR: ReportClass.DOCTOR,
    Role.DENTIST: ReportClass.DOCTOR,
    Role.NURSE: ReportClass.NURSE,
    Role.MIDWIFE: ReportClass.NURSE,
    Role.PARAMEDIC: ReportClass.PARAMEDIC,
    Role.PHARMACIST: ReportClass.PHARMACIST,
    Role.AMBULANCE_DRIVER: ReportClass.MEDICAL_PERSONNEL,
    Role.LAB_TECHNICIAN: ReportClass.MEDICAL_PERSONNEL,
    Role.MEDICAL_STUDENT: ReportClass.MEDICAL_PERSONNEL,
    Role.MEDICAL_ADMINISTRATOR: ReportClass.MEDICAL_PERSONNEL,
    Role.MEDICAL_STAFF_OTHER: ReportClass.MEDICAL_PERSONNEL,
    Role.CIVIL_DEFENSE: ReportClass.CIVIL_DEFENSE,
    Role.RED_CRESCENT: ReportClass.RED_CRESCENT,
    Role.HUMANITARIAN_WORKER: ReportClass.HUMANITARIAN,
    Role.JOURNALIST: ReportClass.MEDIA_WORKER,
    Role.MEDIA_ACTIVIST: ReportClass.MEDIA_WORKER,
    Role.PATIENT: ReportClass.CIVILIAN,
    Role.TEACHER: ReportClass.CIVILIAN,
    Role.STUDENT: ReportClass.CIVILIAN,
    Role.CIVILIAN: ReportClass.CIVILIAN,
    Role.UNKNOWN: ReportClass.CIVILIAN,
}


def roles_in_class(report_class: str) -> list[str]:
    return codes_rolling_up_to(ROLE_REPORT_CLASS, report_class)


def report_class_expression(role_field: str = "role") -> models.Case:
    """SQL expression deriving the report class from a role."""
    return rollup_expression(role_field, ROLE_REPORT_CLASS, ReportClass.values, ReportClass.CIVILIAN)


#: A woman, as reports count her: a female adult or a female of unknown age.
WOMAN_AGE_GROUPS = (AgeGroup.ADULT, AgeGroup.UNKNOWN)


def age_group_expression() -> models.Case:
    """The ``AgeGroup`` code of each victim, in SQL (the conditions of ``in_age_groups``)."""
    return models.Case(
        *[
            models.When(condition, then=models.Value(group))
            for group, condition in AGE_GROUP_CONDITIONS.items()
        ],
        output_field=models.CharField(),
    )


class VictimQuerySet(models.QuerySet):
    def public(self):
        """Rule 1: published, and the incident (if any) public too (as ``Incident.objects.public()``)."""
        # A join rather than "incident IS NULL OR incident IN (subquery)": under the OR,
        # PostgreSQL cannot hash a large subquery and rescans it for every victim.
        return self.filter(status=Status.PUBLISHED).filter(
            Q(incident__isnull=True)
            | (Q(incident__status=Status.PUBLISHED) & ~Q(incident__certainty=Certainty.RUMOUR))
        )

    def counted(self):
        """Rule 4: duplicates never count."""
        return self.filter(duplicate_of__isnull=True)

    def in_report_class(self, report_class: str):
        return self.filter(role__in=roles_in_class(report_class))

    def children(self):
        return self.filter(age__lt=CHILD_AGE_LIMIT)

    def with_report_class(self):
        return self.annotate(report_class=report_class_expression())


class Victim(PublicCodeMixin, models.Model):
    """A person harmed. Counted once, under the report class of their role."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        blank=True,
        help_text=_("Stable public identifier; generated when left blank."),
    )
    name = models.CharField(_("name"), max_length=250, blank=True)
    name_ar = models.CharField(_("Arabic name"), max_length=250, blank=True)
    other_names = models.CharField(_("other names"), max_length=500, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.UNKNOWN)
    affiliation = models.ForeignKey(
        Facility,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_victims",
        verbose_name=_("affiliation"),
        help_text=_("The facility where they worked."),
    )
    organization = models.CharField(_("organization"), max_length=250, blank=True)
    hometown = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hometown"),
    )
    harm = models.CharField(_("harm"), max_length=30, choices=Harm.choices, default=Harm.KILLED)
    incident = models.ForeignKey(
        Incident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="victims",
        verbose_name=_("incident"),
    )
    date_of_harm = models.DateField(
        _("date of harm"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Defaults to the incident's date."),
    )
    perpetrator = models.ForeignKey(
        Perpetrator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="victims",
        verbose_name=_("perpetrator"),
        help_text=_("Required when there is no incident; otherwise the incident's primary party counts."),
    )
    circumstances = models.TextField(_("circumstances"), blank=True)
    circumstances_ar = models.TextField(_("circumstances (Arabic)"), blank=True)
    on_duty = models.BooleanField(_("on duty"), default=False)
    biography = models.TextField(_("biography"), blank=True)
    biography_ar = models.TextField(_("biography (Arabic)"), blank=True)
    publish_name = models.BooleanField(
        _("publish name"),
        default=False,
        help_text=_('When off, public pages say "Unnamed victim".'),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    retraction_reason = models.TextField(_("retraction reason"), blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
        help_text=_("The same person recorded twice never counts twice."),
    )
    # Normalised public text for search (core.search): names only when published.
    search_text = models.TextField(_("search text"), editable=False, blank=True, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = VictimQuerySet.as_manager()

    class Meta:
        ordering = ["-date_of_harm", "-id"]
        verbose_name = _("victim")
        verbose_name_plural = _("victims")
        permissions = workflow_permissions("victim") + interchange_permissions("victim")
        constraints = [
            models.CheckConstraint(
                condition=Q(incident__isnull=False) | Q(perpetrator__isnull=False),
                name="victim_without_incident_has_perpetrator",
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__gte=0, age__lte=130), name="victim_age_plausible"
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("pk")), name="victim_not_duplicate_of_itself"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.RETRACTED) | ~Q(retraction_reason=""),
                name="victim_retraction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip() if self.code else (self.name or str(_("Unnamed victim")))

    @transaction.atomic(savepoint=False)  # one change with its uses; no savepoint per row of a file
    def save(self, *args, **kwargs):
        if self.date_of_harm is None and self.incident_id:
            self.date_of_harm = self.incident.date
        keep_search_text(self, self.search_document(), kwargs)
        super().save(*args, **kwargs)
        if self.is_public:
            facility_ids, place_ids = self.direct_uses()
            publish_used(facility_ids=facility_ids, place_ids=place_ids)

    def get_absolute_url(self) -> str:
        """The public page (``victims:victim_detail``); only public records have one that answers."""
        return reverse("victims:victim_detail", args=[self.code])

    def direct_uses(self) -> tuple[set, set]:
        """What a public victim's page names is public: the workplace and the hometown."""
        return {self.affiliation_id}, {self.hometown_id}

    @property
    def is_public(self) -> bool:
        """Rule 1, for one record (as ``Victim.objects.public()``)."""
        return self.status == Status.PUBLISHED and (self.incident_id is None or self.incident.is_public)

    def clean(self):
        if self.incident_id is None and self.perpetrator_id is None:
            raise ValidationError({"perpetrator": _("A victim without an incident needs a perpetrator.")})
        if self.duplicate_of_id and self.duplicate_of_id == self.pk:
            raise ValidationError({"duplicate_of": _("A victim cannot duplicate itself.")})

    def code_prefix(self) -> str:
        return "VIC-"

    @property
    def report_class(self) -> str:
        return ROLE_REPORT_CLASS.get(self.role, ReportClass.CIVILIAN)

    def get_report_class_display(self) -> str:
        return ReportClass(self.report_class).label

    @property
    def is_child(self) -> bool | None:
        """Under 18; ``None`` when the age is not known."""
        return None if self.age is None else self.age < CHILD_AGE_LIMIT

    @property
    def counted_perpetrator(self) -> Perpetrator | None:
        """The incident's primary party, or the victim's own when there is no incident."""
        if self.incident_id:
            return self.incident.primary_perpetrator
        return self.perpetrator

    def search_document(self) -> str:
        """Public text only: an unpublished name must not be findable either."""
        named = (self.name, self.name_ar, self.other_names, self.biography, self.biography_ar)
        public = (self.organization, self.circumstances, self.circumstances_ar)
        return search_document(*(named if self.publish_name else ()), *public)

    @property
    def public_name(self) -> Text:
        """The name in the page's language, else the other's (``core.bilingual``); "Unnamed victim"
        when it is not to be published or there is none."""
        if self.publish_name and (self.name or self.name_ar):
            return record_text(self, "name")
        return Text(str(_("Unnamed victim")), page_language())
