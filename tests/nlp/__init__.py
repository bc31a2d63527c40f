"""Tests of detente.nlp (a package, so its test module names may repeat those in other folders)."""
