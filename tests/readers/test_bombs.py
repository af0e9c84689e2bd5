"""Issue 18 defect 2: small hostile inputs must not exhaust memory or time. Each is read in a child
process capped at 1.5 GB and 60 s of CPU; the reader must refuse it by name, keep the good inputs
beside it, and never crash (a cap reached is a crash: MemoryError or SIGXCPU)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ccpa_readiness.catalog.loader import DATA_DIR
from tests.readers.capped import run_capped
from tests.readers.hostile import MB, docx_bomb, gzip_bomb, huge_jsonl_record, yaml_alias_bomb
from tests.workspace_builder import compliant, write_workspace

pytestmark = pytest.mark.slow

GOOD_JSONL = '{"id": "good-1", "text": "AGENT: This call is recorded. CUSTOMER: my email is a@b.co"}\n'


def outcome(code: str) -> dict[str, object]:
    """Run `code` capped; it prints one JSON object as its last line."""
    done = run_capped(code)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


LOAD_WORKSPACE = """
import json, sys
from pathlib import Path
from ccpa_readiness.errors import InputError
from ccpa_readiness.workspace.loader import load_workspace
try:
    load_workspace(Path({root!r}))
    print(json.dumps({{"problems": []}}))
except InputError as error:
    print(json.dumps({{"problems": [str(p) for p in error.problems]}}))
"""


def test_yaml_alias_bomb_as_ccpa_yaml_is_refused(tmp_path: Path) -> None:
    write_workspace(tmp_path, {**compliant(), "ccpa.yaml": yaml_alias_bomb()})
    assert len(yaml_alias_bomb()) < 1024
    problems = outcome(LOAD_WORKSPACE.format(root=str(tmp_path)))["problems"]
    assert any("ccpa.yaml" in p and "alias" in p for p in problems), problems  # type: ignore[union-attr]


def test_yaml_alias_bomb_as_inventory_file_is_refused_and_other_files_still_checked(tmp_path: Path) -> None:
    files = compliant()
    files["inventory/vendors.yaml"] = yaml_alias_bomb()
    files["inventory/channels.yaml"] = "channels: [unclosed\n"
    write_workspace(tmp_path, files)
    problems = outcome(LOAD_WORKSPACE.format(root=str(tmp_path)))["problems"]
    assert any("vendors.yaml" in p and "alias" in p for p in problems), problems  # type: ignore[union-attr]
    assert any("channels.yaml" in p and "invalid YAML" in p for p in problems)  # type: ignore[union-attr]


def test_yaml_alias_bomb_as_catalog_file_is_refused(tmp_path: Path) -> None:
    catalog = shutil.copytree(DATA_DIR, tmp_path / "catalog")
    (catalog / "requirements" / "zz-bomb.yaml").write_text(yaml_alias_bomb(), encoding="utf-8")
    code = f"""
import json
from pathlib import Path
from ccpa_readiness.catalog.loader import load_catalog
from ccpa_readiness.errors import InputError
try:
    load_catalog(Path({str(catalog)!r}))
    print(json.dumps({{"problems": []}}))
except InputError as error:
    print(json.dumps({{"problems": [str(p) for p in error.problems]}}))
"""
    problems = outcome(code)["problems"]
    assert any("zz-bomb.yaml" in p and "alias" in p for p in problems), problems  # type: ignore[union-attr]


def test_yaml_alias_bomb_shaped_as_archy_flow_is_invalid_and_good_flows_kept(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(yaml_alias_bomb(key="inboundCall"), encoding="utf-8")
    good = {
        "inboundCall": {
            "name": "Good",
            "startUpTaskActions": [{"disconnect": {"name": "Bye"}}],
        }
    }
    (tmp_path / "good.yaml").write_text(json.dumps(good), encoding="utf-8")
    code = f"""
import json
from pathlib import Path
from ccpa_readiness.evidence.flows import scan_flows
scan = scan_flows([Path({str(tmp_path)!r})])
print(json.dumps({{
    "analysed": sorted(Path(o.source).name for o in scan.observations if o.kind == "FLOW-ANALYSED"),
    "problems": [str(p) for p in scan.problems],
}}))
"""
    result = outcome(code)
    assert result["analysed"] == ["good.yaml"]
    assert any("bomb.yaml" in p and "alias" in p for p in result["problems"])  # type: ignore[union-attr]


SCAN_TRANSCRIPTS = """
import json
from pathlib import Path
from ccpa_readiness.evidence.transcripts import scan_transcripts
scan = scan_transcripts([Path({folder!r})])
scanned = next(o for o in scan.observations if o.kind == "TRANSCRIPT-SCANNED")
problems = [str(p) for p in scan.problems]
print(json.dumps({{"documents": scanned.attributes["documents"], "problems": problems}}))
"""


def test_gzip_bomb_among_transcripts_is_skipped_and_good_files_kept(tmp_path: Path) -> None:
    (tmp_path / "a-good.jsonl").write_text(GOOD_JSONL, encoding="utf-8")
    bomb = gzip_bomb(tmp_path / "b-bomb.jsonl.gz", 1_000 * MB, prefix=b'{"id": "x", "text": "')
    assert bomb.stat().st_size < 4 * MB
    (tmp_path / "c-good.jsonl").write_text(GOOD_JSONL.replace("good-1", "good-2"), encoding="utf-8")
    result = outcome(SCAN_TRANSCRIPTS.format(folder=str(tmp_path)))
    assert result["documents"] == 2
    assert any("b-bomb.jsonl.gz" in p and "gzip" in p for p in result["problems"])  # type: ignore[union-attr]


def test_single_200mb_transcript_record_fails_fast_and_the_next_record_is_read(tmp_path: Path) -> None:
    huge = huge_jsonl_record(tmp_path / "huge.jsonl", 200 * MB, then=GOOD_JSONL)
    try:
        result = outcome(SCAN_TRANSCRIPTS.format(folder=str(tmp_path)))
    finally:
        huge.unlink()
    assert result["documents"] == 1
    assert any("huge.jsonl:line 1" in p and "over" in p for p in result["problems"])  # type: ignore[union-attr]


def test_docx_zip_bomb_is_skipped_and_good_documents_kept(tmp_path: Path) -> None:
    docx_bomb(tmp_path / "bomb.docx", 300 * MB)
    (tmp_path / "policy.md").write_text(
        "# Privacy Policy\n\nWe collect your name and phone number to answer your calls.\n", encoding="utf-8"
    )
    code = f"""
import json
from pathlib import Path
from ccpa_readiness.evidence.documents import analyse
analysis = analyse([Path({str(tmp_path)!r})])
print(json.dumps({{
    "read": [Path(d.path).name for d in analysis.documents],
    "problems": [str(p) for p in analysis.problems],
}}))
"""
    result = outcome(code)
    assert result["read"] == ["policy.md"]
    assert any("bomb.docx" in p and "expands" in p for p in result["problems"])  # type: ignore[union-attr]
