"""opp-docs: the Ontwikkelingsperspectiefplan (OPP 2024-2025) as typed data.

In Python::

    from opp_docs import example_plan, load_plan, plan_to_json

    plan = load_plan(Path("plan.json"))      # validated, Dutch errors with their place
    print(plan.leerling.naam)
"""

from opp_docs.errors import OppError
from opp_docs.example import example_plan
from opp_docs.model import OPP
from opp_docs.planfile import load_plan, plan_to_json
from opp_docs.validation import validate_plan

__all__ = ["OPP", "OppError", "example_plan", "load_plan", "plan_to_json", "validate_plan"]
__version__ = "0.1.0"
