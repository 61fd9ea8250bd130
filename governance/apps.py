from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance and section 55"

    def ready(self) -> None:
        from pcc_panel.lib import freshness

        freshness.connect()  # the dashboard's cache keys on the data version
