"""gunicorn.conf.py (read by the Procfile's web): a worker, once the app is loaded, has the Thai
tokenizer warm and its long-lived objects out of the garbage collector's full passes."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

from kpi.numbers import _tokenize_thai, _tokenizer_word_tokenize

ROOT = Path(__file__).resolve().parent.parent


def test_a_worker_freezes_what_it_loaded():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    _tokenize_thai.cache_clear()
    _tokenizer_word_tokenize.cache_clear()
    try:
        settings["post_worker_init"](worker=None)
        assert _tokenizer_word_tokenize.cache_info().currsize == 1  # loaded at start, not on first use
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
