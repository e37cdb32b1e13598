"""Douma timeline: Arabic news articles into a citable right-to-left timeline.

The pipeline, one module per stage:

- ``normalize``  – Arabic text normalization for comparing and searching
- ``dates``      – the Arabic date engine (temporal expressions in news text)
- ``articles``   – importing raw text or HTML into ``content/articles/``
- ``extract``    – articles into draft event entries
- ``content``    – loading and validating all content into the model
- ``site``       – page data, exports and the MkDocs plugin adapter
- ``snapshot``   – offline BagIt snapshots for archivists
- ``cli``        – the ``timeline`` command

Importing the package stays light: heavy libraries (dateparser, MkDocs,
Playwright) load where they are used.
"""

__version__ = "0.1.0"
