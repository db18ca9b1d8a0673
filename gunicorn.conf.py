"""gunicorn's settings, read from the working directory by the Procfile's `web` (and the bench).

What a worker loads to start (Flask, SQLAlchemy, the LINE SDK's models, pythainlp) lives as long
as the worker: leaving those ~220,000 objects to Python's garbage collector made each full
collection stall the request it fell on by about 150 ms, one request in a few hundred
(`python -m bench`: p99 at 50 requests/s). `gc.freeze()` moves them out of the collector's
way once the app is loaded; what requests create is still collected as before.
"""

import gc


def post_worker_init(worker):
    from kpi.numbers import warm_up  # the Thai word tokenizer, loaded on first use otherwise

    warm_up()
    gc.collect()
    gc.freeze()
