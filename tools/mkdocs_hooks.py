"""mkdocs hooks: serve Mermaid from the site itself, so that the docs work offline.

mkdocs-material renders ```` ```mermaid ```` blocks with the Mermaid library, which it
loads from a CDN unless a ``mermaid`` global already exists. This hook adds a pinned
copy of ``mermaid.min.js`` to the site as ``assets/javascripts/mermaid.min.js`` and
loads it before material's own script runs, so no page reaches the network.

The copy comes, in this order, from:

1. the file named by the environment variable ``TRADEACCORD_MERMAID_JS``;
2. the cache ``.cache/mermaid-<version>/`` at the root of the repository;
3. the npm registry, through ``npm pack mermaid@<version>`` (which checks the
   tarball's integrity; the integrity is also pinned here), unpacked into the cache.

Without any of them the build fails with a message saying how to get it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

MERMAID_VERSION = "11.12.2"
MERMAID_INTEGRITY = "sha512-n34QPDPEKmaeCG4WDMGy0OT6PSyxKCfy2pJgShP+Qow2KLrvWjclwbc3yXfSIf4BanqWEhQEpngWwNp/XhZt6w=="
ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / f"mermaid-{MERMAID_VERSION}"
SITE_PATH = "assets/javascripts/mermaid.min.js"
LICENSE_PATH = "assets/javascripts/mermaid.LICENSE.txt"


def _unpack(tarball: Path) -> None:
    """Copy the library and its licence out of the npm tarball into the cache."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for member, name in (
            ("package/dist/mermaid.min.js", "mermaid.min.js"),
            ("package/LICENSE", "LICENSE.txt"),
        ):
            source = archive.extractfile(member)
            if source is None:
                raise PluginError(f"{tarball.name} has no {member}")
            partial = CACHE / f"{name}.partial"
            partial.write_bytes(source.read())
            partial.replace(CACHE / name)


def _from_npm() -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise PluginError(
            f"the docs serve Mermaid {MERMAID_VERSION} themselves and need a copy of it: "
            "install npm (Node.js), or set TRADEACCORD_MERMAID_JS to a mermaid.min.js"
        )
    with tempfile.TemporaryDirectory() as work:
        result = subprocess.run(
            [npm, "pack", f"mermaid@{MERMAID_VERSION}", "--json", "--pack-destination", work],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            raise PluginError(f"npm pack mermaid@{MERMAID_VERSION} failed:\n{result.stderr}")
        (packed,) = json.loads(result.stdout)
        if packed["integrity"] != MERMAID_INTEGRITY:
            raise PluginError(
                f"mermaid@{MERMAID_VERSION} from npm has integrity {packed['integrity']}, "
                f"expected {MERMAID_INTEGRITY}"
            )
        _unpack(Path(work) / packed["filename"])


def mermaid_files() -> tuple[Path, Path | None]:
    """The Mermaid library and its licence (``None`` for a copy named by the environment)."""
    chosen = os.environ.get("TRADEACCORD_MERMAID_JS")
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise PluginError(f"TRADEACCORD_MERMAID_JS names no file: {chosen}")
        return path, None
    library = CACHE / "mermaid.min.js"
    if not library.is_file():
        _from_npm()
    return library, CACHE / "LICENSE.txt"


def on_config(config: Any) -> Any:
    """Load the local Mermaid before material's bundle looks for it."""
    config.extra_javascript.insert(0, SITE_PATH)
    return config


def on_files(files: Files, config: Any) -> Files:
    """Add the Mermaid library (and its licence) to the site."""
    library, licence = mermaid_files()
    files.append(File.generated(config, SITE_PATH, abs_src_path=str(library)))
    if licence is not None and licence.is_file():
        files.append(File.generated(config, LICENSE_PATH, abs_src_path=str(licence)))
    return files
