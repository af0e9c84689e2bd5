"""Amazon Connect flow language (`"Version": "2019-10-30"`): Actions, Transitions, Parameters."""

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
from ccpa_readiness.evidence.flows.readers.common import build_flow, dicts_of, flow_ref, kind_of, text_of

FORMAT = FlowFormat.CONNECT
_EVENT_FLOW_TYPES = {"EndFlowExecution", "MessageParticipantIteratively"}
"""Types that only queue, whisper and hold flows have: an untyped export holding them is one."""


def read_connect(document: Document, source: str) -> Flow:
    actions = document.body.get("Actions")
    if not isinstance(actions, list):
        raise FlowInvalidError("Actions is not a list", document.locator)
    metadata = document.body.get("Metadata")
    action_metadata = metadata.get("ActionMetadata", {}) if isinstance(metadata, dict) else {}
    nodes: list[Node] = []
    edges: list[tuple[str, str, str]] = []
    for index, action in enumerate(actions):
        if not isinstance(action, dict) or not isinstance(action.get("Identifier"), str):
            raise FlowInvalidError("an action without an Identifier", f"Actions[{index}]")
        identifier: str = action["Identifier"]
        kind = kind_of(FORMAT, action.get("Type"), identifier)
        params = action.get("Parameters") if isinstance(action.get("Parameters"), dict) else {}
        meta = action_metadata.get(identifier) if isinstance(action_metadata, dict) else None
        nodes.append(_node(identifier, str(action["Type"]), kind, params or {}, meta))
        edges.extend(_edges(identifier, action.get("Transitions")))
    start = text_of(document.body.get("StartAction"))
    flow = build_flow(document, source, start, nodes, edges)
    if not document.flow_type and any(n.action_type in _EVENT_FLOW_TYPES for n in nodes):
        flow.flow_type = "queue, whisper or hold flow (inferred)"
        flow.entry_state_known = False
    return flow


def _edges(identifier: str, transitions: JSON) -> list[tuple[str, str, str]]:
    if not isinstance(transitions, dict):
        return []
    edges = []
    if isinstance(transitions.get("NextAction"), str) and transitions["NextAction"]:
        edges.append((identifier, transitions["NextAction"], "success"))
    for error in dicts_of(transitions.get("Errors"), "Transitions.Errors", identifier):
        if isinstance(error.get("NextAction"), str):
            edges.append((identifier, error["NextAction"], str(error.get("ErrorType", "error"))))
    for branch in dicts_of(transitions.get("Conditions"), "Transitions.Conditions", identifier):
        if isinstance(branch.get("NextAction"), str):
            condition = branch.get("Condition") if isinstance(branch.get("Condition"), dict) else {}
            operands = condition.get("Operands", []) if isinstance(condition, dict) else []
            label = " ".join(str(o) for o in operands) if isinstance(operands, list) else str(operands)
            edges.append((identifier, branch["NextAction"], f"= {label}"))
    return edges


def _node(identifier: str, action_type: str, kind: NodeKind, params: dict[str, JSON], meta: JSON) -> Node:
    if kind is NodeKind.INPUT and _lex_bot(params):
        kind = NodeKind.BOT
    stores = kind is NodeKind.INPUT and str(params.get("StoreInput", "")).lower() == "true"
    validation = params.get("InputValidation")
    return Node(
        id=identifier,
        kind=kind,
        action_type=action_type,
        prompt=_prompt(action_type, kind, params, _audio_names(meta)),
        stores_input=stores,
        encrypted=isinstance(params.get("InputEncryption"), dict),
        input_hints=tuple(_keys(validation)) if stores else (),
        switch=_switch(kind, params),
        analytics_redacted=_redacted(params),
        external_target=_external_target(action_type, kind, params),
        flow_refs=_flow_refs(action_type, params, meta),
    )


def _audio_names(meta: JSON) -> list[str]:
    """The names the flow designer shows for the action's audio prompts (`CustomerQueue.wav`)."""
    if not isinstance(meta, dict):
        return []
    audio = meta.get("audio") if isinstance(meta.get("audio"), list) else []
    names = [a.get("text") for a in audio or [] if isinstance(a, dict)] + [meta.get("promptName")]
    return [n for n in names if isinstance(n, str) and n]


def _lex_bot(params: dict[str, JSON]) -> bool:
    return isinstance(params.get("LexV2Bot"), dict) or isinstance(params.get("LexBot"), dict)


def _prompt(action_type: str, kind: NodeKind, params: dict[str, JSON], names: list[str]) -> Prompt | None:
    if kind not in (NodeKind.PROMPT, NodeKind.INPUT, NodeKind.BOT):
        return None
    messages = params.get("Messages") if action_type == "MessageParticipantIteratively" else [params]
    texts: list[str] = []
    refs: list[str] = list(names)
    for message in messages if isinstance(messages, list) else []:
        if not isinstance(message, dict):
            continue
        for key in ("Text", "SSML"):
            if isinstance(message.get(key), str):
                texts.append(message[key])
        for key in ("PromptId", "Media"):
            ref = message.get(key)
            ref = ref.get("Uri", "") if isinstance(ref, dict) else ref
            if isinstance(ref, str) and ref:
                refs.extend({ref, ref.rsplit("/", 1)[-1]})
    text = " ".join(texts)
    if text.strip():
        return Prompt(text=text, refs=tuple(sorted(refs)))
    if refs:
        dynamic = all(r.startswith("$.") for r in refs)
        return Prompt(absent_reason="dynamic prompt" if dynamic else "audio prompt", refs=tuple(sorted(refs)))
    if kind is NodeKind.BOT:
        return Prompt(absent_reason="the Lex bot speaks")
    return Prompt(text=text)


def _keys(value: JSON) -> list[str]:
    if isinstance(value, dict):
        return sorted(str(k) for k in value) + [k for v in value.values() for k in _keys(v)]
    return []


def _find(value: JSON, key: str) -> JSON:
    """The first value under `key` anywhere in nested dicts (both recording action shapes)."""
    if isinstance(value, dict):
        if key in value:
            return value[key]
        for child in value.values():
            found = _find(child, key)
            if found is not None:
                return found
    return None


def _switch(kind: NodeKind, params: dict[str, JSON]) -> Switch:
    if kind is NodeKind.STREAMING:
        state = str(params.get("MediaStreamingState", "")).lower()
        return Switch(streaming=state == "enabled" if state in ("enabled", "disabled") else None)
    if kind is not NodeKind.RECORDING:
        return Switch()
    recorded = _find(params, "RecordedParticipants")
    ivr = str(_find(params, "IVRRecordingBehavior") or "").lower()
    recording = None if recorded is None else bool(recorded)
    if ivr == "enabled":
        recording = True
    analytics = _find(params, "AnalyticsBehavior")
    enabled = _find(analytics, "Enabled") if isinstance(analytics, dict) else None
    return Switch(
        recording=recording,
        analytics=None if enabled is None else str(enabled).lower() == "true",
    )


def _redacted(params: dict[str, JSON]) -> bool:
    analytics = _find(params, "AnalyticsBehavior")
    if not isinstance(analytics, dict):
        return True
    return str(_find(analytics, "AnalyticsRedactionBehavior") or "").lower() == "enabled"


def _external_target(action_type: str, kind: NodeKind, params: dict[str, JSON]) -> str:
    if kind is NodeKind.STREAMING:
        return "Kinesis Video Streams media stream"
    if kind is not NodeKind.EXTERNAL:
        return ""
    return text_of(params.get("LambdaFunctionARN")) or "a Lambda function the export does not name"


def _flow_refs(action_type: str, params: dict[str, JSON], meta: JSON) -> tuple[FlowRef, ...]:
    names = [v.get("text") for v in (meta.values() if isinstance(meta, dict) else []) if isinstance(v, dict)]
    if action_type == "TransferToFlow":
        return (flow_ref("transfer", params.get("ContactFlowId"), *names),)
    if action_type == "InvokeFlowModule":
        return (flow_ref("module", params.get("FlowModuleId"), *names),)
    if action_type == "UpdateContactEventHooks" and isinstance(params.get("EventHooks"), dict):
        hooks: dict[str, JSON] = params["EventHooks"]
        return tuple(flow_ref(f"hook {hook}", target) for hook, target in sorted(hooks.items()))
    return ()
