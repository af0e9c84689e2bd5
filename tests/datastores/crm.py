"""A small CRM-like schema with known contents, seeded into SQLite or PostgreSQL.

customers: names, emails, phones, SSNs in clear, dates of birth, addresses;
call_records: agent notes, one in four with a card number typed in, and a phone number;
recordings: metadata from 2019 to 2025 (the retention test counts those before the cutoff);
attachments: a binary column; audit_log: empty; long_notes: one huge text value.
"""

from __future__ import annotations

import datetime as dt
import random

import sqlalchemy as sa
from stdnum import luhn

CUSTOMERS = 120
CALLS = 200
RECORDINGS = 150
HUGE_TEXT_CHARS = 300_000
AS_OF = dt.date(2026, 1, 1)
RETENTION_DAYS = 365
FIRST = ("Maria", "James", "Aiko", "Chen", "Fatima", "Oleg", "Grace", "Diego", "Priya", "Samuel")
LAST = ("Lopez", "Smith", "Tanaka", "Wei", "Haddad", "Petrov", "Okafor", "Garcia", "Patel", "Cohen")
STREETS = ("Main St", "Oak Avenue", "Mission Street", "Elm Road", "Harbor Blvd")

metadata = sa.MetaData()
customers = sa.Table(
    "customers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("first_name", sa.String(40)),
    sa.Column("last_name", sa.String(40)),
    sa.Column("email", sa.String(80)),
    sa.Column("phone", sa.String(20)),
    sa.Column("ssn", sa.String(11)),
    sa.Column("date_of_birth", sa.Date),
    sa.Column("street_address", sa.String(120)),
    sa.Column("created_at", sa.DateTime),
)
call_records = sa.Table(
    "call_records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("customer_id", sa.Integer),
    sa.Column("started_at", sa.DateTime),
    sa.Column("duration_seconds", sa.Integer),
    sa.Column("agent_notes", sa.Text),
)
recordings = sa.Table(
    "recordings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("call_id", sa.Integer),
    sa.Column("recorded_at", sa.DateTime),
    sa.Column("file_path", sa.String(200)),
    sa.Column("client_ip", sa.String(40)),
)
attachments = sa.Table(
    "attachments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("file_name", sa.String(100)),
    sa.Column("content", sa.LargeBinary),
)
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(80)),
    sa.Column("happened_at", sa.DateTime),
)
long_notes = sa.Table(
    "long_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("body", sa.Text),
)


def card_number(rng: random.Random) -> str:
    body = "4" + "".join(rng.choice("0123456789") for _ in range(14))
    digits = body + luhn.calc_check_digit(body)
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4))


def ssn(rng: random.Random) -> str:
    return f"{rng.randint(100, 665):03d}-{rng.randint(10, 99):02d}-{rng.randint(1000, 9999):04d}"


def phone(rng: random.Random) -> str:
    return f"({rng.choice((415, 510, 650, 212))}) {rng.randint(200, 989)}-{rng.randint(1000, 9999):04d}"


def recording_dates() -> list[dt.datetime]:
    """From 2019-01-01, one every 15 days: the first ones are older than the cutoff."""
    start = dt.datetime(2019, 1, 1, 9, 30)
    return [start + dt.timedelta(days=15 * i) for i in range(RECORDINGS)]


def expected_old_recordings_at(as_of: dt.date) -> int:
    cutoff = as_of - dt.timedelta(days=RETENTION_DAYS)
    return sum(d.date() < cutoff for d in recording_dates())


def expected_old_recordings() -> int:
    return expected_old_recordings_at(AS_OF)


def seed(engine: sa.Engine) -> None:
    rng = random.Random(7)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            customers.insert(),
            [
                {
                    "id": i,
                    "first_name": rng.choice(FIRST),
                    "last_name": rng.choice(LAST),
                    "email": f"customer{i}@example.com",
                    "phone": phone(rng),
                    "ssn": ssn(rng),
                    "date_of_birth": dt.date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                    "street_address": f"{rng.randint(1, 999)} {rng.choice(STREETS)}",
                    "created_at": dt.datetime(2025, 3, 1) + dt.timedelta(hours=i),
                }
                for i in range(1, CUSTOMERS + 1)
            ],
        )
        connection.execute(
            call_records.insert(),
            [
                {
                    "id": i,
                    "customer_id": 1 + i % CUSTOMERS,
                    "started_at": dt.datetime(2025, 6, 1) + dt.timedelta(minutes=37 * i),
                    "duration_seconds": 60 + i,
                    "agent_notes": (
                        f"Customer read card {card_number(rng)} to pay the balance, call back {phone(rng)}"
                        if i % 4 == 0
                        else "Asked about the late fee on the last statement; explained and closed."
                    ),
                }
                for i in range(1, CALLS + 1)
            ],
        )
        connection.execute(
            recordings.insert(),
            [
                {
                    "id": i,
                    "call_id": i,
                    "recorded_at": recorded,
                    "file_path": f"s3://recordings/{recorded:%Y/%m}/{i}.wav",
                    "client_ip": f"10.{i % 250}.{i % 7}.{1 + i % 200}",
                }
                for i, recorded in enumerate(recording_dates(), start=1)
            ],
        )
        connection.execute(
            attachments.insert(),
            [{"id": i, "file_name": f"scan{i}.pdf", "content": bytes(range(256)) * 4} for i in range(1, 6)],
        )
        connection.execute(
            long_notes.insert(),
            [
                {
                    "id": 1,
                    "body": ("Customer complained at length about hold times. " * 7000)[:HUGE_TEXT_CHARS],
                }
            ],
        )
