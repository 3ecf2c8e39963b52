#!/usr/bin/env python3
"""Times upstream CTGAN's epochs (sdv-dev/CTGAN on PyTorch) beside ours (GanEpochBenchmark, DJL) in one
run, on the same rows, batch size, epochs and thread count, and prints the ratio (issue 18).

Not part of the build. Upstream runs from a checkout of its repositories, outside the project:

    apt-get install -y python3-torch python3-sklearn python3-pandas python3-tqdm python3-fake-factory
    mvn -B -q -pl runtime/train -am test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/train-cp.txt
    /usr/bin/python3 runtime/train/src/benchmark/python/upstream_ctgan_epochs.py \
        --ctgan /path/to/CTGAN --rdt /path/to/RDT --classpath-file /tmp/train-cp.txt --epochs 300

The data is half of flchain (every second row, 3,937 of 7,874), missing continuous values replaced
by the column's median (upstream refuses them), written to a temporary CSV that both sides read. Upstream gets as discrete columns the text columns and the numeric ones with at most ten
distinct values; ours infers its schema. Both train CTGAN's published defaults (latent 128, 256x2
networks, pac 10, batch 500, one critic step per generator step). Epoch times are per epoch from the
third on (the first two warm up); the process CPU time is given too, as the fairer figure on a
shared machine.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))


class TimedEpochs:
    """Stands in for upstream's tqdm progress bar over the epochs and records each epoch's times."""

    wall = []
    cpu = []

    def __init__(self, iterable, disable=True):
        self.iterable = iterable

    def __iter__(self):
        last_wall, last_cpu = time.perf_counter(), time.process_time()
        for item in self.iterable:
            yield item
            now_wall, now_cpu = time.perf_counter(), time.process_time()
            TimedEpochs.wall.append(now_wall - last_wall)
            TimedEpochs.cpu.append(now_cpu - last_cpu)
            last_wall, last_cpu = now_wall, now_cpu

    def set_description(self, text):
        pass


def steady(values):
    return statistics.median(values[2:]) if len(values) > 2 else statistics.median(values)


def upstream(half, epochs, batch, threads):
    import torch
    from ctgan.synthesizers import ctgan as ctgan_module

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    ctgan_module.tqdm = TimedEpochs
    discrete = [
        c for c in half.columns
        if half[c].dtype == object or half[c].dropna().nunique() <= 10
    ]
    model = ctgan_module.CTGAN(epochs=epochs, batch_size=batch, verbose=False)
    start = time.perf_counter()
    model.fit(half, discrete_columns=discrete)
    total = time.perf_counter() - start
    width = model._transformer.output_dimensions
    return discrete, width, steady(TimedEpochs.wall), steady(TimedEpochs.cpu), total, torch.__version__


def ours(csv, epochs, threads, classpath, java):
    command = [
        java,
        "-Dai.djl.offline=true",
        f"-Dai.djl.pytorch.num_threads={threads}",
        f"-Dai.djl.pytorch.num_interop_threads={threads}",
        "-cp",
        classpath,
        "io.github.syntheticpatients.runtime.gan.GanEpochBenchmark",
        str(epochs),
        "CTGAN",
        csv,
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(out, end="")
    wall = float(re.search(r"steady state .*: median ([0-9.]+) s", out).group(1))
    cpu = float(re.search(r"process CPU per epoch .*: median ([0-9.]+) s", out).group(1))
    width = int(re.search(r"(\d+) encoded values", out).group(1))
    return width, wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ctgan", required=True, help="checkout of github.com/sdv-dev/CTGAN")
    parser.add_argument("--rdt", required=True, help="checkout of github.com/sdv-dev/RDT")
    parser.add_argument("--classpath-file", required=True, help="runtime/train's test classpath")
    parser.add_argument("--data", default=os.path.join(REPO, "runtime/core/src/test/resources/data/flchain.csv"))
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--java", default="java")
    args = parser.parse_args()
    sys.path[:0] = [args.ctgan, args.rdt]
    import pandas

    train = os.path.join(REPO, "runtime/train")
    with open(args.classpath_file) as f:
        classpath = ":".join(
            [os.path.join(train, "target/test-classes"), os.path.join(train, "target/classes"), f.read().strip()])
    half = pandas.read_csv(args.data).iloc[::2].reset_index(drop=True)
    # Upstream refuses missing values in continuous columns: both sides get them as the median.
    for column in half.columns:
        if half[column].dtype != object and half[column].dropna().nunique() > 10:
            half[column] = half[column].fillna(half[column].median())
    with tempfile.TemporaryDirectory() as folder:
        csv = os.path.join(folder, "half.csv")
        half.to_csv(csv, index=False)
        print(f"load average before: {os.getloadavg()}")
        our_width, our_wall, our_cpu = ours(csv, args.epochs, args.threads, classpath, args.java)
        print(f"load average between: {os.getloadavg()}")
        discrete, up_width, up_wall, up_cpu, up_total, torch_version = upstream(
            half, args.epochs, args.batch, args.threads)
        print(f"load average after: {os.getloadavg()}")
    print(f"data: {args.data}, every second row: {len(half)} rows; {args.epochs} epochs, batch {args.batch}, "
          f"{args.threads} torch thread(s)")
    print(f"upstream CTGAN (torch {torch_version}), discrete {discrete}: {up_width} encoded values, "
          f"epoch median {up_wall:.3f} s wall, {up_cpu:.3f} s CPU; fit {up_total:.1f} s in total")
    print(f"ours (GanEpochBenchmark): {our_width} encoded values, epoch median {our_wall:.3f} s wall, "
          f"{our_cpu:.3f} s CPU")
    print(f"ratio upstream / ours: {up_wall / our_wall:.2f}x wall, {up_cpu / our_cpu:.2f}x CPU (target >= 3x)")


if __name__ == "__main__":
    main()
