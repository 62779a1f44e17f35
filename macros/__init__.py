"""The site's macros module (mkdocs-macros, `module_name: macros` in mkdocs.yml).

The Lot has no macro of its own: this module registers the roadmap-site package's macros, the only ones the
check of docs/ lets a hand-written page call (roadmap_site.docs_pages.MACROS). A roadmap without such a
module gets the same macros from the plugin itself (tests/exemple/).
"""

from roadmap_site.macros import define_env

__all__ = ["define_env"]
