"""Open a file and find the flow documents in it: bare exports, API responses, CloudFormation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ccpa_readiness.errors import InputError
from ccpa_readiness.evidence.common.guard import Limits, ReadError, decode_text, limits, load_json, read_bytes
from ccpa_readiness.evidence.flows.model import JSON, FlowFormat
from ccpa_readiness.yamlfile import parse_yaml

CONNECT_RESOURCE_TYPES = ("AWS::Connect::ContactFlow", "AWS::Connect::ContactFlowModule")
ARCHY_FLOW_KEYS = ("inboundCall", "inqueueCall", "outboundCall", "secureCall", "inboundShortMessage")
_TEMPLATE_VAR = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")
_JSON_SUFFIXES = {".json"}
_YAML_SUFFIXES = {".yaml", ".yml"}


class FlowInvalidError(Exception):
    """The file, or one document in it, is not a flow the analyser can read."""

    def __init__(self, message: str, location: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location


@dataclass(frozen=True)
class Document:
    """One flow document found in a file, with what its wrapper says about it."""

    format: FlowFormat
    body: dict[str, JSON]
    name: str
    locator: str = ""
    flow_type: str = ""
    aliases: tuple[str, ...] = ()


def is_flow_file(path: Path) -> bool:
    return path.suffix.lower() in _JSON_SUFFIXES | _YAML_SUFFIXES


def read_documents(path: Path) -> list[Document]:
    """Every flow document in the file; `FlowInvalidError` when there is none or it is unreadable
    (within the reader limits: size, nesting, YAML aliases, flows per file)."""
    bounds = limits()
    try:
        text = decode_text(read_bytes(path, bounds.file_bytes, "flow export"))
    except ReadError as error:
        raise FlowInvalidError(error.message, error.location) from None
    if not text.strip():
        raise FlowInvalidError("empty file")
    if path.suffix.lower() in _YAML_SUFFIXES:
        return [_archy(_parse_yaml(text, path, bounds), path.stem)]
    documents = _documents(_parse_json(text, bounds), path.stem, bounds)
    if len(documents) > bounds.documents:
        raise FlowInvalidError(f"more than {bounds.documents:,} flows in one file (CCPA_LIMIT_DOCUMENTS)")
    return documents


def _parse_json(text: str, bounds: Limits) -> JSON:
    try:
        return load_json(text, bounds)
    except ReadError as error:
        where = f" at line {error.location.split(':')[0]}" if error.location else ""
        raise FlowInvalidError(f"{error.message}{where}") from None


def _parse_yaml(text: str, path: Path, bounds: Limits) -> JSON:
    """Archy YAML; Terraform templates' `{{var}}` placeholders become `${var}` text first."""
    try:
        return parse_yaml(_TEMPLATE_VAR.sub(r"${\1}", text), path, bounds, unique_keys=False).data
    except InputError as error:
        problem = error.problems[0]
        where = f" at line {problem.location}" if problem.location else ""
        raise FlowInvalidError(f"{problem.message}{where}") from None


def _documents(data: JSON, name: str, bounds: Limits) -> list[Document]:
    if not isinstance(data, dict):
        raise FlowInvalidError("not a flow: the document is not a JSON object")
    if "Actions" in data or "StartAction" in data:
        return [_connect(data, name, "", "", ())]
    if "modules" in data and "start" in data:
        return [_legacy(data, name)]
    if "states" in data and "initial_state" in data:
        return [Document(FlowFormat.TWILIO, data, name)]
    for key in ("ContactFlow", "ContactFlowModule"):
        if isinstance(data.get(key), dict):
            return [_described(data[key], name, key, bounds)]
    if isinstance(data.get("Resources"), dict):
        return _cloudformation(data["Resources"], name, bounds)
    raise FlowInvalidError(f"not a flow of a supported format: {_guess(data)}")


def _legacy(data: dict[str, JSON], name: str) -> Document:
    """A pre-2021 Connect export: its flow type and name are in the document."""
    metadata = data.get("metadata")
    flow_name = str(metadata.get("name") or name) if isinstance(metadata, dict) else name
    return Document(FlowFormat.CONNECT_LEGACY, data, flow_name, "", str(data.get("type", "")), (flow_name,))


def _guess(data: dict[str, JSON]) -> str:
    if "initialSequence" in data and "uiMetaData" in data:
        return "a Genesys Architect native export (read its Archy YAML instead)"
    if "process" in data or ("orgId" in data and "variables" in data):
        return "a Webex Contact Center flow (not supported)"
    return "no Amazon Connect, Twilio Studio or Genesys Archy keys"


def _content(value: JSON, locator: str, bounds: Limits) -> JSON:
    """A wrapper's `Content`: a JSON string, an object, or a CloudFormation `Fn::Sub` of a string."""
    if isinstance(value, dict) and "Fn::Sub" in value:
        sub = value["Fn::Sub"]
        value = sub[0] if isinstance(sub, list) and sub else sub
    if isinstance(value, str):
        try:
            return load_json(value, bounds)
        except ReadError as error:
            raise FlowInvalidError(f"Content is not JSON: {error.message}", locator) from None
    return value


def _described(wrapper: dict[str, JSON], name: str, locator: str, bounds: Limits) -> Document:
    """A DescribeContactFlow (or ...Module) response: Content plus Id, Arn, Name and Type."""
    aliases = tuple(str(wrapper[k]) for k in ("Id", "Arn", "Name") if isinstance(wrapper.get(k), str))
    body = _content(wrapper.get("Content"), f"{locator}.Content", bounds)
    flow_name = str(wrapper.get("Name") or name)
    return _connect(body, flow_name, f"{locator}.Content", str(wrapper.get("Type", "")), aliases)


def _cloudformation(resources: dict[str, JSON], name: str, bounds: Limits) -> list[Document]:
    found = []
    for logical_id, resource in sorted(resources.items()):
        if not isinstance(resource, dict) or resource.get("Type") not in CONNECT_RESOURCE_TYPES:
            continue
        props = resource.get("Properties")
        if not isinstance(props, dict):
            raise FlowInvalidError("resource without Properties", f"Resources.{logical_id}")
        locator = f"Resources.{logical_id}.Properties.Content"
        flow_name = props.get("Name") if isinstance(props.get("Name"), str) else logical_id
        flow_type = str(props.get("Type", "module" if "Module" in str(resource["Type"]) else ""))
        body = _content(props.get("Content"), locator, bounds)
        found.append(_connect(body, str(flow_name), locator, flow_type, (logical_id, str(flow_name))))
    if not found:
        raise FlowInvalidError("a CloudFormation template without Amazon Connect flows")
    return found


def _connect(body: JSON, name: str, locator: str, flow_type: str, aliases: tuple[str, ...]) -> Document:
    if not isinstance(body, dict) or "Actions" not in body:
        raise FlowInvalidError("not an Amazon Connect flow: no Actions", locator)
    metadata = body.get("Metadata")
    if isinstance(metadata, dict):
        flow_type = flow_type or str(metadata.get("type") or "")
        if isinstance(metadata.get("name"), str):
            aliases = (*aliases, metadata["name"])
    if isinstance(body.get("Settings"), dict) and not flow_type:
        flow_type = "module"
    return Document(FlowFormat.CONNECT, body, name, locator, flow_type, (*aliases, name))


def _archy(data: JSON, name: str) -> Document:
    if not isinstance(data, dict) or len(data) != 1:
        raise FlowInvalidError("not a Genesys Archy flow: expected one top key such as inboundCall")
    (flow_key, body), *_ = data.items()
    if flow_key not in ARCHY_FLOW_KEYS or not isinstance(body, dict):
        raise FlowInvalidError(f"not a voice flow of Genesys Archy: top key {flow_key!r}")
    flow_name = str(body.get("name") or name)
    return Document(FlowFormat.ARCHY, body, flow_name, flow_key, flow_key, (flow_name,))
