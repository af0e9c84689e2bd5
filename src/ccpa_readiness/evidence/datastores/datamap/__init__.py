"""The data map and its writers: JSON, XLSX, SVG and Fides dataset YAML."""

from __future__ import annotations

from pathlib import Path

from ccpa_readiness.evidence.datastores.datamap.fides import fides_datasets
from ccpa_readiness.evidence.datastores.datamap.model import DataMap, build_datamap
from ccpa_readiness.evidence.datastores.datamap.svg import render_svg
from ccpa_readiness.evidence.datastores.datamap.xlsx import write_xlsx

__all__ = ["DataMap", "build_datamap", "write_datamap"]


def write_datamap(datamap: DataMap, out_dir: Path) -> list[Path]:
    """Write `datamap.json`, `datamap.xlsx`, `datamap.svg` and `fides_datasets.yaml` to `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [
        out_dir / name for name in ("datamap.json", "datamap.xlsx", "datamap.svg", "fides_datasets.yaml")
    ]
    json_path, xlsx_path, svg_path, fides_path = paths
    json_path.write_text(datamap.model_dump_json(indent=2) + "\n", encoding="utf-8")
    write_xlsx(datamap, xlsx_path)
    svg_path.write_text(render_svg(datamap), encoding="utf-8")
    fides_path.write_text(fides_datasets(datamap), encoding="utf-8")
    return paths
