//! The what-if tools' state for one calculator: the settings the user typed
//! (validated like inputs, with a message at the field), the last runs, and
//! the `analysis` object of the JSON document. Written once for every
//! calculator against [`WhatIf`].

use crate::domain::i18n::Msg;
use crate::domain::number::{self, InputError, NumberSpec};
use crate::domain::whatif::{self, GoalSeek, MonteCarlo, SensitivityRow, Summary, Triangular, WhatIf};
use serde_json::{json, Map, Value};

/// Most draws a Monte Carlo run may take.
pub const MAX_DRAWS: f64 = 1_000_000.0;
/// Largest seed (JavaScript's largest exact integer).
pub const MAX_SEED: f64 = 9_007_199_254_740_991.0;
/// Histogram bins of a Monte Carlo run.
pub const BINS: usize = 24;

/// The valid range of the sensitivity variation: above 0, at most 100%.
pub const P_SPEC: NumberSpec = NumberSpec::range(0.0, 1.0).exclusive_min().percent();
/// The valid range of the number of draws.
pub const DRAWS_SPEC: NumberSpec = NumberSpec::range(1.0, MAX_DRAWS).whole();
/// The valid range of the seed.
pub const SEED_SPEC: NumberSpec = NumberSpec::range(0.0, MAX_SEED).whole();

/// A sensitivity run: the output studied, ±p, and the tornado rows.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityRun {
    /// Output key.
    pub output: String,
    /// Variation as a fraction (0.1 = ±10%).
    pub p: f64,
    /// Rows, largest swing first.
    pub rows: Vec<SensitivityRow>,
    /// The output at the current inputs.
    pub base: Option<f64>,
}

/// A finished Monte Carlo run.
#[derive(Clone, Debug, PartialEq)]
pub struct McRun {
    /// Output key.
    pub output: String,
    /// Seed.
    pub seed: u64,
    /// Draws.
    pub draws: usize,
    /// Ranges per input key.
    pub ranges: Vec<(String, Triangular)>,
    /// Mean and percentiles.
    pub summary: Summary,
    /// Histogram `(lower edge, count)`.
    pub histogram: Vec<(f64, usize)>,
}

/// One Monte Carlo range as typed: on or off, and min / mode / max texts
/// (rates as percentages).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeText {
    /// Input key.
    pub key: String,
    /// Whether the input is drawn.
    pub on: bool,
    /// Lowest, most likely and highest value as typed.
    pub texts: [String; 3],
}

/// The what-if settings of one calculator, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Tools {
    /// Sensitivity output (`None`: the calculator's default).
    pub sens_output: Option<String>,
    /// Sensitivity ±p as typed (percent).
    pub sens_p: String,
    /// Goal seek input (`None`: the first numeric input).
    pub goal_input: Option<String>,
    /// Goal seek output (`None`: the default).
    pub goal_output: Option<String>,
    /// Goal seek target as typed.
    pub goal_target: String,
    /// Monte Carlo output (`None`: the default).
    pub mc_output: Option<String>,
    /// Draws as typed.
    pub mc_draws: String,
    /// Seed as typed.
    pub mc_seed: String,
    /// Ranges as typed (inputs never touched use ±20% around their value).
    pub mc_ranges: Vec<RangeText>,
    /// The last sensitivity run.
    pub sensitivity: Option<SensitivityRun>,
    /// The last goal seek.
    pub goal: Option<GoalSeek>,
    /// The last Monte Carlo run.
    pub monte_carlo: Option<McRun>,
    /// Why the last Monte Carlo run did not start or finish.
    pub mc_message: Option<Msg>,
}

impl Default for Tools {
    fn default() -> Self {
        Tools {
            sens_output: None,
            sens_p: "10".into(),
            goal_input: None,
            goal_output: None,
            goal_target: String::new(),
            mc_output: None,
            mc_draws: "10000".into(),
            mc_seed: "42".into(),
            mc_ranges: Vec::new(),
            sensitivity: None,
            goal: None,
            monte_carlo: None,
            mc_message: None,
        }
    }
}

/// Something the user does with the what-if tools.
#[derive(Clone, Debug, PartialEq)]
pub enum ToolAction {
    /// Choose the sensitivity output.
    SensOutput(String),
    /// Type ±p.
    SensP(String),
    /// Run the sensitivity analysis.
    RunSensitivity,
    /// Choose the goal seek input.
    GoalInput(String),
    /// Choose the goal seek output.
    GoalOutput(String),
    /// Type the target.
    GoalTarget(String),
    /// Solve.
    RunGoalSeek,
    /// Choose the Monte Carlo output.
    McOutput(String),
    /// Type the draws.
    McDraws(String),
    /// Type the seed.
    McSeed(String),
    /// Switch an input's range on or off.
    McToggle(String, bool),
    /// Type a range bound: input key, 0 = min, 1 = mode, 2 = max, text.
    McRange(String, usize, String),
}

/// A Monte Carlo run in progress, stepped in chunks by the platform.
pub trait Job {
    /// Takes up to `chunk` more draws; `true` when finished.
    fn step(&mut self, chunk: usize) -> bool;
    /// Draws done and total.
    fn progress(&self) -> (usize, usize);
    /// The finished run.
    fn finish(&self) -> Option<McRun>;
}

struct McJob {
    mc: MonteCarlo,
    output: String,
    seed: u64,
    ranges: Vec<(String, Triangular)>,
}

impl Job for McJob {
    fn step(&mut self, chunk: usize) -> bool {
        self.mc.step(chunk)
    }
    fn progress(&self) -> (usize, usize) {
        (self.mc.done(), self.mc.total())
    }
    fn finish(&self) -> Option<McRun> {
        let (summary, histogram) = self.mc.summary(BINS)?;
        Some(McRun {
            output: self.output.clone(),
            seed: self.seed,
            draws: self.mc.total(),
            ranges: self.ranges.clone(),
            summary,
            histogram,
        })
    }
}

fn tidy(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// The typed form of a range input: rates (range up to 1) as percentages.
fn range_spec(spec: NumberSpec) -> NumberSpec {
    NumberSpec { percent: spec.max == Some(1.0), ..spec }
}

impl Tools {
    /// The output a tool studies: the chosen one when the model offers it,
    /// else the calculator's default (never another calculator's key).
    pub fn output_or(chosen: &Option<String>, m: &dyn WhatIf, default: &str) -> String {
        let outputs = m.outputs();
        match chosen {
            Some(k) if outputs.iter().any(|(o, _)| o == k) => k.clone(),
            _ if outputs.iter().any(|(o, _)| *o == default) => default.to_string(),
            _ => outputs.first().map(|o| o.0.to_string()).unwrap_or_default(),
        }
    }

    /// The goal seek input: the chosen one when it is a parameter, else the first.
    pub fn goal_input_of(&self, m: &dyn WhatIf) -> String {
        let params = m.params();
        match &self.goal_input {
            Some(k) if params.iter().any(|p| p.key == *k) => k.clone(),
            _ => params.first().map(|p| p.key.to_string()).unwrap_or_default(),
        }
    }

    /// The error of ±p, if any.
    pub fn sens_p_error(&self) -> Option<InputError> {
        number::parse(&self.sens_p, &P_SPEC).err()
    }

    /// The error of the goal target, if any (empty is not an error yet).
    pub fn goal_target_error(&self) -> Option<InputError> {
        if self.goal_target.trim().is_empty() {
            return None;
        }
        number::parse(&self.goal_target, &NumberSpec::any()).err()
    }

    /// The error of the draws, if any.
    pub fn draws_error(&self) -> Option<InputError> {
        number::parse(&self.mc_draws, &DRAWS_SPEC).err()
    }

    /// The error of the seed, if any.
    pub fn seed_error(&self) -> Option<InputError> {
        number::parse(&self.mc_seed, &SEED_SPEC).err()
    }

    /// The range row of an input: as typed, or ±20% around `current`.
    pub fn range_row(&self, m: &dyn WhatIf, key: &str) -> RangeText {
        if let Some(r) = self.mc_ranges.iter().find(|r| r.key == key) {
            return r.clone();
        }
        let spec = m.params().into_iter().find(|p| p.key == key).map(|p| p.spec).unwrap_or(NumberSpec::any());
        let current = m.get(key).unwrap_or(0.0);
        let fit = |v: f64| {
            let v = tidy(v.max(spec.min).min(spec.max.unwrap_or(f64::MAX)));
            if spec.whole {
                v.round()
            } else {
                v
            }
        };
        let shown = |v: f64| if range_spec(spec).percent { number::percent_text(fit(v)) } else { number::plain(fit(v)) };
        RangeText { key: key.to_string(), on: false, texts: [shown(current * 0.8), shown(current), shown(current * 1.2)] }
    }

    /// A range row checked against the input's valid range: the triangle, or
    /// the error of the first bad bound (index, error), or `McBadRange` order.
    pub fn check_range(m: &dyn WhatIf, row: &RangeText) -> Result<Triangular, RangeError> {
        let Some(param) = m.params().into_iter().find(|p| p.key == row.key) else {
            return Err(RangeError(RangeKind::Unknown));
        };
        let spec = range_spec(param.spec);
        let mut v = [0.0; 3];
        for (i, t) in row.texts.iter().enumerate() {
            v[i] = number::parse(t, &spec).map_err(|e| RangeError(RangeKind::Bound(i, e)))?;
        }
        let tri = Triangular { min: v[0], mode: v[1], max: v[2] };
        if tri.is_valid() {
            Ok(tri)
        } else {
            Err(RangeError(RangeKind::Order))
        }
    }

    /// Applies a settings change.
    pub fn set(&mut self, action: ToolAction) {
        match action {
            ToolAction::SensOutput(k) => self.sens_output = Some(k),
            ToolAction::SensP(t) => self.sens_p = t,
            // An answer belongs to its question: a new question drops it.
            ToolAction::GoalInput(k) => {
                self.goal = None;
                self.goal_input = Some(k);
            }
            ToolAction::GoalOutput(k) => {
                self.goal = None;
                self.goal_output = Some(k);
            }
            ToolAction::GoalTarget(t) => {
                if t.trim() != self.goal_target.trim() {
                    self.goal = None;
                }
                self.goal_target = t;
            }
            ToolAction::McOutput(k) => self.mc_output = Some(k),
            ToolAction::McDraws(t) => self.mc_draws = t,
            ToolAction::McSeed(t) => self.mc_seed = t,
            ToolAction::McToggle(..) | ToolAction::McRange(..) | ToolAction::RunSensitivity | ToolAction::RunGoalSeek => {}
        }
    }

    /// Edits a range row (typing a bound switches the input on).
    pub fn set_range(&mut self, m: &dyn WhatIf, key: String, which: Option<usize>, text: String, on: bool) {
        let mut row = self.range_row(m, &key);
        match which {
            Some(i) if i < 3 => {
                row.texts[i] = text;
                row.on = true;
            }
            _ => row.on = on,
        }
        match self.mc_ranges.iter_mut().find(|r| r.key == key) {
            Some(r) => *r = row,
            None => self.mc_ranges.push(row),
        }
    }

    /// Runs the sensitivity analysis; `Err` with the message to show.
    pub fn run_sensitivity(&mut self, m: &dyn WhatIf, default: &str) -> Result<Value, Msg> {
        let p = number::parse(&self.sens_p, &P_SPEC).map_err(|_| Msg::ToolFixSettings)?;
        let output = Tools::output_or(&self.sens_output, m, default);
        let rows = whatif::sensitivity(m, &output, p);
        let json = json!({
            "output": output, "p": p,
            "rows": rows.iter().map(|r| json!({"input": r.input, "low": r.low, "high": r.high, "swing": r.swing})).collect::<Vec<_>>(),
        });
        self.sensitivity = Some(SensitivityRun { base: m.output(&output), output, p, rows });
        Ok(json)
    }

    /// Runs goal seek; `Err` with the message to show.
    pub fn run_goal_seek(&mut self, m: &dyn WhatIf, default: &str) -> Result<Value, Msg> {
        if self.goal_target.trim().is_empty() {
            return Err(Msg::ToolFixSettings);
        }
        let target = number::parse(&self.goal_target, &NumberSpec::any()).map_err(|_| Msg::ToolFixSettings)?;
        let input = self.goal_input_of(m);
        let output = Tools::output_or(&self.goal_output, m, default);
        let g = whatif::goal_seek(m, &input, &output, target).ok_or(Msg::ToolNoParams)?;
        let json = serde_json::to_value(&g).unwrap_or(Value::Null);
        self.goal = Some(g);
        Ok(json)
    }

    /// Checks the Monte Carlo settings and builds the job.
    pub fn monte_carlo_job(&mut self, m: Box<dyn WhatIf>, default: &str) -> Result<Box<dyn Job>, Msg> {
        let draws = number::parse(&self.mc_draws, &DRAWS_SPEC).map_err(|_| Msg::McDrawsRange)?;
        let seed = number::parse(&self.mc_seed, &SEED_SPEC).map_err(|_| Msg::McSeedRange)?;
        let mut ranges = Vec::new();
        for row in self.mc_ranges.iter().filter(|r| r.on) {
            ranges.push((row.key.clone(), Tools::check_range(m.as_ref(), row).map_err(|_| Msg::McFixRanges)?));
        }
        if ranges.is_empty() {
            return Err(Msg::McNoRange);
        }
        let output = Tools::output_or(&self.mc_output, m.as_ref(), default);
        let (n, seed) = (draws as usize, seed as u64);
        Ok(Box::new(McJob { mc: MonteCarlo::new(m, &output, ranges.clone(), seed, n), output, seed, ranges }))
    }

    /// The `monte_carlo` entry of `analysis` for a finished run.
    pub fn monte_carlo_json(run: &McRun) -> Value {
        let ranges: Map<String, Value> =
            run.ranges.iter().map(|(k, t)| (k.clone(), json!({"min": t.min, "mode": t.mode, "max": t.max}))).collect();
        json!({
            "output": run.output, "seed": run.seed, "draws": run.draws, "ranges": ranges,
            "summary": {"mean": run.summary.mean, "p5": run.summary.p5, "p50": run.summary.p50, "p95": run.summary.p95},
        })
    }
}

/// Why a Monte Carlo range row is invalid (opaque: its message is its interface).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeError(RangeKind);

#[derive(Clone, Debug, PartialEq)]
enum RangeKind {
    /// The key is not a numeric input of the calculator.
    Unknown,
    /// A bound (0 = min, 1 = mode, 2 = max) is not a valid value of the input.
    Bound(usize, InputError),
    /// The bounds are not in order min ≤ mode ≤ max.
    Order,
}

impl RangeError {
    /// The message in `lang`.
    pub fn message(&self, lang: crate::domain::i18n::Lang) -> String {
        match &self.0 {
            RangeKind::Bound(_, e) => e.message(lang),
            RangeKind::Unknown | RangeKind::Order => Msg::McBadRange.text(lang).to_string(),
        }
    }
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::domain::i18n::Lang::En))
    }
}

impl std::error::Error for RangeError {}
