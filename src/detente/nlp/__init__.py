"""detente's NLP: a spaCy pipeline of small registered components (see pipeline.py)."""

from detente.datafiles import DATA_DIR

__all__ = ["DATA_DIR"]
