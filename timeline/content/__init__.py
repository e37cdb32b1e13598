"""The content stage: the model, reading and validating entries, articles and registries.

``load`` loads and validates a content folder (``load_content``; ``timeline.project`` reads mkdocs.yml first); ``model`` holds
the types; ``frontmatter`` reads YAML front matter; ``fields`` checks single fields;
``registry`` reads ``outlets.yml`` and ``gazetteer.yml``; ``articles`` reads stored
articles; ``entries`` is the entry file format (with fingerprints); ``new_entry`` writes
the file ``timeline new`` creates; ``suggestions`` reads the merge-suggestions file;
``vocabulary`` the shared word lists; ``problems`` the problem type every stage reports.
"""
