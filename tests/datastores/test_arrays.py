"""Conversions between Arrow and numpy from the buffers give what pyarrow's own give, and a
scan never has pyarrow import pandas."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ccpa_readiness.evidence.datastores.arrays import arrow_of, numpy_of, python_array, strings_of
from ccpa_readiness.evidence.datastores.columns import column_array

VALUES = {
    pa.bool_(): [True, None, False, True, True, None, False, False, True, True, False],
    pa.int32(): [3, None, -7, 2**31 - 1, 0, None, 5, 6, 7, 8, 9],
    pa.int64(): [2**40, None, -1, 0, 1, 2, None, 4, 5, 6, 7],
    pa.uint8(): [255, 0, None, 1, 2, 3, 4, 5, 6, 7, 8],
    pa.float64(): [0.5, None, -2.25, 1e300, 0.0, 1.0, 2.0, None, 3.0, 4.0, 5.0],
    pa.date32(): [
        dt.date(1985, 3, 15),
        None,
        dt.date(1969, 12, 31),
        *[dt.date(2024, 1, i) for i in range(1, 9)],
    ],
}


@pytest.mark.parametrize("kind", list(VALUES), ids=str)
def test_numpy_of_reads_the_buffers_as_pyarrow_does(kind: pa.DataType) -> None:
    array = pa.array(VALUES[kind], type=kind)
    for part in (array, array.slice(3), array.slice(1, 6), array.slice(11)):
        days = [(v - dt.date(1970, 1, 1)).days if isinstance(v, dt.date) else v for v in part.to_pylist()]
        fill = 0 if kind in (pa.bool_(), pa.uint8()) else -1
        assert numpy_of(part, fill=fill).tolist() == [fill if v is None else v for v in days]


def test_arrow_of_and_strings_of_build_the_arrays_pyarrow_would() -> None:
    mask = np.array([True, False, True] * 7 + [False])
    assert arrow_of(mask).to_pylist() == pa.array(mask).to_pylist()
    rows = np.flatnonzero(mask)
    assert arrow_of(rows).equals(pa.array(rows, type=pa.int64()))
    texts = ["", "a", "Résumé", "日本語のテキスト", "x" * 300, "\u00a0"]
    assert strings_of(texts).equals(pa.array(texts, pa.string()))
    assert strings_of([]).equals(pa.array([], pa.string()))


PYTHON_VALUES: list[list[object]] = [
    ["", "a", None, "Résumé", "日本語", "x" * 300, "\u00a0", None],
    [None, None, "only one"],
    [3, None, -7, 2**63 - 1, -(2**63), 0],
    [0.5, None, float("nan"), float("inf"), -0.0, 1e300],
    [True, None, False, True, True, False, False, False, True, None],
    [dt.date(1985, 3, 15), None, dt.date(1969, 12, 31), dt.date(1, 1, 1), dt.date(9999, 12, 31)],
    [dt.datetime(2024, 5, 1, 10, 0, 0, 123456), None, dt.datetime(1969, 12, 31, 23, 59, 59, 999999)],
    [dt.datetime(2024, 5, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=-7))), None],
    [2**63],  # past 64 bits: read value by value
    [1, "1"],  # mixed: value by value
    [None, None],
    [],
]


@pytest.mark.parametrize("values", PYTHON_VALUES, ids=range(len(PYTHON_VALUES)))
def test_column_arrays_of_python_values_are_those_pyarrow_builds(values: list[object]) -> None:
    """As `pa.array` builds them, without importing pandas (which `pa.array` does)."""
    built = column_array(values)
    try:
        expected: pa.Array | None = pa.array(values) if values else pa.nulls(0)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        expected = None
    if len({type(v) for v in values} - {type(None)}) > 1:
        expected = None
    assert (built is None) == (expected is None)
    if built is not None and expected is not None:
        assert built.type == expected.type or expected.null_count == len(values)
        assert built.null_count == expected.null_count
        assert list(map(repr, built.to_pylist())) == list(map(repr, expected.to_pylist()))  # NaN as NaN


def test_python_array_of_texts_with_nulls() -> None:
    texts = ["a", None, "Résumé"]
    assert python_array(texts, str).equals(pa.array(texts, pa.string()))


def test_a_scan_does_not_import_pandas(tmp_path: Path) -> None:
    """Whole or sampled; nor, for SQLite files and exports, SQLAlchemy; nor the data map's XlsxWriter."""
    path = tmp_path / "crm.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (id INTEGER, email TEXT, notes TEXT, created TIMESTAMP)")
        connection.executemany(
            "INSERT INTO t VALUES (?, ?, ?, ?)",
            [
                (
                    i,
                    f"c{i}@example.com",
                    f"card 4111 1111 1111 1111 ref {i}",
                    f"2024-01-{1 + i % 28:02d} 10:00:00",
                )
                for i in range(300)
            ],
        )
    pq.write_table(
        pa.table({"phone": [f"(415) 555-{i:04d}" for i in range(300)]}), tmp_path / "calls.parquet"
    )
    script = (
        "import sys\n"
        "from ccpa_readiness.evidence.datastores import StoreTarget, scan_datastores\n"
        "targets = [StoreTarget(url=url) for url in sys.argv[1:]]\n"
        "result = scan_datastores(targets, sample=None)\n"
        "scan_datastores(targets, sample=50)\n"
        "unused = {'pandas', 'sqlalchemy', 'xlsxwriter'} & set(sys.modules)\n"
        "print(len(result.observations), len(result.problems), sorted(unused) or 'none')\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, str(path), str(tmp_path / "calls.parquet")],
        capture_output=True,
        text=True,
        check=True,
    )
    observations, problems, unused = child.stdout.split()
    assert int(observations) > 4 and problems == "0" and unused == "none"
