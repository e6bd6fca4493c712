"""Controlled vocabularies.

Each vocabulary is a :class:`~enum.StrEnum` whose values are the kebab-case
spellings used in files, and whose members each carry a one-line meaning in
``__doc__``:

>>> from gpworkshop.vocab import Role
>>> Role("co-organiser")
<Role.CO_ORGANISER: 'co-organiser'>
>>> Role.CO_ORGANISER.__doc__
'Shares the organisation of the event with the main organiser.'
"""

from __future__ import annotations

import enum

__all__ = [
    "CommitmentKind",
    "CommitmentStatus",
    "CountryGroup",
    "EventFormat",
    "Principle",
    "RelationKind",
    "ResourceKind",
    "Role",
    "StakeholderKind",
    "TakeawayKind",
    "Vocabulary",
]


class Vocabulary(enum.StrEnum):
    """Base of every vocabulary: a value spelled as in files, with a meaning."""

    _value_: str

    def __new__(cls, value: str, meaning: str) -> Vocabulary:
        member = str.__new__(cls, value)
        member._value_ = value
        member.__doc__ = meaning
        return member


class StakeholderKind(Vocabulary):
    """What sort of body a stakeholder is.

    :attr:`iati_code` gives the matching IATI *OrganisationType* code for
    interchange with IATI publishers.
    """

    GOVERNMENT = "government", "A national government or one of its ministries."
    LOCAL_GOVERNMENT = "local-government", "A city, province, region or other sub-national government."
    PUBLIC_BODY = "public-body", "A public agency, statutory body or state-owned institution."
    PARLIAMENT = "parliament", "A national or regional legislature."
    UN_ENTITY = "un-entity", "A United Nations department, agency, fund, programme or office."
    MULTILATERAL = "multilateral", "A multilateral organisation or development bank outside the UN."
    BILATERAL_PROVIDER = "bilateral-provider", "A bilateral development co-operation provider or agency."
    RESEARCH_INSTITUTE = "research-institute", "A public or independent research institute or think tank."
    ACADEMIA = "academia", "A university or other academic institution."
    CIVIL_SOCIETY = "civil-society", "A non-governmental or civil-society organisation."
    LOCAL_ORGANISATION = "local-organisation", "A community-based or local organisation."
    FOUNDATION = "foundation", "A philanthropic or private foundation."
    PRIVATE_SECTOR = "private-sector", "A company or business association."
    TRADE_UNION = "trade-union", "A trade union or federation of unions."
    NETWORK = "network", "A network, platform or group whose members are not named one by one."
    OTHER = "other", "Any other kind of body."

    @property
    def iati_code(self) -> str:
        """The IATI OrganisationType code for this kind (``"90"`` for other)."""
        return _IATI_ORGANISATION_TYPES[self]


_IATI_ORGANISATION_TYPES = {
    StakeholderKind.GOVERNMENT: "10",
    StakeholderKind.LOCAL_GOVERNMENT: "11",
    StakeholderKind.PUBLIC_BODY: "15",
    StakeholderKind.PARLIAMENT: "15",
    StakeholderKind.UN_ENTITY: "40",
    StakeholderKind.MULTILATERAL: "40",
    StakeholderKind.BILATERAL_PROVIDER: "10",
    StakeholderKind.RESEARCH_INSTITUTE: "80",
    StakeholderKind.ACADEMIA: "80",
    StakeholderKind.CIVIL_SOCIETY: "22",
    StakeholderKind.LOCAL_ORGANISATION: "24",
    StakeholderKind.FOUNDATION: "60",
    StakeholderKind.PRIVATE_SECTOR: "70",
    StakeholderKind.TRADE_UNION: "90",
    StakeholderKind.NETWORK: "90",
    StakeholderKind.OTHER: "90",
}


class EventFormat(Vocabulary):
    """The format of an event."""

    WORKSHOP = "workshop", "A working meeting where participants produce inputs together."
    MEETING = "meeting", "A meeting of a defined group, such as a preparatory or network meeting."
    SYMPOSIUM = "symposium", "A multi-day gathering of presentations and panels on a theme."
    FORUM = "forum", "An open platform for discussion, often one track of a larger event."
    SESSION = "session", "One session inside a larger event."
    SUMMIT = "summit", "A high-level gathering that adopts or launches outcomes."
    CONFERENCE = "conference", "A conference with a programme of talks."
    HIGH_LEVEL_MEETING = "high-level-meeting", "A meeting at ministerial or heads-of-agency level."
    ROUNDTABLE = "roundtable", "A discussion among peers around one table, without an audience."
    CONSULTATION = "consultation", "A consultation that gathers views on a question or draft."
    WEBINAR = "webinar", "An online seminar."
    OTHER = "other", "Any other format."


class Role(Vocabulary):
    """The role a stakeholder plays in an event."""

    ORGANISER = "organiser", "Convenes the event and is responsible for it."
    CO_ORGANISER = "co-organiser", "Shares the organisation of the event with the main organiser."
    HOST = "host", "Hosts the event: provides the venue or welcomes it to its country or city."
    PARTICIPANT = "participant", "Takes part in the event."
    SPEAKER = "speaker", "Speaks or presents at the event."
    MODERATOR = "moderator", "Moderates or chairs a session."
    RAPPORTEUR = "rapporteur", "Records the discussion and reports its outcome."
    ENDORSER = "endorser", "Endorses a statement or commitment made at the event."
    FUNDER = "funder", "Funds the event."
    OBSERVER = "observer", "Attends as an observer without taking part in decisions."


class TakeawayKind(Vocabulary):
    """What sort of outcome a takeaway is."""

    KEY_MESSAGE = "key-message", "A key message the event agreed on or put forward."
    RECOMMENDATION = "recommendation", "A recommendation addressed to someone for action."
    CONCLUSION = "conclusion", "A conclusion the event drew."
    LESSON = "lesson", "A lesson learnt from experience."
    CHALLENGE = "challenge", "A challenge or bottleneck the event identified."
    GOOD_PRACTICE = "good-practice", "A good practice or success case that was shared."
    QUOTE = "quote", "Words of a named speaker, quoted as said."


class CommitmentKind(Vocabulary):
    """What sort of promise a commitment is."""

    PLEDGE = "pledge", "A pledge of resources or action by its owners."
    STATEMENT = "statement", "A joint statement that endorsers sign up to."
    VOLUNTARY_INITIATIVE = "voluntary-initiative", "A voluntary initiative that partners join."
    ACTION_POINT = "action-point", "An action point agreed at the event for follow-up."


class CommitmentStatus(Vocabulary):
    """How far a commitment has come."""

    ANNOUNCED = "announced", "Made, with no progress reported yet."
    IN_PROGRESS = "in-progress", "Being carried out."
    ACHIEVED = "achieved", "Carried out in full."
    PARTIALLY_ACHIEVED = "partially-achieved", "Carried out in part; no further work is expected."
    NOT_ACHIEVED = "not-achieved", "Not carried out."
    WITHDRAWN = "withdrawn", "Withdrawn by its owners."

    @property
    def is_open(self) -> bool:
        """Whether work on the commitment is still expected."""
        return self in (CommitmentStatus.ANNOUNCED, CommitmentStatus.IN_PROGRESS)


class Principle(Vocabulary):
    """The four principles of the Busan Partnership for Effective Development Co-operation."""

    COUNTRY_OWNERSHIP = "country-ownership", "Ownership of development priorities by developing countries."
    FOCUS_ON_RESULTS = "focus-on-results", "A focus on lasting results and impact."
    INCLUSIVE_PARTNERSHIPS = "inclusive-partnerships", "Inclusive partnerships among all development actors."
    TRANSPARENCY_ACCOUNTABILITY = (
        "transparency-accountability",
        "Transparency and mutual accountability to each other and to citizens.",
    )


class CountryGroup(Vocabulary):
    """UN and World Bank country groupings, used to describe an audience."""

    LDC = "ldc", "Least developed countries."
    LLDC = "lldc", "Landlocked developing countries."
    SIDS = "sids", "Small island developing states."
    LIC = "lic", "Low-income countries."
    LMIC = "lmic", "Lower-middle-income countries."
    UMIC = "umic", "Upper-middle-income countries."
    MIC = "mic", "Middle-income countries."
    HIC = "hic", "High-income countries."


class RelationKind(Vocabulary):
    """How an event relates to another one."""

    PREPARES = "prepares", "This event prepares the other one."
    FOLLOWS_UP = "follows-up", "This event follows up on the outcomes of the other one."
    REVIEWS = "reviews", "This event reviews the implementation of the other one's outcomes."
    CONTINUES = "continues", "This event continues the work of the other one."


class ResourceKind(Vocabulary):
    """What sort of material a resource is."""

    OUTCOME_REPORT = "outcome-report", "The outcome report or summary of the event."
    STATEMENT = "statement", "A statement or declaration issued at the event."
    VIDEO = "video", "A recording of the event or a session."
    PHOTOS = "photos", "A photo gallery."
    AGENDA = "agenda", "The agenda or programme."
    PRESENTATION = "presentation", "Slides or a presentation given at the event."
    OTHER = "other", "Any other material."
