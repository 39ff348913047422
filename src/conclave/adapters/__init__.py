"""Adapters: storage, bus and cache, each in an embedded and a production flavour."""
