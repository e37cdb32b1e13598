"""The BagIt bag: payload folder in, a bag with checksums and metadata out.

``bagit`` does the work (manifests, ``bag-info.txt``, tag manifests); this
module only pins what ``bagit`` leaves to chance, so that the same payload
always gives the same bytes: ``Bagging-Date`` comes from the one clock, and
the tag manifests, which ``bagit`` writes in the file system's directory
order, are rewritten sorted by path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import bagit

from timeline import __version__

ALGORITHMS = ("sha256", "sha512")


@dataclass(frozen=True)
class BagInfo:
    """What ``bag-info.txt`` says about the snapshot."""

    organization: str
    identifier: str  # "<site_id> <version>"
    description: str
    created: datetime

    def fields(self) -> dict[str, str]:
        return {
            "Source-Organization": self.organization,
            "External-Identifier": self.identifier,
            "External-Description": self.description,
            "Bag-Software-Agent": f"douma-timeline {__version__} (bagit.py {bagit.VERSION})",
            "Bagging-Date": self.created.strftime("%Y-%m-%d"),
        }


def make_bag(folder: Path, info: BagInfo) -> None:
    """Turn ``folder`` (its files become ``data/``) into a bag, in place."""
    bagit.make_bag(str(folder), bag_info=info.fields(), processes=1, checksums=list(ALGORITHMS))
    # Payload manifests are already in bagit's sorted walk order, and their
    # bytes are hashed in the tag manifests: only the tag manifests, which
    # nothing hashes, are reordered.
    for algorithm in ALGORITHMS:
        _sort_manifest(folder / f"tagmanifest-{algorithm}.txt")


def _sort_manifest(path: Path) -> None:
    """Order a manifest's lines by file path (bagit lists tag files in directory order)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.sort(key=lambda line: line.split(None, 1)[1] if " " in line else line)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
