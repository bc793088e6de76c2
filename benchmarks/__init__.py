"""Benchmarks: measured against a floor in the same run. Not collected by the test run."""
