//! The customer base form's import steps against the worker's task
//! protocol: a summary is taken only with the settings it was made with, and
//! a failed, unreadable or cancelled import or re-summary leaves the data
//! valued with the file, time unit and dates they were summarised with.

#![cfg(not(target_arch = "wasm32"))]

use customer_value_calculator::domain::customer_base::calc::{task, CbAction};
use customer_value_calculator::domain::model::{Action, CalcAction, Effect, Model};
use customer_value_calculator::domain::worker::{WorkerJob, WorkerReply};

/// A transaction log of 120 customers with a header naming its columns
/// (imported at once, no mapping step).
fn log_csv() -> String {
    let mut csv = "customer_id,date,amount\n".to_string();
    for c in 0..120 {
        for k in 0..=(c % 4) {
            csv.push_str(&format!("{c},1997-0{}-1{},{}\n", 1 + k, c % 9, 5 + c % 17));
        }
    }
    csv
}

/// The worker job among an update's effects.
fn job(effects: Vec<Effect>) -> Option<WorkerJob> {
    effects.into_iter().find_map(|e| if let Effect::Worker(j) = e { Some(j) } else { None })
}

/// The job's bytes, as the worker would read them.
fn bytes(j: &WorkerJob) -> Vec<u8> {
    j.bytes.as_ref().map(|b| b.bytes().to_vec()).unwrap_or_default()
}

/// The user picks the log file: the `read` job it asks for.
fn file(m: &mut Model) -> WorkerJob {
    job(m.update(Action::Calc(CalcAction::Cb(CbAction::File("log.csv".into(), log_csv().into_bytes().into()))))).expect("a read")
}

#[test]
fn a_summary_is_taken_only_with_the_settings_it_was_made_with() {
    use customer_value_calculator::domain::i18n::Msg;
    use customer_value_calculator::domain::notice::Notice;
    let run = |j: &WorkerJob| task::run(&j.request, &bytes(j), &mut |_| {});
    // The time unit changes while the worker reads (and summarises in weeks):
    // that summary is not taken; the file is summarised again in days.
    let mut m = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
    let read = file(&mut m);
    let answer = run(&read);
    assert!(answer.contains("\"summary\""), "summarised within the read");
    assert!(job(m.update(Action::EditScalar("time_unit".into(), "day".into()))).is_none(), "no log yet: nothing to re-summarise");
    let again = job(m.update(Action::Worker(read.id, WorkerReply::Done(answer)))).expect("summarised again");
    assert!(again.request.contains("\"summarise\"") && again.request.contains("\"time_unit\":\"day\""), "{}", again.request);
    assert_eq!(m.slots.cb.form.data().rows.len(), 1000, "the weekly summary was not taken");
    assert!(job(m.update(Action::Worker(again.id, WorkerReply::Done(run(&again))))).is_none());
    assert_eq!(m.slots.cb.form.data().rows.len(), 120);
    assert!(m.to_query().contains("time_unit=day"), "{}", m.to_query());
    // A re-summary that fails (the browser's file is gone) leaves the
    // settings the data were summarised with, and the log's file.
    let resum = job(m.update(Action::EditScalar("time_unit".into(), "month".into()))).expect("a re-summary");
    let effects = m.update(Action::Worker(resum.id, WorkerReply::Done(task::unreadable())));
    assert!(job(effects).is_none());
    assert_eq!(m.notice, Some(Notice::Message(Msg::CbFileUnreadable)));
    assert!(m.to_query().contains("time_unit=day"), "{}", m.to_query());
    assert_eq!(m.slots.cb.form.data().rows.len(), 120);
    let next = job(m.update(Action::EditScalar("time_unit".into(), "week".into()))).expect("the log can still be re-summarised");
    assert!(next.request.contains("\"time_unit\":\"week\""), "{}", next.request);
    // A new file that fails keeps the valued log's file and settings too.
    let mut m = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
    let read = file(&mut m);
    assert!(job(m.update(Action::Worker(read.id, WorkerReply::Done(run(&read))))).is_none(), "one piece: no second trip");
    let other = job(m.update(Action::Calc(CalcAction::Cb(CbAction::File("gone.csv".into(), b"x".to_vec().into()))))).unwrap();
    m.update(Action::Worker(other.id, WorkerReply::Done(task::unreadable())));
    let resum = job(m.update(Action::EditScalar("time_unit".into(), "day".into()))).expect("a re-summary");
    assert!(resum.request.contains("\"name\":\"log.csv\""), "{}", resum.request);
    // A new file while a log is valued: changing the time unit during its
    // read asks nothing of the valued log (the read stays the job) and the
    // read's weekly summary is then summarised again in days.
    let mut m = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
    let read = file(&mut m);
    assert!(job(m.update(Action::Worker(read.id, WorkerReply::Done(run(&read))))).is_none());
    let second = file(&mut m);
    assert!(job(m.update(Action::EditScalar("time_unit".into(), "day".into()))).is_none(), "the read stays the job");
    let again = job(m.update(Action::Worker(second.id, WorkerReply::Done(run(&second))))).expect("summarised again");
    assert!(again.request.contains("\"time_unit\":\"day\""), "{}", again.request);
    // Cancelled (the worker ended), it leaves the valued log in weeks, its
    // file still re-summarisable.
    m.update(Action::CancelWorker);
    assert!(m.to_query().contains("time_unit=week"), "{}", m.to_query());
    assert_eq!(m.slots.cb.form.data().rows.len(), 120);
    let resum = job(m.update(Action::EditScalar("time_unit".into(), "month".into()))).expect("a re-summary");
    assert!(resum.request.contains("\"name\":\"log.csv\""), "{}", resum.request);
    // An error answer to that re-summary leaves weeks too.
    m.update(Action::Worker(resum.id, WorkerReply::Done("{\"error\":\"no\"}".into())));
    assert!(m.to_query().contains("time_unit=week"), "{}", m.to_query());
    assert_eq!(m.slots.cb.form.import_error.as_deref(), Some("no"));
    // With Pareto/NBD (a slower fit) the read answers alone: the summary then
    // comes first, while the worker fits.
    let mut p = Model::from_query("?calc=customer_base&lang=en&model=pareto_nbd", &[] as &[&str]);
    let read = file(&mut p);
    assert!(read.request.contains("\"model\":\"pareto_nbd\""), "{}", read.request);
    assert!(!run(&read).contains("\"summary\""));
    // A summary that fails within the read: the read answers alone, and the
    // summarise that follows reports why.
    let mut e = Model::from_query("?calc=customer_base&lang=en&observation_end=1990-01-01", &[] as &[&str]);
    let read = file(&mut e);
    let answer = run(&read);
    assert!(!answer.contains("\"summary\"") && answer.contains("\"needs_confirmation\":false"), "{answer}");
    let s = job(e.update(Action::Worker(read.id, WorkerReply::Done(answer)))).expect("the summarise");
    e.update(Action::Worker(s.id, WorkerReply::Done(run(&s))));
    assert!(e.slots.cb.form.import_error.is_some());
    assert_eq!(e.slots.cb.form.data().rows.len(), 1000, "the sample stays");
}

/// The results as text (they hold NaN, which equals nothing).
fn shown_as(m: &Model) -> String {
    format!("{:?}", m.slots.cb.form.results())
}

/// A file with nothing to confirm comes in two messages: the read and its
/// summary first (taken in while the worker fits), then the fit. Nothing the
/// user sees changes before the fit; the two together value the file, as the
/// one-piece answer does; a cancel or another file drops the first part.
#[test]
fn a_reads_first_part_is_shown_only_with_its_fit() {
    let parts = |j: &WorkerJob| {
        let mut first = Vec::new();
        let last = task::run_parts(&j.request, &bytes(j), &mut |_| {}, &mut |p| first.push(p.to_string()));
        (first, last)
    };
    let mut m = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
    let read = file(&mut m);
    let (first, last) = parts(&read);
    assert_eq!(first.len(), 1, "one first part");
    assert!(first[0].contains("\"summary\"") && first[0].contains("\"needs_confirmation\":false"), "{}", first[0]);
    assert!(last.contains("\"fitted\"") && !last.contains("\"summary\""), "{last}");
    let shown = m.clone();
    assert!(job(m.update(Action::Worker(read.id, WorkerReply::Part(first[0].clone())))).is_none());
    assert_eq!(m.slots.cb.form.data().rows.len(), 1000, "the sample is still shown");
    assert!(shown_as(&m) == shown_as(&shown), "nothing shown changed");
    assert_eq!((m.slots.cb.form.step.clone(), m.to_query()), (shown.slots.cb.form.step.clone(), shown.to_query()));
    assert!(m.worker.is_some(), "the job still runs");
    assert!(job(m.update(Action::Worker(read.id, WorkerReply::Done(last)))).is_none(), "no second trip");
    assert!(m.worker.is_none());
    assert_eq!(m.slots.cb.form.data().rows.len(), 120);
    // The same as the one-piece answer (`run` joins the two parts).
    let mut one = Model::from_query("?calc=customer_base&lang=en", &[] as &[&str]);
    let read1 = file(&mut one);
    let answer = task::run(&read1.request, &bytes(&read1), &mut |_| {});
    one.update(Action::Worker(read1.id, WorkerReply::Done(answer)));
    assert!(shown_as(&m) == shown_as(&one));
    assert_eq!(m.to_query(), one.to_query());
    // Cancelled after its first part: nothing changes, and the part is gone.
    let second = file(&mut m);
    let (first, last) = parts(&second);
    m.update(Action::Worker(second.id, WorkerReply::Part(first[0].clone())));
    m.update(Action::CancelWorker);
    assert!(shown_as(&m) == shown_as(&one));
    m.update(Action::Worker(second.id, WorkerReply::Done(last)));
    assert!(shown_as(&m) == shown_as(&one), "a late answer to a cancelled job changes nothing");
    // A first part that cannot be read: the fit that follows fails with a
    // message, and the data shown stay (no empty mapping step).
    let bad = file(&mut m);
    let (_, last) = parts(&bad);
    m.update(Action::Worker(bad.id, WorkerReply::Part("{\"ok\"".into())));
    m.update(Action::Worker(bad.id, WorkerReply::Done(last)));
    assert!(m.slots.cb.form.import_error.is_some());
    assert_eq!(m.slots.cb.form.step, customer_value_calculator::domain::customer_base::calc::ImportStep::Idle);
    assert!(shown_as(&m) == shown_as(&one), "the data shown stay");
    // A setting changed after the first part: the part is not taken; the
    // file is summarised again with the new setting.
    let third = file(&mut m);
    let (first, last) = parts(&third);
    m.update(Action::Worker(third.id, WorkerReply::Part(first[0].clone())));
    assert!(job(m.update(Action::EditScalar("time_unit".into(), "day".into()))).is_none(), "the read stays the job");
    let again = job(m.update(Action::Worker(third.id, WorkerReply::Done(last)))).expect("summarised again");
    assert!(again.request.contains("\"time_unit\":\"day\""), "{}", again.request);
}
