"""detente's NLP: a spaCy pipeline of small registered components (see pipeline.py)."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
