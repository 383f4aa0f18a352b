//! The shifted-beta-geometric (sBG) retention model of Fader & Hardie
//! (2007, "How to project customer retention"; 2010, "Customer-base
//! valuation in a contractual setting").
//!
//! Pure functions, no I/O: check cohort counts ([`Cohorts::new`]) or parse
//! them from pasted text ([`parse_paste`]); fit α and β by maximum
//! likelihood ([`fit`]); project retention and survival ([`survival_curve`],
//! [`retention_rate`]); value customers ([`del`], [`derl`],
//! [`constant_retention_del`], [`undervaluation`]); and turn the fit into a
//! per-year retention curve ([`yearly_retention`]). [`retention_curve`]
//! does all of it for the calculator.
//!
//! ```
//! use customer_value_calculator::domain::retention_curve::sbg::{Cohort, Cohorts, Settings, retention_curve};
//! let high_end = vec![1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0];
//! let cohorts = Cohorts::new(vec![Cohort::new("High end", high_end)]).unwrap();
//! let r = retention_curve(&cohorts, &Settings::default()).unwrap();
//! assert_eq!(format!("{:.3} {:.3}", r.alpha, r.beta), "0.668 3.806");
//! ```

mod error;
mod fit;
mod input;
mod model;
mod paste;
mod results;
mod value;

pub use error::{Error, ErrorList, MAX_ERRORS};
pub use fit::{fit, Fit, StandardErrors};
pub use input::{Cohort, Cohorts, MAX_COHORTS, MAX_PERIODS};
pub use model::{churn_probabilities, log_likelihood, log_likelihood_gradient, retention_rate, survival_curve};
pub use paste::{detect_layout, parse_paste, parse_paste_as, parse_paste_bytes, Layout, Pasted, MAX_TEXT_BYTES};
pub use results::{retention_curve, RetentionCurveResults, Settings, MAX_HORIZON_PERIODS};
pub use value::{constant_retention_del, del, derl, derl_curve, hyp2f1_one, undervaluation, yearly_retention, Period, MAX_HORIZON_YEARS};
