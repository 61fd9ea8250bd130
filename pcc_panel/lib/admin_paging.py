"""Admin list pages at scale: the row count read once per data version, and a
page of rows that knows its length without fetching them, so that rows served
from the template cache are never read from the database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from django.contrib.admin.views.main import ChangeList
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from pcc_panel.lib.freshness import data_version


class CachedCountPaginator(Paginator):
    """`key` names what is counted: who is looking and with which filters (the
    query's SQL would do too, but compiling it costs as much as the count)."""

    def __init__(self, *args, key: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.key = key

    @cached_property
    def count(self) -> int:
        what = self.key or str(self.object_list.query)
        digest = hashlib.sha256(what.encode()).hexdigest()
        return cache.get_or_set(
            f"admin-count:{digest}:{data_version()}",
            lambda: Paginator.count.func(self),
            60 * 60,
        )


def paginator_for(request, model) -> type[CachedCountPaginator]:
    """ModelAdmin.get_paginator's answer: counts cached per person and filter."""
    key = f"{model._meta.label}:{request.user.pk}:{sorted(request.GET.lists())}"

    def paginator(*args, **kwargs) -> CachedCountPaginator:
        return CachedCountPaginator(*args, key=key, **kwargs)

    return paginator


class PageRows:
    """A page's rows: len() from the count, the query run only when iterated."""

    def __init__(self, rows, length: int) -> None:
        self.rows, self.length = rows, length

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator:
        return iter(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def __bool__(self) -> bool:
        return self.length > 0


class LazyRowsChangeList(ChangeList):
    def get_results(self, request) -> None:
        super().get_results(request)
        if self.show_all:
            return
        start = (self.page_num - 1) * self.list_per_page  # pages count from 1
        length = max(0, min(self.list_per_page, self.result_count - start))
        self.result_list = PageRows(self.result_list, length)
