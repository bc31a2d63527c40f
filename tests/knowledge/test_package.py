"""The knowledge layer loads every data file without spaCy."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from detente.knowledge import actors, crosswalk, ledger, places
actors.load_kb(); crosswalk.load_crosswalk(); ledger.knowledge(); places.load_places_data()
import detente.eval
assert 'spacy' not in sys.modules, 'spacy imported'
assert not any(m.startswith('detente.nlp') for m in sys.modules), 'detente.nlp imported'
"""


def test_knowledge_and_eval_load_without_spacy():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
