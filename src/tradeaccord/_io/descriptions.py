"""The descriptions of the JSON Schema: one sentence for each object, field and value
of the layout, shown by editors as they complete a dataset file.

Everything else in the schema is derived from the attrs classes and the layout tables
(see ``schema``); this table holds only words.
"""

from __future__ import annotations

from typing import Final

from .._calendar import (
    AfterClearDays,
    AfterPeriod,
    Earliest,
    FirstDayOfMonthFollowing,
    FixedDate,
    Latest,
    NthDayAfter,
    Rounding,
    Upon,
)
from .._conditions import (
    AllOf,
    AnyOf,
    AtLeast,
    DateReached,
    Delay,
    Fulfilled,
    InForce,
    InstrumentCount,
    InstrumentShare,
    Not,
    Occurred,
    WeightedShare,
)
from .._expectations import Expectation, ScenarioFile
from .._model import (
    Account,
    Agreement,
    Commitment,
    Dataset,
    Deadline,
    EntryIntoForce,
    Event,
    EvidencePolicy,
    Group,
    Link,
    Measure,
    Member,
    Official,
    Party,
    PartyEntry,
    ProvisionalApplication,
    Source,
    Term,
)
from .._scenario import Redate, Scenario
from .._truth import Truth
from .._vocabulary import (
    Action,
    AgreementKind,
    Basis,
    Confidence,
    EventKind,
    LinkKind,
    MeasureKind,
    PartyKind,
    SourceKind,
    Stance,
)

__all__ = ["CLASSES", "ENUMS", "FIELDS", "SHORT_FORMS", "VALUES"]

#: What each object is; for an object that may be written in a short form, what the
#: value is (in any form), then what the object form is.
CLASSES: Final[dict[type, str | tuple[str, str]]] = {
    Party: "A state, customs territory, bloc or organization that can be bound by agreements.",
    Member: (
        "A member of a group: a party id, or an object with the dates it joined and left.",
        "A party's membership from 'joined' until the day before 'left'.",
    ),
    Group: "A named set of parties whose membership may change over time.",
    Official: "A person acting for a party.",
    Measure: "A policy instrument one party applies to others (a tariff, an export control...).",
    Source: "A document where a fact is asserted.",
    Event: "A dated fact: an approval, a deposit, a performance, an extension, a ruling...",
    Redate: "A recorded event moved to another day.",
    Scenario: "A what-if: events added, recorded events removed or moved to other days.",
    Expectation: (
        "What should hold on one day about one agreement, one party of an agreement or one "
        "commitment."
    ),
    ScenarioFile: (
        "A tradeaccord scenario file: a what-if scenario and what should hold under it, "
        "checked by 'tradeaccord check' and collected by pytest."
    ),
    Account: (
        "One source's account of an event: a source id (a claim), or {source, stance, reported}.",
        "A claim, confirmation or denial of the event by one source.",
    ),
    EvidencePolicy: (
        "Which accounts establish an event: a ranking of source kinds, the weakest kind "
        "accepted alone, a minimum confidence, and what a conflict gives."
    ),
    Link: "A relation from this agreement to another.",
    Term: (
        "How long something runs once it starts: a period, or {period, rounding}.",
        "A term with a rounding policy.",
    ),
    Deadline: (
        "When a commitment is due: a date, a period from activation, or {on | within, rounding}.",
        "A deadline with exactly one of 'on' and 'within'.",
    ),
    Commitment: "An undertaking by one party about a measure, possibly conditional.",
    PartyEntry: "How each party comes to be bound, and how it leaves.",
    EntryIntoForce: "An agreement's entry-into-force clause.",
    ProvisionalApplication: "Provisional application before entry into force (at most one of 'ends_on' and 'term').",
    Agreement: "A concluded text or arrangement between parties.",
    Dataset: "A tradeaccord dataset file: parties, groups, officials, measures, sources, agreements and events.",
    Occurred: "An event of this kind has occurred; 'by_all' / 'by_any' take the place of 'party'.",
    Fulfilled: "A commitment has been performed.",
    InForce: "An agreement is in force.",
    DateReached: "A date has been reached.",
    AllOf: "Every condition holds (none: always).",
    AnyOf: "At least one condition holds (none: never).",
    Not: "The condition does not hold.",
    AtLeast: "At least N of the conditions hold.",
    Delay: "Holds from the date a day-count rule gives for the first day the condition holds.",
    InstrumentCount: "At least N parties have an instrument standing.",
    InstrumentShare: "Instruments from at least a share of a group's members, counted on each day.",
    WeightedShare: "Instruments from parties whose weights add up to at least a share of the total.",
    Upon: "The same day as the trigger.",
    NthDayAfter: "On the Nth day after the trigger (the trigger is day 0).",
    AfterClearDays: "After N clear days: the trigger plus N + 1 days.",
    FirstDayOfMonthFollowing: "The first day of the Nth month following the trigger's month.",
    AfterPeriod: "The trigger plus a calendar period.",
    FixedDate: "A fixed date, or the trigger if that is later.",
    Earliest: "The earliest of the dates the rules give.",
    Latest: "The latest of the dates the rules give.",
}
#: What each field holds, by class and model field.
FIELDS: Final[dict[tuple[type, str], str]] = {
    (Party, "id"): "A stable id; ISO 3166 alpha-3 where one exists ('USA').",
    (Party, "name"): "The party's name.",
    (Party, "kind"): "What kind of actor the party is.",
    (Member, "party"): "The id of the member party.",
    (Member, "joined"): "The first day of membership (default: from the start).",
    (Member, "left"): "The first day the party is no longer a member (default: still a member).",
    (Group, "id"): "The group's id.",
    (Group, "name"): "The group's name.",
    (Group, "members"): "The members, in order.",
    (Official, "id"): "The official's id.",
    (Official, "name"): "The official's name.",
    (Official, "party"): "The id of the party the official acts for.",
    (Official, "role"): "The official's role ('President').",
    (Measure, "id"): "The measure's id.",
    (Measure, "name"): "The measure's name.",
    (Measure, "imposed_by"): "The id of the party that applies the measure.",
    (Measure, "kind"): "The kind of measure.",
    (Measure, "applies_to"): "The ids of the parties it applies to (empty: every other party).",
    (Measure, "legal_basis"): "The law or order the measure rests on.",
    (Measure, "summary"): "A short description.",
    (Source, "id"): "The source's id.",
    (Source, "publisher"): "Who published the document.",
    (Source, "kind"): "What kind of document it is.",
    (Source, "title"): "The document's title.",
    (Source, "url"): "Where the document can be read.",
    (Source, "published"): "The day it was published.",
    (Source, "quote"): "The passage that asserts the fact.",
    (Event, "id"): "The event's id.",
    (Event, "date"): "The day it happened.",
    (Event, "kind"): "What kind of fact it is.",
    (Event, "summary"): "A short description.",
    (Event, "party"): "The id of the party that acted.",
    (Event, "official"): "The id of the official who acted.",
    (
        Event,
        "target",
    ): "The id of the agreement, commitment, measure or provisional application the event is about.",
    (Event, "sources"): "The ids of the sources that assert it.",
    (Event, "confidence"): "How well the sources establish it.",
    (
        Event,
        "ends_on",
    ): "For an extension only (and required there): the first day the extended term no longer runs.",
    (Event, "notes"): "Free notes.",
    (Event, "reported"): "The day it became known (default: its date).",
    (Event, "corrects"): "The id of an earlier event this one replaces, from the day it is known.",
    (Event, "retracts"): (
        "The id of an earlier event this one withdraws from the record, from the day it is known."
    ),
    (Event, "accounts"): "Further sources' claims, confirmations and denials of it.",
    (Account, "source"): "The id of the source.",
    (Account, "stance"): "Whether the source claims, confirms or denies the event.",
    (Account, "reported"): (
        "The day the account became known (default: the source's published date, else the "
        "day the event became known)."
    ),
    (Account, "notes"): "Free notes.",
    (EvidencePolicy, "min_confidence"): "Events of a lower confidence are unknown, not facts.",
    (EvidencePolicy, "ranking"): "Source kinds, strongest first; a kind left out ranks last.",
    (EvidencePolicy, "min_source"): (
        "The weakest source kind whose account establishes an event alone; weaker ones "
        "leave it reported but unconfirmed."
    ),
    (EvidencePolicy, "on_conflict"): (
        "What equally ranked claims and denials give: unknown (default), true or false."
    ),
    (Dataset, "policy"): "The evidence policy the dataset is meant to be read under.",
    (Link, "kind"): "How this agreement relates to the other.",
    (Link, "target"): "The id of the other agreement.",
    (Term, "period"): "The length of the term.",
    (Term, "rounding"): "What to do when the period ends on a day the month lacks.",
    (Deadline, "on"): "Due on or before this day.",
    (Deadline, "within"): "Due within this period of activation.",
    (Deadline, "rounding"): "What to do when the period ends on a day the month lacks.",
    (Commitment, "id"): "The commitment's id, unique across agreements ('deal/c1').",
    (Commitment, "by"): "The id of the party that undertakes it.",
    (Commitment, "action"): "What the party undertakes to do.",
    (Commitment, "summary"): "A short description.",
    (Commitment, "measure"): "The id of the measure it is about.",
    (Commitment, "beneficiary"): "The id of the party it benefits.",
    (Commitment, "condition"): "What must hold for it to be active.",
    (Commitment, "deadline"): "When it must be performed.",
    (Commitment, "term"): "How long it binds once active.",
    (Commitment, "sources"): "The ids of the sources that assert it.",
    (
        Commitment,
        "basis",
    ): "agreed: undertaken by its party; expected: only reported as expected of it (past its due day without performance it is missed, not overdue).",
    (
        Commitment,
        "confidence",
    ): "How well its sources establish that it was undertaken (or expected).",
    (PartyEntry, "instrument"): "The event kind by which a party binds itself.",
    (PartyEntry, "effective"): "When a later party's instrument takes effect.",
    (PartyEntry, "withdrawal"): "When a bound party's withdrawal takes effect.",
    (EntryIntoForce, "when"): "What must hold for the agreement to enter into force.",
    (
        EntryIntoForce,
        "effective",
    ): "The entry-into-force date counted from the day 'when' first holds.",
    (
        EntryIntoForce,
        "deadline",
    ): "The last day it may enter into force; after it the agreement lapses.",
    (
        EntryIntoForce,
        "per_party",
    ): "How each party comes to be bound (for agreements parties join one by one).",
    (ProvisionalApplication, "id"): "The id events about provisional application target.",
    (ProvisionalApplication, "start"): "What must hold for provisional application to start.",
    (
        ProvisionalApplication,
        "effective",
    ): "The start date counted from the day 'start' first holds.",
    (ProvisionalApplication, "ends_on"): "The first day it no longer applies.",
    (ProvisionalApplication, "term"): "How long it applies from its start.",
    (Agreement, "id"): "The agreement's id.",
    (Agreement, "title"): "The agreement's title.",
    (Agreement, "kind"): "The legal form of the agreement.",
    (Agreement, "parties"): "The ids of its parties.",
    (Agreement, "concluded"): "The day it was concluded.",
    (Agreement, "entry_into_force"): "When it enters into force (default: when concluded).",
    (Agreement, "commitments"): "What its parties undertake.",
    (Agreement, "links"): "Its relations to other agreements.",
    (Agreement, "term"): "How long it runs from entry into force.",
    (Agreement, "provisional_application"): "Provisional application before entry into force.",
    (Agreement, "summary"): "A short description.",
    (Agreement, "sources"): "The ids of the sources that assert it.",
    (Occurred, "kind"): "The kind of event.",
    (Occurred, "party"): "The id of the party that acted.",
    (Occurred, "by_all"): "Every one of these parties acted (one event each).",
    (Occurred, "by_any"): "At least one of these parties acted.",
    (Occurred, "target"): "The id of what the event is about.",
    (Occurred, "official"): "The id of the official who acted.",
    (Fulfilled, "commitment"): "The id of the commitment.",
    (InForce, "agreement"): "The id of the agreement.",
    (DateReached, "on"): "The date.",
    (AllOf, "items"): "The conditions.",
    (AnyOf, "items"): "The alternatives.",
    (Not, "item"): "The condition negated.",
    (AtLeast, "n"): "How many must hold (1 to the number of conditions).",
    (AtLeast, "items"): "The conditions.",
    (Delay, "item"): "The condition delayed.",
    (Delay, "rule"): "The day-count rule.",
    (InstrumentCount, "n"): "How many instruments are needed.",
    (InstrumentCount, "target"): "The id of the agreement the instruments are about.",
    (InstrumentCount, "kind"): "The event kind that counts as an instrument.",
    (InstrumentCount, "among"): "Count only members of this group (a group id).",
    (InstrumentShare, "share"): "The share needed, greater than 0 and at most 1 ('2/3', '55%').",
    (InstrumentShare, "target"): "The id of the agreement the instruments are about.",
    (InstrumentShare, "among"): "The id of the group whose members count.",
    (InstrumentShare, "kind"): "The event kind that counts as an instrument.",
    (WeightedShare, "share"): "The share needed, greater than 0 and at most 1 ('2/3', '55%').",
    (WeightedShare, "weights"): "Each counted party's weight, by party id ('36.1', 20).",
    (WeightedShare, "target"): "The id of the agreement the instruments are about.",
    (WeightedShare, "kind"): "The event kind that counts as an instrument.",
    (WeightedShare, "total"): "The total the share is taken of (default: the sum of the weights).",
    (NthDayAfter, "n"): "N, 1 or more.",
    (AfterClearDays, "n"): "N, 1 or more.",
    (FirstDayOfMonthFollowing, "n"): "N, 1 or more.",
    (AfterPeriod, "period"): "The period ('P1Y').",
    (AfterPeriod, "rounding"): "What to do when the period ends on a day the month lacks.",
    (FixedDate, "on"): "The date.",
    (Earliest, "rules"): "The rules.",
    (Latest, "rules"): "The rules.",
    (Redate, "event"): "The id of the recorded event to move.",
    (Redate, "date"): "The day the scenario puts it on.",
    (Scenario, "name"): "The scenario's name, shown in reports.",
    (Scenario, "description"): "What the scenario imagines.",
    (Scenario, "add"): "Hypothetical events to add.",
    (Scenario, "remove"): "The ids of recorded events to leave out.",
    (Scenario, "redate"): "Recorded events to move to other days.",
    (Expectation, "as_of"): "The day the expectation is about.",
    (
        Expectation,
        "agreement",
    ): "The id of the agreement it is about (with party: of one of its parties).",
    (Expectation, "party"): "The id of the party of the agreement it is about.",
    (Expectation, "commitment"): "The id of the commitment it is about.",
    (Expectation, "status"): "The status it should have that day (in_force, bound, active...).",
    (
        Expectation,
        "since",
    ): "The day an agreement should be in force since, a party bound since, a commitment in its status since.",
    (Expectation, "in_force"): "Whether the agreement should be in force.",
    (Expectation, "bound"): "Whether the party should be bound.",
    (Expectation, "deontic"): "How the commitment should stand: pending, performed, overdue...",
    (
        ScenarioFile,
        "scenario",
    ): "The what-if: events to add, remove or move (none: the record as it stands).",
    (ScenarioFile, "expect"): "What should hold under the scenario.",
    (
        ScenarioFile,
        "dataset",
    ): "The dataset file the scenario is about, relative to this file (default: the embedded example dataset).",
    (Dataset, "title"): "The dataset's title.",
    (Dataset, "parties"): "The parties.",
    (Dataset, "groups"): "Named sets of parties.",
    (Dataset, "officials"): "People acting for parties.",
    (Dataset, "measures"): "Policy instruments (tariffs, export controls...).",
    (Dataset, "sources"): "Documents that assert facts.",
    (Dataset, "agreements"): "The agreements.",
    (Dataset, "events"): "Dated facts.",
    (WeightedShare, "weight"): "The party's weight (not negative).",
}


#: The short forms: what an object's one value means when it is written alone.
SHORT_FORMS: Final[dict[tuple[type, str], str]] = {
    (Member, "party"): "The id of a party that is a member throughout.",
    (Term, "period"): "The length of the term.",
    (Deadline, "on"): "Due on or before this day.",
    (Deadline, "within"): "Due within this period of the day the commitment becomes active.",
    (Account, "source"): "The id of a source that claims the event.",
}

#: What each enumeration is.
ENUMS: Final[dict[type, str]] = {
    PartyKind: "What kind of actor a party is.",
    AgreementKind: "The legal form of an agreement.",
    LinkKind: "How one agreement relates to another.",
    Action: "What a commitment undertakes to do about a measure.",
    Basis: "Why a commitment is on the record: undertaken by its party, or only expected of it.",
    MeasureKind: "The kind of policy instrument a measure is.",
    EventKind: "What a dated fact is.",
    Confidence: "How well an event is established by its sources.",
    SourceKind: "What kind of document a source is.",
    Stance: "What an account says of an event: claim, confirmation or denial.",
    Truth: "A three-valued truth: true, false or unknown.",
    Rounding: (
        "What to do when a period ends on a day the month lacks: strict (an error), "
        "down (last day of the month) or up (first day of the next month)."
    ),
}

#: The values written as text, and the unions of nodes.
VALUES: Final[dict[str, str]] = {
    "id": "An id: a non-empty string without surrounding spaces.",
    "date": "A calendar date, 'YYYY-MM-DD'.",
    "period": "An ISO 8601 duration of years, months, weeks and days: 'P90D', 'P3M', 'P1Y6M', 'P2W'.",
    "exact_number": (
        "An exact number: an integer, a decimal, or a string such as '2/3', '0.55', '55%' or '36.1'."
    ),
    "instrument_kind": (
        "The event kind that counts as a party's instrument (any event kind but withdrawal)."
    ),
    "condition": (
        "A condition: an object whose first key names the node ('occurred', 'all_of', 'delay'...)."
    ),
    "day_count": (
        "A day-count rule turning a triggering date into an effective date: 'upon' or an object "
        "naming the rule."
    ),
    "format": "The version of the layout: {format}.",
}
