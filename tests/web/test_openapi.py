"""The OpenAPI description is the answers: every field of every real answer, on two corpora, is
one the response model declares (the models allow extra fields, so validation alone would not tell)."""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from koryo.web.app import create_app
from koryo.web.models import MODELS

PATHS = {
    "home": "/api/home", "conflicts": "/api/conflicts", "timeline": "/api/timeline", "statistics": "/api/statistics",
    "sources": "/api/sources", "entities": "/api/entities", "entity": "/api/entities/place:KZ", "search": "/api/search?q=Korea*",
    "source": "/api/sources/1?hl=0-10", "table": "/api/statistics/{table}", "table_by_number": "/api/sources/{numbered}",
    "series": "/api/statistics/series", "corridors": "/api/corridors", "help_directory": "/api/help", "revisions": "/api/revisions",
    "claims": "/api/claims", "claim": "/api/claims/{claim}",
}


def undeclared(model: type[BaseModel], data: dict[str, Any], where: str = "") -> list[str]:
    """The keys of `data`, at any depth, that `model` and the models of its fields do not declare."""
    fields = {f.alias or name: f for name, f in model.model_fields.items()}
    out = []
    for key, value in data.items():
        if key not in fields:
            out.append(where + key)
        else:
            out += _walk(fields[key].annotation, value, f"{where}{key}.")
    return out


def _walk(kind: Any, value: Any, where: str) -> list[str]:
    origin, args = get_origin(kind), get_args(kind)
    if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(value, dict):
        return undeclared(kind, value, where)
    if origin is list and isinstance(value, list):
        return [k for item in value for k in _walk(args[0], item, where)]
    if origin is dict and isinstance(value, dict):
        return [k for item in value.values() for k in _walk(args[1], item, where)]
    if origin in (Union, types.UnionType):
        return next((_walk(a, value, where) for a in args if isinstance(a, type) and issubclass(a, BaseModel)), [])
    return []


@pytest.mark.parametrize("corpus", ["site_db", "devset_db"])
def test_every_answer_is_described_field_by_field(corpus: str, request: pytest.FixtureRequest) -> None:
    client = TestClient(create_app(request.getfixturevalue(corpus), warm=False))
    tables = client.get("/api/statistics", params={"sort": "observations"}).json()["tables"]
    numbered = [t for t in tables if t["link"].startswith("/sources/")]  # the devset's tables have no printed numbers
    assert set(PATHS) == set(MODELS) and (numbered or corpus == "devset_db")
    for name, path in PATHS.items():
        if name == "table_by_number" and not numbered:
            continue
        url = path.format(table=f"{tables[0]['doc_id']}/{tables[0]['index']}", numbered=numbered[0]["link"].removeprefix("/sources/") if numbered else "",
                          claim=client.get("/api/claims").json()["claims"][0]["id"] if name == "claim" else "")
        answer = client.get(url)
        assert answer.status_code == 200, url
        MODELS[name].model_validate(answer.json())
        assert undeclared(MODELS[name], answer.json()) == [], url


def test_the_check_finds_an_undeclared_field() -> None:
    timeline = {"title": "t", "events": [{"doc": "a", "link": "/", "date": "1937", "surprise": 1}]}
    assert undeclared(MODELS["timeline"], timeline) == ["events.surprise"]
