"""The API's documentation page works in a real browser under the site's Content-Security-Policy:
Swagger UI from this site's static files, every operation listed, no blocked script or style."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
STEP_TIMEOUT_MS = 30_000


def test_the_docs_page_lists_every_operation(browser, live_server, artifacts):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    problems, requests = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(f"{live_server.url}/api/v1/docs/")
    assert response.status == 200
    page.wait_for_selector(".opblock-summary-path", state="attached")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert len(paths) == 11
    assert any("/api/v1/incidents/" in path for path in paths)
    page.screenshot(path=str(artifacts / "api-docs.png"), full_page=False)
    context.close()
    assert not problems, problems
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests), requests
