"""Problems several units share: problems that name the same shortcoming, in their words or in others.

Each problem becomes a vector of its weighted words (``wording``), without its
own unit's name (东湖社区党建阵地老旧 and 西岭社区党建阵地老旧 are one problem),
each word weighted by how rare it is among the volume's problems (a word
every problem uses tells nothing). Two problems are alike when the cosine of
their vectors reaches ``SHARED_PROBLEM``; alike problems are joined most alike
first, and two groups join only while their problems stay alike on average
(``GROUP_COHESION``), so one problem naming two shortcomings does not chain
their groups together. Only groups of two or more units are kept.

Memory grows with the problems, not with their pairs: identical wordings are
one vector; pairs are found through an index of the words that can still
reach the threshold (the common words of a vector, which together cannot,
are left out of it — the "prefix filter" of all-pairs similarity search), and
each problem keeps at most ``MAX_NEIGHBOURS`` of its alike pairs.

The thresholds were set on labelled volumes (tests/data/ledger, README.md
under “共性问题怎么找” has the precision and recall).
"""

from __future__ import annotations

import heapq
import math
import re

from .model import Problem, ProblemGroup
from .wording import Vocabulary, Words

SHARED_PROBLEM = 0.30  # cosine from which two problems may be one
GROUP_COHESION = 0.20  # average cosine of two groups' problems from which the groups join
MAX_NEIGHBOURS = 30  # alike pairs kept per problem; enough to join a group, bounded for 10,000 alike titles
MAX_WORDS = 8  # of a problem's words, the weightiest compared
MAX_POSTINGS = 200  # problems a word leads to; the rest of them are found through those
HEADING_CHARS = 20  # a longer title gives its first clause as the group's heading
MIN_CLAUSE_CHARS = 6  # ... if that clause says enough on its own
_UNIT_SUFFIXES = ("社区居委会", "居委会", "社区", "街道办事处", "街道", "办事处", "党委", "党总支", "党支部", "村")


def shared_problems(problems: list[Problem], vocabulary: Vocabulary | None = None) -> list[ProblemGroup]:
    """Groups of alike problems from two or more units, most units first (equal counts in volume order)."""
    if vocabulary is None:
        from .categories import SHIPPED_TABLE, read_category_table

        vocabulary = read_category_table(SHIPPED_TABLE).vocabulary()
    wordings = _Wordings(problems, vocabulary)
    clusters = _Clusters(wordings)
    for _, first, second in sorted(_alike_pairs(wordings.vectors)):
        clusters.join(first, second)
    groups = []
    for members in clusters.members():
        group_problems = sorted(index for node in members for index in wordings.problems_of[node])
        group = ProblemGroup(_typical_title(members, wordings, clusters), [problems[i] for i in group_problems])
        if len(group.units) >= 2:
            groups.append(group)
    groups.sort(key=lambda group: -len(group.units))  # stable: equal counts stay in volume order
    return groups


def without_unit(text: str, unit: str) -> str:
    """``text`` without its unit's name, nor that name without its 社区/街道 … (东湖社区 → 东湖)."""
    names = [unit.strip()]
    for suffix in _UNIT_SUFFIXES:
        if names[0].endswith(suffix) and len(names[0]) - len(suffix) >= 2:
            names.append(names[0][: -len(suffix)])
            break
    for name in names:
        if name:
            text = text.replace(name, "")
    return text


class _Wordings:
    """The distinct wordings of the problems, as unit vectors of idf-weighted words."""

    def __init__(self, problems: list[Problem], vocabulary: Vocabulary):
        words_of: list[Words] = []
        node_of: dict[tuple, int] = {}
        self.problems_of: list[list[int]] = []
        self.titles: list[str] = []
        document_frequency: dict[str, int] = {}
        text_words: dict[str, Words] = {}  # texts repeat (a unit's text copied by another): segmented once
        for index, problem in enumerate(problems):
            title = without_unit(problem.title, problem.unit)
            text = without_unit(problem.text, problem.unit)
            if text not in text_words:
                text_words[text] = vocabulary.text_words(text)
            words = _combined(vocabulary.title_words(title), text_words[text])
            for word in words:
                document_frequency[word] = document_frequency.get(word, 0) + 1
            key = tuple(sorted(words.items()))
            if key not in node_of:
                node_of[key] = len(words_of)
                words_of.append(words)
                self.problems_of.append([])
                self.titles.append(title)
            self.problems_of[node_of[key]].append(index)
        total = len(problems)
        self.idf = {word: math.log(1 + total / count) for word, count in document_frequency.items()}
        self.vectors = [_unit_vector(_strongest({w: weight * self.idf[w] for w, weight in words.items()})) for words in words_of]

    def count(self, node: int) -> int:
        return len(self.problems_of[node])


def _combined(title: Words, text: Words) -> Words:
    words = dict(title)
    for word, weight in text.items():
        words[word] = words.get(word, 0.0) + weight
    return words


def _strongest(vector: Words) -> Words:
    """The MAX_WORDS weightiest words of ``vector`` (a long text's common words add little but work)."""
    if len(vector) <= MAX_WORDS:
        return vector
    return dict(sorted(vector.items(), key=lambda pair: (-pair[1], pair[0]))[:MAX_WORDS])


def _unit_vector(vector: Words) -> Words:
    length = math.sqrt(sum(value * value for value in vector.values())) or 1.0
    return {word: value / length for word, value in vector.items()}


def _dot(a: Words, b: Words) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(word, 0.0) for word, value in a.items())


def _alike_pairs(vectors: list[Words]) -> list[tuple[float, int, int]]:
    """(-score, earlier, later) of alike vectors, each vector with at most MAX_NEIGHBOURS earlier partners.

    A vector is indexed under its rarer words only: its common words, even if
    another vector had each at its greatest weight, add up to less than the
    threshold, so a pair sharing only those cannot be alike. A word indexes
    its first MAX_POSTINGS vectors only: a later one alike to them finds them
    there and joins their group all the same.
    """
    greatest: dict[str, float] = {}
    frequency: dict[str, int] = {}
    for vector in vectors:
        for word, value in vector.items():
            greatest[word] = max(greatest.get(word, 0.0), value)
            frequency[word] = frequency.get(word, 0) + 1
    index: dict[str, list[int]] = {}
    pairs: list[tuple[float, int, int]] = []
    for position, vector in enumerate(vectors):
        candidates = sorted({other for word in vector for other in index.get(word, ())})
        alike = [(value, other) for other in candidates if (value := round(_dot(vector, vectors[other]), 9)) >= SHARED_PROBLEM]
        pairs += [(-value, other, position) for value, other in heapq.nlargest(MAX_NEIGHBOURS, alike)]
        bound = 0.0
        for word in sorted(vector, key=lambda w: (-frequency[w], w)):  # the common words first
            bound += vector[word] * greatest[word]
            postings = index.setdefault(word, []) if bound >= SHARED_PROBLEM else None
            if postings is not None and len(postings) < MAX_POSTINGS:
                postings.append(position)
    return pairs


class _Clusters:
    """Union-find over the wordings, each cluster with the sum of its problems' vectors (average linkage)."""

    def __init__(self, wordings: _Wordings):
        self.parent = list(range(len(wordings.vectors)))
        self.size = [wordings.count(node) for node in self.parent]
        self.sums = [{w: v * self.size[node] for w, v in vector.items()} for node, vector in enumerate(wordings.vectors)]

    def root(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, first: int, second: int) -> None:
        a, b = self.root(first), self.root(second)
        if a == b or _dot(self.sums[a], self.sums[b]) / (self.size[a] * self.size[b]) < GROUP_COHESION:
            return
        if len(self.sums[a]) < len(self.sums[b]):
            a, b = b, a
        for word, value in self.sums[b].items():
            self.sums[a][word] = self.sums[a].get(word, 0.0) + value
        self.size[a] += self.size[b]
        self.parent[b], self.sums[b] = a, {}

    def members(self) -> list[list[int]]:
        """The clusters' wordings, clusters in the order of their first wording."""
        clusters: dict[int, list[int]] = {}
        for node in range(len(self.parent)):
            clusters.setdefault(self.root(node), []).append(node)
        return list(clusters.values())


def _typical_title(members: list[int], wordings: _Wordings, clusters: _Clusters) -> str:
    """The title of the wording closest to its whole group (its own uses counted), the first on a tie."""
    total = clusters.sums[clusters.root(members[0])]
    best = max(members, key=lambda node: (round(_dot(wordings.vectors[node], total), 6), wordings.count(node), -node))
    return short_heading(wordings.titles[best])


def short_heading(title: str) -> str:
    """A title fit for a heading: without its full stop, and a long one cut at its first pause.

    党员学习教育形式单一，党员处于被动教育状态，学习效果不明显。→ 党员学习教育形式单一
    (the whole wordings stay in the analysis, under the heading).
    """
    title = title.strip().rstrip("。；;.")
    if len(title) <= HEADING_CHARS:
        return title
    first = re.split(r"[，；,;]", title, maxsplit=1)[0]
    return first if len(first) >= MIN_CLAUSE_CHARS else title
