"""Ledger tests."""
