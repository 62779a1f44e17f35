"""Print, as JSON, the navigation and the pages of the MkDocs project in the current folder.

Run in a subprocess inside a project copy: MkDocs loads the configuration with its plugins and hooks, as a
build would, so pages and nav entries added by the project's own code are listed too. Only MkDocs' public
plugin events are used (no project code is imported here).
"""

from __future__ import annotations

import json
import sys

from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import Link, Section, get_navigation


def _item(item):
    if isinstance(item, Section):
        return {"section": item.title, "children": [_item(child) for child in item.children]}
    if isinstance(item, Link):
        return {"link": item.url, "title": item.title}
    return {"page": item.file.src_uri, "title": item.title}


def main() -> int:
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    nav = get_navigation(files, config)
    pages = {f.src_uri: f.url for f in files.documentation_pages()}
    json.dump({"nav": [_item(item) for item in nav.items], "pages": pages}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
