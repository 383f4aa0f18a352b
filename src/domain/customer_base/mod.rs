//! §2.5 customer base from data: the pure groundwork of the `customer_base`
//! calculator.
//!
//! * [`import`] owns everything between a manager's file and a customer
//!   summary: reading CSV, TSV, whitespace-separated text and `.xlsx` (UTF-8,
//!   UTF-16 with BOM, GB18030), detecting and confirming the column mapping,
//!   parsing dates and amounts, the transaction → summary conventions (one
//!   transaction per customer and calendar day, `frequency` = repeat
//!   transactions, `recency` and `T` from the first purchase, `monetary_value`
//!   = mean repeat day total), skipped and flagged rows, the calibration /
//!   holdout split with its tracking series, the grouped (`count`) form and
//!   the `inputs.data` export.
//! * [`model`] owns the "buy till you die" mathematics on such a summary:
//!   BG/NBD, Pareto/NBD and Gamma-Gamma fits with standard errors, P(alive)
//!   and expected transactions, customer lifetime value with aggregates and
//!   ABC classes, holdout comparison and a seeded simulator.
//!
//! * [`calc`] is the calculator behind the one calculator interface: its
//!   settings, the data valued, the worker tasks and the view model.

pub mod calc;
pub mod import;
pub mod model;
