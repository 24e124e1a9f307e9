"""Importers: other datasets into event records and registry entries."""
