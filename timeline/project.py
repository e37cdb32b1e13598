"""A project: its ``mkdocs.yml`` read (``config.read_config``, MkDocs'
``load_config``) and the content folder it names loaded (``content.load``).

Apart from ``content.load`` so that the content stage does not depend on the
configuration (which imports extraction's ``Period``, and extraction loads
content).
"""

from __future__ import annotations

from pathlib import Path

from timeline.config import read_config
from timeline.content.load import empty_content, load_content
from timeline.content.session import Loaded


def load_project(config_file: Path) -> Loaded:
    """Read ``mkdocs.yml`` and load the content it points to, with every problem of both."""
    project, problems = read_config(config_file)
    if project is None:
        return empty_content(Path(config_file).resolve().parent), sorted(problems)
    content, content_problems = load_content(project.content_dir, project.categories, project.markdown)
    return content, sorted(problems + content_problems)
