"""Allow ``python -m newsevents``."""

import sys

from newsevents.cli import main

sys.exit(main())
