"""gemm.py -- PyTorch's float32 / float64 matrix-product speed, the reference half of distill4j's `bench gemm`.

For each product m x k . k x n (square n = 64 ... 2048, and the shapes distill4j's students use) it times
torch.mm(a, b, out=c) into a preallocated output: a warm-up pass, then the best of --repeats timed passes of
enough calls to take ~--seconds each.  Prints progress to stderr and one line
    RESULT {"bench": "gemm", "threads": N, "torch": version, "torch_gflops_<shape>": ..., "torch_gflops64_<shape>": ...}
where <shape> is n for square products and MxKxN otherwise.  --threads N sets OMP/MKL/OpenBLAS threads and
torch.set_num_threads(N), with OMP_WAIT_POLICY=PASSIVE as in ../shared/bench (spinning OpenMP workers fight
OpenBLAS's threads on a 2-core machine).
"""
import argparse
import json
import os
import sys
import time

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--shapes", default="64,128,256,512,1024,2048,20x784x50,128x784x50,128x50x30,100x784x500",
                    help="comma-separated n or MxKxN")
parser.add_argument("--seconds", type=float, default=0.3, help="target length of one timed pass")
parser.add_argument("--repeats", type=int, default=3)
args = parser.parse_args()
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[var] = str(args.threads)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402  (after the thread variables are set)

torch.set_num_threads(args.threads)
torch.manual_seed(0)


def dims(shape):
    parts = [int(p) for p in shape.split("x")]
    return (parts[0], parts[0], parts[0]) if len(parts) == 1 else tuple(parts)


def gflops(m, k, n, dtype):
    a, b, c = torch.rand(m, k, dtype=dtype), torch.rand(k, n, dtype=dtype), torch.empty(m, n, dtype=dtype)
    flops = 2.0 * m * k * n
    torch.mm(a, b, out=c)
    t0 = time.perf_counter()
    torch.mm(a, b, out=c)
    one = max(time.perf_counter() - t0, 1e-7)
    calls = max(3, min(100000, int(args.seconds / one)))
    best = 0.0
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            torch.mm(a, b, out=c)
        best = max(best, flops * calls / (time.perf_counter() - t0) / 1e9)
    return best


result = {"bench": "gemm", "threads": args.threads, "torch": torch.__version__}
for shape in args.shapes.split(","):
    m, k, n = dims(shape)
    result[f"torch_gflops_{shape}"] = gflops(m, k, n, torch.float32)
    result[f"torch_gflops64_{shape}"] = gflops(m, k, n, torch.float64)
    print(f"torch {shape}: {result[f'torch_gflops_{shape}']:.1f} GFLOP/s float32, "
          f"{result[f'torch_gflops64_{shape}']:.1f} float64", file=sys.stderr)
print("RESULT " + json.dumps(result))
