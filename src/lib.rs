//! Customer Value Calculator: five marketing calculators that run entirely
//! in the browser. [`domain`] is the pure, natively tested domain; the user
//! interface (`ui`) and the browser glue (`platform`) exist only on wasm32.

#![deny(missing_docs)]

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The application version written into exported documents.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
