from __future__ import annotations

from typing import Any

from django import forms

from accounts.access import AnyUser
from actions.choices import Status
from inspections.choices import Grade
from inspections.models import Inspection
from pcc_panel.lib.widgets import QuickSelect
from search.models import Kind
from search.query import Filters

LONGEST_SEARCH = 200


def _any(label: str, choices: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    return [("", label), *choices]


class SearchForm(forms.Form):
    """The words and the filters. The forces and years offered are those of
    inspections this person may see: a name in a list says an inspection exists."""

    q = forms.CharField(
        label="Search for",
        max_length=LONGEST_SEARCH,
        required=False,
        error_messages={
            "max_length": "Search for at most %(limit_value)d characters "
            "(you typed %(show_value)d)."
        },
    )
    force = forms.TypedChoiceField(
        label="Force or service",
        required=False,
        error_messages={"invalid_choice": "Choose a force or service from the list."},
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        error_messages={"invalid_choice": "Choose a kind from the list."},
        choices=_any("Everything", Kind.choices),
        widget=QuickSelect,
    )
    year = forms.TypedChoiceField(
        label="Year",
        required=False,
        error_messages={"invalid_choice": "Choose a year from the list."},
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
    )
    grade = forms.ChoiceField(
        label="Grade",
        required=False,
        error_messages={"invalid_choice": "Choose a grade from the list."},
        choices=_any("Any grade", Grade.choices),
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label="Action status",
        required=False,
        error_messages={"invalid_choice": "Choose an action status from the list."},
        choices=_any("Any status", Status.choices),
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forces, years = Inspection.objects.visible_to(user).forces_and_years()
        self.fields["force"].choices = _any(  # type: ignore[attr-defined]
            "All forces and services", forces
        )
        self.fields["year"].choices = _any(  # type: ignore[attr-defined]
            "Any year", [(year, str(year)) for year in years]
        )

    @property
    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            force=data.get("force"),
            kind=data.get("kind", ""),
            year=data.get("year"),
            grade=data.get("grade", ""),
            status=data.get("status", ""),
        )

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "q")
