"""Errors answer ``{"error": {"code", "message", "details"}}``, never a 500 for bad input."""

from __future__ import annotations

import httpx2
import pytest
from fastapi import FastAPI

from conclave.api.errors import install_error_handlers


async def test_an_unknown_run_is_404_with_the_error_body(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/runs/nope")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert "nope" in error["message"]
    assert isinstance(error["details"], dict)


async def test_an_unknown_agent_is_404(client: httpx2.AsyncClient) -> None:
    body = {"target_kind": "agent", "target": "asistant", "input": "hi"}
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 404
    assert "did you mean 'assistant'" in response.json()["error"]["message"]


async def test_an_invalid_body_is_422_with_field_details(client: httpx2.AsyncClient) -> None:
    body = {"target_kind": "robot", "target": "assistant", "input": 5, "extra": 1}
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    locations = {tuple(field["loc"]) for field in error["details"]["fields"]}
    assert {("body", "target_kind"), ("body", "input"), ("body", "extra")} <= locations
    assert all(field["msg"] for field in error["details"]["fields"])


async def test_an_input_over_the_limit_is_422(client: httpx2.AsyncClient) -> None:
    body = {"target": "assistant", "input": "x" * 100_001}
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 422


async def test_malformed_json_is_400(client: httpx2.AsyncClient) -> None:
    response = await client.post(
        "/api/runs", content=b'{"target": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "malformed_json"
    assert error["message"].startswith("malformed JSON: ")


async def test_a_bad_query_parameter_is_422(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/runs", params={"limit": "many"})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["query", "limit"]


async def test_an_unknown_route_is_404_with_the_error_body(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/nowhere")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "http_404"


async def test_an_unexpected_error_is_500_without_its_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    transport = httpx2.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/boom")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text
    assert "secret internals" in caplog.text


async def test_a_body_nested_too_deeply_is_400_malformed_json(client: httpx2.AsyncClient) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    headers = {"content-type": "application/json"}
    response = await client.post("/api/runs", content=body, headers=headers)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "malformed_json"
    assert "nested too deeply" in error["message"]


async def test_a_body_not_in_utf8_is_400_malformed_json(client: httpx2.AsyncClient) -> None:
    body = b'{"target": "assistant", "input": "\xff"}'
    headers = {"content-type": "application/json"}
    response = await client.post("/api/runs", content=body, headers=headers)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "malformed_json"
    assert "encode it as UTF-8" in error["message"]


async def test_a_body_of_another_media_type_is_415(client: httpx2.AsyncClient) -> None:
    body = b'{"target": "assistant", "input": "hi"}'
    response = await client.post("/api/runs", content=body, headers={"content-type": "text/plain"})
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "Content-Type: application/json" in error["message"]


def test_the_openapi_schema_documents_the_error_body(app: FastAPI) -> None:
    schema = app.openapi()
    error_body = {"$ref": "#/components/schemas/ErrorBody"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            for status in ("default", "422"):
                if status in responses:
                    content = responses[status]["content"]["application/json"]
                    assert content["schema"] == error_body, (method, path, status)
            assert "default" in responses, (method, path)
