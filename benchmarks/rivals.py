"""The same model in pydantic v2 and msgspec, with the same rules, to measure gpworkshop against them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

import msgspec
import pydantic

from gpworkshop._validators import country_codes
from gpworkshop.vocab import (
    CommitmentKind,
    CommitmentStatus,
    CountryGroup,
    EventFormat,
    Principle,
    RelationKind,
    ResourceKind,
    Role,
    StakeholderKind,
    TakeawayKind,
)

SLUG = r"^[a-z0-9][a-z0-9-]*$"
COUNTRIES = frozenset(country_codes())
_SLUG = re.compile(SLUG)


def _country(value: str | None) -> str | None:
    if value is not None and value not in COUNTRIES:
        raise ValueError("not an ISO 3166-1 alpha-2 code")
    return value


Slug = Annotated[str, pydantic.StringConstraints(pattern=SLUG)]
Text = Annotated[str, pydantic.StringConstraints(min_length=1)]
Country = Annotated[str | None, pydantic.AfterValidator(_country)]
Strict = pydantic.ConfigDict(extra="forbid", frozen=True)


class PPerson(pydantic.BaseModel):
    model_config = Strict
    name: Text
    title: Text | None = None


class PStakeholder(pydantic.BaseModel):
    model_config = Strict
    id: Slug
    name: Text
    acronym: Text | None = None
    kind: StakeholderKind
    country: Country = None
    part_of: Slug | None = None
    people: tuple[PPerson, ...] = ()


class PLocation(pydantic.BaseModel):
    model_config = Strict
    city: Text | None = None
    country: Country = None
    venue: Text | None = None
    online: bool = False


class PParticipation(pydantic.BaseModel):
    model_config = Strict
    stakeholder: Slug
    roles: Annotated[tuple[Role, ...], pydantic.Field(min_length=1)]
    people: tuple[PPerson, ...] = ()


class PRelation(pydantic.BaseModel):
    model_config = Strict
    event: Slug
    relation: RelationKind


class PObjective(pydantic.BaseModel):
    model_config = Strict
    id: Slug
    title: Text
    text: Text | None = None
    principles: tuple[Principle, ...] = ()
    sdgs: tuple[
        Annotated[str, pydantic.StringConstraints(pattern=r"^(?:[1-9]|1[0-7])(?:\.(?:[1-9][0-9]?|[a-z]))?$")], ...
    ] = ()


class PSource(pydantic.BaseModel):
    model_config = Strict
    stakeholder: Slug | None = None
    person: PPerson | None = None


class PTakeaway(pydantic.BaseModel):
    model_config = Strict
    id: Slug
    text: Text
    kind: TakeawayKind
    objectives: tuple[Slug, ...] = ()
    themes: tuple[str, ...] = ()
    source: PSource | None = None


class PEndorsement(pydantic.BaseModel):
    model_config = Strict
    stakeholder: Slug
    on: dt.date | None = None


class PProgress(pydantic.BaseModel):
    model_config = Strict
    on: dt.date
    status: CommitmentStatus
    note: Text | None = None
    percent: Annotated[int, pydantic.Field(ge=0, le=100)] | None = None
    source: PSource | None = None


class PCommitment(pydantic.BaseModel):
    model_config = Strict
    id: Slug
    text: Text
    by: tuple[Slug, ...]
    endorsements: tuple[PEndorsement, ...] = ()
    kind: CommitmentKind
    made_on: dt.date | None = None
    due: dt.date | None = None
    deliverable: Text | None = None
    indicator: Text | None = None
    status: CommitmentStatus = CommitmentStatus.ANNOUNCED
    objectives: tuple[Slug, ...] = ()
    takeaways: tuple[Slug, ...] = ()
    progress: tuple[PProgress, ...] = ()


class PResource(pydantic.BaseModel):
    model_config = Strict
    title: Text
    kind: ResourceKind
    url: Annotated[str, pydantic.StringConstraints(pattern=r"^https?://\S+$")] | None = None


class PEvent(pydantic.BaseModel):
    model_config = Strict
    id: Slug
    title: Text
    format: EventFormat
    categories: tuple[str, ...] = ()
    series: Text | None = None
    edition: Annotated[int, pydantic.Field(ge=1)] | None = None
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None = None
    location: PLocation | None = None
    summary: Text | None = None
    part_of: Slug | None = None
    related: tuple[PRelation, ...] = ()
    participants: tuple[PParticipation, ...] = ()
    objectives: tuple[PObjective, ...] = ()
    takeaways: tuple[PTakeaway, ...] = ()
    commitments: tuple[PCommitment, ...] = ()
    themes: tuple[str, ...] = ()
    audience: tuple[CountryGroup, ...] = ()
    regions: tuple[str, ...] = ()
    resources: tuple[PResource, ...] = ()


class PRecord(pydantic.BaseModel):
    model_config = Strict
    gpworkshop: Literal[1]
    stakeholders: tuple[PStakeholder, ...] = ()
    events: tuple[PEvent, ...] = ()


# msgspec: the same shapes as Structs; its constraints cover patterns and ranges.
MSlug = Annotated[str, msgspec.Meta(pattern=SLUG)]
MText = Annotated[str, msgspec.Meta(min_length=1)]


class MPerson(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    name: MText
    title: MText | None = None


class MStakeholder(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    id: MSlug
    name: MText
    kind: StakeholderKind
    acronym: MText | None = None
    country: str | None = None
    part_of: MSlug | None = None
    people: tuple[MPerson, ...] = ()


class MLocation(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    city: MText | None = None
    country: str | None = None
    venue: MText | None = None
    online: bool = False


class MParticipation(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    stakeholder: MSlug
    roles: Annotated[tuple[Role, ...], msgspec.Meta(min_length=1)]
    people: tuple[MPerson, ...] = ()


class MObjective(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    id: MSlug
    title: MText
    text: MText | None = None
    principles: tuple[Principle, ...] = ()
    sdgs: tuple[str, ...] = ()


class MTakeaway(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    id: MSlug
    text: MText
    kind: TakeawayKind
    objectives: tuple[MSlug, ...] = ()
    themes: tuple[str, ...] = ()


class MProgress(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    on: dt.date
    status: CommitmentStatus
    note: MText | None = None
    percent: Annotated[int, msgspec.Meta(ge=0, le=100)] | None = None


class MCommitment(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    id: MSlug
    text: MText
    by: tuple[MSlug, ...]
    kind: CommitmentKind
    made_on: dt.date | None = None
    due: dt.date | None = None
    deliverable: MText | None = None
    indicator: MText | None = None
    status: CommitmentStatus = CommitmentStatus.ANNOUNCED
    objectives: tuple[MSlug, ...] = ()
    takeaways: tuple[MSlug, ...] = ()
    progress: tuple[MProgress, ...] = ()


class MEvent(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    id: MSlug
    title: MText
    format: EventFormat
    start: dt.date
    end: dt.date | None = None
    location: MLocation | None = None
    summary: MText | None = None
    participants: tuple[MParticipation, ...] = ()
    objectives: tuple[MObjective, ...] = ()
    takeaways: tuple[MTakeaway, ...] = ()
    commitments: tuple[MCommitment, ...] = ()
    themes: tuple[str, ...] = ()


class MRecord(msgspec.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    gpworkshop: int
    stakeholders: tuple[MStakeholder, ...] = ()
    events: tuple[MEvent, ...] = ()
