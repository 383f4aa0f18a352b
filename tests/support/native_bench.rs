//! Native timings for `make bench` (median of 5): the survey CSV pipeline
//! on 100,000 respondents × 44 columns, for comparison with the browser.
use customer_value_calculator::core::satisfaction::{csv_template, parse_survey, Instrument};
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
    let items: Vec<(String, String)> =
        Instrument::Servqual22.fixed_items().into_iter().map(|(id, d)| (id, d.to_string())).collect();
    let times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let s = parse_survey(csv.as_bytes(), Instrument::Servqual22, &items, (1.0, 7.0)).expect("valid survey");
            assert_eq!(s.summary.respondents, 100_000);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!("survey_native_ms {:.2}", median(times));
}
