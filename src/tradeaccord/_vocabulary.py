"""The closed vocabularies shared by conditions and the model."""

from __future__ import annotations

import enum

__all__ = [
    "Action",
    "AgreementKind",
    "Basis",
    "Confidence",
    "EventKind",
    "LinkKind",
    "MeasureKind",
    "PartyKind",
    "SourceKind",
    "Stance",
]


class PartyKind(enum.Enum):
    """What kind of actor a party is."""

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    STATE = "state"
    CUSTOMS_TERRITORY = "customs_territory"
    BLOC = "bloc"
    ORGANIZATION = "organization"


class AgreementKind(enum.Enum):
    """The legal form of an agreement."""

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    TREATY = "treaty"
    JOINT_STATEMENT = "joint_statement"
    FRAMEWORK = "framework"
    EXECUTIVE_ARRANGEMENT = "executive_arrangement"
    UNDERSTANDING = "understanding"
    ARRANGEMENT = "arrangement"


class LinkKind(enum.Enum):
    """How one agreement relates to another."""

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    IMPLEMENTS = "implements"
    AMENDS = "amends"
    EXTENDS = "extends"
    SUPERSEDES = "supersedes"


class Action(enum.Enum):
    """What a commitment undertakes to do about a measure."""

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    LIFT = "lift"
    EASE = "ease"
    SUSPEND = "suspend"
    REDUCE = "reduce"
    MAINTAIN = "maintain"
    IMPOSE = "impose"
    PROVIDE = "provide"
    APPROVE = "approve"
    REFRAIN = "refrain"
    CONCLUDE = "conclude"

    @property
    def is_continuing(self) -> bool:
        """True for undertakings kept over time (maintain, refrain, suspend), not done once."""
        return self in (Action.MAINTAIN, Action.REFRAIN, Action.SUSPEND)


class Basis(enum.Enum):
    """Why a commitment is on the record: undertaken by its party, or only expected.

    ``AGREED``: the party undertook it. ``EXPECTED``: reported as expected of the
    party (a window to reach a further deal, a hoped-for step), not undertaken; past
    its due day without a performance it is *missed*, not overdue.
    """

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    AGREED = "agreed"
    EXPECTED = "expected"


class MeasureKind(enum.Enum):
    """The kind of policy instrument a measure is."""

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    TARIFF = "tariff"
    EXPORT_CONTROL = "export_control"
    IMPORT_RESTRICTION = "import_restriction"
    VISA = "visa"
    INVESTMENT = "investment"
    SANCTION = "sanction"
    PURCHASE = "purchase"
    OTHER = "other"


class EventKind(enum.Enum):
    """What a dated fact is.

    ``STATEMENT`` records what someone said (an announcement or a claim); it is
    never an approval, whatever its words. ``PERFORMANCE`` records that a party
    did what a commitment asked; ``BREACH`` that it acted against one.
    ``EXTENSION`` moves the end of a term to the event's ``ends_on`` date.
    ``WITHDRAWAL`` by a party withdraws its instrument (or, once it is bound,
    its participation, after the agreement's notice period). ``INVALIDATION``
    about a measure removes its legal basis (a court ruling that strikes it
    down, a repeal): commitments about the measure end that day. A
    ``COURT_RULING`` records a ruling without that effect (one stayed on
    appeal, say). ``REJECTION`` by a party about a target records its refusal:
    whatever waits for that party's approval, ratification or other act about
    the target can no longer be met (record the act itself if it changes its mind).
    """

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    STATEMENT = "statement"
    MEETING = "meeting"
    CONCLUSION = "conclusion"
    SIGNATURE = "signature"
    APPROVAL = "approval"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    ACCESSION = "accession"
    DEPOSIT = "deposit"
    NOTIFICATION = "notification"
    PERFORMANCE = "performance"
    BREACH = "breach"
    MEASURE_TAKEN = "measure_taken"
    SUSPENSION = "suspension"
    RESUMPTION = "resumption"
    EXTENSION = "extension"
    WITHDRAWAL = "withdrawal"
    TERMINATION = "termination"
    COURT_RULING = "court_ruling"
    INVALIDATION = "invalidation"
    REJECTION = "rejection"


class Confidence(enum.Enum):
    """How well an event is established by its sources."""

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for LOW, 1 for MEDIUM, 2 for HIGH."""
        return _CONFIDENCE_RANK[self]


_CONFIDENCE_RANK = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


class SourceKind(enum.Enum):
    """What kind of document a source is."""

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    OFFICIAL_TEXT = "official_text"
    OFFICIAL_STATEMENT = "official_statement"
    PRESS_REPORT = "press_report"
    SOCIAL_MEDIA_POST = "social_media_post"
    ANALYSIS = "analysis"
    REFERENCE = "reference"


class Stance(enum.Enum):
    """What one source's account says of an event.

    A ``CLAIM`` asserts it (typically by a party that stands to gain from it),
    a ``CONFIRMATION`` asserts it too (typically by another source, or the other
    side), and a ``DENIAL`` says it did not happen.
    """

    __hash__ = object.__hash__  # members are singletons: hash by identity, in C

    CLAIM = "claim"
    CONFIRMATION = "confirmation"
    DENIAL = "denial"

    @property
    def affirms(self) -> bool:
        """True for a claim or a confirmation, False for a denial."""
        return self is not Stance.DENIAL
