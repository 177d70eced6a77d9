"""Where Chinese prose ends a sentence, and what marks a line as prose at all.

Import asks of a line whether it can be a title, a heading or a unit's name (no
sentence in it); check splits paragraphs into sentences to compare them. Both
read the marks as people type them, full-width or half-width.
"""

from __future__ import annotations

import re

SENTENCE_ENDS = "。！？；!?;"
CLAUSE_MARKS = "，,"  # inside a sentence: no title, heading or name holds one either

SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")
SENTENCE_PUNCTUATION = re.compile(f"[{re.escape(SENTENCE_ENDS + CLAUSE_MARKS)}]")
AFTER_SENTENCE_END = re.compile(f"(?<={SENTENCE_END.pattern})")  # splits text after each sentence
