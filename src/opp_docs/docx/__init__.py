"""WordprocessingML primitives: checkboxes, form fields, content controls, cell text, cloning.

This package knows nothing of the OPP: it imports neither the model nor the mapping.
"""
