#!/usr/bin/env python3
"""The `lifetimes` side of `make bench`: the CDNOW master pipeline in CPython
(read the file, summarise in weeks, fit BG/NBD and Gamma-Gamma, CLV for every
customer over 12 months at 10% a year), timed in-process, three times.
Prints one JSON line: {"in_process_ms": median, "runs_ms": […], "customers": …, "r": …}.

Creates .cache/bench-venv with lifetimes==0.11.3 when missing (idempotent)
and re-runs itself there.
"""
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# The median of three runs in one process (the machine's speed varies from
# moment to moment; one run could be caught in a slow or a fast one).
RUNS = 3
VENV = ROOT / ".cache" / "bench-venv"


def ensure_venv():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from support_venv import reexec_in

    reexec_in(VENV, "lifetimes", "lifetimes==0.11.3", __file__)


def main():
    ensure_venv()
    import warnings

    warnings.filterwarnings("ignore")
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    path = Path(sys.argv[1]) / "CDNOW_master.txt"
    runs = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        tx = pd.read_csv(path, sep=r"\s+", header=0, names=["customer_id", "date", "quantity", "amount"], dtype={"customer_id": str, "date": str})
        tx["date"] = pd.to_datetime(tx["date"], format="%Y%m%d")
        s = summary_data_from_transaction_data(tx, "customer_id", "date", monetary_value_col="amount", observation_period_end="1998-06-30", freq="W")
        bg = BetaGeoFitter(penalizer_coef=0.0).fit(s["frequency"], s["recency"], s["T"])
        rep = s[(s["frequency"] > 0) & (s["monetary_value"] > 0)]
        gg = GammaGammaFitter(penalizer_coef=0.0).fit(rep["frequency"], rep["monetary_value"])
        clv = gg.customer_lifetime_value(bg, s["frequency"], s["recency"], s["T"], s["monetary_value"], time=12, discount_rate=0.1 / 12, freq="W")
        runs.append((time.perf_counter() - t0) * 1000)
    ms = sorted(runs)[len(runs) // 2]
    print(json.dumps({"in_process_ms": ms, "runs_ms": runs, "customers": int(len(s)), "r": float(bg.params_["r"]), "total_clv": float(clv.sum())}))

if __name__ == "__main__":
    main()
