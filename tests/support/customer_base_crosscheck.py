"""Independent reference values for domain::customer_base::model (mpmath, 30 digits),
pinned in tests/customer_base_model_predictions.rs. Not run by make.

Run (with mpmath installed): python3 tests/support/customer_base_crosscheck.py [CDNOW_DIR]
Formulas straight from the papers (BG/NBD: Fader, Hardie & Lee 2005;
Pareto/NBD: Fader & Hardie's 2005 note; Gamma-Gamma: FHL 2005b), written
independently of the Rust code; BG/NBD expectations are checked two ways
(hypergeometric closed form and direct integral over the Beta posterior).
"""
import csv, os, sys
from mpmath import mp, mpf, hyp2f1, loggamma, log, exp, quad, beta as B, inf

mp.dps = 30

BG = dict(r=mpf("0.2425929102284129"), alpha=mpf("4.413531592933539"),
          a=mpf("0.7928860818099613"), b=mpf("2.4257531331427415"))
PN = dict(r=mpf("0.5532752720085303"), alpha=mpf("10.577609748426028"),
          s=mpf("0.6062127342113272"), beta=mpf("11.667893468011766"))
GG = dict(p=mpf("6.248802507411462"), q=mpf("3.744588452653167"), v=mpf("15.447747957830185"))


def bg_ll(P, x, tx, T):
    r, al, a, b = P["r"], P["alpha"], P["a"], P["b"]
    A = loggamma(r + x) - loggamma(r) + r * log(al)
    Bt = loggamma(a + b) + loggamma(b + x) - loggamma(b) - loggamma(a + b + x)
    t1 = exp(-(r + x) * log(al + T))
    t2 = (a / (b + x - 1)) * exp(-(r + x) * log(al + tx)) if x > 0 else 0
    return A + Bt + log(t1 + t2)


def bg_palive(P, x, tx, T):
    r, al, a, b = P["r"], P["alpha"], P["a"], P["b"]
    if x == 0:
        return mpf(1)
    return 1 / (1 + (a / (b + x - 1)) * ((al + T) / (al + tx)) ** (r + x))


def bg_cond_hyp(P, x, tx, T, t):
    r, al, a, b = P["r"], P["alpha"], P["a"], P["b"]
    z = t / (al + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x)
                                         * hyp2f1(r + x, b + x, a + b + x - 1, z))
    return num * bg_palive(P, x, tx, T)


def bg_cond_int(P, x, tx, T, t):
    """E over p ~ Beta(a, b+x) of (1 - (1 + p t/(al+T))^-(r+x)) / p, times P(alive)."""
    r, al, a, b = P["r"], P["alpha"], P["a"], P["b"]
    c = t / (al + T)
    k = r + x
    f = lambda p: p ** (a - 1) * (1 - p) ** (b + x - 1) * (1 - (1 + p * c) ** (-k)) / p
    return quad(f, [0, mpf("0.5"), 1]) / B(a, b + x) * bg_palive(P, x, tx, T)


def pn_la0(P, x, tx, T):
    r, al, s, be = P["r"], P["alpha"], P["s"], P["beta"]
    if al >= be:
        hi, lo, bb = al, be, s + 1
    else:
        hi, lo, bb = be, al, r + x
    c = r + s + x
    return log(hyp2f1(c, bb, c + 1, (hi - lo) / (hi + tx)) / (hi + tx) ** c
               - hyp2f1(c, bb, c + 1, (hi - lo) / (hi + T)) / (hi + T) ** c)


def pn_ll(P, x, tx, T):
    r, al, s, be = P["r"], P["alpha"], P["s"], P["beta"]
    head = loggamma(r + x) - loggamma(r) + r * log(al) + s * log(be)
    t1 = exp(-(r + x) * log(al + T) - s * log(be + T))
    if tx == T:
        return head + log(t1)
    return head + log(t1 + s / (r + s + x) * exp(pn_la0(P, x, tx, T)))


def pn_palive(P, x, tx, T):
    r, al, s, be = P["r"], P["alpha"], P["s"], P["beta"]
    if tx == T:
        return mpf(1)
    return 1 / (1 + s / (r + s + x) * (al + T) ** (r + x) * (be + T) ** s * exp(pn_la0(P, x, tx, T)))


def pn_cond(P, x, tx, T, t):
    r, al, s, be = P["r"], P["alpha"], P["s"], P["beta"]
    return pn_palive(P, x, tx, T) * (r + x) * (be + T) / ((al + T) * (s - 1)) * (
        1 - ((be + T) / (be + T + t)) ** (s - 1))


def pn_uncond(P, t):
    r, al, s, be = P["r"], P["alpha"], P["s"], P["beta"]
    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))


def gg_spend(P, x, m):
    p, q, v = P["p"], P["q"], P["v"]
    return p * (v + x * m) / (p * x + q - 1)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CDNOW_DIR", ".cache/cdnow/lifetimes/datasets")
    rows = [(int(r["frequency"]), mpf(r["recency"]), mpf(r["T"]))
            for r in csv.DictReader(open(os.path.join(d, "cdnow_customers_summary.csv")))]
    print("bg_ll_cdnow", mp.nstr(sum(bg_ll(BG, *r) for r in rows), 17))
    print("pn_ll_cdnow", mp.nstr(sum(pn_ll(PN, *r) for r in rows), 17))
    cust = [(2, mpf("30.43"), mpf("38.86")), (0, mpf(0), mpf("38.86")),
            (7, mpf("35.0"), mpf("38.0")), (1, mpf("1.71"), mpf("38.86")),
            (25, mpf("20.0"), mpf("60.0"))]
    for c in cust:
        print("bg_palive", c, mp.nstr(bg_palive(BG, *c), 17))
        for t in [mpf(39), mpf(520)]:
            h = bg_cond_hyp(BG, *c, t)
            i = bg_cond_int(BG, *c, t)
            assert abs(h / i - 1) < 1e-15, (h, i)
            print("bg_cond", c, t, mp.nstr(h, 17))
        print("pn_palive", c, mp.nstr(pn_palive(PN, *c), 17))
        print("pn_cond", c, 39, mp.nstr(pn_cond(PN, *c, mpf(39)), 17))
    for t in [1, 3, 78, 520]:
        print("bg_uncond", t, mp.nstr(bg_cond_hyp(BG, 0, 0, 0, mpf(t)), 17))
        print("pn_uncond", t, mp.nstr(pn_uncond(PN, mpf(t)), 17))
    # awkward BG/NBD shapes: a = 1 exactly and a + b < 1 (integral form only)
    for P in [dict(BG, a=mpf(1)), dict(BG, a=mpf("0.3"), b=mpf("0.5"))]:
        for c in [(0, mpf(0), mpf(10)), (3, mpf(8), mpf(10))]:
            print("bg_odd", mp.nstr(P["a"], 3), mp.nstr(P["b"], 3), c,
                  mp.nstr(bg_cond_int(P, *c, mpf(52)), 17))
    for x, m in [(0, 0), (1, mpf("11.77")), (2, mpf("22.35")), (10, mpf(40))]:
        print("gg_spend", x, m, mp.nstr(gg_spend(GG, x, m), 17))


main()
