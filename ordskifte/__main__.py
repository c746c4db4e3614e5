"""``python -m ordskifte``: see :mod:`ordskifte.cli`."""

import sys

from ordskifte.cli import main

sys.exit(main())
