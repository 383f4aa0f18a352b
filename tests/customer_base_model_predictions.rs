//! Predictions pinned to an independent mpmath implementation
//! (tests/support/customer_base_crosscheck.py, 30 digits) at fixed parameters, plus case 9.

#![cfg(not(target_arch = "wasm32"))]
// Reference values are pasted as mpmath printed them (17 digits).
#![allow(clippy::excessive_precision, clippy::type_complexity)]

mod customer_base_common;
use customer_base_common::*;
use customer_value_calculator::domain::customer_base::model::*;

const BG: BgNbd = BgNbd { r: 0.2425929102284129, alpha: 4.413531592933539, a: 0.7928860818099613, b: 2.4257531331427415 };
const PN: ParetoNbd = ParetoNbd { r: 0.5532752720085303, alpha: 10.577609748426028, s: 0.6062127342113272, beta: 11.667893468011766 };
const GG: GammaGamma = GammaGamma { p: 6.248802507411462, q: 3.744588452653167, v: 15.447747957830185 };

const TOL: f64 = 1e-10;

fn close(got: f64, want: f64, what: &str) {
    assert!(rel(got, want) < TOL, "{what}: got {got}, want {want}");
}

/// (x, t_x, T, P_alive BG, E39 BG, E520 BG, P_alive PN, E39 PN)
const CUSTOMERS: [(f64, f64, f64, f64, f64, f64, f64, f64); 5] = [
    (2.0, 30.43, 38.86, 0.72660915051706621, 1.2259104553898876, 7.3194967408787166, 0.86911883854392062, 1.4551133787839155),
    (0.0, 0.0, 38.86, 1.0, 0.19478084874908606, 1.46240517042054, 0.29509736709892667, 0.10705984889219093),
    (7.0, 35.0, 38.0, 0.86200749790191045, 4.5562152373212696, 24.109909107001552, 0.95282194580773523, 4.7903557792092889),
    (1.0, 1.71, 38.86, 0.21222740179195277, 0.20325063868568973, 1.3079994933494712, 0.16787210981343725, 0.17098066744392681),
    (25.0, 20.0, 60.0, 7.7079400551998839e-10, 9.7915101812864298e-9, 5.641749103532114e-8, 1.4181973836368856e-8, 1.7438313592832526e-7),
];

#[test]
fn conditional_predictions_match_mpmath() {
    for &(x, tx, t, pa, e39, e520, ppa, pe39) in &CUSTOMERS {
        close(BG.p_alive(x, tx, t), pa, "bg p_alive");
        close(BG.expected_conditional(x, tx, t, 39.0), e39, "bg E[X(39)]");
        close(BG.expected_conditional(x, tx, t, 520.0), e520, "bg E[X(520)]");
        close(PN.p_alive(x, tx, t), ppa, "pn p_alive");
        close(PN.expected_conditional(x, tx, t, 39.0), pe39, "pn E[X(39)]");
    }
}

#[test]
fn unconditional_predictions_match_mpmath() {
    let bg = [(1.0, 0.053184741014825534), (3.0, 0.15063193070634466), (78.0, 1.8579718013568817), (520.0, 4.9687485305040313)];
    let pn = [(1.0, 0.051006535312044395), (3.0, 0.14613476813332736), (78.0, 1.90988113531917), (520.0, 5.4234782231951724)];
    for (t, want) in bg {
        close(BG.expected_unconditional(t), want, "bg E[X(t)]");
    }
    for (t, want) in pn {
        close(PN.expected_unconditional(t), want, "pn E[X(t)]");
    }
    assert_eq!(BG.expected_unconditional(0.0), 0.0);
}

#[test]
fn awkward_bgnbd_shapes_match_direct_integral() {
    // a = 1 exactly, and a + b < 1: the closed form fails, the quadrature must not.
    let cases = [
        (1.0, BG.b, 0.0, 0.0, 10.0, 0.58996748169132112),
        (1.0, BG.b, 3.0, 8.0, 10.0, 4.4543132002579459),
        (0.3, 0.5, 0.0, 0.0, 10.0, 0.5910530082343013),
        (0.3, 0.5, 3.0, 8.0, 10.0, 7.2684717894707964),
    ];
    for (a, b, x, tx, t, want) in cases {
        let m = BgNbd { a, b, ..BG };
        let got = m.expected_conditional(x, tx, t, 52.0);
        assert!(rel(got, want) < 1e-9, "a {a} b {b} x {x}: {got} vs {want}");
    }
}

#[test]
fn series_and_quadrature_agree_across_the_switch() {
    // The closed form is used for z = t/(α+T+t) ≤ 0.9; around that point
    // both paths must give the same curve (continuity of E[X(t)] in t).
    let t_switch = 9.0 * (BG.alpha + 38.86);
    let below = BG.expected_conditional(2.0, 30.43, 38.86, t_switch * (1.0 - 1e-13));
    let above = BG.expected_conditional(2.0, 30.43, 38.86, t_switch * (1.0 + 1e-13));
    assert!(rel(below, above) < 1e-9, "{below} vs {above}");
    let a1 = BgNbd { a: 1.0199, ..BG }.expected_unconditional(52.0);
    let a2 = BgNbd { a: 1.0201, ..BG }.expected_unconditional(52.0);
    assert!(rel(a1, a2) < 1e-4, "{a1} vs {a2}");
}

#[test]
fn gamma_gamma_spend_matches_mpmath() {
    let cases = [
        (0.0, 0.0, 35.171002078448231),
        (1.0, 11.77, 18.911479823374678),
        (2.0, 22.35, 24.658616166763431),
        (10.0, 40.0, 39.796825372818481),
    ];
    for (x, m, want) in cases {
        close(GG.expected_spend(x, m).unwrap(), want, "gg spend");
    }
    assert_eq!(GammaGamma { q: 1.0, ..GG }.expected_spend(2.0, 10.0), None);
    assert_eq!(GammaGamma { q: 0.5, ..GG }.expected_spend(0.0, 0.0), None);
}

#[test]
fn log_likelihoods_match_mpmath() {
    let rows = cdnow_summary();
    assert!((BG.log_likelihood(&rows).unwrap() + 9582.4255605673627).abs() < 1e-8);
    assert!((PN.log_likelihood(&rows).unwrap() + 9594.9739298269048).abs() < 1e-8);
}

#[test]
fn case_9_at_own_mle() {
    let fit = fit_bgnbd(&cdnow_summary()).unwrap();
    let m = fit.model();
    assert!((m.p_alive(2.0, 30.43, 38.86) - 0.7266).abs() < 5e-5);
    assert!((m.expected_conditional(2.0, 30.43, 38.86, 39.0) - 1.226).abs() < 5e-4);
    assert!((m.expected_unconditional(1.0) - 0.0532).abs() < 5e-5);
    assert!((m.expected_unconditional(3.0) - 0.1506).abs() < 5e-5);
    assert!((m.expected_unconditional(78.0) - 1.858).abs() < 5e-4);
}
