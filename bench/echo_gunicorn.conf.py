"""gunicorn's settings for the echo bot: the bot's gunicorn.conf.py without the bot's own
warm-up (the Thai tokenizer), so both run the same way and the echo bot loads nothing more."""

import gc


def post_worker_init(worker):
    gc.collect()
    gc.freeze()
