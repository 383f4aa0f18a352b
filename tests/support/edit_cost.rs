//! How long one keystroke costs the domain, natively (not a test).
use customer_value_calculator::domain::model::{Action, Model};
use std::time::Instant;

fn main() {
    let mut m = Model::from_query("?lang=en", &[] as &[&str]);
    let n = 2000;
    let t = Instant::now();
    for i in 0..n {
        m.update(Action::EditScalar("spend_per_purchase".into(), format!("{}", 50 + i % 2)));
    }
    let update = t.elapsed().as_secs_f64() * 1e3 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(m.cv_view());
    }
    let view = t.elapsed().as_secs_f64() * 1e3 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(m.to_query());
    }
    let query = t.elapsed().as_secs_f64() * 1e3 / n as f64;
    println!("update {update:.4} ms, cv_view {view:.4} ms, to_query {query:.4} ms");
}
