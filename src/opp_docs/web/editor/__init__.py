"""The OPP editor at ``/plan``: the whole plan as one page, generated from the model.

:mod:`.tree` describes the page from the model (sections, parts, lists, controls);
``templates/editor.html`` renders that description; ``static/editor.js`` reads the page into
the plan's JSON shape and back, runs the live check through ``/api/check`` and opens and
saves through :mod:`.pages`. Developer notes: docs/dev/web.md, "The editor".
"""

from opp_docs.web.editor.tree import Editor, build_editor

__all__ = ["Editor", "build_editor"]
