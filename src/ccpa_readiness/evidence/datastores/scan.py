"""Scan stores: open read-only, sample each table, classify its columns, run the checks.

`scan_datastores` is the one code path of `ccpa scan datastore` and of `ccpa assess`. A store
that cannot be opened, or a table that cannot be read, is a `Problem`; the rest goes on.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ccpa_readiness.errors import Problem
from ccpa_readiness.evidence.common.guard import unexpected
from ccpa_readiness.evidence.common.models import Observation, ScanResult
from ccpa_readiness.evidence.datastores import checks
from ccpa_readiness.evidence.datastores.checks import Found
from ccpa_readiness.evidence.datastores.locator import redact
from ccpa_readiness.evidence.datastores.models import ColumnInfo, DeclaredStore, StoreTarget
from ccpa_readiness.evidence.datastores.profile import ColumnProfile
from ccpa_readiness.evidence.datastores.sources import Source, SourceError, open_source
from ccpa_readiness.evidence.datastores.sources.base import MAX_TEXT_CHARS, batch_rows

DEFAULT_SAMPLE = 2000


class Progress(Protocol):
    """Told of each table as it is read (the command draws a progress bar with it)."""

    def table_started(self, store: str, table: str, rows: int | None) -> None: ...

    def rows_read(self, rows: int) -> None: ...

    def table_finished(self) -> None: ...


class NoProgress:
    def table_started(self, store: str, table: str, rows: int | None) -> None:
        return None

    def rows_read(self, rows: int) -> None:
        return None

    def table_finished(self) -> None:
        return None


def scan_datastores(
    stores: list[StoreTarget],
    sample: int | None = DEFAULT_SAMPLE,
    as_of: dt.date | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Observations of every store; `sample` rows per table (every row when None); retention
    measured at `as_of` (today by default)."""
    result = ScanResult()
    for target in stores:
        result.extend(StoreScan(target, sample, as_of or dt.date.today(), progress or NoProgress()).run())
    return result


class StoreScan:
    def __init__(self, target: StoreTarget, sample: int | None, as_of: dt.date, progress: Progress) -> None:
        self.target = target
        self.declared: DeclaredStore | None = target.declared
        self.source_name = redact(target.url)
        self.sample = sample
        self.as_of = as_of
        self.progress = progress
        self.result = ScanResult()

    def run(self) -> ScanResult:
        try:
            source = open_source(self.target.url)
        except SourceError as error:
            self._problem("", str(error))
            return self.result
        except Exception as error:  # a driver's unforeseen failure costs this store only
            self._problem("", f"cannot open the store: {unexpected(error)}")
            return self.result
        try:
            found: list[Found] = []
            for table in source.tables():
                try:
                    found.extend(self._table(source, table))
                except SourceError as error:
                    self._problem(table, f"table {table} skipped: {error}")
                except Exception as error:  # a reader's unforeseen failure costs this table only
                    self._problem(table, f"table {table} skipped: {unexpected(error)}")
            self.result.observations.extend(
                checks.undeclared_categories(self.source_name, found, self.declared)
            )
        finally:
            source.close()
        return self.result

    def _problem(self, table: str, message: str) -> None:
        self.result.problems.append(Problem(source=self.source_name, location=table, message=message))

    def _table(self, source: Source, table: str) -> list[Found]:
        columns = source.columns(table)
        count = source.row_count(table)
        read = self._read(source, table, columns, count.rows)
        found = [
            Found(table, profile.info.name, classification)
            for profile in read
            for classification in profile.classify()
        ]
        sampled = max((profile.rows_seen for profile in read), default=0)
        self._report_columns(table, read, sampled)
        self.result.observations.append(
            Observation(
                kind="DATASTORE-TABLE",
                source=self.source_name,
                location=table,
                attributes={
                    "rows": count.rows,
                    "rows_estimated": count.estimated,
                    "sampled": sampled,
                    "columns": [c.name for c in columns],
                    "read_only": source.read_only_mode,
                    "system": self._system,
                },
            )
        )
        self.result.observations.extend(self._column_observations(found))
        self.result.observations.extend(checks.cleartext_sensitive(self.source_name, found, self.declared))
        self.result.observations.extend(checks.cards_outside_cde(self.source_name, found, self.declared))
        births = frozenset(f.column for f in found if f.classification.label == "DATE_OF_BIRTH")
        self._retention(source, table, columns, births)
        return found

    @property
    def _system(self) -> str:
        return "" if self.declared is None else self.declared.system_id

    def _read(
        self, source: Source, table: str, columns: list[ColumnInfo], total: int | None
    ) -> list[ColumnProfile]:
        expected = (
            total if self.sample is None else (self.sample if total is None else min(total, self.sample))
        )
        profiles = [ColumnProfile(info, self.as_of) for info in columns]
        self.progress.table_started(self.source_name, table, expected)
        try:
            for batch in source.sample(table, columns, self.sample):
                for profile, values in zip(profiles, batch, strict=True):
                    profile.add_all(values)
                self.progress.rows_read(batch_rows(batch))
        finally:
            self.progress.table_finished()
        return profiles

    def _report_columns(self, table: str, profiles: list[ColumnProfile], sampled: int) -> None:
        if sampled == 0:
            self._problem(table, f"table {table} is empty: its columns are classified by their names only")
        for profile in profiles:
            name = profile.info.name
            if profile.info.kind == "binary":
                self._problem(
                    table, f"column {table}.{name} is binary: values not read, only its name classified"
                )
            elif profile.binary:
                self._problem(table, f"column {table}.{name}: {profile.binary} binary value(s) skipped")
            if profile.truncated:
                self._problem(
                    table,
                    f"column {table}.{name}: huge text, {profile.truncated} value(s) over {MAX_TEXT_CHARS:,} "
                    "characters scanned up to that length",
                )

    def _column_observations(self, found: list[Found]) -> list[Observation]:
        return [
            Observation(
                kind="DATASTORE-COLUMN",
                source=self.source_name,
                location=item.location,
                subject=item.classification.label,
                snippet=item.classification.example,
                attributes={
                    "table": item.table,
                    "column": item.column,
                    "label": item.classification.label,
                    "category": item.classification.category,
                    "sensitive_kind": item.classification.sensitive_kind,
                    "confidence": item.classification.confidence,
                    "validated_share": item.classification.validated_share,
                    "rows": item.classification.rows,
                    "free_text": item.classification.free_text,
                    "rows_by_shape": item.classification.rows_by_shape,
                    "rows_unscanned": item.classification.rows_unscanned,
                    "system": self._system,
                },
            )
            for item in found
        ]

    def _retention(
        self, source: Source, table: str, columns: list[ColumnInfo], births: frozenset[str]
    ) -> None:
        if self.declared is None or self.declared.retention_days is None:
            return
        column = checks.record_date_column(columns, births)
        if column is None:
            return
        cutoff = self.as_of - dt.timedelta(days=self.declared.retention_days)
        rows, oldest = source.older_than(table, column, cutoff)
        self.result.observations.extend(
            checks.retention_exceeded(self.source_name, f"{table}.{column}", rows, oldest, self.declared)
        )
