"""Genesys Cloud Archy YAML: menus and tasks of nested action lists.

Actions in a list run in order; an action's `outputs` are branches that rejoin the list after it;
jumps name a menu or task by `refId`. Node ids are paths such as `task[Startup_42].actions[1]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ccpa_readiness.evidence.flows.documents import Document, FlowInvalidError
from ccpa_readiness.evidence.flows.model import (
    JSON,
    TERMINAL_KINDS,
    Flow,
    FlowFormat,
    FlowRef,
    Node,
    NodeKind,
    Prompt,
)
from ccpa_readiness.evidence.flows.readers.common import build_flow, flow_ref, kind_of, list_of, text_of

FORMAT = FlowFormat.ARCHY
_REF = re.compile(r"(menu|task|state)\[(.+)\]$")
_TTS_CALL = re.compile(r'ToAudioTTS\(\s*"((?:[^"\\]|\\.)*)"')
_JUMP_KEYS = ("targetMenuRef", "targetTaskRef")
_PROMPT_KEYS = ("audio", "preTransferAudio", "inputAudio", "voicemailGreeting")
_START = "startUp"


@dataclass
class _Builder:
    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)

    def sequence(self, actions: JSON, path: str, after: str | None) -> str | None:
        """Add a list of actions; return the id of its first node (or `after` when it is empty)."""
        actions = list_of(actions, "actions", path)
        ids = [f"{path}[{i}]" for i in range(len(actions))]
        for index, item in enumerate(actions):
            following = ids[index + 1] if index + 1 < len(ids) else after
            self.action(item, ids[index], following)
        return ids[0] if ids else after

    def action(self, item: JSON, node_id: str, after: str | None) -> None:
        if not isinstance(item, dict) or len(item) != 1:
            raise FlowInvalidError("an action must be a mapping with one key", node_id)
        (action_type, body), *_ = item.items()
        body = body if isinstance(body, dict) else {}
        kind = kind_of(FORMAT, action_type, node_id)
        self.nodes.append(_node(node_id, str(action_type), kind, body))
        outputs = body.get("outputs") if isinstance(body.get("outputs"), dict) else {}
        for name, output in sorted((outputs or {}).items(), key=lambda kv: str(kv[0])):
            branch = output.get("actions") if isinstance(output, dict) else None
            first = self.sequence(branch, f"{node_id}.{_output_name(name)}", after)
            if first is not None:
                self.edges.append((node_id, first, _output_name(name)))
        if isinstance(body.get("task"), dict):
            first = self.sequence(body["task"].get("actions"), f"{node_id}.task", None)
            if first is not None:
                self.edges.append((node_id, first, "choose"))
        jump = next((body[k] for k in _JUMP_KEYS if isinstance(body.get(k), str)), None)
        if jump is not None:
            self.edges.append((node_id, _ref_id(jump, node_id), "jump"))
        elif after is not None and kind not in TERMINAL_KINDS - {NodeKind.PROMPT}:
            self.edges.append((node_id, after, "next"))
        elif after is not None and kind is not NodeKind.END and "failure" not in (outputs or {}):
            self.edges.append((node_id, after, "failure"))

    def menu(self, menu: dict[str, JSON], node_id: str) -> None:
        self.nodes.append(
            Node(
                id=node_id,
                kind=NodeKind.INPUT,
                action_type="menu",
                label=text_of(menu.get("name")),
                prompt=_prompt(menu.get("audio")),
            )
        )
        for index, choice in enumerate(list_of(menu.get("choices"), "choices", node_id)):
            choice_id = f"{node_id}.choices[{index}]"
            self.action(choice, choice_id, None)
            body = next(iter(choice.values())) if isinstance(choice, dict) and choice else {}
            key = text_of(body.get("dtmf")) if isinstance(body, dict) else ""
            self.edges.append((node_id, choice_id, key.replace("digit_", "press ") or "choice"))


def read_archy(document: Document, source: str) -> Flow:
    body = document.body
    builder = _Builder()
    for container in ("menus", "tasks", "states"):
        for entry in list_of(body.get(container), container, container):
            if not isinstance(entry, dict) or len(entry) != 1:
                raise FlowInvalidError(f"an entry of {container} must have one key", container)
            (key, item), *_ = entry.items()
            if not isinstance(item, dict) or not isinstance(item.get("refId"), str):
                raise FlowInvalidError(f"a {key} without a refId", container)
            node_id = f"{key}[{item['refId']}]"
            if key == "menu":
                builder.menu(item, node_id)
                continue
            builder.nodes.append(
                Node(id=node_id, kind=NodeKind.LOGIC, action_type=str(key), label=text_of(item.get("name")))
            )
            first = builder.sequence(item.get("actions"), f"{node_id}.actions", None)
            if first is not None:
                builder.edges.append((node_id, first, "start"))
    greeting = _prompt(body["initialGreeting"]) if "initialGreeting" in body else None
    builder.nodes.append(
        Node(
            id=_START,
            kind=NodeKind.PROMPT if greeting else NodeKind.LOGIC,
            action_type="startUp",
            label="initial greeting" if greeting else "start",
            prompt=greeting,
        )
    )
    if isinstance(body.get("startUpRef"), str):
        builder.edges.append((_START, _ref_id(body["startUpRef"], _START), "start"))
    else:
        first = builder.sequence(body.get("startUpTaskActions"), "startUpTaskActions", None)
        if first is None:
            raise FlowInvalidError("neither startUpRef nor startUpTaskActions", document.locator)
        builder.edges.append((_START, first, "start"))
    return build_flow(document, source, _START, builder.nodes, builder.edges)


def _output_name(name: object) -> str:
    """YAML 1.1 reads the output names `yes` and `no` as booleans."""
    return {True: "yes", False: "no"}.get(name, str(name)) if isinstance(name, bool) else str(name)


def _ref_id(ref: str, where: str) -> str:
    match = _REF.search(ref)
    if match is None:
        raise FlowInvalidError(f"cannot follow the reference {ref!r}", where)
    return f"{match.group(1)}[{match.group(2)}]"


def _prompt(audio: JSON) -> Prompt:
    if not isinstance(audio, dict):
        return Prompt(text="")
    if isinstance(audio.get("tts"), str):
        return Prompt(text=audio["tts"])
    expression = text_of(audio.get("exp"))
    spoken = [m.replace('\\"', '"') for m in _TTS_CALL.findall(expression)]
    if spoken:
        return Prompt(text=" ".join(spoken))
    if expression:
        return Prompt(absent_reason="audio expression", refs=(expression,))
    name = audio.get("prompt") or audio.get("lit")
    if isinstance(name, dict):
        name = name.get("name")
    if isinstance(name, str):
        return Prompt(absent_reason="audio prompt", refs=(name,))
    return Prompt(text="")


def _node(node_id: str, action_type: str, kind: NodeKind, body: dict[str, JSON]) -> Node:
    audio = next((body[k] for k in _PROMPT_KEYS if k in body), None)
    prompt = _prompt(audio) if audio is not None or kind in (NodeKind.PROMPT, NodeKind.INPUT) else None
    return Node(
        id=node_id,
        kind=kind,
        action_type=action_type,
        label=text_of(body.get("name")),
        prompt=prompt,
        stores_input=kind is NodeKind.INPUT,
        external_target=_external_target(kind, action_type, body),
        flow_refs=_flow_refs(kind, body),
    )


def _external_target(kind: NodeKind, action_type: str, body: dict[str, JSON]) -> str:
    if kind is not NodeKind.EXTERNAL:
        return ""
    category = body.get("category")
    if isinstance(category, dict):
        for category_name, spec in sorted(category.items()):
            actions = spec.get("dataAction") if isinstance(spec, dict) else None
            if isinstance(actions, dict) and actions:
                return f"{category_name}: {sorted(actions)[0]}"
    return action_type


def _flow_refs(kind: NodeKind, body: dict[str, JSON]) -> tuple[FlowRef, ...]:
    if kind is not NodeKind.TRANSFER_FLOW:
        return ()
    target = body.get("targetFlow")
    name = target.get("name") if isinstance(target, dict) else target
    return (flow_ref("transfer", name),)
