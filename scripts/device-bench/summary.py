#!/usr/bin/env python3
"""summary.md of a device-bench run: one row per model with prompt and
generation speed, the weight bandwidth of generation and its share of the
card's peak memory bandwidth (from the card's name: the vendors' data
sheets; an unknown card gets no share)."""
import json
import os
import sys

# Peak memory bandwidth in GB/s, from NVIDIA's data sheets (HBM3/HBM3e).
PEAK_GBPS = [
    ("H200", 4800.0),
    ("H100 PCIe", 2000.0),
    ("H100 NVL", 3900.0),
    ("H100", 3350.0),  # SXM5
    ("A100-SXM4-80GB", 2039.0),
    ("A100", 1555.0),
]


def peak_for(gpu_text):
    for name, gbps in PEAK_GBPS:
        if name in gpu_text:
            return name, gbps
    return None, None


def main():
    gpu_text = open(sys.argv[1]).read()
    rows = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
    card, peak = peak_for(gpu_text)
    print(f"GPU: {gpu_text.strip().splitlines()[-1] if gpu_text.strip() else 'unknown'}")
    print(f"Peak memory bandwidth: {peak:.0f} GB/s ({card})" if peak else "Peak memory bandwidth: unknown card")
    print()
    print("| model | matmul | device | pp t/s | tg t/s | ttft ms | weight GB/s | of peak | dispatches/token | VRAM MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        share = f"{100.0 * r['tg_weight_gbps'] / peak:.0f} %" if peak else "—"
        print(f"| {os.path.basename(r.get('file', r['model']))} | {r.get('matmul', 'auto')} | {r['device']} | {r['pp_tps']:.0f} (pp{r['pp_tokens']}) | "
              f"{r['tg_tps']:.1f} (tg{r['tg_tokens']}) | {r['ttft_ms']:.1f} | {r['tg_weight_gbps']:.0f} | {share} | "
              f"{r['dispatches_per_token']} | {r['vram_bytes'] / 2**20:.0f} |")


if __name__ == "__main__":
    main()
