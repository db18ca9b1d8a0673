"""Benchmarks of KPI Bot (issue 7): `python -m bench` (see bench/run.py and the README)."""
