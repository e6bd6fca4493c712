"""Model, validate and report the outcomes of multi-stakeholder workshops in development co-operation.

>>> import gpworkshop as gw
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> kb.event("busan-gp-workshop-2014").start
datetime.date(2014, 11, 6)
"""

from gpworkshop.errors import (
    FieldValueError,
    FormatError,
    GPWorkshopError,
    LoadError,
    MissingExtraError,
    Problem,
    Severity,
    UnknownIdError,
    WriteError,
)
from gpworkshop.model import (
    Commitment,
    Endorsement,
    Event,
    Identifiers,
    KnowledgeBase,
    Location,
    Objective,
    Participation,
    Person,
    ProgressUpdate,
    Relation,
    Resource,
    Source,
    Stakeholder,
    Takeaway,
)
from gpworkshop.multilingual import Translatable, TranslationError, in_language
from gpworkshop.serialize import FORMAT_VERSION, dump, dumps, load, loads, structure, unstructure
from gpworkshop.validate import validate
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


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata only when asked for, to keep imports fast.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("gpworkshop")
    raise AttributeError(f"module 'gpworkshop' has no attribute {name!r}")


__all__ = [
    "FORMAT_VERSION",
    "Commitment",
    "CommitmentKind",
    "CommitmentStatus",
    "CountryGroup",
    "Endorsement",
    "Event",
    "EventFormat",
    "FieldValueError",
    "FormatError",
    "GPWorkshopError",
    "Identifiers",
    "KnowledgeBase",
    "LoadError",
    "Location",
    "MissingExtraError",
    "Objective",
    "Participation",
    "Person",
    "Principle",
    "Problem",
    "ProgressUpdate",
    "Relation",
    "RelationKind",
    "Resource",
    "ResourceKind",
    "Role",
    "Severity",
    "Source",
    "Stakeholder",
    "StakeholderKind",
    "Takeaway",
    "TakeawayKind",
    "Translatable",
    "TranslationError",
    "UnknownIdError",
    "WriteError",
    "dump",
    "dumps",
    "in_language",
    "load",
    "loads",
    "structure",
    "unstructure",
    "validate",
]
