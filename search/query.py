"""A search: the words asked for, the entries that hold them all, ranked, and
only those whose rows the reader may see, asked of each row's own model.

At national scale a common word is in a million progress updates, nearly all of
forces the reader cannot see. So on PostgreSQL each entry's document also holds
two scope lexemes no typed word can make ("~update" and "~update~12": its kind,
and its kind in its force), and a search asks for the words *and* one of the
scopes the reader could see anything in; the index then reads only those.
Scopes only narrow the candidates: every result is still checked against its
model's `visible_to`. The best CANDIDATES matches are ranked and checked, so a
search costs the same however common its words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    Expression,
    Field,
    FloatField,
    OuterRef,
    QuerySet,
    Value,
)

from accounts.access import AnyUser
from inspections.models import Force
from pcc_panel.lib.sql import AmongIds
from pcc_panel.lib.words import COMMON
from search.documents import BY_KIND
from search.models import Entry, Kind

MOST_WORDS = 8
LONGEST_WORD = 40
CANDIDATES = 300  # the best matches ranked and checked; the page says so
WORD = re.compile(r"\w+")
# Kinds with a row per week per action: scoped by force, as actions are.
BY_FORCE = (Kind.ACTION, Kind.UPDATE)


def _every_word(asked: str) -> list[str]:
    found: list[str] = []
    for word in WORD.findall(asked.lower()):
        word = word[:LONGEST_WORD]
        if word not in found and word not in COMMON:
            found.append(word)
    return found


def words_of(asked: str) -> list[str]:
    """The words a search looks for, in order, each once: letters and digits
    only, so nothing typed is ever read as query syntax by either database."""
    return _every_word(asked)[:MOST_WORDS]


def words_left_out(asked: str) -> list[str]:
    """The words past the first MOST_WORDS, which the page says it left out."""
    return _every_word(asked)[MOST_WORDS:]


@dataclass(frozen=True)
class Filters:
    force: int | None = None
    kind: str = ""
    year: int | None = None
    grade: str = ""
    status: str = ""

    def apply(self, entries: QuerySet[Entry]) -> QuerySet[Entry]:
        if self.force:
            entries = entries.filter(force_id=self.force)
        if self.kind:
            entries = entries.filter(kind=self.kind)
        if self.year:
            entries = entries.filter(year=self.year)
        if self.grade:
            entries = entries.filter(grade=self.grade)
        if self.status:
            entries = entries.filter(status=self.status)
        return entries


class _Seen(dict[str, QuerySet]):
    """Each kind's rows this person may see, built when first asked for: a
    visibility rule costs a millisecond to build, and a search asks of only
    the kinds it found."""

    def __init__(self, user: AnyUser) -> None:
        super().__init__()
        self.user = user

    def __missing__(self, kind: str) -> QuerySet:
        manager = BY_KIND[Kind(kind)].model._default_manager
        self[kind] = seen = manager.visible_to(self.user)  # type: ignore[attr-defined]
        return seen


def _scopes(seen: _Seen, filters: Filters) -> list[str]:
    kinds = [k for k in BY_KIND if not filters.kind or k == filters.kind]
    scopes = [
        f"~{kind}~{filters.force}" if filters.force else f"~{kind}"
        for kind in kinds
        if kind not in BY_FORCE
    ]
    if any(kind in BY_FORCE for kind in kinds):
        # an update is seen only with its action: the forces of actions seen
        forces = Force.objects.filter(
            Exists(seen[Kind.ACTION].filter(force=OuterRef("pk")))
        ).values_list("pk", flat=True)
        if filters.force:
            forces = forces.filter(pk=filters.force)
        scopes += [f"~{k}~{f}" for f in forces for k in kinds if k in BY_FORCE]
    return scopes


class _OnTheEntry(Expression):
    """SQL about the entry row of whichever query it is in: the outer one or a
    subquery, whose table Django renames ("U0")."""

    def __init__(self, sql: str, params: list[str], output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, params

    @property
    def conditional(self) -> bool:
        return isinstance(self.output_field, BooleanField)

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return self.sql.replace("{entry}", table), list(self.params)


def _matching(words: list[str], scopes: list[str]) -> QuerySet[Entry]:
    """Entries holding every word (stemmed: "inspections" finds "inspected"),
    with `rank`, higher for a better match and for words in the title."""
    if connection.vendor == "postgresql":
        asked = "plainto_tsquery('english'::regconfig, %s)"
        text = " ".join(words)
        within = " | ".join(f"'{scope}'" for scope in scopes)  # kinds and ids
        return Entry.objects.filter(
            _OnTheEntry(
                f"{{entry}}.document @@ ({asked} && %s::tsquery)",
                [text, within],
                BooleanField(),
            )
        ).annotate(
            rank=_OnTheEntry(
                f"ts_rank({{entry}}.document, {asked}, 1)", [text], FloatField()
            )
        )
    asked = " ".join(f'"{word}"' for word in words)  # FTS5: every one of them
    inside = "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s"
    return Entry.objects.filter(
        _OnTheEntry(f"{{entry}}.id IN ({inside})", [asked], BooleanField())
    ).annotate(
        rank=_OnTheEntry(
            "(SELECT -bm25(search_entry_fts, 4.0, 1.0) FROM search_entry_fts "
            "WHERE search_entry_fts MATCH %s AND rowid = {entry}.id)",
            [asked],
            FloatField(),
        )
    )


def _visible_ids(seen: _Seen, candidates: list[tuple[int, str, int]]) -> set[int]:
    """The candidates whose rows this person may see, asked of each row's own
    model (its `visible_to`, the one rule every page uses): one query."""
    wanted: dict[str, list[int]] = {}
    for _, kind, object_id in candidates:
        wanted.setdefault(kind, []).append(object_id)
    parts = [
        seen[kind]
        .filter(AmongIds("pk", ids))
        .annotate(entry_kind=Value(kind, output_field=CharField()))
        .values_list("pk", "entry_kind")
        .order_by()
        for kind, ids in wanted.items()
    ]
    if not parts:
        return set()
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    visible = set(rows)
    return {pk for pk, kind, object_id in candidates if (object_id, kind) in visible}


ORDER = ("-rank", "-dated", "pk")


@dataclass
class Found:
    """What a search found: the ids of the entries to show, best first, and
    whether more matched than were ranked (CANDIDATES)."""

    ids: list[int]
    more: bool = False

    def __len__(self) -> int:
        return len(self.ids)

    def entries(self, ids: list[int]) -> list[Entry]:
        rows = Entry.objects.in_bulk(ids)
        return [rows[pk] for pk in ids]


def search(asked: str, user: AnyUser, filters: Filters = Filters()) -> Found:
    """The entries this person may read that hold every word asked, best first:
    among the best CANDIDATES matches of what they could see."""
    words = words_of(asked)
    seen = _Seen(user)
    scopes = _scopes(seen, filters)
    if not words or not scopes:
        return Found([])
    matches = filters.apply(_matching(words, scopes)).order_by(*ORDER)
    candidates = list(matches.values_list("pk", "kind", "object_id")[: CANDIDATES + 1])
    more = len(candidates) > CANDIDATES
    candidates = candidates[:CANDIDATES]
    visible = _visible_ids(seen, candidates)
    return Found([pk for pk, _, _ in candidates if pk in visible], more)
