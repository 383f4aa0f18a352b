//! Native timings for `make bench` (median of 5): the survey CSV pipeline
//! on 100,000 respondents × 44 columns, for comparison with the browser.
use customer_value_calculator::domain::customer_value::{CustomerValueInputs, Period};
use customer_value_calculator::domain::satisfaction::{csv_template, parse_survey, Instrument};
use customer_value_calculator::domain::whatif::{goal_seek, MonteCarlo, Triangular};
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn survey_csv(rows: usize) -> String {
    let ids: Vec<String> = (1..=22).map(|i| format!("q{i}")).collect();
    let mut csv = csv_template(Instrument::Servqual22, &ids);
    let mut x: u64 = 12345;
    for _ in 0..rows {
        for j in 0..44 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            csv.push(char::from(b'1' + ((x >> 33) % 7) as u8));
            csv.push(if j == 43 { '\n' } else { ',' });
        }
    }
    csv
}

fn main() {
    let csv = survey_csv(100_000);
    let items: Vec<(String, String)> = Instrument::Servqual22.fixed_items().into_iter().map(|(id, d)| (id, d.to_string())).collect();
    let times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let s = parse_survey(csv.as_bytes(), Instrument::Servqual22, &items, (1.0, 7.0)).expect("valid survey");
            assert_eq!(s.summary.respondents, 100_000);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("survey_native_ms {:.2}", median(times));

    // The same Monte Carlo as the browser benchmark: 100,000 draws, two ranges.
    let times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let ranges = vec![
                ("spend_per_purchase".to_string(), Triangular { min: 40.0, mode: 50.0, max: 70.0 }),
                ("conversion_rate".to_string(), Triangular { min: 0.1, mode: 0.2, max: 0.3 }),
            ];
            let mut mc = MonteCarlo::new(Box::new(CustomerValueInputs::default()), "satisfaction_swing", ranges, 42, 100_000);
            while !mc.step(25_000) {}
            let s = mc.summary(24).expect("draws");
            assert!(s.0.mean > 0.0);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("monte_carlo_native_ms {:.2}", median(times));

    let base = CustomerValueInputs {
        spend_per_purchase: 100.0,
        period: Period::Year,
        retention_rate: Some(0.5),
        ..CustomerValueInputs::default()
    };
    let times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let g = goal_seek(&base, "retention_rate", "retention_clv_perpetuity", 800.0 / 3.0).expect("solvable");
            assert!((g.value - 0.8).abs() < 1e-8);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("goal_seek_native_ms {:.3}", median(times));

    // The CDNOW master pipeline as the worker and the page run it: read,
    // summarise (weeks), fit BG/NBD and Gamma-Gamma, value every customer.
    let dir = std::env::var("CDNOW_DIR").unwrap_or_else(|_| ".cache/cdnow/lifetimes/datasets".into());
    if let Ok(bytes) = std::fs::read(format!("{dir}/CDNOW_master.txt")) {
        let times: Vec<f64> = (0..3).map(|_| cdnow_pipeline(&bytes)).collect();
        println!("cdnow_pipeline_native_ms {:.2}", median(times));
        cdnow_stages(&bytes);
    }
}

fn cdnow_pipeline(bytes: &[u8]) -> f64 {
    use customer_value_calculator::domain::calc::Calc;
    use customer_value_calculator::domain::customer_base::calc::{self, task, CbData, CbForm};
    use serde_json::{json, Value};
    task::forget();
    let t = Instant::now();
    let mut progress = |_: f64| {};
    let mapping = json!({"shape": "transactions", "header": true, "date_pattern": "auto",
        "roles": {"customer_id": 0, "date": 1, "quantity": 2, "amount": 3}});
    let req = task::summarise_request(&task::SummariseRequest {
        name: "CDNOW_master.txt",
        mapping: &mapping,
        time_unit: "week",
        observation_end: Some("1998-06-30"),
        calibration_end: None,
        model: Some("bgnbd"),
        lang: customer_value_calculator::domain::i18n::Lang::En,
        file: task::FileRef::Bytes,
    });
    let reply: Value = serde_json::from_str(&task::run(&req, bytes, &mut progress)).expect("json");
    let data = CbData::from_wire(&reply["ok"]["summary"]).expect("summary");
    let fitted = task::read_fitted(&reply["ok"]["fitted"]).expect("fitted");
    let mut inputs = CbForm::fresh(customer_value_calculator::domain::i18n::Lang::En).inputs().expect("defaults");
    inputs.data = calc::SharedData::new(std::rc::Rc::new(data));
    inputs.fitted = Some(std::rc::Rc::new(fitted));
    let r = calc::compute(&inputs);
    assert_eq!(r.customers, 23570.0);
    assert!(r.total_clv.is_some());
    t.elapsed().as_secs_f64() * 1000.0
}

/// The pipeline's stages one by one (printed as `cdnow_stage_<name>_ms`),
/// to show where the time goes.
fn cdnow_stages(bytes: &[u8]) {
    use customer_value_calculator::domain::calc::Calc;
    use customer_value_calculator::domain::customer_base::calc::{self, CbData, CbForm};
    use customer_value_calculator::domain::customer_base::import::{Date, ImportFile, Limits, Role, SummaryOptions, TimeUnit};
    let mut stages: Vec<(&str, f64)> = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, stages: &mut Vec<(&str, f64)>| {
        stages.push((name, t.elapsed().as_secs_f64() * 1000.0));
        t = Instant::now();
    };
    let file = ImportFile::read("CDNOW_master.txt", bytes, &Limits::default()).expect("read");
    lap("read", &mut stages);
    let mut mapping = file.mapping().clone();
    for (role, col) in [(Role::CustomerId, 0), (Role::Date, 1), (Role::Quantity, 2), (Role::Amount, 3)] {
        mapping.set_column(role, Some(col));
    }
    let log = file.transactions(&mapping).expect("log");
    lap("log", &mut stages);
    let options = SummaryOptions {
        time_unit: TimeUnit::Week,
        observation_end: Some(Date::parse_iso("1998-06-30").expect("date")),
        calibration_end: None,
    };
    let mut summary = log.summarise(&options).expect("summary");
    lap("summarise", &mut stages);
    let text = calc::data_from_summary(&mut summary).to_wire();
    lap("to_wire", &mut stages);
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let data = CbData::from_wire(&value).expect("data");
    lap("from_wire", &mut stages);
    let fitted = calc::fit(&data, customer_value_calculator::domain::customer_base::model::ModelKind::Bgnbd);
    lap("fit", &mut stages);
    fitted.prepare_paths(&data, TimeUnit::Week);
    lap("paths", &mut stages);
    let mut inputs = CbForm::fresh(customer_value_calculator::domain::i18n::Lang::En).inputs().expect("defaults");
    inputs.data = calc::SharedData::new(std::rc::Rc::new(data));
    inputs.fitted = Some(std::rc::Rc::new(fitted));
    let r = calc::compute(&inputs);
    assert_eq!(r.customers, 23570.0);
    lap("value", &mut stages);
    for (name, ms) in stages {
        println!("cdnow_stage_{name}_ms {ms:.2}");
    }
}
