"""Measure the duplicate finder on a labelled set of many stakeholders: its time, precision and recall.

Run from the project folder, after ``pip install -e ".[duplicates]"``::

    python benchmarks/duplicates.py                    # 10k stakeholders, three runs
    python benchmarks/duplicates.py --sizes 1000 10000 50000
    python benchmarks/duplicates.py --record docs/explanation/duplicates-benchmark-results.txt

The set is built here, and its labels with it: organisations named from
templates (ministries of a country, national institutes, agencies,
networks), of which one in ten is written a second time as another hand
would write it: in other case, without accents, with "The", with its
acronym in brackets, with words in another order, "co-operation" for
"cooperation", "Organisation" for "Organization", or with a typing slip.
Every other pair is not a duplicate, including the many that differ in one
word only (the ministry of health of Niger and that of Nigeria, the
institute for water research and that for water policy).

The targets: 10k stakeholders in under 2 seconds, with precision and recall
of at least 0.95 at the default threshold, and far fewer pairs scored than
the 50 million a naive comparison of every pair would score.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gpworkshop as gw
from gpworkshop import duplicates

TARGET_SECONDS = 2.0
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.95

_SUBJECTS = [
    "Health",
    "Education",
    "Agriculture",
    "Water",
    "Energy",
    "Finance",
    "Planning",
    "Environment",
    "Labour",
    "Trade",
    "Transport",
    "Housing",
    "Justice",
    "Gender Equality",
    "Social Protection",
    "Public Administration",
    "Local Government",
    "Digital Government",
    "Statistics",
    "Fisheries",
    "Forestry",
    "Mining",
    "Tourism",
    "Culture",
    "Youth",
    "Sport",
    "Science",
    "Technology",
    "Innovation",
    "Disaster Risk Reduction",
    "Climate Change",
    "Migration",
    "Human Rights",
    "Foreign Affairs",
    "Economic Development",
    "Rural Development",
    "Urban Development",
    "Food Security",
    "Nutrition",
    "Développement Durable",
    "Coopération Régionale",
]
_KINDS = {
    "Ministry of {subject} of {country}": gw.StakeholderKind.GOVERNMENT,
    "National Institute for {subject} of {country}": gw.StakeholderKind.RESEARCH_INSTITUTE,
    "{country} Agency for {subject}": gw.StakeholderKind.PUBLIC_BODY,
    "{country} Network on {subject}": gw.StakeholderKind.NETWORK,
    "Council for {subject} Cooperation of {country}": gw.StakeholderKind.PUBLIC_BODY,
    "{country} Organization for {subject}": gw.StakeholderKind.CIVIL_SOCIETY,
}
_SPELLINGS = {"Cooperation": "Co-operation", "Organization": "Organisation", "Coopération": "Co-opération"}


def labelled_set(size: int, seed: int = 2026) -> tuple[list[gw.Stakeholder], set[tuple[str, str]]]:
    """*size* stakeholders, a tenth of them written twice, and the pairs that are one organisation."""
    chance = random.Random(seed)
    countries = sorted(pycountry.countries, key=lambda country: country.alpha_2)
    names = [
        (template.format(subject=subject, country=country.name), kind, country.alpha_2)
        for template, kind in _KINDS.items()
        for subject in _SUBJECTS
        for country in countries
    ]
    chance.shuffle(names)
    originals = size * 10 // 11
    stakeholders = [
        gw.Stakeholder(id=f"s{number}", name=name, kind=kind, country=country)
        for number, (name, kind, country) in enumerate(names[:originals])
    ]
    copies: dict[str, list[str]] = {}
    for number in range(size - originals):
        original = stakeholders[chance.randrange(originals)]
        copy_id = f"d{number}"
        country = original.country if chance.random() < 0.7 else None
        name = _rewritten(str(original.name), chance)
        stakeholders.append(gw.Stakeholder(id=copy_id, name=name, kind=original.kind, country=country))
        copies.setdefault(original.id, [original.id]).append(copy_id)
    # An organisation written three times is three pairs of duplicates.
    pairs = {pair for group in copies.values() for pair in itertools.combinations(sorted(group), 2)}
    chance.shuffle(stakeholders)
    return stakeholders, pairs


def _rewritten(name: str, chance: random.Random) -> str:
    """*name* as another hand would write it: one or two changes of form."""
    changes = [_case, _accents, _the, _acronym, _order, _spelling, _slip]
    for change in chance.sample(changes, chance.choice([1, 2])):
        name = change(name, chance)
    return name


def _case(name: str, chance: random.Random) -> str:
    return name.upper() if chance.random() < 0.3 else name.lower()


def _accents(name: str, _chance: random.Random) -> str:
    import unicodedata  # noqa: PLC0415

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _the(name: str, _chance: random.Random) -> str:
    return f"The {name}"


def _acronym(name: str, _chance: random.Random) -> str:
    initials = "".join(word[0] for word in name.split() if word[0].isupper())
    return f"{name} ({initials})"


def _order(name: str, _chance: random.Random) -> str:
    head, _, country = name.rpartition(" of ")
    return f"{country}: {head}" if head else name


def _spelling(name: str, _chance: random.Random) -> str:
    for one, other in _SPELLINGS.items():
        name = name.replace(one, other)
    return name


def _slip(name: str, chance: random.Random) -> str:
    words = name.split()
    long_words = [index for index, word in enumerate(words) if len(word) >= 7]
    if not long_words:
        return name
    index = chance.choice(long_words)
    word = words[index]
    at = chance.randrange(1, len(word) - 2)
    words[index] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return " ".join(words)


def measure(size: int, repeat: int) -> dict[str, float]:
    stakeholders, truth = labelled_set(size)
    times = []
    found: list[duplicates.Match] = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = duplicates.find_duplicates(stakeholders)
        times.append(time.perf_counter() - started)
    listed = {tuple(sorted((match.first, match.second))) for match in found}
    truth_sorted = {tuple(sorted(pair)) for pair in truth}
    hits = len(listed & truth_sorted)
    return {
        "size": size,
        "seconds": statistics.median(times),
        "precision": hits / len(listed) if listed else 1.0,
        "recall": hits / len(truth_sorted) if truth_sorted else 1.0,
        "found": len(listed),
        "duplicates": len(truth_sorted),
        "scored": duplicates.candidate_count(stakeholders),
        "every pair": size * (size - 1) // 2,
    }


def _lines(results: list[dict[str, float]], command: str) -> Iterator[str]:
    machine = f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs"
    yield f"gpworkshop duplicate finder, {dt.date.today()}, {machine}; {command}"
    yield ""
    yield (
        f"{'stakeholders':>12}  {'seconds':>8}  {'precision':>9}  {'recall':>6}  {'listed':>6}  {'labelled':>8}  "
        + f"{'pairs scored':>12}  {'every pair':>12}"
    )
    for row in results:
        yield (
            f"{row['size']:>12,}  {row['seconds']:>8.2f}  {row['precision']:>9.3f}  {row['recall']:>6.3f}  "
            f"{row['found']:>6,}  {row['duplicates']:>8,}  {row['scored']:>12,}  {row['every pair']:>12,}"
        )
    yield ""
    for row in results:
        if row["size"] == 10_000:
            met = (
                row["seconds"] < TARGET_SECONDS
                and row["precision"] >= TARGET_PRECISION
                and row["recall"] >= TARGET_RECALL
            )
            yield (
                f"target at 10k: under {TARGET_SECONDS:g} s, precision and recall at least {TARGET_PRECISION:g}: "
                f"{'met' if met else 'NOT met'}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    results = [measure(size, args.repeat) for size in args.sizes]
    command = f"benchmarks/duplicates.py --sizes {' '.join(map(str, args.sizes))} --repeat {args.repeat}"
    text = "\n".join(_lines(results, command)) + "\n"
    print(text, end="")
    if args.record:
        args.record.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
