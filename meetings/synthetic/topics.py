"""The topic tree of a synthetic data set: subjects, their aspects, and aspects with one country.

Roots are subjects diplomacy is about (Syria, arms control, trade); below a root stand aspects of
it ("Syria: ceasefire"), and below those the aspect with one country ("Syria: ceasefire, Turkey").
Each topic carries the phrase a sentence uses for it, so quotes and summaries can name it.
"""

from dataclasses import dataclass
from random import Random

from django.utils.text import slugify

from ..models import Topic
from .draws import weighted_picker
from .tables import Progress, Tables, curated_at, stamps
from .vocabulary import CONNECTORS, COUNTRIES, TOPIC_ASPECTS, TOPIC_ROOTS, ascii_fold

TOPICS_PER_ROOT = 16


@dataclass
class TopicNode:
    id: int
    name: str
    phrase: str  # how a sentence names it: "a ceasefire regarding the situation in Syria"
    root: int  # index into TOPIC_ROOTS
    depth: int


class TopicTree:
    """The topics written in this run, by root, and a picker of roots weighted by how often stories favour them."""

    def __init__(self, rng: Random, topics: list[TopicNode]):
        self.topics = topics
        self.by_root: dict[int, list[TopicNode]] = {}
        for node in topics:
            self.by_root.setdefault(node.root, []).append(node)
        present = sorted(self.by_root)
        self.pick_root = weighted_picker(rng, present, [TOPIC_ROOTS[r][2] for r in present])


def write_topics(rng: Random, count: int, tables: Tables, progress: Progress) -> TopicTree:
    """Write ``count`` topics (fewer if the names run out): about one root per sixteen topics."""
    taken: set[str] = set()
    topics: list[TopicNode] = []
    records = []
    bar = progress("topics", count)
    roots = list(range(len(TOPIC_ROOTS)))
    rng.shuffle(roots)
    n_roots = min(len(TOPIC_ROOTS), max(1, count // TOPICS_PER_ROOT))
    aspects: list[TopicNode] = []

    def add(name: str, phrase: str, root: int, depth: int, parent: TopicNode | None) -> TopicNode:
        node = TopicNode(tables.ids[Topic] + len(topics), name, phrase, root, depth)
        topics.append(node)
        taken.add(name)
        records.append(
            {
                "id": node.id,
                "slug": tables.slugs[Topic](slugify(ascii_fold(name))),
                "name": name[:200],
                "description": f"Meetings and statements on {phrase}.",
                "parent_id": parent.id if parent else None,
                **stamps(rng, curated_at(0.0, -rng.randint(0, 60 * 86_400))),
            }
        )
        bar.update(1)
        return node

    root_nodes = []
    for r in roots[:n_roots]:
        name, phrase, _ = TOPIC_ROOTS[r]
        root_nodes.append(add(name, phrase, r, 0, None))
    attempts = 0
    while len(topics) < count and attempts < count * 50:
        attempts += 1
        if aspects and rng.random() < 0.6:
            parent = rng.choice(aspects)
            country_name = rng.choice(COUNTRIES).name
            name = f"{parent.name}, {country_name.removeprefix('the ')}"
            if name not in taken:
                add(name, f"{parent.phrase} with {country_name}", parent.root, 2, parent)
        else:
            parent = rng.choice(root_nodes)
            aspect, aspect_phrase = TOPIC_ASPECTS[rng.randrange(len(TOPIC_ASPECTS))]
            name = f"{parent.name}: {aspect}"
            if name not in taken:
                phrase = f"{aspect_phrase} {rng.choice(CONNECTORS)} {parent.phrase}"
                aspects.append(add(name, phrase, parent.root, 1, parent))
    tables.write(Topic, records)
    bar.close()
    return TopicTree(rng, topics)
