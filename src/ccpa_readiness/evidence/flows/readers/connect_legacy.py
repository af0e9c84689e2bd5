"""Amazon Connect exports before 2021: `modules` with `branches` and `parameters`."""

from __future__ import annotations

from ccpa_readiness.evidence.flows.documents import Document, FlowInvalidError
from ccpa_readiness.evidence.flows.model import (
    JSON,
    Flow,
    FlowFormat,
    FlowRef,
    Node,
    NodeKind,
    Prompt,
    Switch,
)
from ccpa_readiness.evidence.flows.readers.common import (
    build_flow,
    dicts_of,
    flow_ref,
    kind_of,
    text_of,
    unhandled_events,
)

FORMAT = FlowFormat.CONNECT_LEGACY
_TRANSFER_KINDS = {
    "Queue": NodeKind.TRANSFER_QUEUE,
    "Agent": NodeKind.TRANSFER_AGENT,
    "PhoneNumber": NodeKind.TRANSFER_NUMBER,
    "Flow": NodeKind.TRANSFER_FLOW,
}


def read_connect_legacy(document: Document, source: str) -> Flow:
    modules = document.body.get("modules")
    if not isinstance(modules, list):
        raise FlowInvalidError("modules is not a list", document.locator)
    nodes: list[Node] = []
    edges: list[tuple[str, str, str]] = []
    for index, module in enumerate(modules):
        if not isinstance(module, dict) or not isinstance(module.get("id"), str):
            raise FlowInvalidError("a module without an id", f"modules[{index}]")
        module_id: str = module["id"]
        kind = kind_of(FORMAT, module.get("type"), module_id)
        branches = dicts_of(module.get("branches"), "branches", module_id)
        for branch in branches:
            if isinstance(branch.get("transition"), str) and branch["transition"]:
                edges.append((module_id, branch["transition"], _event(branch)))
        unhandled = unhandled_events(FORMAT, branches, "condition", "transition")
        nodes.append(_node(module_id, str(module["type"]), kind, module, unhandled))
    return build_flow(document, source, text_of(document.body.get("start")), nodes, edges)


def _event(branch: dict[str, JSON]) -> str:
    condition = str(branch.get("condition", ""))
    if condition == "Evaluate":
        return f"{branch.get('conditionType', '')} {branch.get('conditionValue', '')}".strip()
    return condition


def _parameters(module: dict[str, JSON]) -> dict[str, dict[str, JSON]]:
    """Parameters by name (the first of each name); each keeps value, namespace, resourceName."""
    found: dict[str, dict[str, JSON]] = {}
    for param in dicts_of(module.get("parameters"), "parameters", str(module.get("id"))):
        if isinstance(param.get("name"), str):
            found.setdefault(param["name"], param)
    return found


def _value(params: dict[str, dict[str, JSON]], name: str) -> str:
    value = params.get(name, {}).get("value")
    return "" if value is None else str(value)


def _node(
    module_id: str, block: str, kind: NodeKind, module: dict[str, JSON], unhandled: tuple[str, ...]
) -> Node:
    params = _parameters(module)
    target = text_of(module.get("target"))
    if block == "Transfer":
        kind = _TRANSFER_KINDS.get(target, kind)
    if block == "GetUserInput" and target == "Lex":
        kind = NodeKind.BOT
    encrypt = _value(params, "EncryptEntry").lower() == "true"
    return Node(
        id=module_id,
        kind=kind,
        action_type=block if not target else f"{block} ({target})",
        prompt=_prompt(kind, params),
        stores_input=block == "StoreUserInput",
        encrypted=encrypt,
        input_hints=(f"CustomerInputType {_value(params, 'CustomerInputType')}",)
        if block == "StoreUserInput"
        else (),
        switch=_switch(block, params),
        analytics_redacted=_value(params, "AnalyticsRedactionOption").lower() != "disable"
        if "AnalyticsRedactionOption" in params
        else _value(params, "AnalyticsBehaviorOption").lower() != "enable",
        external_target=_external_target(block, kind, params),
        flow_refs=_flow_refs(kind, params),
        unhandled_events=unhandled,
    )


def _prompt(kind: NodeKind, params: dict[str, dict[str, JSON]]) -> Prompt | None:
    if kind not in (NodeKind.PROMPT, NodeKind.INPUT, NodeKind.BOT):
        return None
    text_param = params.get("Text")
    audio = params.get("AudioPrompt")
    refs = tuple(
        sorted({str(audio[k]) for k in ("value", "resourceName") if audio and isinstance(audio.get(k), str)})
    )
    if text_param is not None and text_param.get("namespace"):
        return Prompt(absent_reason=f"dynamic text ({text_param['namespace']})", refs=refs)
    text = _value(params, "Text")
    if text.strip():
        return Prompt(text=text, refs=refs)
    if refs:
        return Prompt(absent_reason="audio prompt", refs=refs)
    if kind is NodeKind.BOT:
        return Prompt(absent_reason="the Lex bot speaks")
    return Prompt(text=text)


def _switch(block: str, params: dict[str, dict[str, JSON]]) -> Switch:
    if block == "StartMediaStreaming":
        return Switch(streaming=True)
    if block == "StopMediaStreaming":
        return Switch(streaming=False)
    if block != "SetRecordingBehavior":
        return Switch()
    recording = _value(params, "RecordingBehaviorOption").lower()
    analytics = _value(params, "AnalyticsBehaviorOption").lower()
    return Switch(
        recording={"enable": True, "disable": False}.get(recording),
        analytics={"enable": True, "disable": False}.get(analytics),
    )


def _external_target(block: str, kind: NodeKind, params: dict[str, dict[str, JSON]]) -> str:
    if block == "StartMediaStreaming":
        return "Kinesis Video Streams media stream"
    if kind is not NodeKind.EXTERNAL:
        return ""
    return _value(params, "FunctionArn") or "a Lambda function the export does not name"


def _flow_refs(kind: NodeKind, params: dict[str, dict[str, JSON]]) -> tuple[FlowRef, ...]:
    if kind not in (NodeKind.TRANSFER_FLOW, NodeKind.EVENT_HOOK):
        return ()
    flow = params.get("ContactFlowId", {})
    relation = "transfer" if kind is NodeKind.TRANSFER_FLOW else f"hook {_value(params, 'Type')}"
    return (flow_ref(relation, flow.get("value"), flow.get("resourceName")),)
