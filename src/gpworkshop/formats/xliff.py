"""A record's texts for translators: XLIFF 2.0, one unit per text, into one language.

:func:`translation_units` lists the texts of a record (those
:func:`gpworkshop.translations.texts` walks) as units a translator fills in:
each with a stable id, its text in the record's language, its translation
when the record has one, and notes that say what the text is. The id is
made of the ids of the objects the text is in, not of their positions, so
that it names the same text after objects are added or moved elsewhere:
``events.busan-gp-workshop-2014.objectives.inclusive-forum.title``;
positions stand only where objects have no id (``...progress.0.note``).

:func:`write` writes the units as an XLIFF 2.0 document; ``gpworkshop
export RECORD --to xliff --lang fr`` does the same, and ``gpworkshop
collect`` brings a filled-in file back into the record's files.

>>> import gpworkshop as gw
>>> from gpworkshop.formats import xliff
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> unit = xliff.translation_units(kb, "fr")[4]
>>> unit.id, unit.source, unit.target
('events.busan-gp-workshop-2014.title', 'Annual Busan Global Partnership Workshop', None)
>>> unit.notes[0]
"the title of an event (id 'busan-gp-workshop-2014')"
>>> print(xliff.write(kb, lang="fr").splitlines()[1])
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from gpworkshop._wording import NOT_XML, xml_safe
from gpworkshop.errors import FormatError
from gpworkshop.model import DOC, KnowledgeBase
from gpworkshop.multilingual import Translatable, is_language_tag
from gpworkshop.translations import Path, texts

__all__ = [
    "NAMESPACE",
    "TranslationUnit",
    "existing",
    "target_language",
    "translation_units",
    "unit_paths",
    "write",
]

#: The namespace of XLIFF 2 documents (versions 2.0 and 2.1 share it).
NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"

# The ids that may stand in a unit id: name tokens of XML (as XLIFF ids are) without the dot, which separates steps.
_NAME_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


@attrs.frozen
class TranslationUnit:
    """One text of a record, for a translator to translate."""

    #: Stable id, made of the ids of the objects the text is in and the names of its fields.
    id: str
    #: Where the text is in the knowledge base, as :func:`gpworkshop.translations.texts` gives it.
    path: Path
    #: The text in the record's language.
    source: str
    #: Its translation in the target language, when the record has one.
    target: str | None
    #: What a translator needs to know of the text: what it is, and how reports show it.
    notes: tuple[str, ...] = ()


def target_language(kb: KnowledgeBase, lang: str | None, format_name: str) -> str:
    """*lang* checked as the language to translate *kb* into with the format *format_name*.

    >>> import gpworkshop as gw
    >>> target_language(gw.KnowledgeBase(), "fr", "xliff")
    'fr'

    :raises FormatError: if *lang* is missing, not a BCP 47 tag, or the record's own language.
    """
    if lang is None:
        raise FormatError(f"the format {format_name!r} needs the language to translate into: give --lang")
    if not is_language_tag(lang):
        raise FormatError(f"{lang!r} is not a language tag such as fr, es or zh-Hans")
    if lang.lower() == kb.language.lower():
        raise FormatError(f"the record is written in {kb.language!r} already: give another language to translate into")
    return lang


def translation_units(kb: KnowledgeBase, lang: str, *, untranslated: bool = False) -> list[TranslationUnit]:
    """The texts of *kb* as units to translate into *lang*, in record order; if *untranslated*, those it lacks."""
    found = []
    for (path, text), unit_id in zip(texts(kb), _unit_ids(kb), strict=True):
        target = existing(text, lang)
        if untranslated and target is not None:
            continue
        found.append(TranslationUnit(unit_id, path, str(text), target, _notes(kb, path)))
    return found


def unit_paths(kb: KnowledgeBase) -> dict[str, Path]:
    """The path of the text of each unit id of *kb*, as :func:`translation_units` names them.

    >>> import gpworkshop as gw
    >>> unit_paths(gw.load("examples/busan-gp-workshop-2014.yaml"))["stakeholders.gpedc.acronym"]
    ('stakeholders', 0, 'acronym')
    """
    return {unit_id: path for (path, _), unit_id in zip(texts(kb), _unit_ids(kb), strict=True)}


def existing(text: str, lang: str) -> str | None:
    """The translation of *text* in exactly *lang* (without regard to case), when it has one.

    >>> existing(Translatable({"en": "Seoul", "fr": "Séoul"}), "FR"), existing("Seoul", "fr")
    ('Séoul', None)
    """
    if not isinstance(text, Translatable):
        return None
    return next((value for tag, value in text.texts.items() if tag.lower() == lang.lower()), None)


def _unit_ids(kb: KnowledgeBase) -> Iterator[str]:
    # Whether each list met has usable ids, by the list's identity: a list is judged once, not once a text.
    judged: dict[int, bool] = {}
    for path, _ in texts(kb):
        yield _unit_id(kb, path, judged)


def _unit_id(kb: KnowledgeBase, path: Path, judged: dict[int, bool]) -> str:
    """The id of the text at *path*: the ids of the objects on the way where they have usable ones."""
    obj: Any = kb
    steps: list[str] = []
    for step in path:
        if isinstance(step, int):
            items = obj
            obj = items[step]
            usable = judged.get(id(items))
            if usable is None:
                usable = judged[id(items)] = _identified(items)
            steps.append(str(obj.id) if usable else str(step))
        else:
            obj = getattr(obj, step)
            steps.append(step)
    return ".".join(steps)


def _identified(items: tuple[Any, ...]) -> bool:
    """Whether the objects *items* have ids that name each of them, and may stand in an XLIFF id."""
    ids = [getattr(item, "id", None) for item in items]
    return (
        all(isinstance(value, str) and _NAME_TOKEN.fullmatch(value) for value in ids)
        and len(set(ids)) == len(ids)
        and not any(str(value).isdigit() for value in ids)
    )


# How the notes name the objects a text is in.
_LABELS = {
    "stakeholders": "a stakeholder",
    "events": "an event",
    "objectives": "an objective",
    "takeaways": "a takeaway",
    "commitments": "a commitment",
    "progress": "a progress update",
    "resources": "a resource",
    "people": "a person",
    "participants": "a participation",
    "location": "the place",
    "source": "the source",
    "person": "the person",
}

# What reports do with a commitment's text, which a translation should allow for.
_HEADLINE = "reports show its first sentence as a heading, cut at about 80 characters"


def _notes(kb: KnowledgeBase, path: Path) -> tuple[str, ...]:
    """What the text at *path* is, in words for a translator."""
    field = path[-1]
    assert isinstance(field, str)
    owner: Any = kb.stakeholders[path[1]] if path[0] == "stakeholders" else kb.events[path[1]]  # type: ignore[index]
    kind = "stakeholder" if path[0] == "stakeholders" else "event"
    within = [_LABELS.get(str(step), f"the {step}") for step in path[2:-1] if isinstance(step, str)]
    name = owner.name if kind == "stakeholder" else owner.title
    what = f"the {field.replace('_', ' ')}"
    if len(path) == 3 and field in ("name", "title"):
        context = f"{what} of {_LABELS[str(path[0])]} (id {owner.id!r})"
    else:
        context = " of ".join([what, *reversed(within), f"the {kind} {_quoted(str(name))}"])
    notes = [context]
    doc = _field_doc(kb, path)
    if doc:
        notes.append(f"the field: {doc}")
    if field == "text" and path[-3] == "commitments":
        notes.append(_HEADLINE)
    if field == "acronym":
        notes.append("an acronym may stay as it is when it is the same in the target language")
    return tuple(notes)


def _quoted(text: str, limit: int = 60) -> str:
    shown = " ".join(text.split())
    if len(shown) > limit:
        shown = shown[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"'{shown}'"


def _field_doc(kb: KnowledgeBase, path: Path) -> str | None:
    """The documentation of the field at *path*, as the model gives it."""
    obj: Any = kb
    for step in path[:-1]:
        obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    field = attrs.fields_dict(type(obj)).get(str(path[-1]))
    doc = None if field is None else field.metadata.get(DOC)
    return None if doc is None else re.sub(r"``([^`]*)``", r"\1", str(doc))


def write(kb: KnowledgeBase, /, *, lang: str | None = None, untranslated: bool = False) -> str:
    """The texts of *kb* as an XLIFF 2.0 document for translators into *lang*.

    Each unit holds the text in the record's language as its source and,
    when the record has it, the translation as its target (``state="translated"``).

    :param untranslated: only the texts that lack a translation in *lang*.
    :raises FormatError: if *lang* is missing, not a language tag, or the record's own language.
    """
    language = target_language(kb, lang, "xliff")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{NAMESPACE}" version="2.0" srcLang="{_escaped(kb.language)}" trgLang="{_escaped(language)}">',
        '  <file id="record">',
    ]
    for unit in translation_units(kb, language, untranslated=untranslated):
        lines.append(f'    <unit id="{unit.id}">')
        if unit.notes:
            lines.append("      <notes>")
            lines.extend(
                f'        <note category="{category}">{_escaped(xml_safe(note))}</note>'
                for category, note in _kinds(unit)
            )
            lines.append("      </notes>")
        state = "initial" if unit.target is None else "translated"
        lines.append(f'      <segment state="{state}">')
        lines.append(f"        <source{_space(unit.source)}>{_content(unit.source)}</source>")
        if unit.target is not None:
            lines.append(f"        <target{_space(unit.target)}>{_content(unit.target)}</target>")
        lines += ["      </segment>", "    </unit>"]
    lines += ["  </file>", "</xliff>", ""]
    return "\n".join(lines)


def _kinds(unit: TranslationUnit) -> Iterator[tuple[str, str]]:
    for number, note in enumerate(unit.notes):
        yield ("context" if number == 0 else "description"), note


def _space(text: str) -> str:
    """``xml:space="preserve"`` for a text whose white space a tool could otherwise fold."""
    if text != text.strip() or "\n" in text or "  " in text or "\t" in text:
        return ' xml:space="preserve"'
    return ""


def _content(text: str) -> str:
    """*text* as the content of a source or target: escaped, with the characters XML cannot hold as code points."""
    # The characters XML 1.0 cannot hold are written as XLIFF's ``<cp hex="..."/>``.
    return NOT_XML.sub(lambda found: f'<cp hex="{ord(found[0]):04X}"/>', _escaped(text))


def _escaped(text: str) -> str:
    """*text* as XML character data or an attribute value; a carriage return kept as a reference."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
    )
