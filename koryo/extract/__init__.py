"""Extractors: pure functions of a Document, composed in the declared order below.

Each component is registered here by name (never by import side effects); the pipeline
reports a failing component with its name and the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from koryo.errors import KoryoError
from koryo.extract.checks import checks
from koryo.extract.entities import find_mentions
from koryo.extract.facts import facts_and_events
from koryo.extract.flows import sentence_flows, table_flows
from koryo.extract.observations import observations
from koryo.extract.resources import community_resources, sentence_resources
from koryo.extract.sentences import sentences
from koryo.model import Check, Document, EntityMention, Event, Fact, Flow, Observation, Resource
from koryo.places import new_document

# Bump when an extractor changes what it finds: stored documents are then extracted again.
PIPELINE_VERSION = 7

COMPONENTS = ("observations", "checks", "sentences", "entities", "facts", "flows", "resources")


class ExtractorFailed(KoryoError):
    """An extractor raised on a document."""


@dataclass(frozen=True)
class Extracted:
    """What the extractors found in one document."""

    observations: list[Observation] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    flows: list[Flow] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)


_WARM_UP = "In 1937, about 172,000 Koreans were deported from Vladivostok in the Soviet Union to Kazakhstan, Dr. Kim said."


def warm_up() -> None:
    """Compile the English patterns and load the models once (a worker forked after this starts
    ready; its time budget is then spent on its document, not on loading)."""
    extract(Document(title="", article="", format="text", language="en", text=_WARM_UP))


def extract(doc: Document, name: str = "") -> Extracted:
    """Run every component over `doc`; spans are checked to lie in the text."""
    new_document()
    component = "observations"
    try:
        obs = observations(doc)
        component = "checks"
        found = checks(obs)
        component = "sentences"
        sents = sentences(doc)
        component = "entities"
        mentions = find_mentions(doc, sents)
        component = "facts"
        facts, events = facts_and_events(doc, sents, mentions)
        component = "flows"
        flows = sentence_flows(doc, sents, mentions, facts) + table_flows(doc, obs)
        component = "resources"
        resources = sentence_resources(doc, sents, mentions) + community_resources(doc, obs)
    except Exception as exc:
        raise ExtractorFailed(f"{name or doc.title}: extractor '{component}' failed ({type(exc).__name__}: {exc})") from exc
    n = len(doc.text)
    for o in obs:
        if not (0 <= o.start <= o.end <= n and doc.text[o.start : o.end] == o.raw):
            raise ExtractorFailed(f"{name or doc.title}: extractor 'observations' gave a span that does not quote its cell")
    for f in facts:
        if not (0 <= f.start <= f.mention_start <= f.mention_end <= f.end <= n):
            raise ExtractorFailed(f"{name or doc.title}: extractor 'facts' gave a figure outside its sentence")
    for m in mentions:
        if not 0 <= m.start < m.end <= n:
            raise ExtractorFailed(f"{name or doc.title}: extractor 'entities' gave a mention outside the text")
    return Extracted(obs, found, facts, events, mentions, flows, resources)
