"""Fetch stage: download the public datasets, verify them, cache them, record provenance."""
