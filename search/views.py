from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from search import query
from search.forms import SearchForm
from search.highlight import marked, snippet
from search.query import search, words_left_out, words_of

PER_PAGE = 20


@require_safe
def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, user=request.user)
    context: dict = {"form": form, "words": []}
    if form.is_valid():
        words = words_of(form.cleaned_data["q"])
        context["words"] = words
        context["left_out"] = words_left_out(form.cleaned_data["q"])
        context["most_words"] = query.MOST_WORDS
        if words:
            found = search(form.cleaned_data["q"], request.user, form.filters)
            page = Paginator(found.ids, PER_PAGE).get_page(request.GET.get("page"))
            context["page_obj"] = page
            context["more"] = found.more
            context["most"] = query.CANDIDATES
            context["results"] = [
                {
                    "entry": entry,
                    "title": marked(entry.title, words),
                    "snippet": snippet(entry.body, words) if entry.body.strip() else "",
                }
                for entry in found.entries(list(page.object_list))
            ]
    return render(request, "search/results.html", context)
