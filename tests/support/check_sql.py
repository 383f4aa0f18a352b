#!/usr/bin/env python3
"""Runs tests/support/summary.sql in DuckDB on CDNOW_master.txt and compares
it with the app's own summary (domain::customer_base::import, exported by the
`export_summary` example, tests/support/export_summary.rs).

Counts and days must match exactly, money to the cent; exits non-zero on any
mismatch.

Usage: make test-sql, or python3 tests/support/check_sql.py from the
repository root with CDNOW_DIR set (make data). Creates .cache/venv with
duckdb when missing (idempotent) and re-runs itself there; builds and runs
the example with cargo.
"""
import csv
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = ROOT / ".cache" / "venv"
CDNOW_DIR = Path(os.environ.get("CDNOW_DIR", str(ROOT / ".cache" / "cdnow" / "lifetimes" / "datasets")))
OBSERVATION_END = "1998-06-30"


def ensure_venv():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from support_venv import reexec_in

    reexec_in(VENV, "duckdb", "duckdb", __file__)


def rust_summary(out: Path):
    # The test profile (opt-level 2) shares its build with `make test-native`.
    subprocess.check_call(
        ["cargo", "run", "--quiet", "--locked", "--profile", "test",
         "--example", "export_summary", "--",
         str(CDNOW_DIR / "CDNOW_master.txt"), str(out), OBSERVATION_END, "day"],
        cwd=ROOT)
    with open(out, newline="") as f:
        return {r["customer_id"]: r for r in csv.DictReader(f)}


def main():
    ensure_venv()
    import duckdb

    master = CDNOW_DIR / "CDNOW_master.txt"
    if not master.exists():
        sys.exit(f"missing {master}: run `make data` or set CDNOW_DIR (see README)")
    tmp = Path(tempfile.mkdtemp())
    # CDNOW_master.txt is whitespace-separated: id date(YYYYMMDD) qty amount.
    rows = []
    for line in master.read_text().splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[1].isdigit():
            rows.append(parts)
    norm = tmp / "cdnow.csv"
    with open(norm, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    con = duckdb.connect()
    con.execute(f"""
        CREATE TABLE transactions AS
        SELECT customer_id, strptime(d, '%Y%m%d')::DATE AS date, amount
        FROM read_csv('{norm}', header = false,
                      columns = {{'customer_id': 'VARCHAR', 'd': 'VARCHAR',
                                 'qty': 'INTEGER', 'amount': 'DOUBLE'}})
    """)
    sql = (HERE / "summary.sql").read_text()
    if "CAST(NULL AS DATE),  -- observation_end" not in sql:
        sys.exit("summary.sql no longer has the observation_end placeholder this script fills in")
    sql = sql.replace("CAST(NULL AS DATE),  -- observation_end",
                      f"DATE '{OBSERVATION_END}',  -- observation_end")
    plain, grouped = sql.split("-- grouped variant")
    cols = ["customer_id", "frequency", "recency", "T", "monetary_value", "historical_spend"]
    got = {r[0]: dict(zip(cols, r)) for r in con.execute(plain).fetchall()}
    groups = con.execute(grouped.split("\n", 1)[1]).fetchall()

    rust = rust_summary(tmp / "rust.csv")
    problems = []
    if set(got) != set(rust):
        problems.append(f"customer sets differ: sql {len(got)}, rust {len(rust)}")
    for cid, s in got.items():
        r = rust.get(cid)
        if r is None:
            continue
        for k in ("frequency", "recency", "T"):
            if int(s[k]) != float(r[k]) or float(r[k]) != int(float(r[k])):
                problems.append(f"{cid} {k}: sql {s[k]} rust {r[k]}")
        for k in ("monetary_value", "historical_spend"):
            if abs(float(s[k]) - float(r[k])) >= 0.005:
                problems.append(f"{cid} {k}: sql {s[k]} rust {r[k]}")
    # The grouped variant against the Rust rows grouped the same way.
    want = Counter((int(r["frequency"]), int(float(r["recency"])), int(float(r["T"])),
                    round(float(r["monetary_value"]), 2)) for r in rust.values())
    have = Counter()
    for g in groups:
        have[(int(g[1]), int(g[2]), int(g[3]), round(float(g[4]), 2))] += int(g[5])
    if want != have:
        diff = list((want - have).items())[:3] + list((have - want).items())[:3]
        # Cent rounding of a half cent may differ (DuckDB rounds half away
        # from zero on the double; Python's round works on the binary value):
        # accept groups that differ by at most a cent in monetary_value only.
        def by_frt(c):
            out = Counter()
            for k, v in c.items():
                out[k[:3]] += v
            return out
        if by_frt(want) != by_frt(have) or len(want) != len(have):
            problems.append(f"grouped forms differ: sql {len(have)} groups, rust {len(want)}: {diff}")
        else:
            print(f"note: grouped keys differing only by half-cent rounding: {diff}")
    fr = Counter((int(s["frequency"]), int(s["recency"]), int(s["T"])) for s in got.values())

    print(f"customers: sql {len(got)}, rust {len(rust)}")
    print(f"sum frequency: sql {sum(int(s['frequency']) for s in got.values())}, "
          f"rust {sum(int(r['frequency']) for r in rust.values())}")
    print(f"repeat customers: {sum(1 for s in got.values() if s['frequency'] > 0)}; "
          f"with repeat spend > 0: {sum(1 for s in got.values() if s['frequency'] > 0 and s['monetary_value'] > 0)}")
    print(f"total spend: sql {sum(s['historical_spend'] for s in got.values()):.2f}, "
          f"rust {sum(float(r['historical_spend']) for r in rust.values()):.2f}")
    print(f"grouped rows (f, r, T, monetary to the cent): {len(groups)}; "
          f"distinct (f, r, T): {len(fr)}")
    if problems:
        print(f"MISMATCH: {len(problems)} problems")
        for p in problems[:20]:
            print("  ", p)
        sys.exit(1)
    if not got:
        sys.exit("MISMATCH: the SQL summary is empty")
    print("OK: counts and days match exactly, money to the cent")


if __name__ == "__main__":
    main()
