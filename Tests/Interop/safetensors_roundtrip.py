#!/usr/bin/env python3
"""Interoperability check of Layerwise's safetensors files with the reference implementation.

    safetensors_roundtrip.py write DIR   # writes the files Layerwise's InteropTests read
    safetensors_roundtrip.py check DIR   # checks the files InteropTests wrote

Uses the `safetensors` package (its numpy API, so PyTorch is not needed) and numpy. The files
written here follow PyTorch's state_dict of

    torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3))

(names, [out, in] weight layout, the int64 `num_batches_tracked`), with values given by
formulas that the Swift test repeats; the expected outputs are computed here with numpy in
float64. .ci/run runs `write`, then `swift test` (with LAYERWISE_INTEROP_DIR set), then `check`.
"""
import json
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file


def formula(count, scale, offset):
    """Exactly representable values: (i - offset) / scale for i in 0..<count."""
    return (np.arange(count, dtype=np.float64) - offset) / scale


def batchnorm_eval(x, mean, var, weight, bias, eps=1e-5):
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def write(folder):
    state = {
        "0.weight": formula(12, 8, 5).reshape(3, 4).astype(np.float32),
        "0.bias": np.array([0.5, -0.25, 1.0], dtype=np.float32),
        "1.weight": np.array([1.0, 2.0, 0.5], dtype=np.float32),
        "1.bias": np.array([0.0, -1.0, 0.125], dtype=np.float32),
        "1.running_mean": np.array([0.25, -0.5, 0.0], dtype=np.float32),
        "1.running_var": np.array([1.0, 4.0, 0.25], dtype=np.float32),
        "1.num_batches_tracked": np.array(7, dtype=np.int64),
    }
    save_file(state, f"{folder}/from-python.safetensors", metadata={"format": "pt", "writer": "safetensors.numpy"})

    x = formula(8, 4, 3).reshape(2, 4)
    f = {k: v.astype(np.float64) for k, v in state.items()}
    z = x @ f["0.weight"].T + f["0.bias"]
    y = batchnorm_eval(z, f["1.running_mean"], f["1.running_var"], f["1.weight"], f["1.bias"])
    save_file({"input": x, "output": y}, f"{folder}/from-python-expected.safetensors")

    # Every dtype Layerwise reads, with values each type holds exactly.
    values = np.array([0.5, -1.25, 3.0, 2.0 ** -10], dtype=np.float64)
    dtypes = {
        "f64": values.astype(np.float64),
        "f32": values.astype(np.float32),
        "f16": values.astype(np.float16),
        "steps": np.array([3, -4, 2**40, 0], dtype=np.int64),
    }
    save_file(dtypes, f"{folder}/from-python-dtypes.safetensors")
    print(f"wrote {folder}/from-python*.safetensors")


def check(folder):
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    # 1. Weights of torch.nn.Sequential(Linear(4, 3), BatchNorm1d(3), ReLU(), Linear(3, 2)).
    path = f"{folder}/from-swift.safetensors"
    state = load_file(path)
    with safe_open(path, framework="numpy") as f:
        metadata = f.metadata() or {}
    expected_shapes = {
        "0.weight": (3, 4), "0.bias": (3,), "1.weight": (3,), "1.bias": (3,),
        "1.running_mean": (3,), "1.running_var": (3,), "3.weight": (2, 3), "3.bias": (2,),
    }
    expect(set(state) == set(expected_shapes), f"names {sorted(state)} != {sorted(expected_shapes)}")
    for name, shape in expected_shapes.items():
        if name in state:
            expect(state[name].shape == shape, f"{name}: shape {state[name].shape} != {shape}")
            expect(state[name].dtype == np.float32, f"{name}: dtype {state[name].dtype}")
    expect(metadata.get("writer") == "Layerwise", f"metadata {metadata}")
    # The values the Swift test set, by the same formulas.
    expect(np.array_equal(state["0.weight"], formula(12, 8, 5).reshape(3, 4).astype(np.float32)), "0.weight values")
    expect(np.array_equal(state["3.weight"], formula(6, 4, 2).reshape(2, 3).astype(np.float32)), "3.weight values")
    expect(np.array_equal(state["1.running_var"], np.array([1.0, 4.0, 0.25], dtype=np.float32)), "1.running_var values")

    # 2. The Swift model's eval output on a fixed input, recomputed with numpy.
    expected = load_file(f"{folder}/from-swift-expected.safetensors")
    s = {k: v.astype(np.float64) for k, v in state.items()}
    x = expected["input"].astype(np.float64)
    z = x @ s["0.weight"].T + s["0.bias"]
    z = batchnorm_eval(z, s["1.running_mean"], s["1.running_var"], s["1.weight"], s["1.bias"])
    y = np.maximum(z, 0) @ s["3.weight"].T + s["3.bias"]
    error = np.max(np.abs(y - expected["output"].astype(np.float64)))
    expect(error <= 1e-5, f"eval output differs from numpy by {error}")

    # 3. A full training checkpoint (weights, optimizer state, metadata) is valid safetensors.
    path = f"{folder}/from-swift-training.safetensors"
    training = load_file(path)
    with safe_open(path, framework="numpy") as f:
        metadata = f.metadata() or {}
    expect(training["optimizer.state.0.weight.step"].dtype == np.int64, "step dtype")
    expect(int(training["optimizer.state.0.weight.step"]) == 1, "step value")
    expect(training["optimizer.state.0.weight.exp_avg"].shape == (3, 4), "exp_avg shape")
    expect(metadata.get("layerwise.optimizer.type") == "Adam", f"optimizer type in {metadata}")
    expect(float(metadata["layerwise.optimizer.learning_rate"]) == 0.01, "learning rate")
    expect(json.loads(metadata["epoch"]) == 1, "epoch value")
    # What PyTorch's load_state_dict would receive: the weights without the optimizer state.
    weights_only = {k: v for k, v in training.items() if not k.startswith("optimizer.")}
    expect(set(weights_only) == set(expected_shapes), "training checkpoint weights")

    if failures:
        print("interop check FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"interop check passed: {len(state)} tensors, eval output within {error:.2e} of numpy")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    {"write": write, "check": check}[sys.argv[1]](sys.argv[2])
