#!/usr/bin/env python3
"""Times every component of `components` (Benchmarks/Components) in PyTorch and prints the
joint table with ratios (PyTorch's time / Layerwise's: above 1 means Layerwise is faster).

    python3 Benchmarks/Components/compare_pytorch.py [--threads 2] [--runs 5] [--python PATH]

On first use it creates a virtual environment in .build/pytorch-venv (ignored by git) and
installs PyTorch from PyPI into it (several GB, a few minutes); `--python` uses an existing
interpreter that has torch instead. Layerwise's side is `swift run -c release components
--json`, run first, then PyTorch's, one after the other on the same machine: keep it quiet
(PyTorch's threads degrade badly when another process holds a core).
"""
import argparse, json, math, os, platform, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def ensure_torch(arguments):
    if arguments.inside:
        return
    python = arguments.python
    if python is None:
        venv = os.path.join(ROOT, ".build", "pytorch-venv")
        python = os.path.join(venv, "bin", "python")
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        if subprocess.run([python, "-c", "import torch"], capture_output=True).returncode != 0:
            subprocess.run([python, "-m", "pip", "install", "--quiet", "torch", "numpy"], check=True)
    os.execv(python, [python, os.path.abspath(__file__), "--inside"] + sys.argv[1:])


def best_time(body, runs, run_seconds):
    body()
    start = time.perf_counter(); body(); once = max(time.perf_counter() - start, 1e-7)
    calls = max(1, int(run_seconds / once))
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(calls):
            body()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def torch_timings(runs, run_seconds):
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    torch.manual_seed(0)
    timings = {}

    def record(group, name, size, body):
        timings[(group, name, size)] = best_time(body, runs, run_seconds)

    factories = [
        ("ReLU", lambda c: nn.ReLU()), ("LeakyReLU", lambda c: nn.LeakyReLU()), ("PReLU", lambda c: nn.PReLU()),
        ("ELU", lambda c: nn.ELU()), ("SELU", lambda c: nn.SELU()), ("GELU", lambda c: nn.GELU()),
        ("GELU(tanh)", lambda c: nn.GELU("tanh")), ("SiLU", lambda c: nn.SiLU()), ("Mish", lambda c: nn.Mish()),
        ("Softplus", lambda c: nn.Softplus()), ("Softsign", lambda c: nn.Softsign()), ("Hardtanh", lambda c: nn.Hardtanh()),
        ("Sigmoid", lambda c: nn.Sigmoid()), ("Tanh", lambda c: nn.Tanh()), ("Softmax", lambda c: nn.Softmax(dim=-1)),
        ("LogSoftmax", lambda c: nn.LogSoftmax(dim=-1)), ("BatchNorm", lambda c: nn.BatchNorm1d(c)),
        ("LayerNorm", lambda c: nn.LayerNorm(c)), ("Dropout(0.2)", lambda c: nn.Dropout(0.2)), ("Linear", lambda c: nn.Linear(c, c)),
    ]
    for rows, columns in [(128, 256), (512, 1024), (127, 259)]:
        for name, make in factories:
            module = make(columns).train()
            x = torch.randn(rows, columns, requires_grad=True)
            ones = torch.ones(rows, columns)

            def step(module=module, x=x, ones=ones):
                module.zero_grad(set_to_none=False)
                x.grad = None
                module(x).backward(ones)
            record("layer", name, f"{rows}×{columns}", step)

    prediction = torch.randn(512, 1024, requires_grad=True)
    target = torch.randn(512, 1024)
    probabilities = torch.rand(512, 1024)
    for name, loss, t in [("MSE", F.mse_loss, target), ("L1", F.l1_loss, target), ("Huber", F.huber_loss, target),
                          ("BCEWithLogits", F.binary_cross_entropy_with_logits, probabilities)]:
        def step(loss=loss, t=t):
            prediction.grad = None
            loss(prediction, t).backward()
        record("loss", name, "512×1024", step)
    logits = torch.randn(512, 1000, requires_grad=True)
    labels = torch.randint(0, 1000, (512,))

    def cross_entropy():
        logits.grad = None
        F.cross_entropy(logits, labels).backward()
    record("loss", "CrossEntropy", "512×1000", cross_entropy)

    def mlp():
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizers = [
        ("SGD", lambda p: torch.optim.SGD(p, lr=1e-3)),
        ("SGD(momentum)", lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9)),
        ("SGD(nesterov, weight decay)", lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9, weight_decay=1e-4, nesterov=True)),
        ("Adagrad", lambda p: torch.optim.Adagrad(p)), ("RMSprop", lambda p: torch.optim.RMSprop(p)),
        ("RMSprop(centered, momentum)", lambda p: torch.optim.RMSprop(p, momentum=0.9, centered=True)),
        ("Adadelta", lambda p: torch.optim.Adadelta(p)), ("Adam", lambda p: torch.optim.Adam(p)),
        ("Adam(amsgrad)", lambda p: torch.optim.Adam(p, amsgrad=True)), ("AdamW", lambda p: torch.optim.AdamW(p)),
        ("Adamax", lambda p: torch.optim.Adamax(p)), ("NAdam", lambda p: torch.optim.NAdam(p)), ("RAdam", lambda p: torch.optim.RAdam(p)),
    ]
    for name, make in optimizers:
        model = mlp()
        for parameter in model.parameters():
            parameter.grad = torch.randn_like(parameter)
        optimizer = make(model.parameters())
        optimizer.step()
        record("optimizer", name, "235146", optimizer.step)
    model = mlp()
    for parameter in model.parameters():
        parameter.grad = torch.randn_like(parameter)
    record("optimizer", "clip_grad_norm", "235146", lambda: torch.nn.utils.clip_grad_norm_(model.parameters(), 1e9))

    x = torch.randn(128, 784)
    y = torch.randint(0, 10, (128,))
    steps = [
        ("MLP ReLU, Adam", mlp(), torch.optim.Adam),
        ("MLP BatchNorm GELU Dropout, SGD Nesterov", nn.Sequential(
            nn.Linear(784, 256), nn.BatchNorm1d(256), nn.GELU(), nn.Dropout(0.2),
            nn.Linear(256, 128), nn.BatchNorm1d(128), nn.GELU(), nn.Dropout(0.2), nn.Linear(128, 10)),
         lambda p: torch.optim.SGD(p, lr=1e-2, momentum=0.9, nesterov=True)),
        ("MLP LayerNorm SiLU, AdamW", nn.Sequential(
            nn.Linear(784, 256), nn.LayerNorm(256), nn.SiLU(), nn.Linear(256, 128), nn.LayerNorm(128), nn.SiLU(),
            nn.Linear(128, 10)), torch.optim.AdamW),
    ]
    for name, model, make in steps:
        model.train()
        optimizer = make(model.parameters())

        def step(model=model, optimizer=optimizer):
            optimizer.zero_grad()
            F.cross_entropy(model(x), y).backward()
            optimizer.step()
        record("step", name, "batch 128", step)

    raw = np.random.default_rng(0).integers(0, 256, 10000 * 784 + 16, dtype=np.uint8).tobytes()
    record("data", "IDX to scaled Float", "10000×784",
           lambda: torch.frombuffer(bytearray(raw), dtype=torch.uint8, offset=16).reshape(10000, 784).float().div_(255))
    return timings, torch.__version__


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=0.05)
    parser.add_argument("--python")
    parser.add_argument("--inside", action="store_true")
    arguments = parser.parse_args()
    ensure_torch(arguments)

    subprocess.run(["swift", "build", "-c", "release", "--product", "components"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "components")
    swift = json.loads(subprocess.run(
        [binary, "--json", "--threads", str(arguments.threads), "--runs", str(arguments.runs),
         "--seconds", str(arguments.seconds)], check=True, capture_output=True, text=True).stdout)
    import torch
    torch.set_num_threads(arguments.threads)
    theirs, version = torch_timings(arguments.runs, arguments.seconds)

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    print(f"{time.strftime('%Y-%m-%d')}, {cpu}, {os.cpu_count()} cores, {arguments.threads} threads, "
          f"PyTorch {version}, best of {arguments.runs} runs; ratio = PyTorch time / Layerwise time\n")
    print("| group | component | size | Layerwise µs | PyTorch µs | ratio |")
    print("| --- | --- | --- | ---: | ---: | ---: |")
    ratios = []
    for row in swift["timings"]:
        key = (row["group"], row["name"], row["size"])
        ours = row["seconds"] * 1e6
        other = theirs.get(key)
        if other is None:
            print(f"| {key[0]} | {key[1]} | {key[2]} | {ours:.1f} | — | — |")
            continue
        ratio = other * 1e6 / ours
        ratios.append(ratio)
        print(f"| {key[0]} | {key[1]} | {key[2]} | {ours:.1f} | {other * 1e6:.1f} | {ratio:.2f} × |")
    if ratios:
        geometric = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        below = [r for r in ratios if r < 1]
        print(f"\n{len(ratios)} components; geometric mean {geometric:.2f} ×; {len(ratios) - len(below)} at least as fast as PyTorch")


if __name__ == "__main__":
    main()
