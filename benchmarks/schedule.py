"""Measure the import of conference schedules: frab/pretalx schedule JSON, in both versions of the format.

Run from the project folder, after ``pip install -e ".[bench]"``::

    python benchmarks/schedule.py                  # 1k, 5k and 20k talks
    python benchmarks/schedule.py --sizes 1000 5000 --repeat 3
    python benchmarks/schedule.py --record docs/explanation/schedule-benchmark-results.txt

Each size is a synthetic schedule of that many talks, written as the first
version of the format (talks under their days and rooms) and as the second
(talks listed beside the conference, each with its room and its people's
roles): days, rooms, tracks, types, languages, subtitles, speakers who
name their organisation or not, and links, some relative to the schedule's
``base_url``. Each is imported through ``gpworkshop.load``, as ``gpworkshop
import`` does. The targets: 20,000 talks imported in at most 10 seconds,
and the time per talk the same at every size.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measuring import AS_OF, Verdicts, arguments, machine, median_seconds, report
from synthetic import WORDS

import gpworkshop as gw

VERSIONS = ("schedule", "schedule2")
#: At most this many seconds to import a schedule of this many talks.
TARGETS = {20_000: 10.0}
# Talks of 30 minutes from 10:00 to 18:00 in every room: 16 a day.
SLOTS = 16
TYPES = ("lecture", "lecture", "lecture", "workshop", "meeting", "lightning talk")
TYPES2 = ("TALK", "TALK", "TALK", "WORKSHOP", "MEETING", "LIGHTNING_TALK")
TRACKS = ("Ethics, Society & Politics", "Security", "Hardware & Making", "Science", "Art & Culture", "CCC")
ORGANISATIONS = [f"Institute {index} for {word.capitalize()}" for index, word in enumerate(WORDS)]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _persons(size: int, rng: random.Random) -> list[dict[str, Any]]:
    """The people who speak at a conference of *size* talks: one for every two talks, a third naming an organisation."""
    people: list[dict[str, Any]] = []
    for index in range(max(size // 2, 1)):
        person: dict[str, Any] = {
            "id": 1000 + index,
            "guid": f"00000000-0000-4000-8000-{index:012d}",
            "public_name": f"{_text(rng, 1)} {_text(rng, 1)} {index}",
        }
        if index % 3 == 0:
            person["organization"] = rng.choice(ORGANISATIONS)
        people.append(person)
    return people


def _talks(size: int, seed: int) -> tuple[int, int, list[dict[str, Any]]]:
    """The days, the rooms and the talks of a conference of *size* talks, each talk as the first version has it."""
    rng = random.Random(seed)
    days = min(max(size // 1000, 1), 5)
    rooms = -(-size // (days * SLOTS))
    people = _persons(size, rng)
    talks: list[dict[str, Any]] = []
    for number in range(size):
        day, rest = divmod(number, rooms * SLOTS)
        room, slot = divmod(rest, SLOTS)
        start = dt.datetime(2030, 8, 21 + day, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))) + dt.timedelta(
            minutes=30 * slot
        )
        title = _text(rng, rng.randint(3, 9))
        slug = f"conf2030-{10_000 + number}-{title.lower().replace(' ', '_')[:40]}"
        links = []
        if number % 3 == 0:
            links.append({"url": f"https://media.example.org/v/{slug}", "title": "Recording", "type": "media"})
        if number % 4 == 0:
            links.append({"url": f"/system/attachments/{number}/slides.pdf", "title": "Slides", "type": "slides"})
        if number % 7 == 0:
            links.append({"url": f"https://example.org/read/{number}", "title": _text(rng, 3)})
        talks.append(
            {
                "url": f"https://conference.example.org/2030/events/{10_000 + number}.html",
                "id": 10_000 + number,
                "guid": f"11111111-0000-4000-8000-{number:012d}",
                "logo": None,
                "date": start.isoformat(),
                "start": start.strftime("%H:%M"),
                "duration": rng.choice(("00:25", "00:30", "00:30", "01:00")),
                "room": f"Room {room + 1}",
                "slug": slug,
                "title": title,
                "subtitle": _text(rng, 5) if number % 2 else "",
                "track": rng.choice(TRACKS),
                "type": rng.choice(TYPES),
                "language": "de" if number % 5 == 0 else "en",
                "abstract": _text(rng, 30) + ".",
                "description": _text(rng, 60) + "." if number % 2 else "",
                "recording_license": "",
                "do_not_record": False,
                "persons": [
                    {key: person[key] for key in ("id", "public_name", "organization") if key in person}
                    for person in rng.sample(people, rng.choice((1, 1, 2, 3)))
                ],
                "links": links,
                "attachments": [],
            }
        )
    return days, rooms, talks


def first_version(size: int, *, seed: int = 2019) -> dict[str, Any]:
    """A schedule of *size* talks in the first version of the format: talks under their days and rooms."""
    days, rooms, talks = _talks(size, seed)
    by_day: list[dict[str, Any]] = []
    for index in range(days):
        date = dt.date(2030, 8, 21 + index)
        by_room: dict[str, list[dict[str, Any]]] = {f"Room {room + 1}": [] for room in range(rooms)}
        by_day.append(
            {
                "index": index + 1,
                "date": date.isoformat(),
                "day_start": f"{date.isoformat()}T09:00:00+02:00",
                "day_end": f"{date.isoformat()}T23:59:00+02:00",
                "rooms": by_room,
            }
        )
    for talk in talks:
        by_day[dt.date.fromisoformat(talk["date"][:10]).day - 21]["rooms"][talk["room"]].append(talk)
    conference = {
        "acronym": "conf2030",
        "title": "Conference 2030",
        "start": "2030-08-21",
        "end": (dt.date(2030, 8, 20) + dt.timedelta(days=days)).isoformat(),
        "daysCount": days,
        "timeslot_duration": "00:15",
        "time_zone_name": "Europe/Berlin",
        "url": "https://conference.example.org/2030/",
        "days": by_day,
    }
    return {"schedule": {"version": "1.0", "base_url": "https://conference.example.org", "conference": conference}}


def second_version(size: int, *, seed: int = 2019) -> dict[str, Any]:
    """A schedule of *size* talks in the second version of the format: talks listed beside the conference."""
    days, rooms, talks = _talks(size, seed)
    events = []
    for number, talk in enumerate(talks):
        start = dt.datetime.fromisoformat(talk["date"])
        hours, minutes = map(int, talk["duration"].split(":"))
        end = start + dt.timedelta(hours=hours, minutes=minutes)
        room = talk["room"]
        events.append(
            {
                "type": TYPES2[TYPES.index(talk["type"])],
                "guid": talk["guid"],
                "code": f"T{number:06d}",
                "start": talk["date"],
                "end": end.isoformat(),
                "room": {"name": room, "slug": room.lower().replace(" ", "-"), "guid": f"r-{room}"},
                "url": talk["url"],
                "slug": talk["slug"],
                "title": talk["title"],
                "subtitle": talk["subtitle"] or None,
                "language": talk["language"],
                "track": {"name": talk["track"], "slug": talk["track"].lower().split()[0]},
                "abstract": talk["abstract"],
                "description": talk["description"],
                "logo": None,
                "participants": [
                    {
                        "guid": f"p-{person['id']}",
                        "name": person["public_name"],
                        "role": "MODERATOR" if index == 2 else "SPEAKER",
                        **({"organization": person["organization"]} if "organization" in person else {}),
                    }
                    for index, person in enumerate(talk["persons"])
                ],
                "links": [{key: value for key, value in link.items() if key != "type"} for link in talk["links"]],
                "attachments": [
                    {"type": "SLIDES", "url": link["url"]} for link in talk["links"] if link.get("type") == "slides"
                ],
            }
        )
    last = dt.date(2030, 8, 20) + dt.timedelta(days=days)
    conference = {
        "acronym": "conf2030",
        "title": "Conference 2030",
        "start": "2030-08-21T09:00:00+02:00",
        "end": f"{last.isoformat()}T23:59:00+02:00",
        "time_zone_name": "Europe/Berlin",
        "url": "https://conference.example.org/2030/",
        "languages": ["en", "de"],
        "rooms": [{"name": f"Room {room + 1}", "guid": f"r-Room {room + 1}"} for room in range(rooms)],
        "days": [
            {"index": index + 1, "date": (dt.date(2030, 8, 21) + dt.timedelta(days=index)).isoformat()}
            for index in range(days)
        ],
    }
    schedule = {"version": "2.0", "base_url": "https://conference.example.org", "conference": conference}
    return {"$schema": "https://c3voc.de/schema/schedule2", "schedule": {**schedule, "events": events}}


def measure(size: int, repeat: int, folder: Path) -> dict[str, float]:
    timings: dict[str, float] = {}
    for version, made in (("schedule", first_version(size)), ("schedule2", second_version(size))):
        path = folder / f"{version}-{size}.json"
        path.write_text(json.dumps(made, indent=2, ensure_ascii=False), encoding="utf-8")
        kb = gw.load(path, format="schedule", as_of=AS_OF)
        assert len(kb.events) == size + 1, (version, len(kb.events))
        timings[version] = median_seconds(lambda p=path: gw.load(p, format="schedule", as_of=AS_OF), repeat)
    return timings


def main() -> int:
    args = arguments(__doc__, [1000, 5000, 20_000], "runs of each import")
    per_size: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            print(f"measuring {size} talks…", file=sys.stderr)
            per_size[size] = measure(size, args.repeat, Path(folder))
    lines = [machine("schedule.py", args), "", f"{'import':<22} {'talks':>7} {'median':>10} {'per talk':>11}"]
    for size, timings in sorted(per_size.items()):
        for version in VERSIONS:
            seconds = timings[version]
            lines.append(f"{version:<22} {size:>7} {seconds * 1000:>8.1f}ms {seconds / size * 1e6:>8.1f} µs")
    verdicts = Verdicts(52)
    for size, budget in TARGETS.items():
        for version in VERSIONS if size in per_size else ():
            verdicts.check(f"{version}: {size} talks imported", per_size[size][version], budget, " s")
    verdicts.scaling(per_size, VERSIONS, unit="talk")
    report([*lines, "", "targets:", *verdicts.lines, "", verdicts.summary()], args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
