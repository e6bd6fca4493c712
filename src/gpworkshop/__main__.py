"""``python -m gpworkshop``: the same as the ``gpworkshop`` command."""

import sys

from gpworkshop.cli import main

sys.exit(main())
