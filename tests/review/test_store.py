"""The store: migrations from an older schema, and proposals kept with their version."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from ccpa_readiness.review.database import MIGRATIONS, Database
from tests.review.conftest import Browser, World


def test_an_older_store_is_upgraded_in_place(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "v0001")
        connection.execute(
            text(
                "INSERT INTO versions (number, content_hash, findings_json, roadmap_json, imported_at,"
                " imported_by) VALUES (1, 'abc', '{}', '{}', '2026-11-01 00:00:00', 'cli')"
            )
        )
    engine.dispose()
    Database(url).upgrade()
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT proposals_json FROM versions")).scalar_one() == "{}"
        newest = ScriptDirectory.from_config(config).get_current_head()
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == newest
    engine.dispose()


def test_the_task_page_shows_its_proposal_escaped(world: World, browsers: dict[str, Browser]) -> None:
    page = browsers["viewer"].client.get("/tasks/T-NOTICE").text
    assert "Proposal: Spoken notice at collection" in page
    assert "This call is recorded &lt;for quality&gt;." in page
    assert "Proposal:" not in browsers["viewer"].client.get("/tasks/T-PORTAL").text
