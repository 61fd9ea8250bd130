"""Words as the search and the "raised before" comparison read them: lower
case, letters and digits, stemmed as PostgreSQL's English configuration stems
them (Snowball), common words left out."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+")
# Words too common to search for or to compare by: PostgreSQL's English
# configuration drops these, and SQLite's search is told to do the same.
COMMON = frozenset(
    "a an and are as at be been but by can do for from had has have he her his "
    "i if in into is it its me my no not of on or our she so such than that the "
    "their them then there these they this those to was we were what when which "
    "who will with would you your "
    # what is left of "force's", "don't", "we'll": PostgreSQL drops these too
    "s t d ll m o re ve y".split()
)
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def stems_of(text: str) -> frozenset[str]:
    """The distinct stems of a text's uncommon words."""
    return frozenset(
        stem(word) for word in WORD.findall(text.lower()) if word not in COMMON
    )


def likeness(one: frozenset[str], other: frozenset[str]) -> float:
    """The share of the two texts' distinct stems that both hold (Jaccard)."""
    if not one or not other:
        return 0.0
    return len(one & other) / len(one | other)
