"""A record's texts for translators: a gettext PO catalogue into one language.

Each text of the record is one entry (see
:func:`gpworkshop.formats.xliff.translation_units`): its context
(``msgctxt``) is the unit's stable id, its ``msgid`` the text in the
record's language, its ``msgstr`` the translation the record has, if any,
and its comments for translators (``#.``) say what the text is. The header
names the language. Writing and reading PO needs polib: ``pip install
"gpworkshop[translate]"``.

>>> import gpworkshop as gw
>>> from gpworkshop.formats import po
>>> text = po.write(gw.load("examples/busan-gp-workshop-2014.yaml"), lang="fr")
>>> print(text[text.index("#. the title of an event"):].split(2 * chr(10))[0])
#. the title of an event (id 'busan-gp-workshop-2014')
#. the field: Full title.
msgctxt "events.busan-gp-workshop-2014.title"
msgid "Annual Busan Global Partnership Workshop"
msgstr ""
"""

from __future__ import annotations

from typing import Any

from gpworkshop.formats import requires
from gpworkshop.formats.xliff import target_language, translation_units
from gpworkshop.model import KnowledgeBase

__all__ = ["EXTRA", "polib", "write"]

#: The extra that installs what PO files need: ``pip install "gpworkshop[translate]"``.
EXTRA = "translate"


def polib() -> Any:
    """The polib module, which reads and writes PO files.

    :raises ~gpworkshop.MissingExtraError: without the ``translate`` extra, naming it.
    """
    return requires("polib", "po", EXTRA)


def write(kb: KnowledgeBase, /, *, lang: str | None = None, untranslated: bool = False) -> str:
    """The texts of *kb* as a PO catalogue for translators into *lang*.

    :param untranslated: only the texts that lack a translation in *lang*.
    :raises FormatError: if *lang* is missing, not a language tag, or the record's own language.
    :raises ~gpworkshop.MissingExtraError: without the ``translate`` extra.
    """
    language = target_language(kb, lang, "po")
    module = polib()
    catalogue = module.POFile(wrapwidth=0)
    catalogue.header = f"The texts of a gpworkshop record, from {kb.language} into {language}."
    catalogue.metadata = {
        "Project-Id-Version": "gpworkshop record",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": kb.language,
    }
    for unit in translation_units(kb, language, untranslated=untranslated):
        catalogue.append(
            module.POEntry(msgctxt=unit.id, msgid=unit.source, msgstr=unit.target or "", comment="\n".join(unit.notes))
        )
    text: str = str(catalogue)
    return text if text.endswith("\n") else text + "\n"
