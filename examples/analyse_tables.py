"""Query the commitments of many records at once, as tables, with DuckDB and with Polars.

Each record is exported as Parquet tables (``gpworkshop export --to parquet``)
into a folder of its own; the queries read the same table of every folder
together. The question: how many open commitments do the owners of each kind
of stakeholder hold, and how many of them are overdue or have no due date?

Needs ``pip install "gpworkshop[parquet]" duckdb polars``.

Run from the project folder:  python examples/analyse_tables.py [RECORD ...]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import duckdb
import polars as pl

import gpworkshop as gw

EXAMPLES = Path(__file__).resolve().parent
RECORDS = [
    EXAMPLES / "busan-gp-workshop-2014.yaml",
    EXAMPLES / "regional-symposium-2023",
    EXAMPLES / "localisation-session-2022.yaml",
]
AS_OF = dt.date(2026, 11, 26)
OPEN = [status.value for status in gw.CommitmentStatus if status.is_open]

QUERY = """
SELECT s.kind AS owner_kind,
       count(*) AS open_commitments,
       count(*) FILTER (WHERE c.due < $as_of) AS overdue,
       count(*) FILTER (WHERE c.due IS NULL) AS without_due_date
FROM read_parquet($commitments) AS c
JOIN read_parquet($owners) AS o ON o.commitment = c.id
JOIN read_parquet($stakeholders) AS s ON s.id = o.stakeholder
WHERE c.status IN (SELECT unnest($open))
GROUP BY ALL
ORDER BY open_commitments DESC, owner_kind
"""


def export(records: list[Path], root: Path) -> None:
    """Write each record as Parquet tables into a folder of its own under *root*."""
    for number, record in enumerate(records):
        gw.dump(gw.load(record), root / f"record-{number}", format="parquet")


def with_duckdb(root: Path) -> list[tuple[str, int, int, int]]:
    """Open commitments by owner kind, with DuckDB."""
    tables = {name: str(root / "*" / f"{name}.parquet") for name in ("commitments", "stakeholders")}
    parameters = {
        "commitments": tables["commitments"],
        "owners": str(root / "*" / "commitment_owners.parquet"),
        "stakeholders": tables["stakeholders"],
        "as_of": AS_OF,
        "open": OPEN,
    }
    return duckdb.execute(QUERY, parameters).fetchall()


def with_polars(root: Path) -> list[tuple[str, int, int, int]]:
    """Open commitments by owner kind, with Polars."""

    def table(name: str) -> pl.LazyFrame:
        # Coded columns are dictionary-encoded in each file; as text they join and group across files.
        frame = pl.scan_parquet(root / "*" / f"{name}.parquet")
        return frame.with_columns(pl.col(pl.Categorical).cast(pl.String))

    open_commitments = table("commitments").filter(pl.col("status").is_in(OPEN))
    counted = (
        open_commitments.join(table("commitment_owners"), left_on="id", right_on="commitment")
        .join(table("stakeholders"), left_on="stakeholder", right_on="id", suffix="_owner")
        .group_by(pl.col("kind_owner").alias("owner_kind"))
        .agg(
            pl.len().alias("open_commitments"),
            (pl.col("due") < AS_OF).sum().alias("overdue"),
            pl.col("due").is_null().sum().alias("without_due_date"),
        )
        .sort(["open_commitments", "owner_kind"], descending=[True, False])
    )
    return [tuple(row) for row in counted.collect().iter_rows()]


def main(arguments: list[str]) -> int:
    records = [Path(argument) for argument in arguments] or RECORDS
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        export(records, root)
        found = with_duckdb(root)
        assert found == with_polars(root), "DuckDB and Polars disagree"
    print(f"Open commitments by the kind of their owners, as of {AS_OF}:")
    for kind, count, overdue, undated in found:
        print(f"  {kind}: {count} open, {overdue} overdue, {undated} without a due date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
