"""The problem categories: an editable keyword table, and classifying a problem by it.

The table ships as ``categories.yaml`` next to this module; an inputs folder's
own ``categories.yaml`` replaces it. How a problem is classified is told to
the user at the head of that file: the title's keywords first, then the text's,
longer keywords before the shorter ones they contain.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..fs.filenames import CATEGORIES_FILE
from ..inputs.yaml_file import YamlFile
from .model import Problem

SHIPPED_TABLE = Path(__file__).with_name(CATEGORIES_FILE)


@dataclass(frozen=True)
class CategoryTable:
    names: tuple[str, ...]  # in table order, without the fallback
    keywords: tuple[tuple[str, str], ...]  # (keyword, category), longest keyword first
    fallback: str

    @property
    def all_names(self) -> list[str]:
        return [*self.names, self.fallback] if self.fallback not in self.names else list(self.names)

    def classify(self, problem: Problem) -> str:
        return _best(self._hits(problem.title)) or _best(self._hits(problem.text)) or self.fallback

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
    """The inputs folder's own table where it has one, else the one docgen ships."""
    own = inputs / CATEGORIES_FILE
    return read_category_table(own if own.exists() else SHIPPED_TABLE)


def read_category_table(path: Path) -> CategoryTable:
    reader = YamlFile(path)
    root = reader.load()
    fields = reader.mapping(root, "问题类别表", {"categories": True, "fallback": False})
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
    return CategoryTable(tuple(names), tuple(by_length), fallback)
