"""The problem categories: an editable keyword table, classifying a problem and a group by it,
and the domain's synonyms that tell when two problems say the same in other words.

The table ships as ``categories.yaml`` next to this module; an inputs folder's
own ``categories.yaml`` replaces its categories and adds to its synonyms. How a
problem is classified is told to the user at the head of that file: the title's
keywords first, then the text's, longer keywords before the shorter ones they
contain. A shared problem takes the category most of its problems have, so a
group never spans categories.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..fs.filenames import CATEGORIES_FILE
from ..inputs.yaml_file import YamlFile
from .model import Problem
from .wording import Vocabulary

SHIPPED_TABLE = Path(__file__).with_name(CATEGORIES_FILE)


@dataclass(frozen=True)
class CategoryTable:
    names: tuple[str, ...]  # in table order, without the fallback
    keywords: tuple[tuple[str, str], ...]  # (keyword, category), longest keyword first
    fallback: str
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words meaning the same, each group's first word stands for it

    @property
    def all_names(self) -> list[str]:
        return [*self.names, self.fallback] if self.fallback not in self.names else list(self.names)

    def vocabulary(self) -> Vocabulary:
        """The table's keywords and synonyms, as the words problems are compared by."""
        return Vocabulary(tuple(keyword for keyword, _ in self.keywords), self.synonyms)

    def classify(self, problem: Problem) -> str:
        return _best(self._hits(problem.title)) or _best(self._hits(problem.text)) or self.fallback

    def classify_group(self, problems: list[Problem]) -> str:
        """The category most of ``problems`` have on their own; the fallback only when none has another.

        Equal counts go to the category earlier in the table.
        """
        counts = Counter(self.classify(problem) for problem in problems)
        counts.pop(self.fallback, None)
        if not counts:
            return self.fallback
        order = {name: position for position, name in enumerate(self.names)}
        return min(counts, key=lambda name: (-counts[name], order.get(name, len(order))))

    def _hits(self, text: str) -> dict[str, tuple[int, int]]:
        """Category → (keywords found, where the first one starts); a longer keyword claims its span first."""
        taken = [False] * len(text)
        hits: dict[str, tuple[int, int]] = {}
        for keyword, category in self.keywords:
            start = text.find(keyword)
            while start != -1:
                end = start + len(keyword)
                if not any(taken[start:end]):
                    taken[start:end] = [True] * len(keyword)
                    count, first = hits.get(category, (0, start))
                    hits[category] = (count + 1, min(first, start))
                start = text.find(keyword, end)
        return hits


def _best(hits: dict[str, tuple[int, int]]) -> str | None:
    if not hits:
        return None
    return min(hits, key=lambda category: (-hits[category][0], hits[category][1]))


def category_table(inputs: Path) -> CategoryTable:
    """The inputs folder's own table where it has one (with the shipped synonyms added), else the one docgen ships."""
    own = inputs / CATEGORIES_FILE
    shipped = read_category_table(SHIPPED_TABLE)
    if not own.exists():
        return shipped
    table = read_category_table(own)
    return replace(table, synonyms=merged_synonyms(shipped.synonyms + table.synonyms))


def merged_synonyms(groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Groups sharing a word become one group, led by the earliest group's first word."""
    merged: list[list[str]] = []
    for group in groups:
        joined = [existing for existing in merged if set(existing) & set(group)]
        target = joined[0] if joined else []
        if not joined:
            merged.append(target)
        for other in joined[1:]:
            target += [word for word in other if word not in target]
            merged.remove(other)
        target += [word for word in group if word not in target]
    return tuple(tuple(group) for group in merged)


def read_category_table(path: Path) -> CategoryTable:
    reader = YamlFile(path)
    root = reader.load()
    fields = reader.mapping(root, "问题类别表", {"categories": True, "fallback": False, "synonyms": False})
    fallback = reader.text(fields["fallback"], "fallback（其他类）").strip() if "fallback" in fields else "其他"
    names: list[str] = []
    keywords: dict[str, str] = {}
    for node in reader.sequence(fields["categories"], "categories"):
        category = reader.mapping(node, "类别", {"name": True, "keywords": True})
        name = reader.text(category["name"], "类别名称（name）").strip()
        if name in names:
            raise reader.fail(category["name"], f"类别“{name}”写了两次")
        keyword_nodes = reader.sequence(category["keywords"], f"类别“{name}”的 keywords")
        if not keyword_nodes:
            raise reader.fail(category["keywords"], f"类别“{name}”没有关键词，至少写一个")
        for keyword_node in keyword_nodes:
            keyword = reader.text(keyword_node, f"类别“{name}”的关键词").strip()
            if keyword in keywords and keywords[keyword] != name:
                raise reader.fail(keyword_node, f"关键词“{keyword}”已经属于类别“{keywords[keyword]}”，一个词只能属于一类")
            keywords[keyword] = name
        names.append(name)
    if not names:
        raise InputError("categories 是空的，至少要有一个类别", reader.origin(fields["categories"]))
    by_length = sorted(keywords.items(), key=lambda pair: -len(pair[0]))
    synonyms = _read_synonyms(reader, fields["synonyms"]) if "synonyms" in fields else ()
    return CategoryTable(tuple(names), tuple(by_length), fallback, merged_synonyms(synonyms))


def _read_synonyms(reader: YamlFile, node) -> tuple[tuple[str, ...], ...]:
    groups = []
    for group_node in reader.sequence(node, "synonyms（同义词）"):
        words = [reader.text(word, "同义词").strip() for word in reader.sequence(group_node, "一组同义词")]
        words = list(dict.fromkeys(word for word in words if word))
        if len(words) < 2:
            raise reader.fail(group_node, "一组同义词至少要有两个不同的词，如 [考核, 考评]")
        groups.append(tuple(words))
    return tuple(groups)
