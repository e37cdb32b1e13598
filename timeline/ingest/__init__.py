"""The import stage: a raw ``.txt``, ``.md`` or ``.html`` file becomes ``content/articles/<id>.md``.

``stage`` runs it (``import_article``); ``decode`` turns bytes into text;
``html`` takes a page's article text (through trafilatura) and its metadata;
``clean`` drops trailing page furniture and Markdown syntax; ``store`` decides
the front matter and id and writes the article once, never over another.
"""
