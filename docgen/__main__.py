import sys

from .cli.launcher import main

sys.exit(main())
