//! "Buy till you die" customer-base models for non-contractual settings.
//!
//! * [`fit_bgnbd`] — BG/NBD (Fader, Hardie & Lee 2005),
//! * [`fit_pareto_nbd`] — Pareto/NBD (Schmittlein, Morrison & Colombo 1987),
//! * [`fit_gamma_gamma`] — Gamma-Gamma spend (Fader, Hardie & Lee 2005b),
//! * [`value_customers`] and [`aggregate`] — CLV, aggregates and ABC classes,
//! * [`holdout`] and [`tracking`] — holdout validation,
//! * [`simulate`] — a seeded BG/NBD (+ Gamma-Gamma) customer base.
//!
//! Input is a customer summary ([`CustomerRow`]: frequency, recency, T,
//! monetary value, count). Every row is weighted by its `count`. This module is
//! pure Rust, has no I/O and builds for `wasm32-unknown-unknown`.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod bgnbd;
mod clv;
mod error;
mod fit;
mod gamma_gamma;
mod holdout;
mod kind;
mod newton;
mod pareto_nbd;
mod simulate;
mod special;
mod summary;

pub use bgnbd::{fit_bgnbd, BgNbd, BgNbdErrors, BgNbdFit};
pub use clv::{
    abc_classes, abc_classes_ordered, aggregate, value_customers, Abc, AbcClass, Aggregates, ClassSummary, ClvSettings, CustomerValue,
    TimeUnit, DAYS_PER_MONTH,
};
pub use error::Error;
pub use gamma_gamma::{fit_gamma_gamma, GammaGamma, GammaGammaErrors, GammaGammaFit};
pub use holdout::{holdout, tracking, FrequencyBin, HoldoutSummary};
pub use kind::{fit, fit_warnings, Model, ModelKind, Params, EXTREME, FEW_CUSTOMERS, FEW_REPEAT_CUSTOMERS};
pub use pareto_nbd::{fit_pareto_nbd, ParetoNbd, ParetoNbdErrors, ParetoNbdFit};
pub use simulate::{simulate, summarise, SimulatedCustomer, SimulationSpec};
pub use summary::{validate, CustomerRow, MAX_COUNT, MAX_FREQUENCY, MAX_MONEY, MAX_TIME};
