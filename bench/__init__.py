"""Benchmark suite for zhengce (issue #7): `python bench/run.py`."""
