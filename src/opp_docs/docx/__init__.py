"""WordprocessingML primitives: checkboxes, form fields, content controls, cell text, cloning.

This package knows nothing of the OPP: it imports neither the model nor the mapping, only
:mod:`opp_docs.errors`. Every function works on plain lxml elements, so also on the
elements of a python-docx ``Document`` (``document.element.body``, ``cell._tc``, ...).

One module per concept:

- :mod:`.namespaces` the namespaces and ``qn("w:p")``
- :mod:`.walk` the live content of an element as tokens (tracked changes accepted)
- :mod:`.text` reading text; checking text before it is written
- :mod:`.runs` writing text into runs, cells and block-level content
- :mod:`.checkbox` the state of one checkbox of each kind; new legacy checkboxes
- :mod:`.boxes` every checkbox in an element with its option text
- :mod:`.fields` legacy form fields: FORMTEXT, FORMDROPDOWN, FORMCHECKBOX
- :mod:`.sdt` content controls at run, block, row and cell level
- :mod:`.ids` unique values (bookmarks, paraIds, ids) and fresh ones for copies
- :mod:`.clone` copying rows and tables, splitting a table; clearing filled-in values
- :mod:`.package` opening, parsing and writing a .docx safely
"""
