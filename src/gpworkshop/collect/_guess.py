"""A first mapping guessed from a table's header and values, for people to correct.

Header names are recognised in the seven languages reports are written in
(English, French, Spanish, Arabic, Chinese, Russian, Korean) and in common
synonyms; the spelling of dates and times is found from the values, and
HTML from tags in a text column.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from gpworkshop.collect._moments import spelling_of
from gpworkshop.collect._their_table import TheirTable
from gpworkshop.collect.mapping import Column, Participants, TableMapping

__all__ = ["guess_mapping"]


def _spellings(names: str) -> tuple[str, ...]:
    """The names of *names*, written one after another with ``|`` between them, which keeps the lists short."""
    return tuple(names.split("|"))


# For each field, the header names that say it, compared once case, accents and punctuation are set aside.
_NAMES: dict[str, tuple[str, ...]] = {
    "id": _spellings("id|identifier|code|ref|reference|identifiant|identificador|معرف|编号|код|번호"),
    "title": _spellings(
        "title|event|event name|event title|name|session|session title|side event|topic|"
        "titre|intitule|nom|evenement|titulo|nombre|evento|العنوان|عنوان|الحدث|标题|名称|活动|"
        "题目|название|заголовок|мероприятие|тема|제목|행사명|행사|세션"
    ),
    "start": _spellings(
        "start|starts|begins|begin|beginning|opens|start date|start time|date|date time|date and time|"
        "when|from|debut|date de debut|date et heure|heure|inicio|fecha|fecha de inicio|"
        "fecha y hora|البداية|التاريخ|بداية|开始|开始时间|日期|时间|начало|дата|дата и время|시작|일시|"
        "날짜|시작 시간"
    ),
    "end": _spellings(
        "end|ends|finish|finishes|finish time|ending|closes|end date|end time|until|to|fin|date de fin|heure de fin|"
        "fecha de fin|النهاية|نهاية|结束|结束时间|конец|окончание|종료|종료 시간"
    ),
    "location.venue": _spellings(
        "location|venue|room|place|where|lieu|salle|lugar|sala|sede|المكان|القاعة|地点|会场|房间|место|зал|장소|회의실"
    ),
    "location.city": _spellings("city|town|ville|ciudad|المدينة|城市|город|도시"),
    "location.country": _spellings("country|pays|pais|البلد|الدولة|国家|страна|국가"),
    "summary": _spellings(
        "description|summary|abstract|details|about|resume|descriptif|descripcion|resumen|"
        "الوصف|ملخص|描述|简介|摘要|описание|аннотация|설명|요약|개요"
    ),
    "format": _spellings("format|type|event type|kind|formato|tipo|النوع|类型|формат|тип|형식|유형"),
}
_PEOPLE: dict[str, tuple[str, ...]] = {
    "organiser": _spellings(
        "organiser|organisers|organizer|organizers|organised by|organized by|organisation|"
        "organization|organisations|organizations|convener|conveners|organisateur|"
        "organisateurs|organisateurs et organisatrices|organizador|organizadores|المنظم|"
        "المنظمون|الجهة المنظمة|主办|主办方|组织者|организатор|организаторы|주최|주관|주최 기관"
    ),
    "co-organiser": _spellings(
        "co organiser|co organisers|co organizer|co organizers|partners|partenaires|"
        "socios|الشركاء|合作方|协办|партнеры|공동주최|협력기관"
    ),
    "host": _spellings("host|hosts|hosted by|hote|anfitrion|المضيف|东道主|хозяин|주최국"),
    "speaker": _spellings("speaker|speakers|panelists|intervenants|ponentes|المتحدثون|发言人|докладчики|연사|발표자"),
}
_HTML = re.compile(r"<(?:p|br|div|span|b|i|em|strong|a|ul|ol|li|h[1-6])\b[^>]*>", re.IGNORECASE)
_SEPARATORS = (";", "\n", "|", " / ")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s*", re.MULTILINE)


def _folded(text: str) -> str:
    """*text* as header names are compared: no accents, lower case, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


_FIELDS = {_folded(name): field for field, names in _NAMES.items() for name in names}
_ROLES = {_folded(name): role for role, names in _PEOPLE.items() for name in names}


def guess_mapping(table: TheirTable) -> tuple[TableMapping, dict[str, str]]:
    """A mapping of *table*'s columns to the fields of events, and notes on what was guessed, by field.

    A column whose name says nothing known is left out, and named in a note.
    """
    columns: dict[str, Column] = {}
    people: list[Participants] = []
    notes: dict[str, str] = {}
    unknown: list[str] = []
    for number, name in enumerate(table.header):
        values = [value for _, row in table.rows if (value := row[number]) is not None and str(value).strip()]
        folded = _folded(name)
        field = _FIELDS.get(folded)
        role = _ROLES.get(folded)
        if field is not None and field not in columns:
            columns[field], note = _column(field, name, values)
            if note:
                notes[field] = note
        elif role is not None:
            people.append(_participants(name, role, values))
            notes[name] = f"names in '{name}' become stakeholders; check split and strip"
        elif name:
            unknown.append(name)
    if "title" not in columns and unknown:
        # Every record needs a title: the first column no name was known for is the likeliest.
        columns["title"] = Column(column=unknown.pop(0))
        notes["title"] = "a guess: no column is named as a title is"
    mapping = TableMapping(
        sheet=table.sheet, columns=columns, participants=tuple(people), defaults={"format": "session"}
    )
    if unknown:
        notes["columns"] = "columns not mapped: " + ", ".join(repr(name) for name in unknown)
    return mapping, notes


def _column(field: str, name: str, values: list[Any]) -> tuple[Column, str]:
    if field in ("start", "end"):
        texts = [value for value in values if isinstance(value, str)]
        if not texts:
            return Column(column=name), "date-time cells" if values else ""
        spelling = spelling_of(texts)
        if not spelling.pattern:
            return Column(column=name), "no date spelling reads every value: give 'format'"
        pattern = "" if spelling.pattern == "iso" else spelling.pattern
        note = ""
        if spelling.ambiguous:
            note = "ambiguous: no day is over 12, so the dates read month-first as well; read day-first"
        return Column(column=name, format=pattern), note
    if any(isinstance(value, str) and _HTML.search(value) for value in values):
        return Column(column=name, html=True), "holds HTML: kept as its text"
    return Column(column=name), ""


def _participants(name: str, role: str, values: list[Any]) -> Participants:
    texts = [str(value) for value in values]
    split = next((separator for separator in _SEPARATORS if any(separator in text for text in texts)), "")
    numbered = any(_NUMBERED.match(text) for text in texts)
    return Participants(column=name, role=role, split=split, strip=r"^\s*\d+[.)]\s*" if numbered else "")
