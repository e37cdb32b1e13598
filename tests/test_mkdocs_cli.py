"""`mkdocs build` works through the plugin as well as `timeline build`."""

from __future__ import annotations

import subprocess
import sys


def test_mkdocs_build_strict_has_no_warnings(project, tmp_path):
    site = tmp_path / "strict-site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project.config), "-d", str(site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (site / "events" / "2018-04-08-wafideen-meeting" / "index.html").exists()
