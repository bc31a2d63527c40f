"""detente: attributed PLOVER events, positions and agreements from news about wars and peace talks."""

__version__ = "0.1.0"
