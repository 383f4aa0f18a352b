//! Native tests of §2.3: reference cases 6 and 7, Cronbach's α against
//! values computed independently (Python's `statistics.variance`), the
//! survey CSV parser's errors, and properties.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use customer_value_calculator::domain::i18n::Lang;
use customer_value_calculator::domain::satisfaction::{
    self, compute, cronbach_alpha, csv_template, parse_survey, preset_custom, preset_servqual, Instrument, Quadrant, SgForm, Verdict,
};
use proptest::prelude::*;

#[test]
fn case_6_custom_attributes() {
    let r = compute(&preset_custom(Lang::En));
    let gaps: Vec<f64> = r.items.iter().map(|i| i.gap).collect();
    assert_eq!(gaps, vec![-1.0, 1.0, 0.0]);
    let verdicts: Vec<Verdict> = r.items.iter().map(|i| i.verdict).collect();
    assert_eq!(verdicts, vec![Verdict::Below, Verdict::Exceeds, Verdict::Meets]);
    assert_eq!(r.unweighted_score, 0.0);
    assert_eq!(r.verdict, Verdict::Meets);
    assert_eq!(r.dimensions.len(), 3, "an item without a dimension is its own dimension");
    assert_eq!(r.weighted_score, None);
}

#[test]
fn case_7_servqual_with_weights() {
    let mut i = preset_servqual();
    let weights = i.dimension_weights.take();
    let r = compute(&i);
    let gaps: Vec<(String, f64)> = r.dimensions.iter().map(|d| (d.id.clone(), d.gap)).collect();
    assert_eq!(
        gaps,
        vec![
            ("tangibles".into(), 0.0),
            ("reliability".into(), -1.0),
            ("responsiveness".into(), -0.5),
            ("assurance".into(), 0.5),
            ("empathy".into(), -2.0)
        ]
    );
    assert!((r.unweighted_score + 0.6).abs() < 1e-12);
    assert_eq!(r.verdict, Verdict::Below);
    i.dimension_weights = weights;
    let r = compute(&i);
    assert!((r.weighted_score.unwrap() + 0.7).abs() < 1e-12);
    let q: Vec<Quadrant> = r.dimensions.iter().map(|d| d.ipa_quadrant).collect();
    assert_eq!(
        q,
        vec![Quadrant::PossibleOverkill, Quadrant::ConcentrateHere, Quadrant::KeepUp, Quadrant::KeepUp, Quadrant::ConcentrateHere]
    );
    assert!((r.mean_perceived - 5.4).abs() < 1e-12);
    assert_eq!(r.dimensions[1].weight, Some(0.3));
}

#[test]
fn tolerance_widens_meets() {
    let mut i = preset_custom(Lang::En);
    i.tolerance = 1.0;
    let r = compute(&i);
    assert!(r.items.iter().all(|it| it.verdict == Verdict::Meets));
}

#[test]
fn cronbach_alpha_matches_an_independent_computation() {
    let rows = |v: &[[f64; 3]]| v.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
    let a = cronbach_alpha(&rows(&[[5., 6., 7.], [4., 5., 5.], [6., 6., 7.], [3., 4., 4.], [5., 5., 6.]])).unwrap();
    assert!((a - 0.9611650485436892).abs() < 1e-12);
    let b = cronbach_alpha(&[vec![2., 7.], vec![6., 3.], vec![4., 4.], vec![5., 6.]]).unwrap();
    assert!((b + 5.894736842105264).abs() < 1e-12);
    assert_eq!(cronbach_alpha(&[vec![1., 2.]]), None, "one respondent");
    assert_eq!(cronbach_alpha(&[vec![1.], vec![2.]]), None, "one item");
    assert_eq!(cronbach_alpha(&[vec![3., 3.], vec![3., 3.]]), None, "no variance");
}

fn custom_items() -> Vec<(String, String)> {
    vec![("a".into(), "d".into()), ("b".into(), "d".into()), ("c".into(), "d".into())]
}

#[test]
fn survey_means_and_listwise_alpha() {
    let csv = "e_a,e_b,e_c,p_a,p_b,p_c\n5,6,7,4,4,4\n4,5,5,5,5,5\n6,6,7,6,6,6\n3,,4,7,7,7\n5,5,6,1,2,3\n";
    let s = parse_survey(csv.as_bytes(), Instrument::Custom, &custom_items(), (1.0, 7.0)).unwrap();
    assert_eq!(s.summary.respondents, 5);
    assert_eq!(s.expected, vec![23.0 / 5.0, 22.0 / 4.0, 29.0 / 5.0]);
    // The respondent with a blank answer is left out of α (listwise).
    let a = s.summary.alpha["d"].expected.unwrap();
    assert!((a - 0.9152542372881356).abs() < 1e-12, "{a}");
    assert!(s.summary.alpha["d"].perceived.is_some());
}

#[test]
fn survey_header_is_case_insensitive_and_allows_an_id_column() {
    let csv = "ID,E_A,E_B,E_C,P_A,P_B,P_C\nr1,1,2,3,4,5,6\nr2,2,3,4,5,6,7\n";
    let s = parse_survey(csv.as_bytes(), Instrument::Custom, &custom_items(), (1.0, 7.0)).unwrap();
    assert_eq!(s.summary.respondents, 2);
}

fn survey_errors(csv: &[u8]) -> Vec<String> {
    parse_survey(csv, Instrument::Custom, &custom_items(), (1.0, 7.0))
        .unwrap_err()
        .iter()
        .map(|e| e.message(Lang::En, (1.0, 7.0)))
        .collect()
}

#[test]
fn survey_errors_name_the_row_and_column() {
    assert_eq!(survey_errors(b""), vec!["the file is empty"]);
    assert_eq!(survey_errors(b"\x00\x01\x02\xff\xfe"), vec!["not a text CSV file"]);
    assert_eq!(
        survey_errors(b"e_a,e_b,e_x,p_a,p_b,p_c\n1,2,3,4,5,6\n"),
        vec!["row 1, column e_x: unknown column", "row 1, column e_c: missing column"]
    );
    assert_eq!(survey_errors(b"e_a,e_b,e_c,p_a,p_b,p_c\n1,2,9,4,5,6\n"), vec!["row 2, column e_c: 9 is outside the scale 1–7"]);
    assert_eq!(survey_errors(b"e_a,e_b,e_c,p_a,p_b,p_c\n1,2,3,4,five,6\n"), vec!["row 2, column p_b: \"five\" is not a number"]);
    assert_eq!(survey_errors(b"e_a,e_b,e_c,p_a,p_b,p_c\n"), vec!["no respondents after the header row"]);
    assert_eq!(survey_errors(b"e_a,e_b,e_c,p_a,p_b,p_c\n1,2,,4,5,6\n"), vec!["column e_c: no respondent answered this item"]);
}

#[test]
fn servqual_template_and_import() {
    let ids: Vec<String> = (1..=22).map(|i| format!("q{i}")).collect();
    let t = csv_template(Instrument::Servqual22, &ids);
    assert!(t.starts_with("e1,e2,") && t.contains(",e22,p1,") && t.trim_end().ends_with("p22"));
    let items: Vec<(String, String)> = Instrument::Servqual22.fixed_items().into_iter().map(|(id, d)| (id, d.to_string())).collect();
    let row = (0..44).map(|j| ((j % 7) + 1).to_string()).collect::<Vec<_>>().join(",");
    let csv = format!("{t}{row}\n{row}\n");
    let s = parse_survey(csv.as_bytes(), Instrument::Servqual22, &items, (1.0, 7.0)).unwrap();
    assert_eq!(s.summary.respondents, 2);
    assert_eq!(s.summary.alpha.len(), 5);
}

#[test]
fn form_checks_scale_weights_and_ratings() {
    let mut f = SgForm::new(Instrument::Custom, Lang::En);
    assert!(f.inputs().is_some());
    f.scale_max = "1".into();
    assert!(f.inputs().is_none());
    f.scale_max = "7".into();
    f.items[0].expected = "9".into();
    assert_eq!(f.rating_error("9").unwrap().to_string(), "must be at most 7");
    assert!(f.inputs().is_none());
    f.items[0].expected = "5".into();
    f.weights = Some(f.dimensions().into_iter().map(|d| (d, "0".into())).collect());
    assert!(f.inputs().is_none(), "all-zero weights are refused");
    f.weights = Some(f.dimensions().into_iter().map(|d| (d, "10".into())).collect());
    assert_eq!(f.weight_total(), Some(30.0));
    assert!(f.inputs().unwrap().dimension_weights.is_some());
}

proptest! {
    #[test]
    fn gap_signs_match_verdicts(ratings in proptest::collection::vec((1u8..=7, 1u8..=7), 1..20), tol in 0.0..2.0f64) {
        let mut f = SgForm::new(Instrument::Custom, Lang::En);
        f.items = ratings.iter().enumerate().map(|(k, (e, p))| customer_value_calculator::domain::satisfaction::ItemForm {
            id: format!("a{k}"), label: format!("A{k}"), dimension: String::new(), expected: e.to_string(), perceived: p.to_string(),
        }).collect();
        f.tolerance = format!("{tol}");
        let r = compute(&f.inputs().unwrap());
        for it in r.items.iter() {
            match it.verdict {
                Verdict::Exceeds => prop_assert!(it.gap > tol),
                Verdict::Below => prop_assert!(it.gap < -tol),
                Verdict::Meets => prop_assert!(it.gap.abs() <= tol + 1e-9),
            }
        }
    }

    #[test]
    fn csv_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_survey(&bytes, Instrument::Custom, &custom_items(), (1.0, 7.0));
        let mut with_header = b"e_a,e_b,e_c,p_a,p_b,p_c\n".to_vec();
        with_header.extend(&bytes);
        let _ = parse_survey(&with_header, Instrument::Custom, &custom_items(), (1.0, 7.0));
    }

    #[test]
    fn csv_parser_never_panics_on_csv_like_text(s in "[0-9a-z,\"\n .-]{0,300}") {
        let text = format!("e_a,e_b,e_c,p_a,p_b,p_c\n{s}");
        let _ = parse_survey(text.as_bytes(), Instrument::Custom, &custom_items(), (1.0, 7.0));
    }
}

#[test]
fn a_large_survey_is_handled() {
    let ids: Vec<String> = (1..=22).map(|i| format!("q{i}")).collect();
    let items: Vec<(String, String)> = Instrument::Servqual22.fixed_items().into_iter().map(|(id, d)| (id, d.to_string())).collect();
    let mut csv = csv_template(Instrument::Servqual22, &ids);
    let mut x: u64 = 7;
    for _ in 0..20_000 {
        let row: Vec<String> = (0..44)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((x >> 33) % 7 + 1).to_string()
            })
            .collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let s = parse_survey(csv.as_bytes(), Instrument::Servqual22, &items, (1.0, 7.0)).unwrap();
    assert_eq!(s.summary.respondents, 20_000);
}

#[test]
fn a_survey_row_with_100000_cells_gives_one_error() {
    use customer_value_calculator::domain::satisfaction::{parse_survey, Instrument};
    let items: Vec<(String, String)> = ["a", "b"].iter().map(|i| (i.to_string(), i.to_string())).collect();
    let mut csv = String::from("e_a,e_b,p_a,p_b\n");
    csv.push_str(&vec!["5"; 100_000].join(","));
    csv.push('\n');
    let errs = parse_survey(csv.as_bytes(), Instrument::Custom, &items, (1.0, 7.0)).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    // Every cell bad: the list stops at 20 and says so.
    let bad = format!("e_a,e_b,p_a,p_b\n{}\n", vec!["x,x,x,x"; 50].join("\n"));
    let errs = parse_survey(bad.as_bytes(), Instrument::Custom, &items, (1.0, 7.0)).unwrap_err();
    assert!(errs.len() <= 21, "{}", errs.len());
}

#[test]
fn a_survey_file_over_the_size_limit_is_refused_before_parsing() {
    let mut big = b"e_speed,e_friendliness,e_accuracy,p_speed,p_friendliness,p_accuracy\n".to_vec();
    big.resize(satisfaction::MAX_SURVEY_BYTES + 1, b'5');
    assert_eq!(survey_errors(&big), vec!["the file is larger than 32 MB; split it or import a sample of the respondents".to_string()]);
}

/// The survey import through the application model: a class's survey is
/// read at once; for a larger one the page asks the Web Worker (DESIGN §4),
/// which reads the file with `run_worker_task`; the answer then fills the
/// ratings, or refuses the whole file.
mod through_the_worker {
    use customer_value_calculator::domain::model::{Action, CalcAction, Effect, Model};
    use customer_value_calculator::domain::registry::run_worker_task;
    use customer_value_calculator::domain::satisfaction::{SgAction, MAX_SURVEY_BYTES, SURVEY_PAGE_BYTES};
    use customer_value_calculator::domain::worker::{SharedBytes, WorkerJob, WorkerReply};

    use super::common::{sg_model as model, survey_header as header};

    /// Sends a survey large enough for the worker: the CSV, then blank
    /// lines (which are no respondents) past the page's limit.
    fn send(m: &mut Model, csv: &str) -> WorkerJob {
        let mut bytes = csv.as_bytes().to_vec();
        bytes.resize(SURVEY_PAGE_BYTES + 1, b'\n');
        let effects = m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::new(bytes)))));
        effects.into_iter().find_map(|e| if let Effect::Worker(j) = e { Some(j) } else { None }).expect("a worker job")
    }

    /// [`send`] with the questionnaire's header before `rows`.
    fn send_rows(m: &mut Model, rows: &str) -> WorkerJob {
        let csv = format!("{}{rows}", header(m));
        send(m, &csv)
    }

    fn run(job: &WorkerJob) -> String {
        let bytes = job.bytes.as_ref().map(|b| b.bytes().to_vec()).unwrap_or_default();
        run_worker_task(&job.request, &bytes, &mut |_| {}, &mut |_| panic!("a survey has no parts"))
    }

    fn errors(m: &Model) -> Vec<String> {
        m.sg_view().survey_errors
    }

    #[test]
    fn a_survey_is_read_by_the_worker_and_fills_the_ratings() {
        let mut m = model();
        let csv = format!("{}5,6,7,4,4,4\n3,4,5,6,6,6\n", header(&m));
        let job = send(&mut m, &csv);
        // Nothing changes until the answer: the worker task is shown.
        assert_eq!(m.worker.map(|w| w.id), Some(job.id));
        assert!(m.slots.sg.form.survey.is_none());
        m.update(Action::Worker(job.id, WorkerReply::Progress(0.5)));
        assert_eq!(m.worker.map(|w| w.fraction), Some(0.5));
        m.update(Action::Worker(job.id, WorkerReply::Done(run(&job))));
        assert!(m.worker.is_none());
        let items = &m.slots.sg.form.items;
        let ratings: Vec<(&str, &str)> = items.iter().map(|i| (i.expected.as_str(), i.perceived.as_str())).collect();
        assert_eq!(ratings, vec![("4", "5"), ("5", "5"), ("6", "5")]);
        assert_eq!(m.slots.sg.form.survey.as_ref().map(|s| s.respondents), Some(2));
        assert!(errors(&m).is_empty());
    }

    #[test]
    fn a_small_survey_is_read_at_once_on_the_page() {
        let mut m = model();
        let csv = format!("{}5,6,7,4,4,4\n3,4,5,6,6,6\n", header(&m));
        let effects = m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::new(csv.into_bytes())))));
        assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_))), "no worker for a class's survey");
        assert!(m.worker.is_none());
        assert_eq!(m.slots.sg.form.survey.as_ref().map(|s| s.respondents), Some(2));
        assert_eq!(m.slots.sg.form.items[0].expected, "4");
    }

    #[test]
    fn a_refused_survey_changes_nothing_and_says_why() {
        let mut m = model();
        let before = m.slots.sg.form.items.clone();
        let csv = format!("{}5,6,9,4,4,4\n", header(&m));
        let job = send(&mut m, &csv);
        m.update(Action::Worker(job.id, WorkerReply::Done(run(&job))));
        assert_eq!(m.slots.sg.form.items, before);
        let col = m.slots.sg.form.items[2].id.clone();
        assert_eq!(errors(&m), vec![format!("row 2, column e_{col}: 9 is outside the scale 1–7")]);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_without_the_worker() {
        let mut m = model();
        let effects = m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::held(3, MAX_SURVEY_BYTES + 1)))));
        assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_))));
        assert_eq!(errors(&m), vec!["the file is larger than 32 MB; split it or import a sample of the respondents".to_string()]);
    }

    #[test]
    fn an_answer_for_another_questionnaire_or_a_failed_worker_changes_nothing() {
        let mut m = model();
        let before = m.slots.sg.form.items.clone();
        let csv = format!("{}5,6,7,4,4,4\n", header(&m));
        // The scale changed while the worker read the file.
        let job = send(&mut m, &csv);
        m.update(Action::EditScalar("scale_max".into(), "5".into()));
        m.update(Action::Worker(job.id, WorkerReply::Done(run(&job))));
        assert_eq!(m.slots.sg.form.items, before);
        assert_eq!(errors(&m), vec!["the questionnaire or the scale changed while the file was read; import it again".to_string()]);
        // The worker could not start, or the browser could not read the file.
        m.update(Action::EditScalar("scale_max".into(), "7".into()));
        let job = send(&mut m, &csv);
        m.update(Action::Worker(job.id, WorkerReply::Failed("no worker".into())));
        assert_eq!(errors(&m), vec!["the file could not be read; nothing was changed (no worker)".to_string()]);
        let job = send(&mut m, &csv);
        m.update(Action::Worker(job.id, WorkerReply::Done("{\"unreadable\":true}".into())));
        assert_eq!(errors(&m), vec!["The browser could not read the file.".to_string()]);
        assert_eq!(m.slots.sg.form.items, before);
    }

    #[test]
    fn a_cancelled_survey_changes_nothing_and_a_late_answer_is_ignored() {
        let mut m = model();
        let before = m.slots.sg.form.items.clone();
        let csv = format!("{}5,6,7,4,4,4\n", header(&m));
        let job = send(&mut m, &csv);
        let effects = m.update(Action::CancelWorker);
        assert!(effects.iter().any(|e| matches!(e, Effect::CancelWorker)));
        assert!(m.worker.is_none());
        m.update(Action::Worker(job.id, WorkerReply::Done(run(&job))));
        assert_eq!(m.slots.sg.form.items, before);
        assert!(m.slots.sg.form.survey.is_none());
    }

    #[test]
    fn a_file_chosen_later_wins_over_the_one_being_read() {
        let mut m = model();
        let first = send_rows(&mut m, "1,1,1,1,1,1\n");
        // A class's survey chosen meanwhile goes to the worker too, and
        // its job replaces the running one.
        let small = format!("{}5,6,7,4,4,4\n", header(&m));
        let effects = m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::new(small.into_bytes())))));
        assert!(effects.iter().any(|e| matches!(e, Effect::CancelWorker)));
        let second = effects.into_iter().find_map(|e| if let Effect::Worker(j) = e { Some(j) } else { None }).expect("a job");
        m.update(Action::Worker(first.id, WorkerReply::Done(run(&first))));
        assert!(m.slots.sg.form.survey.is_none(), "the earlier file's answer is ignored");
        m.update(Action::Worker(second.id, WorkerReply::Done(run(&second))));
        assert_eq!(m.slots.sg.form.items[0].expected, "5");
        // A refused file, chosen while one is read, leaves the ratings as they are.
        let before = m.slots.sg.form.items.clone();
        let third = send_rows(&mut m, "2,2,2,2,2,2\n");
        m.update(Action::Calc(CalcAction::Sg(SgAction::Survey(SharedBytes::held(9, MAX_SURVEY_BYTES + 1)))));
        m.update(Action::Worker(third.id, WorkerReply::Done(run(&third))));
        assert_eq!(m.slots.sg.form.items, before);
    }

    #[test]
    fn another_questionnaire_chosen_meanwhile_refuses_the_answer_with_a_message() {
        use customer_value_calculator::domain::satisfaction::{Instrument, SgPreset};
        for change in [SgAction::Instrument(Instrument::Determinants10), SgAction::Preset(SgPreset::Servqual)] {
            let mut m = model();
            let job = send_rows(&mut m, "5,6,7,4,4,4\n");
            m.update(Action::Calc(CalcAction::Sg(change)));
            let before = m.slots.sg.form.items.clone();
            m.update(Action::Worker(job.id, WorkerReply::Done(run(&job))));
            assert_eq!(m.slots.sg.form.items, before);
            assert_eq!(errors(&m), vec!["the questionnaire or the scale changed while the file was read; import it again".to_string()]);
        }
    }

    #[test]
    fn a_file_the_browser_cannot_read_says_so() {
        let mut m = model();
        m.update(Action::Calc(CalcAction::Sg(SgAction::SurveyUnreadable)));
        assert_eq!(errors(&m), vec!["The browser could not read the file.".to_string()]);
        // A failure without the browser's words has none in parentheses.
        let job = send_rows(&mut m, "5,6,7,4,4,4\n");
        m.update(Action::Worker(job.id, WorkerReply::Done("{}".into())));
        assert_eq!(errors(&m), vec!["the file could not be read; nothing was changed".to_string()]);
    }

    #[test]
    fn another_calculators_job_waits_until_the_survey_is_read() {
        use customer_value_calculator::domain::Calculator;
        let mut m = model();
        let job = send_rows(&mut m, "5,6,7,4,4,4\n");
        // A transaction file chosen meanwhile in the customer base waits,
        // and the survey is not cancelled.
        use customer_value_calculator::domain::customer_base::calc::CbAction;
        m.update(Action::SetCalc(Calculator::CustomerBase));
        let log = b"customer_id,date,amount\n1,1997-01-01,5\n1,1997-02-01,6\n2,1997-01-03,7\n".to_vec();
        let effects = m.update(Action::Calc(CalcAction::Cb(CbAction::File("log.csv".into(), log.into()))));
        assert!(!effects.iter().any(|e| matches!(e, Effect::Worker(_) | Effect::CancelWorker)), "{effects:?}");
        assert_eq!(m.worker.map(|w| w.id), Some(job.id));
        let effects = m.update(Action::Worker(job.id, WorkerReply::Done(run(&job))));
        assert_eq!(m.slots.sg.form.survey.as_ref().map(|s| s.respondents), Some(1));
        // Then the customer base's job starts.
        let next = effects.into_iter().find_map(|e| if let Effect::Worker(j) = e { Some(j) } else { None }).expect("the file's job");
        assert_eq!(m.worker.map(|w| (w.calc, w.id)), Some((Calculator::CustomerBase, next.id)));
    }

    #[test]
    fn the_worker_leaves_other_tasks_to_the_customer_base() {
        // A request that is not a survey is the customer base's.
        let answer = run_worker_task("{\"task\":\"nothing\"}", b"", &mut |_| {}, &mut |_| {});
        assert!(answer.contains("error"), "{answer}");
        // A survey request the worker cannot read is answered, not dropped.
        let answer = run_worker_task("{\"task\":\"survey\"}", b"x", &mut |_| {}, &mut |_| {});
        assert!(answer.contains("failed"), "{answer}");
    }
}
