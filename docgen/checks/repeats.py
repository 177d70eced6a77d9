"""Repeated content: sentences that occur twice, across reports or within one.

Pasting from another 社区's report is the mistake to catch, so sentences are
compared after normalising (spaces dropped, half-width punctuation made
full-width), and a sentence nearly the same as another (one a few words
longer, or a word changed) counts too. Findings are given per paragraph: each
later paragraph that repeats an earlier one names the earlier place.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..core.sentences import AFTER_SENTENCE_END, SENTENCE_ENDS
from .findings import REPEATED, Finding, shorten
from .pieces import BODY, CLOSING, INTRO, LEAD, REPORT_TITLE, TEXT, TITLE, Piece

MIN_SENTENCE_CHARS = 12  # shorter sentences (“为居民服务。”) repeat innocently
NEAR_SIMILARITY = 0.8  # share of the shorter sentence found in the longer one
NEAR_MIN_LENGTH_RATIO = 0.5  # a sentence inside one twice its length is not “the same”
_SHINGLE = 3
_COMMON_SHINGLE = 200  # a shingle in more sentences than this says nothing about sameness

_COMPARED_ROLES = {TITLE, TEXT, LEAD, INTRO, BODY, CLOSING}
_HALF_TO_FULL = tuple(zip(",;:()?!", "，；：（）？！"))
_HALF_WIDTH = re.compile("[" + re.escape(",;:()?!") + "]")
_NOT_COUNTED = re.compile(r"[\s\W_]")  # punctuation and spaces do not make a sentence long


@dataclass(frozen=True, slots=True)
class _Sentence:
    key: str  # normalised text
    text: str  # as written
    piece: int  # index into the pieces


def find_repeats(pieces: list[Piece]) -> list[Finding]:
    # Only the distinct sentences are kept, and of the repeats only what a finding says:
    # a volume of thousands of reports has hundreds of thousands of sentences.
    first_by_key: dict[str, _Sentence] = {}
    shared: dict[tuple[int, int], _Repeats] = {}  # (later, earlier) piece → what the later one repeats
    for sentence in _sentences(pieces):
        earlier = first_by_key.setdefault(sentence.key, sentence)
        if earlier is not sentence:
            _note(shared, sentence, earlier)
    for later, earlier in _near_pairs(list(first_by_key.values())):
        _note(shared, later, earlier)
    return [
        _finding(pieces, later, earlier, repeats)
        for (later, earlier), repeats in sorted(shared.items())
        if pieces[later].owner != pieces[earlier].owner  # an item's text restating its own title is fine
    ]


@dataclass(slots=True)
class _Repeats:
    first: str  # the first repeated sentence, as written
    count: int = 1


def _note(shared: dict[tuple[int, int], _Repeats], later: _Sentence, earlier: _Sentence) -> None:
    repeats = shared.get((later.piece, earlier.piece))
    if repeats is None:
        shared[(later.piece, earlier.piece)] = _Repeats(later.text)
    else:
        repeats.count += 1


def find_same_report_titles(pieces: list[Piece]) -> list[Finding]:
    """A report's own title the same as an earlier report's: copied and not changed.

    Titles are alike by design (东湖社区/红旗社区 + the same words), so only the same
    title counts here, not a nearly same one."""
    first: dict[str, Piece] = {}
    findings = []
    for piece in (p for p in pieces if p.role == REPORT_TITLE):
        earlier = first.setdefault(_normalised(piece.text), piece)
        if earlier is not piece:
            message = f"报告标题与 {earlier.origin} 的报告标题完全相同：目录里将分不清，请写上本单位的名称"
            findings.append(Finding(REPEATED, piece.origin, message, shorten(piece.text), other=earlier.origin))
    return findings


def _sentences(pieces: list[Piece]) -> Iterator[_Sentence]:
    for index, piece in enumerate(pieces):
        if piece.role not in _COMPARED_ROLES:
            continue
        for text in AFTER_SENTENCE_END.split(piece.text):
            if len(text) < MIN_SENTENCE_CHARS:
                continue  # too short however it is counted
            key = _normalised(text)
            if len(_NOT_COUNTED.sub("", key)) >= MIN_SENTENCE_CHARS:
                yield _Sentence(key, text.strip(), index)


def _normalised(sentence: str) -> str:
    key = "".join(sentence.split())
    if _HALF_WIDTH.search(key):
        for half, full in _HALF_TO_FULL:  # str.replace is far quicker than str.translate here
            key = key.replace(half, full)
    return key.rstrip(SENTENCE_ENDS)


def _near_pairs(distinct: list[_Sentence]):
    """(later, earlier) pairs of different sentences that are nearly the same."""
    by_shingle: dict[str, list[int]] = defaultdict(list)
    shingles = [_shingles(s.key) for s in distinct]
    for index, own in enumerate(shingles):
        for shingle in own:
            by_shingle[shingle].append(index)
    for index, own in enumerate(shingles):
        for other, count in _earlier_sharing(index, own, by_shingle).items():
            if count * 2 >= min(len(own), len(shingles[other])) and _nearly_same(distinct[index].key, distinct[other].key):
                yield distinct[index], distinct[other]


def _earlier_sharing(index: int, own: set[str], by_shingle: dict[str, list[int]]) -> Counter:
    """How many of ``own`` shingles each earlier sentence has (shingles too common to tell apart left out)."""
    return Counter(
        other
        for shingle in own
        if len(by_shingle[shingle]) <= _COMMON_SHINGLE
        for other in by_shingle[shingle]
        if other < index
    )


def _shingles(key: str) -> set[str]:
    return {key[i : i + _SHINGLE] for i in range(max(1, len(key) - _SHINGLE + 1))}


def _nearly_same(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < NEAR_MIN_LENGTH_RATIO * len(longer):
        return False
    matched = sum(block.size for block in SequenceMatcher(None, shorter, longer, autojunk=False).get_matching_blocks())
    return matched >= NEAR_SIMILARITY * len(shorter)


def _finding(pieces: list[Piece], later: int, earlier: int, repeats: _Repeats) -> Finding:
    here, there = pieces[later], pieces[earlier]
    if here.text == there.text or _normalised(here.text) == _normalised(there.text):
        what = f"此处{here.role}与 {there.origin} 的{there.role}完全相同"
    else:
        what = f"此处{here.role}有 {repeats.count} 句与 {there.origin} 的{there.role}相同或几乎相同"
    # Copies of one report in many others say the same, word for word: each text is kept once.
    return Finding(REPEATED, here.origin, sys.intern(what), sys.intern(shorten(repeats.first)), other=there.origin)
