"""No student data in telemetry: a hub run under a configured OpenTelemetry SDK (as
`opentelemetry-instrument` or a district's own setup does, through `sitecustomize`) exports
nothing of a request's values. FastAPI 0.165 records every request as a span with its query
string, which names the student an `agent=` asks about."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx

from .conftest import XAPI_HEADERS, HubProcess, add_device

# Configures the process's global tracer provider before anything else runs, exporting every
# span to a file; one span of its own shows the export works.
SITECUSTOMIZE = """
import os
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor

provider = TracerProvider()
provider.add_span_processor(
    SimpleSpanProcessor(ConsoleSpanExporter(out=open(os.environ["TEST_SPANS_FILE"], "a")))
)
trace.set_tracer_provider(provider)
trace.get_tracer("test").start_span("configured-before-the-hub").end()
"""

STUDENT = "stu-ada-lovelace"


def test_a_hub_under_a_configured_tracer_exports_no_query_values(tmp_path, monkeypatch):
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    username, password = add_device(db_url, "kiosk-otel")
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE)
    spans = tmp_path / "spans.txt"
    monkeypatch.setenv("TEST_SPANS_FILE", str(spans))
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    )
    hub = HubProcess(db_url, tmp_path / "hub.log")
    try:
        hub.wait_ready()
        agent = json.dumps({"account": {"homePage": "https://sis.example.org", "name": STUDENT}})
        answer = httpx.get(
            hub.url + "/xapi/statements",
            params={"agent": agent},
            auth=(username, password),
            headers=XAPI_HEADERS,
            timeout=20,
        )
        assert answer.status_code == 200, answer.text
        missing = httpx.get(hub.url + f"/xapi/statements?agent={STUDENT}", auth=(username, password))
        assert missing.status_code == 400  # an error answer too
    finally:
        hub.stop()
    exported = Path(spans).read_text()
    assert "configured-before-the-hub" in exported  # the provider was in place and exporting
    assert STUDENT not in exported and "sis.example.org" not in exported, exported[:2000]
