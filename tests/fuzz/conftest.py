"""Hypothesis profiles for the fuzz tests: KORYO_FUZZ=ci (about two minutes over all readers)
or long (hours, for a machine left alone); by default a quick pass that keeps `pytest` fast."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large], "print_blob": True}
settings.register_profile("quick", max_examples=300, **_COMMON)
settings.register_profile("ci", max_examples=1_500, **_COMMON)
settings.register_profile("long", max_examples=200_000, **_COMMON)
settings.load_profile(os.environ.get("KORYO_FUZZ", "quick"))
