"""The template's help text (workspace/template): the comment beside each key, and each file's
opening comment, so the questionnaire explains a question as the commented template does."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ccpa_readiness.workspace.template_files import TEMPLATE_DIR

# a key with a trailing comment; the line may itself be commented out (an example in the template)
_KEY_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<hash>#\s*)?(?:- )?(?P<key>[A-Za-z_][\w/ ]*):\s*(?P<value>.*?)\s+#\s*(?P<help>.+)$"
)
_LIVE_KEY = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[A-Za-z_][\w/ ]*):")


@dataclass
class TemplateHelp:
    intro: str = ""
    by_path: dict[str, str] = field(default_factory=dict)  # "channels.recorded" (no list indices)
    by_name: dict[str, str] = field(default_factory=dict)  # "encryption_at_rest", from any line

    def of(self, path: str) -> str:
        """The help of a dotted path without list indices, else of its last key anywhere in the file."""
        return self.by_path.get(path) or self.by_name.get(path.rsplit(".", 1)[-1], "")


def _parse(text: str) -> TemplateHelp:
    found = TemplateHelp()
    intro: list[str] = []
    stack: list[tuple[int, str]] = []
    for line in text.splitlines():
        if not stack and line.startswith("#") and not _KEY_LINE.match(line) and not found.by_path:
            intro.append(line.lstrip("#").strip())
        live = None if line.lstrip().startswith("#") else _LIVE_KEY.match(line)
        if live is not None:
            indent = len(live.group("indent")) + (2 if line.lstrip().startswith("- ") else 0)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, live.group("key")))
        match = _KEY_LINE.match(line)
        if match is None:
            continue
        help_text = match.group("help").strip()
        found.by_name.setdefault(match.group("key"), help_text)
        if live is not None:
            found.by_path[".".join(key for _, key in stack)] = help_text
    found.intro = " ".join(part for part in intro if part)
    return found


@functools.cache
def template_help(relative_file: str) -> TemplateHelp:
    path = TEMPLATE_DIR / relative_file
    return _parse(path.read_text(encoding="utf-8")) if path.exists() else TemplateHelp()
