"""Synthetic data at scale: realistic, deterministic, and provably consistent.

``python manage.py generate_synthetic`` (see the command for its options) fills a database with
participants, a topic tree, meetings (visits with their sessions, calls, summits), sources with
long article text, and statements that are passages cut out of those texts, so that every
statement's span really lies in its source: ``source.text[span_start:span_end] == statement.text``,
and ``meetings.provenance.find_span(source.text, text, occurrence)`` finds exactly that span.

Everything comes from one ``random.Random(seed)`` and fixed dates, so the same seed and sizes
give the same rows, ids and timestamps included (only the data version's ``changed_at`` is
the real time of the load). Names are combinations of common given names and surnames;
publishers, URLs (under the reserved ``.example`` domain) and quotes are made up, and no
Wikidata ids are given, so no record points at a real person or article.

The modules, in the order a run uses them: ``vocabulary`` (the words), ``draws`` (weighted
picks), ``tables`` (writing rows as ``save()`` would, with COPY on PostgreSQL), ``cast``
(participants), ``topics`` (the topic tree), ``calendar`` (meetings, story by story),
``articles`` (article texts and the statements placed in them), ``sources`` (sources and
statements as rows) and ``generator`` (one run, step by step).
"""

from .generator import Generator, Sizes
from .tables import WRITTEN_MODELS

__all__ = ["WRITTEN_MODELS", "Generator", "Sizes"]
