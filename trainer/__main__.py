"""`python -m trainer` is the same as the `pain-trainer` command."""

import sys

from trainer.cli import main

sys.exit(main())
