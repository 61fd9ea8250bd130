from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q

from actions.models import Action
from inspections.models import Finding, Inspection


class DashboardFilter(django_filters.FilterSet):
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
        self.inspections = inspections = list(
            Inspection.objects.visible_to(user)
            .select_related("force", "section_55")
            .order_by("force__name", "-publication_date")
        )
        forces = {i.force_id: i.force.name for i in inspections}
        self.filters["force"].extra["choices"] = sorted(
            forces.items(), key=lambda choice: choice[1]
        )
        self.filters["inspection"].extra["choices"] = [
            (i.pk, f"{i.force.name}: {i.name} ({i.publication_date:%B %Y})")
            for i in inspections
        ]
        self.filters["theme"].extra["choices"] = [
            (theme, theme)
            for theme in Finding.objects.visible_to(user)
            .exclude(theme="")
            .order_by("theme")
            .values_list("theme", flat=True)
            .distinct()
        ]
        people = [
            (person.pk, str(person))
            for person in get_user_model()
            .objects.filter(
                Q(pk__in=Action.objects.visible_to(user).values("owner"))
                | Q(pk__in=Action.objects.visible_to(user).values("lead"))
            )
            .order_by("first_name", "last_name")
        ]
        self.filters["owner"].extra["choices"] = people
        self.filters["lead"].extra["choices"] = people

    def finding_conditions(self) -> Q:
        """The same filters, as they apply to findings rather than actions."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
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
