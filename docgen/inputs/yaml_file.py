"""One of docgen's YAML files read as nodes, checked as its values are taken.

YAML is composed into nodes, never constructed into Python objects by the
library: every scalar stays a string (``1.`` is not a float, ``yes`` not a
bool), no tag can run code, aliases are refused (no billion laughs), and each
value keeps its line for messages.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from ..core import schema
from ..core.findings import CONTROL_CHARACTERS, Finding
from ..core.model import Origin
from ..core.sanitize import xml_safe
from ..errors import InputError
from ..fs.input_file import read_input_bytes
from .yaml_errors import reserved_start, scalar_slip, syntax_error, unmarked_error
from .yaml_text import comment_after_text, decode_yaml, too_deep_error

MAX_FILE_BYTES = 5 * 1024 * 1024
_NESTING_LIMIT = "maximum nesting depth"  # libyaml's own cap (1,000 levels)

_STANDARD_TAGS = frozenset(
    {
        yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,  # tag:yaml.org,2002:str
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    }
)


class _PlainTags:
    """Every untagged node tagged as ``yaml.BaseLoader`` tags it (text, list, mapping: no
    implicit types), without BaseResolver's bookkeeping: the C parser calls these three
    Python methods for each node, a tenth of its time."""

    _TAG_OF = {
        yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    }

    def resolve(self, node_class: type[yaml.Node], value: object, implicit: object) -> str:
        return self._TAG_OF[node_class]

    def descend_resolver(self, parent: yaml.Node | None, index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


if yaml.__with_libyaml__:

    class _CComposer(_PlainTags, yaml.cyaml.CParser):
        """libyaml's parser composing nodes (its marks carry the same lines and columns)."""

    _FAST_LOADER: type = _CComposer
else:  # PyYAML built without libyaml: the pure-Python parser does it all
    _FAST_LOADER = yaml.BaseLoader


class YamlFile:
    """One of docgen's YAML files (a report, volume.yaml, categories.yaml) read as nodes:
    ``load`` it, then take its mappings, lists and texts, checked as they are taken;
    every problem is an ``InputError`` in Chinese naming the file and line."""

    def __init__(self, path: Path, text: str | None = None):
        self.path = path
        self._text = text  # what the file would hold: a save checked before it is written
        self.warnings: list[Finding] = []
        self._seen: set[int] = set()
        self._lines: list[str] = []
        self._key_of: dict[int, yaml.Node] = {}  # a mapping's value → its key: where "signature:" stands

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(self.path, node.start_mark.line + 1)

    def fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError(message, self.origin(node))

    def _fail_at_start(self, node: yaml.Node, message: str) -> InputError:
        """``message``, unless the value at ``node`` starts with a character YAML reserves
        (``[重点]``, ``&``, ``!``, ``#``): then that, and how to write it as text."""
        mark = node.start_mark
        line = self._lines[mark.line] if mark.line < len(self._lines) else ""
        return self.fail(node, reserved_start(line) or message)

    def load(self) -> yaml.Node:
        if self._text is None:
            self._text = decode_yaml(read_input_bytes(self.path, MAX_FILE_BYTES), self.path)
        text = self._without_unsavable(self._text)
        self._lines = text.split("\n")
        return _compose(self.path, text)

    def _without_unsavable(self, text: str) -> str:
        """The file without characters Word cannot hold (pasted from Word: U+000B …), a warning a line."""
        if not xml_safe(text)[1]:
            return text
        lines = text.split("\n")
        for number, line in enumerate(lines, 1):
            lines[number - 1], dropped = xml_safe(line)
            if dropped:
                self.warnings.append(
                    Finding(CONTROL_CHARACTERS, Origin(self.path, number), f"有 Word 无法保存的控制字符（{'、'.join(dropped)}），已删除")
                )
        return "\n".join(lines)

    def fields(self, node: yaml.Node, shape: schema.Shape, what: str = "") -> dict[str, yaml.Node]:
        """The values of a mapping of ``shape`` (``what`` names this one in messages)."""
        return self.mapping(node, what or shape.what, shape.required(), shape.when_missing())

    def mapping(
        self, node: yaml.Node, what: str, keys: dict[str, bool], when_missing: dict[str, str] | None = None
    ) -> dict[str, yaml.Node]:
        """The values of a mapping whose allowed keys are ``keys`` (key → required);
        ``when_missing``: what to say of a missing required key, where more helps than its name."""
        self._check_node(node)
        if not isinstance(node, yaml.MappingNode):
            slip = scalar_slip(node.value) if isinstance(node, yaml.ScalarNode) else None
            raise self.fail(node, slip or f"{what}应当是“键: 值”的形式，这里却是{_shown(node)}")
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self._check_node(key_node)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in keys:
                raise self.fail(key_node, _unknown_key_message(key, what, keys))
            if key in values:
                raise self.fail(key_node, f"{what}中的“{key}”写了两次")
            values[key] = value_node
            self._key_of[id(value_node)] = key_node
        for key, required in keys.items():
            if required and key not in values:
                # Told at the key that holds this mapping, not at its first line inside.
                holder = self._key_of.get(id(node), node)
                raise self.fail(holder, (when_missing or {}).get(key) or f"{what}缺少“{key}”")
        return values

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self._check_node(node)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what}应当是以“- ”开头的列表，这里却是{_shown(node)}")
        return list(node.value)

    def text(self, node: yaml.Node, what: str, allow_empty: bool = False, prose: bool = True) -> str:
        """The text of a scalar; ``prose``: it goes into the document (not a choice such as 1. or true)."""
        self._check_node(node)
        if not isinstance(node, yaml.ScalarNode):
            message = f"{what}应当是文字，这里却是{_shown(node)}"
            raise self._fail_at_start(node, message) if node.flow_style else self.fail(node, message)
        cut = comment_after_text(self.path, self._lines, node) if prose else None
        if cut:
            self.warnings.append(cut)
        value, dropped = xml_safe(node.value)
        if dropped:
            self.warnings.append(
                Finding(CONTROL_CHARACTERS, self.origin(node), f"{what}中有 Word 无法保存的控制字符（{'、'.join(dropped)}），已删除")
            )
        if not allow_empty and not value.strip():
            raise self._fail_at_start(node, f"{what}是空的") if not node.style else self.fail(node, f"{what}是空的")
        return value

    def flag(self, node: yaml.Node, what: str) -> bool:
        value = self.text(node, what, prose=False).strip().lower()
        if value in schema.TRUE_WORDS:
            return True
        if value in schema.FALSE_WORDS:
            return False
        raise self.fail(node, f"{what}只能写 true 或 false，这里是“{value}”")

    def _check_node(self, node: yaml.Node) -> None:
        if id(node) in self._seen:
            raise self.fail(node, "不支持 YAML 的锚点和别名（& 与 *），请把内容直接写出来")
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            raise self._fail_at_start(node, f"不支持 YAML 标签“{node.tag}”，请删除它")
        mark = node.start_mark
        if mark.line < len(self._lines) and self._lines[mark.line][mark.column : mark.column + 1] == "&":
            # An anchor YAML reads and drops (&重点 工作 → 工作): refused, as aliases are.
            raise self._fail_at_start(node, "不支持 YAML 的锚点和别名（& 与 *），请把内容直接写出来")


def _compose(path: Path, text: str) -> yaml.Node | None:
    """The node tree of ``text``; an ``InputError`` naming the line where it is not YAML."""
    try:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.MarkedYAMLError as exc:
            if _NESTING_LIMIT in str(exc.problem):
                raise RecursionError from None
            # libyaml is fast but says less, and refuses escapes Python reads (\ud800, dropped
            # later with a warning): the pure-Python parser has the last word.
            return yaml.compose(text, Loader=yaml.BaseLoader)
    except RecursionError:
        raise too_deep_error(path, text) from None
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(path, exc, text) from None
    except yaml.YAMLError as exc:
        raise unmarked_error(path, text, exc) from None


def _unknown_key_message(key: str | None, what: str, keys: dict[str, bool]) -> str:
    allowed = "、".join(keys)
    if key is None:
        return f"{what}中的键必须是文字；可用的键：{allowed}"
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.5)
    hint = f"，是不是“{close[0]}”？" if close else f"；可用的键：{allowed}"
    return f"{what}中有不认识的键“{key}”{hint}"


def _shown(node: yaml.Node) -> str:
    """What a node is, as messages name it: 列表, 文字“……”."""
    if isinstance(node, yaml.MappingNode):
        return "“键: 值”"
    if isinstance(node, yaml.SequenceNode):
        return "列表"
    return f"文字“{node.value[:20]}”" if node.value else "空值"
