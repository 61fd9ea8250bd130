"""Two reference views for `make bench`, served by the same server as the real
pages: the floor that no page can beat. Mounted only with BENCHMARK_VIEWS on."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from inspections.models import Finding


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!doctype html><title>ok</title><p>ok</p>")


def reference(request: HttpRequest) -> HttpResponse:
    """One query, 50 rows, rendered through a Django template."""
    rows = list(Finding.objects.order_by("pk").values_list("pk", "kind", "text")[:50])
    return render(request, "bench/reference.html", {"rows": rows})


urlpatterns = [
    path("trivial/", trivial, name="trivial"),
    path("reference/", reference, name="reference"),
]
