"""Training the screen models, in pieces: shared data helpers and grouping (``common``), the
encoder and fine-tuning loop (``finetune``), ONNX export and quantisation (``onnx_export``),
and each model's data, thresholds and out-of-fold report (``crisis``, ``crisis_report``,
``guideline``, ``guideline_report``). The two scripts in ``bench/`` are the command lines.

Runs only in the separate training venv (torch, scikit-learn); the bot never imports it.
"""
