from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from actions.models import Action
from inspections.models import Finding, Inspection
from pcc_panel.lib.widgets import QuickFilterSet


class DashboardFilter(QuickFilterSet):
    """Force, inspection, theme, owner and lead, kept in the URL. The choices come
    from three queries, however many filters there are."""

    force = django_filters.ChoiceFilter(
        label="Force", field_name="finding__inspection__force", empty_label="All forces"
    )
    inspection = django_filters.ChoiceFilter(
        label="Inspection",
        field_name="finding__inspection",
        empty_label="All inspections",
    )
    theme = django_filters.ChoiceFilter(
        label="Theme", field_name="finding__theme", empty_label="All themes"
    )
    owner = django_filters.ChoiceFilter(empty_label="Anyone")
    lead = django_filters.ChoiceFilter(
        label="Lead chief officer", empty_label="Any chief officer"
    )

    class Meta:
        model = Action
        fields = ["force", "inspection", "theme", "owner", "lead"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # (pk, force id, force name, name, published, s.55 response published)
        self.inspections = [
            (pk, force_id, force, f"{programme} {pillar}".strip(), date, response)
            for pk, force_id, force, programme, pillar, date, response in (
                Inspection.objects.visible_to(user)
                .order_by("force__name", "-publication_date", "pk")
                .values_list(
                    "pk",
                    "force",
                    "force__name",
                    "programme",
                    "pillar",
                    "publication_date",
                    "section_55__published_on",
                )
            )
        ]
        forces = {force_id: name for _, force_id, name, *_ in self.inspections}
        self.filters["force"].extra["choices"] = sorted(
            forces.items(), key=lambda choice: choice[1]
        )
        self.filters["inspection"].extra["choices"] = [
            (pk, f"{force}: {name} ({published:%B %Y})")
            for pk, _, force, name, published, _ in self.inspections
        ]
        self.filters["theme"].extra["choices"] = [
            (theme, theme)
            for theme in Finding.objects.visible_to(user)
            .exclude(theme="")
            .order_by("theme")
            .values_list("theme", flat=True)
            .distinct()
        ]
        seen = Action.objects.visible_to(user)
        people = [
            (pk, f"{first} {last}".strip() or username)
            for pk, first, last, username in get_user_model()
            .objects.filter(
                Exists(seen.filter(owner=OuterRef("pk")))
                | Exists(seen.filter(lead=OuterRef("pk")))
            )
            .order_by("first_name", "last_name")
            .values_list("pk", "first_name", "last_name", "username")
        ]
        self.filters["owner"].extra["choices"] = people
        self.filters["lead"].extra["choices"] = people

    def chosen(self) -> dict:
        return self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}

    def only_by_force(self) -> bool:
        """Whether the actions are all those of every force, or of one."""
        narrower = ("inspection", "theme", "owner", "lead")
        return not any(self.chosen().get(name) for name in narrower)

    def finding_conditions(self) -> Q:
        """The same filters, as they apply to findings rather than actions."""
        data = self.chosen()
        conditions = Q()
        if data.get("force"):
            conditions &= Q(inspection__force=data["force"])
        if data.get("inspection"):
            conditions &= Q(inspection=data["inspection"])
        if data.get("theme"):
            conditions &= Q(theme=data["theme"])
        if data.get("owner"):
            conditions &= Q(actions__owner=data["owner"])
        if data.get("lead"):
            conditions &= Q(actions__lead=data["lead"])
        return conditions
