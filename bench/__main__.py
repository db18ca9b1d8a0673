"""`python -m bench [--quick]`: every measurement, one table (see bench/run.py)."""

from .run import main

raise SystemExit(main())
