"""Vectorised column checks agree with the exact per-value validators, and a whole-table scan
counts beyond the exact budget by shape, saying so; samples are drawn by the engine."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from typer.testing import CliRunner

from ccpa_readiness.cli import app
from ccpa_readiness.cli.datastore_commands import _rows
from ccpa_readiness.evidence.datastores import StoreTarget, profile, scan_datastores
from ccpa_readiness.evidence.datastores.columns import (
    ISO_DATE,
    PHONE_SHAPE,
    ExactBudget,
    Shape,
    ascii_of,
    check_batch,
    decide,
    iso_days,
    iso_shaped,
    iso_times,
    strip,
)
from ccpa_readiness.evidence.datastores.models import ColumnInfo
from ccpa_readiness.evidence.datastores.profile import VALUE_ONLY_MIN_DIGITS, ColumnProfile
from ccpa_readiness.evidence.datastores.sources.sqlite import SqliteSource
from tests.datastores.test_sqlite import of_kind

AS_OF = dt.date(2026, 12, 1)
# near-misses of each label next to valid values: separators mixed, checksums off by one, blacklisted
# and never-issued numbers, leading zeros, letters, non-ASCII digits and spaces
TRICKY = [
    "4111 1111 1111 1111", "4111-1111-1111-1111", "4111 1111-1111 1111", "4111111111111112",
    "7111111111111111", "1234567890128", "4444444444444444", "4111.1111.1111.1111", "4111111111111111x",
    "\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661",
    "378282246310005", "6011 0009 9013 9424", "5555 5555 5555 4444",
    "078-05-1120", "078-05-1123", "219-09-9999", "666-12-3456", "900-12-3456", "123-00-4567",
    "123-45-0000", "000-12-3456", "123 45 6789", "123-45.6789", "111-11-1111", "123456789",
    "912-70-1234", "912-89-1234", "912-55-1234", "912-66-1234", "812-70-1234",
    "011000015", "011000016", "000000000", "021000021",
    "12345678", "11111111", "123456789012345678", "1234567",
    "a@b.co", "a@b", "a.b@c.xn--p1ai", "a@@b.com", "user@exa mple.com", "\u00ff@b.com", "x@y.c0m",
    "10.0.0.1", "256.1.1.1", "01.2.3.4", "0.0.0.0", "::1", "2001:db8::1", "1.2.3", "fe80::1%eth0", ":::",
    "(415) 555-0134", "555", "n/a", "+44 20 7946 0958", "4155550134", "1-800-FLOWERS", "+1 415 555 0134",
    "415\u00a0555\u00a00134", "", "-", "  ", "#12",
]  # fmt: skip
LABELS = ("CREDIT_CARD", "US_SSN", "US_ITIN", "ABA_ROUTING_NUMBER", "BANK_ACCOUNT", "EMAIL_ADDRESS",
          "IP_ADDRESS", "PHONE_NUMBER")  # fmt: skip


def _random_values(rng: random.Random, count: int) -> list[str]:
    """Digit strings of 6 to 20 digits in groups joined by random separators, some with a letter."""
    values = []
    for _ in range(count):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 20)))
        groups = [digits[i : i + rng.randint(2, 5)] for i in range(0, len(digits), 4)]
        text = "".join(g + rng.choice(["", " ", "-", ".", "/"]) for g in groups).strip(" -./")
        values.append(text + rng.choice(["", "", "", "a"]))
    return values


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("named", [True, False])
def test_vectorised_decisions_agree_with_the_exact_validator(label: str, named: bool) -> None:
    values = TRICKY + _random_values(random.Random(label), 1500)
    name = {True: label.lower(), False: "c7"}[named]
    exact = ColumnProfile(ColumnInfo(name=name, type_name="text", kind="text")).validators[label]
    min_digits = 0 if named else VALUE_ONLY_MIN_DIGITS.get(label, 0)
    decision = decide(label, Shape(pa.array(values)), min_digits)
    wrong = [
        value
        for value, valid, open_ in zip(values, decision.valid, decision.open, strict=True)
        if not open_ and bool(valid) != exact(value)
    ]
    assert wrong == []
    decided = int((~decision.open).sum())
    if label == "PHONE_NUMBER":  # a possible phone number is left to libphonenumber
        assert decided > 0 and not decision.valid.any()
    else:  # the rest is decided without the validator but for non-ASCII texts (and IPv6)
        assert decided > len(values) * 0.95 and decision.valid.any()


def test_open_values_beyond_the_budget_are_counted_by_shape() -> None:
    phones = [f"(415) 555-{i:04d}" for i in range(300)] + ["555-12", "12 34 56 78 90 12 34 56"]
    exact = ColumnProfile(ColumnInfo(name="phone", type_name="text", kind="text")).validators["PHONE_NUMBER"]
    result = check_batch("PHONE_NUMBER", Shape(pa.array(phones)), exact, ExactBudget(100))
    assert result.exact == 100 and result.by_shape == 202
    assert result.by_shape_valid == 200  # the last two have too few or too many digits
    assert result.valid[:100].tolist() == [exact(p) for p in phones[:100]]


def _budgeted(name: str) -> list[object]:
    """3,000 values of a column that crosses its budget partway: values repeated before and after,
    free texts short and long (over 200 characters), a few that are no phone number at all, a
    non-ASCII one among the first (read value by value, as are the texts up to the probe's end)."""
    rng = random.Random(name)
    if name == "phone":
        pool: list[object] = [f"(415) {rng.randint(200, 989)}-{i:04d}" for i in range(400)]
        pool[3:3] = ["(415) 555\u20130134", "555-12", "n/a", None, "+44 20 7946 0958"]  # en dash
    else:
        card = ("4111 1111 1111 1111", "no card")
        pool = [f"ref {i}: {card[i % 2]}, " + "details follow. " * rng.choice((1, 20)) for i in range(120)]
        pool += ["Closed.", None]
    return [rng.choice(pool[: 40 + i // 10]) for i in range(3000)]  # new values keep coming


@pytest.mark.parametrize("name", ["phone", "notes"])
def test_budgets_do_not_depend_on_how_a_column_is_cut_into_batches(name: str, monkeypatch: Any) -> None:
    monkeypatch.setattr(profile, "EXACT_VALUES", 150)
    monkeypatch.setattr(profile, "FREE_TEXT_VALUES", 80)
    values = _budgeted(name)
    info = ColumnInfo(name=name, type_name="text", kind="text")
    seen = []
    for size in (3000, 1000, 333, 64, 7):
        column = ColumnProfile(info, AS_OF)
        for start in range(0, len(values), size):
            column.add_all(pa.array(values[start : start + size], pa.string()))
        counted = (column.checked, column.valid, column.by_shape_valid, column.found_in_text)
        seen.append((column.classify(), counted, column.text_unscanned, column.rows_seen))
    assert all(result == seen[0] for result in seen)
    (classified,) = seen[0][0]
    if name == "phone":  # the budget ran out: some rows were counted by shape
        assert classified.label == "PHONE_NUMBER" and 0 < classified.rows_by_shape < classified.rows
    else:
        assert classified.label == "CREDIT_CARD" and classified.free_text and 0 < seen[0][2] < 3000


def _mixed(rng: random.Random, name: str) -> list[object]:
    born = [f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(30)]
    pools: dict[str, list[Any]] = {
        "mobile": [*TRICKY, *(f"(650) 253-{i:04d}" for i in range(60)), None],
        "c7": [*TRICKY, *_random_values(rng, 200), None],
        "ssn": [*TRICKY, *(f"521-38-{i:04d}" for i in range(1, 60))],
        "created": [*born, "03/15/1985", "2/30/1990", "1990-02-30", "2024-05-01T10:00:00Z",
                    "2024-05-01 00:00:00", "2024-05-01T25:00", "0000-01-01", "n/a", None],
        "notes": ["no action", "called back on (415) 555-0134", "SSN 078-05-1123 given", None,
                  "card 4111 1111 1111 1111 on file", "Closed."],
        "email": [*(f"user{i}@example.com" for i in range(50)), *TRICKY, None],
    }  # fmt: skip
    return [rng.choice(pools[name]) for _ in range(3000)]


@pytest.mark.parametrize("name", ["mobile", "c7", "ssn", "created", "notes", "email"])
def test_column_batches_classify_as_the_value_by_value_reference(name: str) -> None:
    values = _mixed(random.Random(name), name)
    info = ColumnInfo(name=name, type_name="text", kind="text")
    vectorised, reference = ColumnProfile(info, AS_OF), ColumnProfile(info, AS_OF)
    for start in range(0, len(values), 1000):
        vectorised.add_all(pa.array(values[start : start + 1000], pa.string()))
        reference.add_values(tuple(values[start : start + 1000]))
    assert vectorised.classify() == reference.classify()
    for field in ("rows_seen", "non_null", "dates", "checked", "valid", "found_in_text", "truncated"):
        assert getattr(vectorised, field) == getattr(reference, field), field
    assert vectorised.spread.ages == reference.spread.ages
    assert vectorised.spread.timed == reference.spread.timed


def test_typed_arrays_count_as_python_values() -> None:
    """Integers read as their digits, timestamps as days with their time, floats and flags as nothing."""
    info = ColumnInfo(name="c9", type_name="x", kind="other")
    stamps = [dt.datetime(1960 + i % 40, 1 + i % 12, 2, 0 if i % 3 else 9, 30 * (i % 2)) for i in range(300)]
    for values in ([4155550134 + i for i in range(300)], stamps, [0.5] * 300, [True, False] * 150):
        vectorised, reference = ColumnProfile(info, AS_OF), ColumnProfile(info, AS_OF)
        vectorised.add_all(values)
        reference.add_values(tuple(values))
        assert vectorised.classify() == reference.classify()
        assert (vectorised.non_null, vectorised.dates, vectorised.valid) == (
            reference.non_null,
            reference.dates,
            reference.valid,
        )
        assert vectorised.spread.ages == reference.spread.ages


def test_whole_table_scan_says_what_was_counted_by_shape(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(profile, "EXACT_VALUES", 200)
    monkeypatch.setattr(profile, "FREE_TEXT_VALUES", 50)
    path = tmp_path / "calls.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE calls (id INTEGER PRIMARY KEY, caller_phone TEXT, notes TEXT)")
        connection.executemany(
            "INSERT INTO calls (caller_phone, notes) VALUES (?, ?)",
            [(f"(212) 555-{i:04d}", f"customer {i} read card 4111 1111 1111 1111") for i in range(1000)],
        )
    whole = scan_datastores([StoreTarget(url=str(path))], sample=None, as_of=AS_OF)
    found = {o.location: o.attributes for o in of_kind(whole, "DATASTORE-COLUMN")}
    phone = found["calls.caller_phone"]
    assert phone["rows"] == 1000 and phone["rows_by_shape"] == 1000 - 100 - 200  # probe, then budget
    notes = found["calls.notes"]
    assert notes["label"] == "CREDIT_CARD" and notes["free_text"]
    assert notes["rows"] + notes["rows_unscanned"] == 1000 and notes["rows_unscanned"] > 0
    # what a reader acts on says the count is a lower bound: the check and the summary line
    (card,) = of_kind(whole, "DATASTORE-CARD-OUTSIDE-CDE")
    assert (card.attributes["rows"], card.attributes["rows_unscanned"]) == (
        notes["rows"],
        notes["rows_unscanned"],
    )
    summary = CliRunner().invoke(app, ["scan", "datastore", str(path), "--sample", "0"])
    assert f"rows={notes['rows']}, rows_unscanned={notes['rows_unscanned']}" in summary.output
    assert _rows(notes) == f">= {notes['rows']:,} ({notes['rows_unscanned']:,} rows not scanned)"
    assert _rows(phone) == "1,000"
    sampled = scan_datastores([StoreTarget(url=str(path))], sample=150, as_of=AS_OF)
    assert {o.attributes["rows_by_shape"] for o in of_kind(sampled, "DATASTORE-COLUMN")} == {0}


def test_sqlite_sample_is_one_indexed_query(tmp_path: Path) -> None:
    """The sample is read by rowid look-ups: no statement reads the whole table."""
    path = tmp_path / "big.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT)")
        connection.executemany(
            "INSERT INTO contacts (email) VALUES (?)", [(f"c{i}@x.net",) for i in range(5000)]
        )
    source = SqliteSource(f"sqlite:///{path}")
    statements: list[str] = []
    try:
        columns = source.columns("contacts")
        source.connection.set_trace_callback(statements.append)
        rows = sum(len(batch[0]) for batch in source.sample("contacts", columns, 200))
    finally:
        source.close()
    assert rows == 200
    reads = [s for s in statements if "substr" in s]
    assert len(reads) == 1 and "rowid IN" in reads[0] and "LIMIT 200" in reads[0]
    assert all("WHERE" in s or "max(rowid)" in s or "count(" in s for s in statements if "FROM contacts" in s)


def test_times_of_day_read_from_the_bytes_as_datetime_reads_them() -> None:
    rng = random.Random(5)
    parts = [(rng.choice(" T"), *(rng.randint(0, 99) for _ in range(3))) for _ in range(400)]
    stamps = [f"2024-05-01{sep}{h:02d}:{m:02d}:{s:02d}" for sep, h, m, s in parts]
    stamps += ["2024-05-01", "2024-05-01 00:00:00", "2024-05-01T23:59:59", "2024-05-01 23:59:60",
               "2024-05-01 24:00:00", "2024-05-01 10:00:00.5", "2024-05-01T10:00:00Z", "2024-05-01 10:00",
               "2024-05-01 1:00:00:0", "2024-05-01 ::00:000", "2024-05-01T00:00:00+02:00",
               "2024-05-01 00"]  # fmt: skip
    texts = pa.array(stamps, pa.string())
    decided, _ = iso_times(texts)
    assert 0.5 * len(stamps) < decided.sum() < len(stamps)  # the rest goes to `datetime`
    assert profile._times(texts).tolist() == [profile._timed(stamp[10:]) for stamp in stamps]


def test_texts_are_stripped_and_told_ascii_as_python_does() -> None:
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    values = [*TRICKY, *(f"{s}a{s}" for s in spaces), *(f"b{s}" for s in spaces), "\x08c", "d\x00"]
    for batch in (values, [v for v in values if v.strip() == v], ["", "x"]):
        texts = pa.array(batch, pa.string())
        assert strip(texts).to_pylist() == [v.strip() for v in batch]
        assert ascii_of(texts).tolist() == [v.isascii() for v in batch]


def test_written_dates_read_from_the_bytes_as_datetime_and_the_regex_read_them() -> None:
    rng = random.Random(9)
    texts = [
        f"{rng.randint(0, 9999):04d}-{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}" for _ in range(3000)
    ]
    texts += ["2000-02-29", "1900-02-29", "2024-02-29 10:00:00", "1999-12-31T23:59:59", "2024-01-01 10:00",
              "2024/01/01", "2024-01-0a", "2024-01-01 10:00:0x", "2024-01-01X10:00:00",
              "0001-01-01"]  # fmt: skip
    array = pa.array(texts, pa.string())
    regex = profile.mask_of(pc.match_substring_regex(array, ISO_DATE))
    assert (iso_shaped(array) <= regex).all() and iso_shaped(array)[:3000].all()
    matching = [text for text, matched in zip(texts, regex, strict=True) if matched]
    days, real = iso_days(pa.array(matching, pa.string()))
    for text, day, is_real in zip(matching, days.tolist(), real, strict=True):
        try:
            expected: dt.date | None = dt.date.fromisoformat(text[:10])
        except ValueError:
            expected = None
        assert (day if is_real else None) == expected, text


def test_phone_characters_told_from_byte_counts_as_the_regex_tells_them() -> None:
    rng = random.Random(3)
    values = [
        *TRICKY,
        *_random_values(rng, 500),
        "+",
        "++1 415",
        "1+415",
        "(415) 555-0134",
        "+1 (415) 555/0134",
    ]
    values += [
        "".join(rng.choice("0123456789 ().-/+a#") for _ in range(rng.randint(0, 12))) for _ in range(2000)
    ]
    texts = pa.array(values, pa.string())
    regex = profile.mask_of(pc.match_substring_regex(texts, PHONE_SHAPE))
    assert Shape(texts).phone_characters.tolist() == regex.tolist()
