"""``python -m opp_docs``: the same as the ``opp`` command."""

import sys

from opp_docs.cli import main

sys.exit(main())
