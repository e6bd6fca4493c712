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
from typing import TYPE_CHECKING

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


class _Described(str):
    """A vocabulary value that carries its meaning until the member is made."""

    meaning: str


def _described(value: str, meaning: str) -> str:
    text = _Described(value)
    text.meaning = meaning
    return text


class Vocabulary(enum.StrEnum):
    """Base of every vocabulary: a value spelled as in files, with a meaning."""

    _value_: str

    if not TYPE_CHECKING:

        def __new__(cls, value: str) -> Vocabulary:
            member = str.__new__(cls, value)
            member._value_ = str(value)
            member.__doc__ = getattr(value, "meaning", None)
            return member


class StakeholderKind(Vocabulary):
    """What sort of body a stakeholder is.

    :attr:`iati_code` gives the matching IATI *OrganisationType* code for
    interchange with IATI publishers.
    """

    GOVERNMENT = _described("government", "A national government or one of its ministries.")
    LOCAL_GOVERNMENT = _described("local-government", "A city, province, region or other sub-national government.")
    PUBLIC_BODY = _described("public-body", "A public agency, statutory body or state-owned institution.")
    PARLIAMENT = _described("parliament", "A national or regional legislature.")
    UN_ENTITY = _described("un-entity", "A United Nations department, agency, fund, programme or office.")
    MULTILATERAL = _described("multilateral", "A multilateral organisation or development bank outside the UN.")
    BILATERAL_PROVIDER = _described("bilateral-provider", "A bilateral development co-operation provider or agency.")
    RESEARCH_INSTITUTE = _described("research-institute", "A public or independent research institute or think tank.")
    ACADEMIA = _described("academia", "A university or other academic institution.")
    CIVIL_SOCIETY = _described("civil-society", "A non-governmental or civil-society organisation.")
    LOCAL_ORGANISATION = _described("local-organisation", "A community-based or local organisation.")
    FOUNDATION = _described("foundation", "A philanthropic or private foundation.")
    PRIVATE_SECTOR = _described("private-sector", "A company or business association.")
    TRADE_UNION = _described("trade-union", "A trade union or federation of unions.")
    NETWORK = _described("network", "A network, platform or group whose members are not named one by one.")
    OTHER = _described("other", "Any other kind of body.")

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

    WORKSHOP = _described("workshop", "A working meeting where participants produce inputs together.")
    MEETING = _described("meeting", "A meeting of a defined group, such as a preparatory or network meeting.")
    SYMPOSIUM = _described("symposium", "A multi-day gathering of presentations and panels on a theme.")
    FORUM = _described("forum", "An open platform for discussion, often one track of a larger event.")
    SESSION = _described("session", "One session inside a larger event.")
    SUMMIT = _described("summit", "A high-level gathering that adopts or launches outcomes.")
    CONFERENCE = _described("conference", "A conference with a programme of talks.")
    HIGH_LEVEL_MEETING = _described("high-level-meeting", "A meeting at ministerial or heads-of-agency level.")
    ROUNDTABLE = _described("roundtable", "A discussion among peers around one table, without an audience.")
    CONSULTATION = _described("consultation", "A consultation that gathers views on a question or draft.")
    WEBINAR = _described("webinar", "An online seminar.")
    OTHER = _described("other", "Any other format.")


class Role(Vocabulary):
    """The role a stakeholder plays in an event."""

    ORGANISER = _described("organiser", "Convenes the event and is responsible for it.")
    CO_ORGANISER = _described("co-organiser", "Shares the organisation of the event with the main organiser.")
    HOST = _described("host", "Hosts the event: provides the venue or welcomes it to its country or city.")
    PARTICIPANT = _described("participant", "Takes part in the event.")
    SPEAKER = _described("speaker", "Speaks or presents at the event.")
    MODERATOR = _described("moderator", "Moderates or chairs a session.")
    RAPPORTEUR = _described("rapporteur", "Records the discussion and reports its outcome.")
    ENDORSER = _described("endorser", "Endorses a statement or commitment made at the event.")
    FUNDER = _described("funder", "Funds the event.")
    OBSERVER = _described("observer", "Attends as an observer without taking part in decisions.")


class TakeawayKind(Vocabulary):
    """What sort of outcome a takeaway is."""

    KEY_MESSAGE = _described("key-message", "A key message the event agreed on or put forward.")
    RECOMMENDATION = _described("recommendation", "A recommendation addressed to someone for action.")
    CONCLUSION = _described("conclusion", "A conclusion the event drew.")
    LESSON = _described("lesson", "A lesson learnt from experience.")
    CHALLENGE = _described("challenge", "A challenge or bottleneck the event identified.")
    GOOD_PRACTICE = _described("good-practice", "A good practice or success case that was shared.")
    QUOTE = _described("quote", "Words of a named speaker, quoted as said.")


class CommitmentKind(Vocabulary):
    """What sort of promise a commitment is."""

    PLEDGE = _described("pledge", "A pledge of resources or action by its owners.")
    STATEMENT = _described("statement", "A joint statement that endorsers sign up to.")
    VOLUNTARY_INITIATIVE = _described("voluntary-initiative", "A voluntary initiative that partners join.")
    ACTION_POINT = _described("action-point", "An action point agreed at the event for follow-up.")


class CommitmentStatus(Vocabulary):
    """How far a commitment has come."""

    ANNOUNCED = _described("announced", "Made, with no progress reported yet.")
    IN_PROGRESS = _described("in-progress", "Being carried out.")
    ACHIEVED = _described("achieved", "Carried out in full.")
    PARTIALLY_ACHIEVED = _described("partially-achieved", "Carried out in part; no further work is expected.")
    NOT_ACHIEVED = _described("not-achieved", "Not carried out.")
    WITHDRAWN = _described("withdrawn", "Withdrawn by its owners.")

    @property
    def is_open(self) -> bool:
        """Whether work on the commitment is still expected."""
        return self in _OPEN


#: The statuses of a commitment still being worked on.
_OPEN = (CommitmentStatus.ANNOUNCED, CommitmentStatus.IN_PROGRESS)


class Principle(Vocabulary):
    """The four principles of the Busan Partnership for Effective Development Co-operation."""

    COUNTRY_OWNERSHIP = _described("country-ownership", "Ownership of development priorities by developing countries.")
    FOCUS_ON_RESULTS = _described("focus-on-results", "A focus on lasting results and impact.")
    INCLUSIVE_PARTNERSHIPS = _described(
        "inclusive-partnerships", "Inclusive partnerships among all development actors."
    )
    TRANSPARENCY_ACCOUNTABILITY = _described(
        "transparency-accountability", "Transparency and mutual accountability to each other and to citizens."
    )


class CountryGroup(Vocabulary):
    """UN and World Bank country groupings, used to describe an audience."""

    LDC = _described("ldc", "Least developed countries.")
    LLDC = _described("lldc", "Landlocked developing countries.")
    SIDS = _described("sids", "Small island developing states.")
    LIC = _described("lic", "Low-income countries.")
    LMIC = _described("lmic", "Lower-middle-income countries.")
    UMIC = _described("umic", "Upper-middle-income countries.")
    MIC = _described("mic", "Middle-income countries.")
    HIC = _described("hic", "High-income countries.")


class RelationKind(Vocabulary):
    """How an event relates to another one."""

    PREPARES = _described("prepares", "This event prepares the other one.")
    FOLLOWS_UP = _described("follows-up", "This event follows up on the outcomes of the other one.")
    REVIEWS = _described("reviews", "This event reviews the implementation of the other one's outcomes.")
    CONTINUES = _described("continues", "This event continues the work of the other one.")


class ResourceKind(Vocabulary):
    """What sort of material a resource is."""

    OUTCOME_REPORT = _described("outcome-report", "The outcome report or summary of the event.")
    STATEMENT = _described("statement", "A statement or declaration issued at the event.")
    VIDEO = _described("video", "A recording of the event or a session.")
    PHOTOS = _described("photos", "A photo gallery.")
    AGENDA = _described("agenda", "The agenda or programme.")
    PRESENTATION = _described("presentation", "Slides or a presentation given at the event.")
    OTHER = _described("other", "Any other material.")
