"""A search: the words asked for, the entries that hold them all, ranked, and
only those whose rows the reader may see, asked of each row's own model.

At national scale a common word is in a million progress updates, nearly all of
forces the reader cannot see. So on PostgreSQL an action's and an update's words
are held under their force ("19~supervis": search migration 0002), and a search
asks for the words under each force whose plans the reader may read; every other
entry holds two scope lexemes no typed word can make ("~finding" and
"~finding~12": its kind, and its kind in a force), and a search asks for the
words *and* one of the kinds the reader asked for. The index then reads only
those. Scopes only narrow the candidates: every result is still checked against
its model's `visible_to`. The best CANDIDATES matches are ranked and checked, so
a search costs the same however common its words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Expression,
    Field,
    FloatField,
    QuerySet,
    Value,
)

from accounts.access import EVERYWHERE, AnyUser, reach
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


@dataclass(frozen=True)
class _Scopes:
    """Where a search looks: the scope lexemes of the kinds held unscoped, and
    the forces whose actions and updates it reads."""

    kinds: list[str]
    forces: list[int]

    def __bool__(self) -> bool:
        return bool(self.kinds or self.forces)


def _scopes(seen: _Seen, filters: Filters) -> _Scopes:
    kinds = [k for k in BY_KIND if not filters.kind or k == filters.kind]
    scopes = [
        f"~{kind}~{filters.force}" if filters.force else f"~{kind}"
        for kind in kinds
        if kind not in BY_FORCE
    ]
    if not any(kind in BY_FORCE for kind in kinds):
        return _Scopes(scopes, [])
    # the forces whose action plans this person may read anywhere: a bound,
    # never a rule; each candidate is still checked against `visible_to`
    reached = reach(seen.user, "actions.view_action")
    forces = Force.objects.values_list("pk", flat=True).order_by("pk")
    if reached is not EVERYWHERE:
        forces = (
            forces.filter(organisation__in=sorted(reached))
            if reached
            else forces.none()
        )
    if filters.force:
        forces = forces.filter(pk=filters.force)
    return _Scopes(scopes, list(forces))


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


def _stemmed(words: list[str]) -> str:
    """The words as PostgreSQL's query of them ("'supervis' & 'investig'"):
    empty when every one is a word it does not index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT plainto_tsquery('english'::regconfig, %s)::text", [" ".join(words)]
        )
        return cursor.fetchone()[0]


LEXEME = re.compile(r"(^| )'")  # where each lexeme of a query's text opens


def _under(force: int, asked: str) -> str:
    """The query of the words as a force's actions and updates hold them."""
    return LEXEME.sub(rf"\1'{int(force)}~", asked)


def _matching(words: list[str], scopes: _Scopes) -> QuerySet[Entry]:
    """Entries holding every word (stemmed: "inspections" finds "inspected"),
    with `rank`, higher for a better match and for words in the title."""
    if connection.vendor == "postgresql":
        asked = _stemmed(words)
        if not asked:
            return Entry.objects.none()
        by_force = [(force, _under(force, asked)) for force in scopes.forces]
        kinds = " | ".join(f"'{scope}'" for scope in scopes.kinds)
        within = [f"( {asked} ) & ( {kinds} )"] if kinds else []
        within += [f"( {query} )" for _, query in by_force]
        rank_of = "%s::tsquery"
        params = [asked]
        if by_force:
            # a force's entries are ranked on the words as they hold them
            whens = " ".join(
                f"WHEN {int(force)} THEN %s::tsquery" for force, _ in by_force
            )
            held = ", ".join(f"'{kind}'" for kind in BY_FORCE)
            rank_of = (
                f"CASE WHEN {{entry}}.kind IN ({held}) "
                f"THEN CASE {{entry}}.force_id {whens} END ELSE %s::tsquery END"
            )
            params = [query for _, query in by_force] + [asked]
        return Entry.objects.filter(
            _OnTheEntry(
                "{entry}.document @@ %s::tsquery", [" | ".join(within)], BooleanField()
            )
        ).annotate(
            rank=_OnTheEntry(
                f"ts_rank({{entry}}.document, {rank_of}, 1)", params, FloatField()
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
