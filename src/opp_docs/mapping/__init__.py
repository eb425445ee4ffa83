"""Where each field of the OPP lives in a form: the mapping file, its schema and its check."""

from opp_docs.mapping.load import DEFAULT_MAPPING, as_mapping, default_mapping, load_mapping
from opp_docs.mapping.paths import Slot, check_against_model, resolve
from opp_docs.mapping.schema import FieldEntry, Mapping, RowsEntry, TablesEntry

__all__ = [
    "DEFAULT_MAPPING",
    "FieldEntry",
    "Mapping",
    "RowsEntry",
    "Slot",
    "TablesEntry",
    "as_mapping",
    "check_against_model",
    "default_mapping",
    "load_mapping",
    "resolve",
]
