"""Vocabularies of the incidents app; codes are the interchange contract."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PerpetratorKind(models.TextChoices):
    STATE_FORCES = "state_forces", _("State forces")
    FOREIGN_STATE_FORCES = "foreign_state_forces", _("Foreign state forces")
    NON_STATE_ARMED_GROUP = "non_state_armed_group", _("Non-state armed group")
    EXTREMIST_GROUP = "extremist_group", _("Extremist group")
    COALITION = "coalition", _("Coalition")
    UNDETERMINED = "undetermined", _("Undetermined (one of several parties)")
    UNKNOWN = "unknown", _("Unknown")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    VERIFIED = "verified", _("Verified")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


# Past review: only users who may publish change these records (the admin and the spreadsheet import).
REVIEWED_STATUSES = frozenset({Status.VERIFIED, Status.PUBLISHED, Status.RETRACTED})


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    WEEK = "week", _("Within a week")
    MONTH = "month", _("Within a month")


class GeoPrecision(models.TextChoices):
    EXACT = "exact", _("Exact")
    NEAR = "near", _("Near")
    LOCALITY = "locality", _("Town or village")
    DISTRICT = "district", _("District")
    GOVERNORATE = "governorate", _("Governorate")


class AttackType(models.TextChoices):
    HEAVY_WEAPONS = "heavy_weapons", _("Heavy weapons")
    INDIVIDUAL_WEAPONS = "individual_weapons", _("Individual weapons")
    ARSON = "arson", _("Arson")
    RAID = "raid", _("Raid")
    LOOTING = "looting", _("Looting")
    DETENTION = "detention", _("Detention")
    OBSTRUCTION = "obstruction", _("Obstruction")
    THREAT = "threat", _("Threat")
    MILITARIZATION = "militarization", _("Militarization")
    CHEMICAL = "chemical", _("Chemical")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Weapon(models.TextChoices):
    FIXED_WING_AIRCRAFT = "fixed_wing_aircraft", _("Fixed-wing aircraft")
    HELICOPTER = "helicopter", _("Helicopter")
    BARREL_BOMB = "barrel_bomb", _("Barrel bomb")
    DRONE = "drone", _("Drone")
    MISSILE = "missile", _("Missile")
    ROCKET = "rocket", _("Rocket")
    ARTILLERY = "artillery", _("Artillery")
    MORTAR = "mortar", _("Mortar")
    ANTI_AIRCRAFT_GUN = "anti_aircraft_gun", _("Anti-aircraft gun")
    CLUSTER_MUNITION = "cluster_munition", _("Cluster munition")
    INCENDIARY = "incendiary", _("Incendiary weapon")
    IED = "ied", _("Improvised explosive device")
    VEHICLE_BOMB = "vehicle_bomb", _("Vehicle bomb")
    FIREARMS = "firearms", _("Firearms")
    CHEMICAL = "chemical", _("Chemical weapon")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Certainty(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PROBABLE = "probable", _("Probable")
    POSSIBLE = "possible", _("Possible")
    RUMOUR = "rumour", _("Rumour")


class AttributionCertainty(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PROBABLE = "probable", _("Probable (we believe)")
    POSSIBLE = "possible", _("Possible (suspected)")


class AttributionBasis(models.TextChoices):
    EYEWITNESS = "eyewitness", _("Eyewitness")
    AIRCRAFT_OBSERVATION = "aircraft_observation", _("Aircraft observation")
    MUNITION_REMNANTS = "munition_remnants", _("Munition remnants")
    CLAIM = "claim", _("Claim of responsibility")
    PATTERN = "pattern", _("Pattern of attacks")
    OPEN_SOURCE = "open_source", _("Open source")
    OTHER = "other", _("Other")


class Damage(models.TextChoices):
    NONE = "none", _("None")
    SLIGHT = "slight", _("Slight")
    MODERATE = "moderate", _("Moderate")
    HEAVY = "heavy", _("Heavy")
    PARTIALLY_DESTROYED = "partially_destroyed", _("Partially destroyed")
    DESTROYED = "destroyed", _("Destroyed")


class Proximity(models.TextChoices):
    DIRECT_HIT = "direct_hit", _("Direct hit")
    IN_FRONT = "in_front", _("In front")
    NEAR = "near", _("Near")


class ServiceImpact(models.TextChoices):
    NONE = "none", _("None")
    REDUCED = "reduced", _("Reduced")
    TEMPORARILY_OUT = "temporarily_out", _("Temporarily out of service")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")


class WitnessRelation(models.TextChoices):
    EYEWITNESS = "eyewitness", _("Eyewitness")
    VICTIM = "victim", _("Victim")
    RELATIVE = "relative", _("Relative")
    MEDICAL_PROVIDER = "medical_provider", _("Medical provider")
    RESCUER = "rescuer", _("Rescuer")
    JOURNALIST = "journalist", _("Journalist")
    RESEARCHER = "researcher", _("Researcher")
    OTHER = "other", _("Other")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    FACEBOOK = "facebook", _("Facebook")
    SKYPE = "skype", _("Skype")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")
    OTHER = "other", _("Other")


class Consent(models.TextChoices):
    INTERNAL_ONLY = "internal_only", _("Internal use only")
    ANONYMISED_PUBLICATION = "anonymised_publication", _("Publication under alias")
    NAMED_PUBLICATION = "named_publication", _("Publication with name")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    DOCUMENT = "document", _("Document")
    WEB_CAPTURE = "web_capture", _("Web capture")
    SOCIAL_MEDIA_POST = "social_media_post", _("Social media post")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted")


class CustodyAction(models.TextChoices):
    RECEIVED = "received", _("Received")
    COPIED = "copied", _("Copied")
    HASH_VERIFIED = "hash_verified", _("Hash verified")
    HASH_MISMATCH = "hash_mismatch", _("Hash mismatch")
    TRANSFERRED = "transferred", _("Transferred")
    EXPORTED = "exported", _("Exported")
    REDACTED = "redacted", _("Redacted")
    RETRACTED = "retracted", _("Retracted")


class SourceKind(models.TextChoices):
    OWN_DOCUMENTATION = "own_documentation", _("Own documentation")
    NGO_REPORT = "ngo_report", _("NGO report")
    NEWS = "news", _("News")
    SOCIAL_MEDIA = "social_media", _("Social media")
    OFFICIAL_STATEMENT = "official_statement", _("Official statement")
    OTHER = "other", _("Other")


class Reliability(models.TextChoices):
    HIGH = "high", _("High")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    LOW = "low", _("Low")
    UNKNOWN = "unknown", _("Unknown")
