"""Browser tests of the published site (a package, so its conftest does not shadow tests/conftest.py)."""
