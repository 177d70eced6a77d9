"""What a problem says, as weighted words: Chinese word segmentation, the domain's synonyms, weights.

A problem's words are found by jieba's segmenter (rjieba, the Rust port; its
dictionary ships inside the wheel, nothing is fetched) with the category
keywords and synonyms added to its dictionary, so 党群服务中心 or 非公企业 stay
one word. Each synonym becomes the first word of its group (非公企业 → 两新).
Stock words every problem is dressed in (有待进一步, 不够, 存在 …) and function
words (particles, adverbs, numbers) are dropped.

Weights say what a reader looks at: a domain word (a keyword or synonym of the
table) weighs more than an ordinary noun, a noun more than a verb or an
adjective, the title's first clause more than its later ones, and the detail
text less than the title.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TERM_WEIGHT = 1.5  # a keyword or synonym of the table: what the problem is about
NOUN_WEIGHT = 1.0
OTHER_WEIGHT = 0.6  # verbs, adjectives: how the problem is said
LATER_CLAUSE = 0.6  # a title's first clause names the problem; the rest adds to it
TEXT_WEIGHT = 0.5  # the detail text, against the title's 1

# Words that say "a shortcoming" in every problem, whatever its subject.
STOCK_WORDS = frozenset(
    "有待 有待于 进一步 不够 不足 不强 不高 不明显 明显 较 较为 比较 存在 方面 问题 工作 加强 提升 提高 强化 "
    "到位 不到位 完善 不完善 缺乏 欠缺 还 不 的 了 是 和 与 在 对 部分 个别 多数 少数 一定 相对 有 没有 较大 "
    "严重 需要 程度 情况".split()
)
# jieba's part-of-speech tags of words that carry no subject: particles, prepositions, conjunctions,
# adverbs, pronouns, numerals, measure words, punctuation, locatives, interjections, modal particles,
# onomatopoeia, times, places.
_SKIPPED_TAGS = ("u", "p", "c", "d", "r", "m", "q", "x", "f", "e", "y", "o", "t", "s", "w")
_NOUN_TAGS = ("n", "j", "vn", "l", "i")  # nouns, abbreviations (党建), verbal nouns, idioms
_CLAUSE_BREAK = re.compile(r"[，；,;。：:！!？?]")
_NO_WORD = re.compile(r"[\W_]+|[\dXx]+")

Words = dict[str, float]  # word → weight


class Vocabulary:
    """The table's words and synonyms, and a segmenter that knows them (made on first use)."""

    def __init__(self, terms: tuple[str, ...], synonyms: tuple[tuple[str, ...], ...]):
        self.canonical = {word: group[0] for group in synonyms for word in group}
        self.terms = frozenset(terms) | frozenset(self.canonical)

    def title_words(self, title: str) -> Words:
        """The title's words, the first clause weighing most; a word said twice counts once, at its weight."""
        words: Words = {}
        clauses = [clause for clause in _CLAUSE_BREAK.split(title) if clause.strip()]
        for position, clause in enumerate(clauses):
            factor = 1.0 if position == 0 else LATER_CLAUSE
            for word, weight in self._words(clause):
                words[word] = max(words.get(word, 0.0), weight * factor)
        return words

    def text_words(self, text: str) -> Words:
        words: Words = {}
        for word, weight in self._words(text):
            words[word] = max(words.get(word, 0.0), weight * TEXT_WEIGHT)
        return words

    def _words(self, text: str) -> list[tuple[str, float]]:
        found = []
        for word, tag in _segmenter(tuple(sorted(self.terms))).tag(unicodedata.normalize("NFKC", text)):
            if word in self.canonical:
                found.append((self.canonical[word], TERM_WEIGHT))
            elif word in self.terms:
                found.append((word, TERM_WEIGHT))
            elif word not in STOCK_WORDS and not _NO_WORD.fullmatch(word) and not tag.startswith(_SKIPPED_TAGS):
                found.append((word, NOUN_WEIGHT if tag.startswith(_NOUN_TAGS) else OTHER_WEIGHT))
        return found


@lru_cache(maxsize=2)
def _segmenter(terms: tuple[str, ...]):
    """jieba's segmenter with ``terms`` as words of their own; loaded only when summary needs it (~0.1 s)."""
    import rjieba

    segmenter = rjieba.Jieba()
    for term in terms:
        segmenter.add_word(term, _TERM_FREQUENCY, "n")
    return segmenter


_TERM_FREQUENCY = 100_000  # high enough that jieba keeps a term whole rather than splitting it
