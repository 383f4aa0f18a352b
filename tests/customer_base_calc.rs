//! The customer base calculator (§2.5) behind the calculator interface: its
//! valuation equals the models' reference `value_customers`, its documents
//! round-trip, bad data are refused with their path, and the worker's task
//! protocol reads files and fits like the models do.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::calc::Calc;
use customer_value_calculator::domain::customer_base::calc::{self, task, CbAction, CbData, CbForm, CustomerBaseInputs};
use customer_value_calculator::domain::customer_base::model::{self, ClvSettings, TimeUnit};
use customer_value_calculator::domain::i18n::Lang;
use customer_value_calculator::domain::model::{Action, CalcAction, Model};
use serde_json::{json, Value};

fn inputs() -> CustomerBaseInputs {
    CbForm::fresh(Lang::En).inputs().expect("valid defaults")
}

#[test]
fn the_valuation_equals_the_models_reference_for_every_customer() {
    for horizon in [1.0, 12.0, 39.0] {
        let mut i = inputs();
        i.horizon_months = horizon;
        i.discount_rate = 0.15;
        i.margin_rate = 0.3;
        let r = calc::compute(&i);
        let d = i.data.get();
        let rows = d.model_rows();
        let f = i.fitted.clone().expect("fitted natively");
        let params = f.params.clone().expect("the sample fits");
        let spend = f.spend.clone().expect("money").expect("spend fit").model();
        let settings = ClvSettings { time_unit: TimeUnit::Week, horizon_months: horizon as u32, discount_rate: 0.15, margin_rate: 0.3 };
        let want = model::value_customers(&params.model(), Some(&spend), &rows, &settings).unwrap();
        assert_eq!(r.lines.len(), want.len());
        for (got, want) in r.lines.iter().zip(&want) {
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1.0);
            assert!(close(got.p_alive, want.p_alive));
            assert!(close(got.expected_transactions, want.expected_transactions));
            assert!(close(got.clv.unwrap(), want.clv.unwrap()), "{} vs {}", got.clv.unwrap(), want.clv.unwrap());
        }
        let total: f64 = want.iter().map(|v| v.clv.unwrap()).sum();
        assert!((r.total_clv.unwrap() - total).abs() < 1e-9 * total);
        // The classes by historical spend (kept between valuations of the
        // same data) equal a fresh classification.
        let spends: Vec<f64> = d.rows.iter().map(|x| x.historical_spend.unwrap()).collect();
        let counts: Vec<f64> = rows.iter().map(|x| x.count).collect();
        assert_eq!(r.abc.by_spend, Some(model::abc_classes(&spends, &counts).unwrap().0));
    }
    // Other data are classified afresh.
    let mut i = inputs();
    let mut d = (**i.data.get()).clone();
    d.rows.truncate(100);
    for (k, row) in d.rows.iter_mut().enumerate() {
        row.historical_spend = Some(if k < 10 { 1000.0 } else { 1.0 });
    }
    i.data = calc::SharedData::new(std::rc::Rc::new(d));
    i.fitted = Some(std::rc::Rc::new(calc::fit(i.data.get(), model::ModelKind::Bgnbd)));
    let abc = calc::compute(&i).abc.by_spend.unwrap();
    assert_eq!((abc.a.customers, abc.b.customers, abc.c.customers), (9.0, 1.0, 90.0), "{abc:?}");
}

#[test]
fn the_sample_is_the_projects_own_and_recovers_its_parameters() {
    let d = calc::data::sample();
    assert_eq!(d.rows.len(), 1000);
    assert_eq!(d, calc::data::sample(), "seeded");
    let r = calc::compute(&inputs());
    let Some(model::Params::Bgnbd(p)) = r.params else { panic!("BG/NBD") };
    assert!(p.converged);
    // Near the parameters it was drawn from (r 0.25, α 4, a 0.8, b 2.5), within sampling error.
    assert!((p.r - 0.25).abs() < 0.1, "{p:?}");
    assert!(r.abc.by_clv.unwrap().a.share_of_value >= 0.8);
    assert_eq!(r.customers, 1000.0);
    assert!(r.fit_warnings.is_empty() && r.spend_warnings.is_empty(), "{:?} {:?}", r.fit_warnings, r.spend_warnings);
}

#[test]
fn a_fit_that_converges_on_too_little_data_says_so() {
    // The twelve customers of the end-to-end test: the optimiser "converges"
    // with r running off towards infinity, which the results must flag.
    let mut lines = vec!["customer_id,date,amount".to_string()];
    for c in 1..=12 {
        lines.push(format!("{c},1997-01-0{},{}", 1 + (c % 5), 10 + c));
        if c % 2 == 0 {
            lines.push(format!("{c},1997-03-1{},{}", c % 10, 5 + c));
        }
        if c % 3 == 0 {
            lines.push(format!("{c},1997-05-2{},{}", c % 10, 7 + c));
        }
    }
    let csv = lines.join("\n");
    let file =
        customer_value_calculator::domain::customer_base::import::ImportFile::read("log.csv", csv.as_bytes(), &Default::default()).unwrap();
    let summary = file.summarise(file.mapping(), &Default::default()).unwrap();
    let data = CbData::from_value(&serde_json::to_value(summary.to_data()).unwrap()).unwrap();
    let mut i = inputs();
    i.data = calc::SharedData::new(std::rc::Rc::new(data));
    i.fitted = None;
    let r = calc::compute(&i);
    assert_eq!(r.customers, 12.0);
    assert!(r.params.is_some(), "{:?}", r.fit_message);
    assert!(r.fit_warnings.contains(&"few_customers".to_string()), "{:?}", r.fit_warnings);
    let est = r.params.unwrap().estimates();
    let extreme = est.iter().any(|(v, _)| !(1e-4..=1e4).contains(v));
    assert_eq!(r.fit_warnings.contains(&"extreme_parameters".to_string()), extreme, "{est:?}");
    // The rules themselves.
    assert!(model::fit_warnings(&[(1.0, Some(0.1))], 1000.0, 500.0).is_empty());
    assert_eq!(model::fit_warnings(&[(1.0, Some(2.0))], 1000.0, 500.0), ["imprecise"]);
    assert_eq!(model::fit_warnings(&[(1.0, None)], 1000.0, 500.0), ["imprecise"]);
    assert_eq!(model::fit_warnings(&[(1e8, Some(1.0))], 1000.0, 500.0), ["extreme_parameters"]);
    assert_eq!(model::fit_warnings(&[(1.0, Some(0.1))], 99.0, 50.0), ["few_customers"]);
    assert_eq!(model::fit_warnings(&[(1.0, Some(0.1))], 1000.0, 19.0), ["few_customers"]);
}

#[test]
fn data_are_refused_with_the_first_problem() {
    let ok = calc::data::sample().to_value();
    assert!(CbData::from_value(&ok).is_ok());
    let cases = [
        (json!({"shape": "log"}), "shape: must be \"summary\""),
        (json!({"shape": "summary", "columns": ["customer_id", "frequency", "recency"], "rows": []}), "columns: T is missing"),
        (
            json!({"shape": "summary", "columns": ["customer_id", "frequency", "recency", "T"], "rows": [["a", 1, 5, 3]]}),
            "rows[0]: recency must be from 0 to T",
        ),
        (
            json!({"shape": "summary", "columns": ["customer_id", "frequency", "recency", "T"], "rows": [["a", 1.5, 1, 3]]}),
            "rows[0]: frequency must be a whole number of 0 or more",
        ),
        (
            json!({"shape": "summary", "columns": ["customer_id", "frequency", "recency", "T"], "rows": [["a", 1, 1]]}),
            "rows[0]: must list 4 values",
        ),
        (
            json!({"shape": "summary", "columns": ["customer_id", "frequency", "recency", "T"], "rows": [], "__proto__": 1}),
            "__proto__: unknown key",
        ),
    ];
    for (v, msg) in cases {
        assert_eq!(CbData::from_value(&v).unwrap_err(), msg);
    }
}

#[test]
fn the_worker_reads_confirms_summarises_and_fits_like_the_models() {
    let csv = "客户,日期,金额\n1,1997-01-01,10\n1,1997-01-08,20\n2,1997-01-02,5\n2,1997-02-30,5\n3,1997-01-03,-4\n";
    let mut progress = |_: f64| {};
    let read: Value = serde_json::from_str(&task::run(&task::read_request("log.csv", Lang::En), csv.as_bytes(), &mut progress)).unwrap();
    let ok = &read["ok"];
    assert_eq!(ok["mapping"]["shape"], "transactions");
    assert_eq!(ok["mapping"]["roles"]["customer_id"], 0);
    assert_eq!(ok["preview"][0][0], "客户");
    let summarise = |lang, model| {
        task::summarise_request(&task::SummariseRequest {
            name: "log.csv",
            mapping: &ok["mapping"],
            time_unit: "day",
            observation_end: None,
            calibration_end: None,
            model,
            lang,
            file: task::FileRef::Bytes,
        })
    };
    let req = summarise(Lang::En, None);
    let sum: Value = serde_json::from_str(&task::run(&req, csv.as_bytes(), &mut progress)).unwrap();
    let data = CbData::from_wire(&sum["ok"]["summary"]).unwrap();
    assert_eq!(data.rows.len(), 2);
    assert_eq!(data.rows[0].frequency, 1.0);
    assert_eq!(data.rows[0].recency, 7.0);
    assert_eq!(sum["ok"]["issues"].as_array().unwrap().len(), 2, "{}", sum["ok"]["issues"]);
    // A fit through the protocol equals a direct fit.
    let sample = calc::data::sample();
    let fit: Value = serde_json::from_str(&task::run(&task::fit_request(&sample, "bgnbd", "week"), &[], &mut progress)).unwrap();
    let got = task::read_fitted(&fit["ok"]).unwrap();
    assert_eq!(got, calc::fit(&sample, model::ModelKind::Bgnbd));
    // Errors and row reasons come in the user's language.
    let zh: Value = serde_json::from_str(&task::run(&task::read_request("e.csv", Lang::ZhCn), b"", &mut progress)).unwrap();
    assert_eq!(zh["error"], "文件中没有数据");
    let req = summarise(Lang::ZhTw, None);
    let tw: Value = serde_json::from_str(&task::run(&req, csv.as_bytes(), &mut progress)).unwrap();
    assert_eq!(tw["ok"]["issues"][0]["reason"], "已略過：日期無法讀取");
    assert!(tw["ok"].get("fitted").is_none());
    // With a model, the summarise task fits too, exactly as a separate fit would.
    let big = "customer_id,date,amount\n".to_string()
        + &(0..60).flat_map(|c| (0..=(c % 4)).map(move |k| format!("{c},1997-0{}-1{},{}\n", 1 + k, c % 9, 5 + c))).collect::<String>();
    let req = summarise(Lang::En, Some("bgnbd"));
    let both: Value = serde_json::from_str(&task::run(&req, big.as_bytes(), &mut progress)).unwrap();
    let data = CbData::from_wire(&both["ok"]["summary"]).unwrap();
    assert_eq!(data.rows.len(), 60, "the cache never hands back another file's table");
    assert_eq!(both["ok"]["fit_model"], "bgnbd");
    let got = task::read_fitted(&both["ok"]["fitted"]).unwrap();
    assert_eq!(got, calc::fit(&data, model::ModelKind::Bgnbd));
    // Garbage never panics and answers with an error.
    for bad in ["", "{", "{\"task\":\"fit\",\"data\":{}}", "{\"task\":\"summarise\",\"mapping\":{\"shape\":\"x\"}}"] {
        let v: Value = serde_json::from_str(&task::run(bad, b"\x00\x01", &mut progress)).unwrap();
        assert!(v.get("error").is_some(), "{bad}: {v}");
    }
}

#[test]
fn a_mapping_confirmed_as_detected_is_answered_from_the_work_done_ahead() {
    // Chinese headers: the mapping step is shown, and the worker summarises
    // and fits with the detected mapping while the user reads it.
    let csv = "客户,日期,金额\n".to_string()
        + &(0..60).flat_map(|c| (0..=(c % 4)).map(move |k| format!("{c},1997-0{}-1{},{}\n", 1 + k, c % 9, 5 + c))).collect::<String>();
    let request = |mapping: &Value, time_unit, make: fn(&task::SummariseRequest<'_>) -> String| {
        make(&task::SummariseRequest {
            name: "log.csv",
            mapping,
            time_unit,
            observation_end: None,
            calibration_end: None,
            model: Some("bgnbd"),
            lang: Lang::ZhCn,
            file: task::FileRef::Bytes,
        })
    };
    let parts = |req: &str| {
        let mut parts = Vec::new();
        let last = task::run_parts(req, csv.as_bytes(), &mut |_| {}, &mut |p| parts.push(p.to_string()));
        parts.push(last);
        parts
    };
    let read_req = request(&Value::Null, "week", task::read_request_ahead);
    let read: Value = serde_json::from_str(&task::run(&read_req, csv.as_bytes(), &mut |_| {})).unwrap();
    assert_eq!(read["ok"]["needs_confirmation"], true);
    assert!(!task::prepared_ahead());
    task::prepare_ahead();
    assert!(task::prepared_ahead());
    let mapping = &read["ok"]["mapping"];
    let warm = parts(&request(mapping, "week", task::summarise_request));
    // Prepared ahead, the answer comes in one piece: the cold worker's two
    // parts merged, as `run` merges them.
    assert_eq!(warm.len(), 1);
    assert!(!task::prepared_ahead(), "taken by the summarise that used it");
    task::forget();
    let cold = parts(&request(mapping, "week", task::summarise_request));
    assert_eq!(cold.len(), 2);
    task::forget();
    let merged = task::run(&request(mapping, "week", task::summarise_request), csv.as_bytes(), &mut |_| {});
    assert_eq!(warm[0], merged);
    let v: Value = serde_json::from_str(&merged).unwrap();
    assert!(v["ok"]["summary"].is_object() && v["ok"]["fitted"]["params"].is_object(), "{v}");
    // Another time unit (or mapping) is computed afresh.
    task::run(&read_req, csv.as_bytes(), &mut |_| {});
    task::prepare_ahead();
    let days = parts(&request(mapping, "day", task::summarise_request));
    assert_eq!(days.len(), 2, "computed afresh, in two parts");
    assert!(!task::prepared_ahead(), "dropped by a summarise that asked something else");
    task::forget();
    assert_eq!(days, parts(&request(mapping, "day", task::summarise_request)));
    assert_ne!(days, cold);
    // Nothing is left prepared for a file that imports at once (its read
    // answers with the summary and the fit), nor for a plain read.
    let exact = csv.replacen("客户,日期,金额", "customer_id,date,amount", 1);
    let read_req = request(&Value::Null, "week", task::read_request_ahead);
    let at_once: Value = serde_json::from_str(&task::run(&read_req, exact.as_bytes(), &mut |_| {})).unwrap();
    assert!(at_once["ok"]["summary"].is_object() && at_once["ok"]["fitted"]["params"].is_object(), "{at_once}");
    task::prepare_ahead();
    assert!(!task::prepared_ahead());
    task::run(&task::read_request("log.csv", Lang::En), csv.as_bytes(), &mut |_| {});
    task::prepare_ahead();
    assert!(!task::prepared_ahead());
}

#[test]
fn a_document_carries_the_data_and_the_table_only_when_asked() {
    let mut m = Model::from_query("?calc=customer_base&lang=en&include_customers=true&horizon_months=24", &[] as &[&str]);
    let doc: Value = serde_json::from_str(&m.export_document().unwrap().to_json()).unwrap();
    assert_eq!(doc["inputs"]["data"]["rows"].as_array().unwrap().len(), 1000);
    assert_eq!(doc["results"]["customer_table"].as_array().unwrap().len(), 1000);
    assert_eq!(doc["inputs"]["horizon_months"], 24.0);
    // The share link carries the settings, not the data.
    assert!(!m.to_query().contains("state="));
    // A summary of 12 customers replaces the sample through import.
    let mut small = doc.clone();
    let rows: Vec<Value> = (0..12)
        .map(|k| json!([format!("c{k}"), k % 3, (k % 3) as f64 * 4.0, 20.0, if k % 3 > 0 { 10.0 + k as f64 } else { 0.0 }, 50.0]))
        .collect();
    small["inputs"]["data"]["rows"] = Value::Array(rows);
    m.update(Action::ImportText(small.to_string()));
    assert!(m.import_errors.is_empty(), "{:?}", m.import_errors);
    assert_eq!(m.slots.cb.form.data().rows.len(), 12);
    // A bad row is refused with its path and changes nothing.
    let mut bad = small.clone();
    bad["inputs"]["data"]["rows"][3][2] = json!(99.0);
    m.update(Action::ImportText(bad.to_string()));
    assert_eq!(m.import_errors[0].line(Lang::En), "inputs.data: the customer data are not valid: rows[3]: recency must be from 0 to T");
    assert_eq!(m.slots.cb.form.data().rows.len(), 12);
    // The sample comes back.
    m.update(Action::Calc(CalcAction::Cb(CbAction::Sample)));
    assert_eq!(m.slots.cb.form.data().rows.len(), 1000);
}

#[test]
fn an_imported_log_arrives_in_two_parts_the_summary_first_then_its_fit() {
    use customer_value_calculator::domain::model::Effect;
    use customer_value_calculator::domain::worker::WorkerReply;
    let mut m = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
    let mut csv = "客户,日期,金额\n".to_string();
    for c in 0..200 {
        for k in 0..=(c % 4) {
            csv.push_str(&format!("{c},1997-0{}-1{},{}\n", 1 + k, c % 9, 5 + c % 17));
        }
    }
    let job = |effects: Vec<Effect>| {
        effects.into_iter().find_map(|e| if let Effect::Worker(j) = e { Some(j) } else { None }).expect("a worker job")
    };
    let bytes = |j: &customer_value_calculator::domain::worker::WorkerJob| j.bytes.as_ref().map(|b| b.bytes().to_vec()).unwrap_or_default();
    // The documented header imports without the mapping step: the read's
    // answer brings the summary and its fit, in one piece (no second job).
    let exact = csv.replacen("客户,日期,金额", "customer_id,date,amount", 1);
    let read = job(m.update(Action::Calc(CalcAction::Cb(CbAction::File("log.csv".into(), exact.clone().into_bytes().into())))));
    let answer = task::run(&read.request, &bytes(&read), &mut |_| {});
    let effects = m.update(Action::Worker(read.id, WorkerReply::Done(answer.clone())));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_))), "no second trip");
    assert!(m.worker.is_none());
    assert_eq!(m.slots.cb.form.data().rows.len(), 200);
    let r = m.slots.cb.form.results().expect("results");
    assert_eq!(r.params, calc::fit(m.slots.cb.form.data(), model::ModelKind::Bgnbd).params.ok());
    // It is the summarise's answer with the read's fields beside it.
    let (answer, alone): (Value, Value) = (serde_json::from_str(&answer).unwrap(), {
        let mapping = serde_json::from_str::<Value>(&answer).unwrap()["ok"]["mapping"].clone();
        task::forget();
        let req = task::summarise_request(&task::SummariseRequest {
            name: "log.csv",
            mapping: &mapping,
            time_unit: "week",
            observation_end: None,
            calibration_end: None,
            model: Some("bgnbd"),
            lang: Lang::En,
            file: task::FileRef::Bytes,
        });
        serde_json::from_str(&task::run(&req, exact.as_bytes(), &mut |_| {})).unwrap()
    });
    assert_eq!(answer["ok"]["needs_confirmation"], false);
    for (k, v) in alone["ok"].as_object().unwrap() {
        assert_eq!(&answer["ok"][k], v, "{k}");
    }
    // Chinese headers: read, the mapping step confirmed, then summarise.
    let read_confirm = |m: &mut Model| {
        let read = job(m.update(Action::Calc(CalcAction::Cb(CbAction::File("log.csv".into(), csv.clone().into_bytes().into())))));
        let answer = task::run(&read.request, &bytes(&read), &mut |_| {});
        assert!(!m.update(Action::Worker(read.id, WorkerReply::Done(answer))).iter().any(|e| matches!(e, Effect::Worker(_))));
        (read.id, job(m.update(Action::Calc(CalcAction::Cb(CbAction::Confirm)))))
    };
    let (read_id, summarise) = read_confirm(&mut m);
    assert!(summarise.request.contains("\"model\":\"bgnbd\""), "{}", summarise.request);
    // The bytes went with the read; the summarise names the file the worker holds.
    assert!(summarise.bytes.is_none(), "{}", summarise.request);
    assert!(summarise.request.contains(&format!("\"held\":{read_id}")), "{}", summarise.request);
    // A worker started afresh since (a cancel) asks for them again, once.
    let held = task::run(&summarise.request, &[], &mut |_| {});
    task::forget();
    assert_eq!(task::run(&summarise.request, &[], &mut |_| {}), "{\"resend\":true}");
    let again = job(m.update(Action::Worker(summarise.id, WorkerReply::Done("{\"resend\":true}".into()))));
    assert_eq!(again.bytes.as_ref().map(|b| b.bytes().len()), Some(csv.len()));
    assert!(again.request.contains(&format!("\"sent\":{}", again.id)), "{}", again.request);
    assert_eq!(task::run(&again.request, &bytes(&again), &mut |_| {}), held, "the same answer from the bytes");
    // The user takes the sample while a request naming the file is out: the
    // worker's resend is then ignored, with no error and no new job.
    let mut other = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
    let (_, s) = read_confirm(&mut other);
    // A file the worker cannot read (the browser's file moved or deleted
    // since it was chosen): said so, nothing imported, nothing asked again.
    {
        let mut gone = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
        let r = job(gone.update(Action::Calc(CalcAction::Cb(CbAction::File("gone.csv".into(), csv.clone().into_bytes().into())))));
        let effects = gone.update(Action::Worker(r.id, WorkerReply::Done(task::unreadable())));
        assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_))));
        assert_eq!(
            gone.notice,
            Some(customer_value_calculator::domain::notice::Notice::Message(
                customer_value_calculator::domain::i18n::Msg::CbFileUnreadable
            ))
        );
        assert_eq!(gone.slots.cb.form.data().rows.len(), 1000, "the sample stays");
        assert!(gone.worker.is_none());
    }
    other.update(Action::Calc(CalcAction::Cb(CbAction::Sample)));
    let effects = other.update(Action::Worker(s.id, WorkerReply::Done("{\"resend\":true}".into())));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_))));
    assert!(other.slots.cb.form.import_error.is_none() && other.notice.is_none(), "{:?}", other.notice);
    let summarise = again;
    let mut parts = Vec::new();
    let last = task::run_parts(&summarise.request, &bytes(&summarise), &mut |_| {}, &mut |p| parts.push(p.to_string()));
    assert_eq!(parts.len(), 1);
    // The summary is shown while the task still runs (the progress bar stays).
    let effects = m.update(Action::Worker(summarise.id, WorkerReply::Part(parts.remove(0))));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_))), "no second trip for the fit");
    assert_eq!(m.slots.cb.form.data().rows.len(), 200);
    assert!(m.worker.is_some());
    // Then the fit: no new job, and the results are those of a direct fit.
    let effects = m.update(Action::Worker(summarise.id, WorkerReply::Done(last)));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_))));
    assert!(m.worker.is_none());
    let r = m.slots.cb.form.results().expect("results");
    let direct = calc::fit(m.slots.cb.form.data(), model::ModelKind::Bgnbd);
    assert_eq!(r.params, direct.params.ok());
    assert_eq!(r.customers, 200.0);
    // Other data between the two halves (the sample): the file's fit is not theirs.
    let (_, summarise) = read_confirm(&mut m);
    let mut parts = Vec::new();
    let last = task::run_parts(&summarise.request, &bytes(&summarise), &mut |_| {}, &mut |p| parts.push(p.to_string()));
    m.update(Action::Worker(summarise.id, WorkerReply::Part(parts.remove(0))));
    m.update(Action::Calc(CalcAction::Cb(CbAction::Sample)));
    m.update(Action::Worker(summarise.id, WorkerReply::Done(last)));
    let sample = m.slots.cb.form.data().clone();
    assert_eq!(sample.rows.len(), 1000);
    let r = m.slots.cb.form.results().expect("results");
    assert_eq!(r.params, calc::fit(&sample, model::ModelKind::Bgnbd).params.ok(), "the sample is valued with its own fit");
}

#[test]
fn the_wire_form_hands_the_page_the_same_summary_and_paths_bit_for_bit() {
    // Summary: every column, values with no short decimal form, a missing money value.
    let mut data = calc::data::sample();
    data.columns = vec!["customer_id", "frequency", "recency", "T", "monetary_value", "count", "historical_spend", "holdout_frequency"];
    for (k, r) in data.rows.iter_mut().enumerate() {
        r.recency = (r.recency / 3.0).min(r.t);
        r.count = 1.0 + (k % 3) as f64;
        r.holdout_frequency = (k % 2 == 0).then_some(k as f64 % 5.0);
    }
    data.rows[7].monetary_value = None;
    data.rows[8].customer_id = "客户 \"8\"\n\\\u{1}".into();
    let back = CbData::from_wire(&serde_json::from_str(&data.to_wire()).unwrap()).unwrap();
    assert_eq!(back, data);
    assert_eq!(back.to_value(), data.to_value(), "the document form is unchanged");
    // Malformed wire data are refused with the JSON form's messages, never a panic.
    let wire: Value = serde_json::from_str(&data.to_wire()).unwrap();
    let mut short = wire.clone();
    short["numbers"] = json!("AAAA");
    assert_eq!(CbData::from_wire(&short).unwrap_err(), "numbers: must hold every row's values");
    let mut unknown = wire.clone();
    unknown["columns"][1] = json!("age");
    assert_eq!(CbData::from_wire(&unknown).unwrap_err(), "columns: unknown column");
    let mut bad = data.clone();
    bad.rows[3].recency = bad.rows[3].t + 1.0;
    assert_eq!(CbData::from_wire(&serde_json::from_str(&bad.to_wire()).unwrap()).unwrap_err(), "rows[3]: recency must be from 0 to T");
    assert_eq!(CbData::from_value(&bad.to_value()).unwrap_err(), "rows[3]: recency must be from 0 to T");
    for v in [json!(null), json!({}), json!({"columns": [], "ids": [], "numbers": 5})] {
        assert!(CbData::from_wire(&v).is_err(), "{v}");
    }
    // Paths: a fit that arrives with the worker's paths values exactly like
    // one whose paths the page computes itself.
    let sample = calc::data::sample();
    let mut progress = |_: f64| {};
    let reply: Value = serde_json::from_str(&task::run(&task::fit_request(&sample, "bgnbd", "week"), &[], &mut progress)).unwrap();
    assert!(reply["ok"]["paths"].is_object(), "the worker sends its paths");
    let with_paths = task::read_fitted(&reply["ok"]).unwrap();
    let mut plain = reply["ok"].clone();
    plain["paths"] = Value::Null;
    let without = task::read_fitted(&plain).unwrap();
    let mut i = inputs();
    i.data = calc::SharedData::new(std::rc::Rc::new(sample));
    i.fitted = Some(std::rc::Rc::new(with_paths));
    let a = calc::compute(&i);
    i.fitted = Some(std::rc::Rc::new(without));
    let b = calc::compute(&i);
    assert_eq!(a.total_clv, b.total_clv);
    assert_eq!(a.customer_table, b.customer_table);
    // Malformed paths are ignored (the page computes its own).
    let mut broken = reply["ok"].clone();
    broken["paths"]["cum"] = json!("AAAAAAAAAAA");
    i.fitted = Some(std::rc::Rc::new(task::read_fitted(&broken).unwrap()));
    assert_eq!(calc::compute(&i).total_clv, a.total_clv);
}

#[test]
fn the_sample_is_drawn_on_first_read_only() {
    // A page that opens another calculator never simulates the sample: copies
    // of the form compare equal without drawing it.
    let a = calc::SharedData::sample();
    let b = a.clone();
    assert!(a == b);
    assert!(!a.drawn() && !b.drawn());
    let rows = a.get().rows.len();
    assert!(b.drawn());
    assert_eq!(rows, 1000);
    assert!(**a.get() == calc::data::sample());
    assert!(calc::SharedData::sample() == a);
}
