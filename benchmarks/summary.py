#!/usr/bin/env python3
"""Prints the issue-4 benchmark tables (markdown) with Trellis/raw ratios from a JMH JSON result file.

Usage: python3 benchmarks/summary.py benchmarks/target/jmh-result.json
"""
import json
import sys


def rows(path):
    out = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)
        key = (name[-2], name[-1], tuple(sorted(r.get("params", {}).items())))
        m = r["primaryMetric"]
        pct = m.get("scorePercentiles", {})
        out[key] = {"score": m["score"], "error": m["scoreError"], "unit": m["scoreUnit"],
                    "p50": pct.get("50.0"), "p99": pct.get("99.0"), "n": len(m.get("rawData", [[]])[0]) if m.get("rawData") else None}
    return out


def get(data, cls, bench, **params):
    return data.get((cls, bench, tuple(sorted((k, str(v)) for k, v in params.items()))))


def main(path):
    d = rows(path)
    if get(d, "WriteBenchmark", "rawInsertBlock") and get(d, "WriteBenchmark", "rawInsertPlain"):
        writes(d)
    if get(d, "SearchBenchmark", "rawFts5", query="heron"):
        search(d)
    sync(d)


def writes(d):
    print("### Writes (ops/s, mean of 3 iterations ± 99.9% CI)\n")
    print("| Benchmark | ops/s | vs rawInsertBlock | vs rawInsertPlain |")
    print("|---|---|---|---|")
    block = get(d, "WriteBenchmark", "rawInsertBlock")["score"]
    plain = get(d, "WriteBenchmark", "rawInsertPlain")["score"]
    for b in ("trellisCreate", "trellisSet", "rawInsertBlock", "rawInsertBlockNoFts", "rawInsertPlain"):
        r = get(d, "WriteBenchmark", b)
        if r is None:
            continue
        print(f"| {b} | {r['score']:.0f} ± {r['error']:.0f} | {r['score'] / block:.2f}x | {r['score'] / plain:.2f}x |")


def search(d):
    print("\n### Search (ms per search)\n")
    print("| query | Benchmark | p50 | p99 | mean | p50 / raw p50 | p99 / raw p99 |")
    print("|---|---|---|---|---|---|---|")
    for q in ("heron", "kestrel"):
        raw = get(d, "SearchBenchmark", "rawFts5", query=q)
        if raw is None:
            continue
        for b in ("trellisSearch", "trellisStoreSearch", "rawFts5", "trellisSearchUnscoped"):
            r = get(d, "SearchBenchmark", b, query=q)
            if r is None:
                continue
            print(f"| {q} | {b} | {r['p50'] / 1000:.2f} | {r['p99'] / 1000:.2f} | {r['score'] / 1000:.2f}"
                  f" | {r['p50'] / raw['p50']:.2f}x | {r['p99'] / raw['p99']:.2f}x |")


def sync(d):
    print("\n### Delta delivery (µs)\n")
    print("| Benchmark | subscribers | wait | p50 | p99 | mean |")
    print("|---|---|---|---|---|---|")
    for b in ("hubDelivery", "writeAndDeliver"):
        for n in (1, 100):
            for w in ("PARK", "YIELD", None):
                r = get(d, "SyncBenchmark", b, subscribers=n, **({"wait": w} if w else {}))
                if r is not None:
                    print(f"| {b} | {n} | {w or 'PARK'} | {r['p50']:.0f} | {r['p99']:.0f} | {r['score']:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
