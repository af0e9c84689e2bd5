"""CSV, Parquet and XLSX files, read-only and streamed in batches: each file is one table, each
XLSX sheet is one table. A sample is a seeded reservoir over the stream, so memory stays flat."""

from __future__ import annotations

import csv
import datetime as dt
import random
import zipfile
import zlib
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ccpa_readiness.evidence.common.guard import ReadError, check_archive, limits
from ccpa_readiness.evidence.datastores.arrays import arrow_of
from ccpa_readiness.evidence.datastores.models import ColumnInfo, ColumnKind
from ccpa_readiness.evidence.datastores.sources.base import (
    BATCH_ROWS,
    SAMPLE_SEED,
    Batch,
    Row,
    RowCount,
    SourceError,
    as_date,
    batch_rows,
    batches_of,
    reservoir,
    rows_of,
)

FileKind = Literal["csv", "parquet", "xlsx"]
CSV_BLOCK_BYTES = 1 << 20
CSV_DELIMITERS = (",", ";", "\t", "|")  # ties go to the first


def arrow_kind(type_: pa.DataType) -> ColumnKind:
    checks: tuple[tuple[ColumnKind, bool], ...] = (
        ("boolean", pa.types.is_boolean(type_)),
        ("integer", pa.types.is_integer(type_)),
        ("number", pa.types.is_floating(type_) or pa.types.is_decimal(type_)),
        ("date", pa.types.is_date(type_) or pa.types.is_timestamp(type_)),
        ("binary", pa.types.is_binary(type_) or pa.types.is_large_binary(type_)),
        ("text", pa.types.is_string(type_) or pa.types.is_large_string(type_)),
    )
    return next((kind for kind, matches in checks if matches), "other")


@contextmanager
def _file_errors() -> Iterator[None]:
    """A file that is not what its suffix says, or is cut short, is a `SourceError`."""
    try:
        yield
    except ReadError as error:
        raise SourceError(f"cannot read the file: {error.message}") from None
    except (
        OSError,
        ValueError,
        KeyError,
        csv.Error,
        zlib.error,
        zipfile.BadZipFile,
        pa.ArrowException,
    ) as error:
        raise SourceError(f"cannot read the file: {error}") from None


class FileSource:
    def __init__(self, path: str, kind: FileKind) -> None:
        self.path = Path(path)
        self.kind = kind
        self.display = path
        self.read_only_mode = "file opened for reading only"
        if not self.path.is_file():
            raise SourceError("file not found")
        self._workbook = None
        self._delimiter = self._sniff_delimiter() if kind == "csv" else ","
        if kind == "xlsx":
            with _file_errors():
                check_archive(self.path)
                import openpyxl  # here: only an XLSX export needs it, and it takes long to import

                self._workbook = openpyxl.load_workbook(self.path, read_only=True, data_only=True)

    def _sniff_delimiter(self) -> str:
        """The separator the header line uses most: `,`, `;` (European exports), tab or `|`."""
        with _file_errors(), self.path.open(encoding="utf-8", errors="replace") as handle:
            header = handle.readline(limits().record_bytes)
        return max(CSV_DELIMITERS, key=header.count)

    def tables(self) -> list[str]:
        return list(self._workbook.sheetnames) if self._workbook is not None else [self.path.stem]

    def columns(self, table: str) -> list[ColumnInfo]:
        with _file_errors():
            if self.kind == "parquet":
                schema = pq.read_schema(self.path)
                return [
                    ColumnInfo(name=f.name, type_name=str(f.type), kind=arrow_kind(f.type)) for f in schema
                ]
            return [ColumnInfo(name=name, type_name="text", kind="text") for name in self._header(table)]

    def _header(self, table: str) -> list[str]:
        if self._workbook is not None:
            first = next(self._workbook[table].iter_rows(max_row=1, values_only=True), ())
            return [f"column_{i}" if value is None else str(value) for i, value in enumerate(first, start=1)]
        limit = limits().record_bytes
        with self.path.open(newline="", encoding="utf-8", errors="replace") as handle:
            line = handle.readline(limit + 1)
        if len(line) > limit:
            raise SourceError(f"the header line is over {limit:,} characters (CCPA_LIMIT_RECORD_BYTES)")
        return next(csv.reader([line], delimiter=self._delimiter), [])

    def row_count(self, table: str) -> RowCount:
        with _file_errors():
            return RowCount(pq.ParquetFile(self.path).metadata.num_rows if self.kind == "parquet" else None)

    def _batches(self, table: str, names: list[str]) -> Iterator[Batch]:
        """The columns in batches, up to the rows limit (`CCPA_LIMIT_ROWS`): a longer table is a
        `SourceError` once the limit is passed (the table's rows read so far are not kept)."""
        most = limits().rows
        read = 0
        for batch in self._all_batches(table, names):
            read += batch_rows(batch)
            if read > most:
                raise SourceError(f"more than {most:,} rows (CCPA_LIMIT_ROWS): sample it (--sample N)")
            yield batch

    def _all_batches(self, table: str, names: list[str]) -> Iterator[Batch]:
        with _file_errors():
            if self.kind == "parquet":
                for batch in pq.ParquetFile(self.path).iter_batches(batch_size=BATCH_ROWS, columns=names):
                    yield list(batch.columns)
            elif self.kind == "csv":
                yield from self._csv_batches(names)
            else:
                yield from self._sheet_batches(table, names)

    def _csv_batches(self, names: list[str]) -> Iterator[Batch]:
        reader = pa_csv.open_csv(
            self.path,
            read_options=pa_csv.ReadOptions(block_size=CSV_BLOCK_BYTES),
            parse_options=pa_csv.ParseOptions(delimiter=self._delimiter),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in names}, include_columns=names
            ),
        )
        for batch in reader:
            yield list(batch.columns)

    def _sheet_batches(self, table: str, names: list[str]) -> Iterator[Batch]:
        assert self._workbook is not None
        header = self._header(table)
        indexes = [header.index(name) for name in names]
        rows: list[Row] = []
        for values in self._workbook[table].iter_rows(min_row=2, values_only=True):
            rows.append(tuple(values[i] if i < len(values) else None for i in indexes))
            if len(rows) == BATCH_ROWS:
                yield from batches_of(rows, len(names))
                rows = []
        if rows:
            yield from batches_of(rows, len(names))

    def sample(self, table: str, columns: list[ColumnInfo], size: int | None) -> Iterator[Batch]:
        names = [c.name for c in columns]
        if size is not None and self.kind == "parquet":
            yield from self._parquet_sample(names, size)
            return
        batches = self._batches(table, names)
        if size is None:
            yield from batches
            return
        yield from batches_of(reservoir(map(rows_of, batches), size), len(names))

    def _parquet_sample(self, names: list[str], size: int) -> Iterator[Batch]:
        """`size` rows at seeded random positions, reading only the row groups that hold them
        (a Parquet file knows its rows per group, so no other group is decompressed)."""
        with _file_errors():
            parquet = pq.ParquetFile(self.path)
            total = parquet.metadata.num_rows
            wanted = sorted(random.Random(SAMPLE_SEED).sample(range(total), min(size, total)))
            first = 0
            for group in range(parquet.metadata.num_row_groups):
                rows = parquet.metadata.row_group(group).num_rows
                inside = [
                    i - first for i in wanted[bisect_left(wanted, first) : bisect_left(wanted, first + rows)]
                ]
                if inside:
                    picked = parquet.read_row_group(group, columns=names).take(
                        arrow_of(np.asarray(inside, dtype=np.int64))
                    )
                    for batch in picked.to_batches(max_chunksize=BATCH_ROWS):
                        yield list(batch.columns)
                first += rows

    def older_than(self, table: str, column: str, cutoff: dt.date) -> tuple[int, dt.date | None]:
        count = 0
        oldest: dt.date | None = None
        for batch in self._batches(table, [column]):
            for (value,) in rows_of(batch):
                day = as_date(value)
                if day is not None and day < cutoff:
                    count += 1
                    oldest = day if oldest is None or day < oldest else oldest
        return count, oldest

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
