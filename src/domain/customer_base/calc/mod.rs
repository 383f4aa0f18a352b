//! The customer base calculator (DESIGN §2.5) behind the one calculator
//! interface: its declared settings, the data it values (a summary imported
//! from a file, or the project's own sample), the import steps that run in
//! the Web Worker (read → confirm the column mapping → summarise → fit), and
//! the table state of the customer list.

mod bits;
mod charts;
pub mod data;
mod form;
mod holdout;
pub mod inputs;
mod paths;
mod spend_classes;
pub mod task;
mod view;
mod whatif;
mod wire;

pub use data::{CbData, CbRow, SharedData};
pub use form::{CbAction, CbForm, ImportStep, Preview, MAX_FILE_BYTES};
pub use inputs::{compute, fit, CustomerBaseInputs, CustomerBaseResults, CustomerLine, Fitted};
pub use view::{CbView, TableRow, PAGE_SIZE, SORT_KEYS};
pub use wire::data_from_summary;

use crate::domain::calc::{InputDecl, InputKind};
use crate::domain::i18n::Msg;
use crate::domain::math::Unit;
use crate::domain::number::NumberSpec;

/// Time units.
pub const TIME_UNITS: &[&str] = &["day", "week", "month"];
/// Transaction models.
pub const MODELS: &[&str] = &["bgnbd", "pareto_nbd"];
/// The horizon's range, in months.
pub const HORIZON_SPEC: NumberSpec = NumberSpec::range(1.0, 120.0).whole();
/// The annual discount rate's range (typed as a percentage).
pub const DISCOUNT_SPEC: NumberSpec = NumberSpec::range(0.0, 10.0).percent();
/// The margin's range (typed as a percentage).
pub const MARGIN_SPEC: NumberSpec = NumberSpec::range(0.0, 1.0).percent();

/// The declared scalar inputs.
pub const DECLS: &[InputDecl] = &[
    InputDecl { key: "time_unit", label: Msg::CbTimeUnit, kind: InputKind::Choice(TIME_UNITS), unit: Unit::Count },
    InputDecl { key: "model", label: Msg::CbModel, kind: InputKind::Choice(MODELS), unit: Unit::Count },
    InputDecl { key: "observation_end", label: Msg::CbObservationEnd, kind: InputKind::Date, unit: Unit::Count },
    InputDecl { key: "calibration_end", label: Msg::CbCalibrationEnd, kind: InputKind::Date, unit: Unit::Count },
    InputDecl { key: "horizon_months", label: Msg::CbHorizon, kind: InputKind::Number(HORIZON_SPEC), unit: Unit::Count },
    InputDecl { key: "discount_rate", label: Msg::CbDiscount, kind: InputKind::Number(DISCOUNT_SPEC), unit: Unit::Percent },
    InputDecl { key: "margin_rate", label: Msg::CbMargin, kind: InputKind::Number(MARGIN_SPEC), unit: Unit::Percent },
    InputDecl { key: "include_customers", label: Msg::CbIncludeCustomers, kind: InputKind::Bool, unit: Unit::Count },
];
