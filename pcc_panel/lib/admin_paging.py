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
    @cached_property
    def count(self) -> int:
        sql = str(self.object_list.query).encode()
        key = f"admin-count:{hashlib.sha256(sql).hexdigest()}:{data_version()}"
        return cache.get_or_set(key, lambda: Paginator.count.func(self), 60 * 60)


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
        start = self.page_num * self.list_per_page
        length = max(0, min(self.list_per_page, self.result_count - start))
        self.result_list = PageRows(self.result_list, length)
