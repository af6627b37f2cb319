"""Fixtures for the back-office tests: one record of every admin-managed model."""

import pytest

from tests.factories import (
    AttackFactory,
    AttributionFactory,
    CustodyEventFactory,
    EvidenceMediaFactory,
    FacilityFactory,
    IncidentFactory,
    MunitionFactory,
    PerpetratorFactory,
    SourceFactory,
    UserFactory,
    VictimFactory,
    WitnessAccountFactory,
)


@pytest.fixture
def identity_only(db):
    """A user in the Identity custodian group alone: sees witness accounts and nothing else."""
    return UserFactory(username="identityonly", groups=["Identity custodian"])


@pytest.fixture
def records(db):
    """One draft record per admin page, keyed by ``app_label.model_name``."""
    incident = IncidentFactory()
    evidence = EvidenceMediaFactory(incident=incident)
    return {
        "facilities.place": incident.place,
        "facilities.facility": FacilityFactory(place=incident.place),
        "incidents.perpetrator": PerpetratorFactory(),
        "incidents.source": SourceFactory(),
        "incidents.incident": incident,
        "incidents.attack": AttackFactory(incident=incident),
        "incidents.munition": MunitionFactory(incident=incident),
        "incidents.attribution": AttributionFactory(incident=incident),
        "incidents.witnessaccount": WitnessAccountFactory(incident=incident),
        "incidents.evidencemedia": evidence,
        "incidents.custodyevent": CustodyEventFactory(evidence=evidence),
        "victims.victim": VictimFactory(incident=incident),
    }
