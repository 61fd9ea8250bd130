"""Nothing a crawler can reach from the home page answers with a server error."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

import pytest


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(
                value for name, value in attrs if name == "href" and value
            )


@pytest.mark.django_db
def test_every_page_reachable_from_home_answers_without_error(client, demo_inspection):
    seen, queue, statuses = set(), ["/"], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        parser = Links()
        parser.feed(response.text)
        for href in parser.hrefs:
            target = urldefrag(urljoin(url, href)).url
            parsed = urlparse(target)
            if parsed.scheme in ("", "http") and parsed.netloc in ("", "testserver"):
                queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    assert demo_inspection.get_absolute_url() in statuses
    assert {url: code for url, code in statuses.items() if code >= 400} == {}
