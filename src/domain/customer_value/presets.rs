//! The customer value presets and the cumulative value by year for the chart.

use super::*;

/// Named input sets a teacher or student can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvPreset {
    /// The course exercise: weekly, 50 a visit, 10 years, 5 / 10 people, 20%.
    CourseExercise,
    /// A retention example: 100 a year, 80% retention, 10% discount rate.
    Retention,
}

impl CvPreset {
    /// All presets.
    pub const ALL: [CvPreset; 2] = [CvPreset::CourseExercise, CvPreset::Retention];
    /// Catalog key of the preset's name.
    pub fn label(self) -> Msg {
        match self {
            CvPreset::CourseExercise => Msg::PresetCourse,
            CvPreset::Retention => Msg::PresetRetention,
        }
    }
    /// The preset's inputs.
    pub fn inputs(self) -> CustomerValueInputs {
        match self {
            CvPreset::CourseExercise => CustomerValueInputs::default(),
            CvPreset::Retention => CustomerValueInputs {
                spend_per_purchase: 100.0,
                purchases_per_period: 1.0,
                period: Period::Year,
                lifetime_years: 5.0,
                retention_rate: Some(0.8),
                discount_rate: 0.1,
                horizon_years: 10.0,
                acquisition_cost: 150.0,
                ..CustomerValueInputs::default()
            },
        }
    }
}

/// Cumulative value by year for the chart: `(year, simple, retention)`.
/// `simple` is `annual_value × min(year, lifetime)`; `retention` is the
/// discounted retention value after that year (when the model is on).
/// `r` is `compute(v)`, which the caller already has.
pub fn cumulative_by_year(v: &CvValues, r: &CustomerValueResults) -> Vec<(f64, f64, Option<f64>)> {
    let (Some(m), Some(life)) = (r.annual_value, v.lifetime_years) else {
        return Vec::new();
    };
    let retention: Vec<f64> = match (v.retention_rate, v.discount_rate, v.horizon_years, v.cash_flow_timing) {
        (_, Some(d), Some(n), Some(t)) if v.retention_curve.as_ref().is_some_and(|c| !c.is_empty()) => {
            curve_series(m, v.retention_curve.as_deref().unwrap_or_default(), d, n, t)
        }
        (Some(Some(rr)), Some(d), Some(n), Some(t)) => retention_series(m, rr, d, n, t),
        _ => Vec::new(),
    };
    let years = (life.ceil() as usize).max(retention.len()).min(100);
    (0..=years)
        .map(|y| {
            let yf = y as f64;
            let ret = if retention.is_empty() {
                None
            } else if y == 0 {
                Some(0.0)
            } else {
                retention.get(y - 1).or(retention.last()).copied()
            };
            (yf, m * yf.min(life), ret)
        })
        .collect()
}
