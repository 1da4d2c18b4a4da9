#!/usr/bin/env python3
"""Helpers for bin/bench-nbd (standard library only).

  nbd_report.py fio JSON_FILE        -> "iops mib_s clat_p50_us clat_p99_us fio_cpu_pct"
  nbd_report.py cpu                  -> "busy_ticks total_ticks" of the whole machine (/proc/stat)
  nbd_report.py table RESULTS_TSV    -> the comparison table with ratios and targets

RESULTS_TSV has one line per fio run:
  job transport server iops mib_s p50_us p99_us server_cpu_pct other_cpu_pct load1
"""
import json
import sys

# job -> (what is compared, minimum jdrbd/nbdkit ratio or None when the issue sets no target)
JOBS = {
    "seqw_1M_qd8": ("MiB/s", 1.0),
    "randw_4k_qd1": ("IOPS", 0.9),
    "randw_4k_qd32": ("IOPS", 1.0),
    "randr_4k_qd32": ("IOPS", None),
}


def load_fio(path):
    """fio's nbd engine prints 'fio: connected to NBD server' before the JSON; skip to '{'."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = text.find("{")
    if start < 0:
        raise SystemExit(f"{path}: no fio JSON (fio failed?)")
    return json.loads(text[start:])


def fio_summary(path):
    job = load_fio(path)["jobs"][0]
    if job.get("error", 0) != 0:
        raise SystemExit(f"{path}: fio job error {job['error']}")
    side = job["read"] if job["read"]["io_bytes"] > 0 else job["write"]
    pct = side["clat_ns"].get("percentile", {})
    p50_us = pct.get("50.000000", 0) / 1000.0
    p99_us = pct.get("99.000000", 0) / 1000.0
    fio_cpu = job.get("usr_cpu", 0.0) + job.get("sys_cpu", 0.0)
    print(f"{side['iops']:.1f} {side['bw'] / 1024.0:.1f} {p50_us:.0f} {p99_us:.0f} {fio_cpu:.1f}")


def machine_cpu():
    with open("/proc/stat", encoding="ascii") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])       # up to steal; guest time is already inside user
    print(f"{total - idle} {total}")


def read_results(path):
    rows = {}
    order = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            job, transport, server, iops, mib, p50, p99, srv_cpu, other_cpu, load1 = line.split()
            key = (job, transport)
            if key not in rows:
                rows[key] = {}
                order.append(key)
            rows[key][server] = dict(iops=float(iops), mib=float(mib), p50=p50, p99=p99,
                                     cpu=srv_cpu, other=other_cpu, load1=load1)
    return order, rows


def table(path):
    order, rows = read_results(path)
    header = ("job", "transport", "unit", "jdrbd", "nbdkit", "ratio", "target", "verdict",
              "p50 us j/n", "p99 us j/n", "srv CPU% j/n", "other CPU% j/n", "load1 j/n")
    lines = [header]
    misses = 0
    for job, transport in order:
        pair = rows[(job, transport)]
        j, n = pair.get("jdrbd"), pair.get("nbdkit")
        if j is None or n is None:
            continue
        unit, target = JOBS[job]
        jv = j["mib"] if unit == "MiB/s" else j["iops"]
        nv = n["mib"] if unit == "MiB/s" else n["iops"]
        ratio = jv / nv if nv > 0 else float("nan")
        if target is None:
            tgt, verdict = "-", "-"
        else:
            tgt = f">= {target:.1f}"
            verdict = "ok" if ratio >= target else "BELOW"
            misses += verdict != "ok"
        lines.append((job, transport, unit, f"{jv:.0f}", f"{nv:.0f}", f"{ratio:.2f}", tgt, verdict,
                      f"{j['p50']}/{n['p50']}", f"{j['p99']}/{n['p99']}",
                      f"{j['cpu']}/{n['cpu']}", f"{j['other']}/{n['other']}",
                      f"{j['load1']}/{n['load1']}"))
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    for k, row in enumerate(lines):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print("ratio = jdrbd / nbdkit (MiB/s for seq write, IOPS otherwise). Targets (issue 5): >= 1.0 on")
    print("seq write and 4k QD32 write, >= 0.9 on 4k QD1 write; random read has no target.")
    print("srv CPU% = the server process's CPU over the run (100 = one core); other CPU% = machine")
    print("CPU not used by that server or fio (other work on the box); load1 = 1-min load at the end.")
    print(f"rows below target: {misses}")


def main(argv):
    if len(argv) == 3 and argv[1] == "fio":
        fio_summary(argv[2])
    elif len(argv) == 2 and argv[1] == "cpu":
        machine_cpu()
    elif len(argv) == 3 and argv[1] == "table":
        table(argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
