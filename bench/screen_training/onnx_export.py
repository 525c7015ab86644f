"""ONNX export and quantisation, the same for both screen models: opset 17, dynamic batch and
sequence, inputs ``input_ids`` + ``attention_mask``, output ``scores`` (the sigmoids), then
dynamic int8 per channel on MatMul and Gather, checked against the torch model."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.screen_training.finetune import torch_module


def export_quantised(model: Any, out: Path, enc: Any) -> dict[str, Any]:
    """Write the per-channel int8 ONNX model to ``out``; return export checks. ``enc``: the
    sample encoding to trace with (and to compare the exports with torch on)."""
    torch = torch_module()
    import numpy as np
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class WithSigmoid(torch.nn.Module):  # type: ignore[name-defined]  # torch is Any here
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return torch.sigmoid(self.inner(input_ids, attention_mask))

    wrapped = WithSigmoid(model).eval()
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            wrapped,
            (enc["input_ids"], enc["attention_mask"]),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["scores"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "sequence"},
                "attention_mask": {0: "batch", 1: "sequence"},
                "scores": {0: "batch"},
            },
            opset_version=17,
            do_constant_folding=True,
            dynamo=False,
        )
        onnx.checker.check_model(str(fp32))
        pre = Path(tmp) / "pre.onnx"
        try:
            from onnxruntime.quantization.shape_inference import quant_pre_process

            quant_pre_process(str(fp32), str(pre), skip_symbolic_shape=True)
        except Exception as exc:  # pre-processing is an optimisation only
            print(f"quant_pre_process skipped: {exc}")
            pre = fp32
        quantize_dynamic(
            str(pre),
            str(out),
            per_channel=True,
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul", "Gather"],
        )
        with torch.no_grad():
            ref = wrapped(enc["input_ids"], enc["attention_mask"]).numpy()
        feeds = {
            "input_ids": enc["input_ids"].numpy().astype(np.int64),
            "attention_mask": enc["attention_mask"].numpy().astype(np.int64),
        }
        fp32_out = ort.InferenceSession(str(fp32)).run(None, feeds)[0]
        q_out = ort.InferenceSession(str(out)).run(None, feeds)[0]
    return {
        "fp32_vs_torch_max_abs": float(np.abs(fp32_out - ref).max()),
        "int8_vs_torch_max_abs": float(np.abs(q_out - ref).max()),
    }


def save_tokenizer(tokenizer: Any, out: Path) -> None:
    """The fast tokenizer's ``tokenizer.json``, with no padding or truncation baked in."""
    backend = tokenizer.backend_tokenizer
    backend.no_padding()
    backend.no_truncation()
    backend.save(str(out))
