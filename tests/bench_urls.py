"""The project's URLs with make bench's reference views, as BENCHMARK_VIEWS=1
mounts them."""

from django.urls import include, path

from pcc_panel.urls import urlpatterns as project

urlpatterns = [*project, path("bench/", include(("pcc_panel.bench", "bench")))]
