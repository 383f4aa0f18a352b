//! The customer base calculator (DESIGN §2.5): the data bar (file, drop,
//! sample data), the worker's progress with cancel, the column-mapping step,
//! the settings, the fitted models with standard errors, the aggregates, ABC
//! classes, the repeat-purchase histogram and Pareto curve with their data,
//! and the customer table (searched, sorted, paged, downloadable).

use super::field::{options, DeclField};
use super::{AppContext, Dispatch};
use crate::domain::customer_base::calc::{CbAction, CbView, CustomerBaseResults, ImportStep, DECLS, PAGE_SIZE, SORT_KEYS};
use crate::domain::customer_base::model::{AbcClass, Params};
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::{Action, CalcAction};
use crate::platform::{self, IntlFormat};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

mod charts;
use charts::{histogram, pareto, tracking};

fn cb(a: CbAction) -> Action {
    Action::Calc(CalcAction::Cb(a))
}

/// Hands a data file (chosen or dropped) to the calculator. The page never
/// reads it: the platform holds the file and the worker reads it.
pub fn import_data_file(file: web_sys::File, dispatch: Dispatch) {
    let name = file.name();
    dispatch.dispatch(cb(CbAction::File(name, platform::worker::hold_file(file, crate::domain::customer_base::calc::MAX_FILE_BYTES))));
}

fn out(key: &str, v: Option<f64>, text: String) -> Html {
    html! { <output data-testid={format!("result-{key}")} data-value={v.map(|x| x.to_string())}>{ text }</output> }
}

fn show(fmt: &IntlFormat, v: Option<f64>, unit: Unit) -> String {
    v.map_or_else(|| "—".to_string(), |x| fmt.format(x, unit))
}

fn item(key: &str, label: &str, v: Option<f64>, unit: Unit, fmt: &IntlFormat) -> Html {
    html! { <div class="result"><dt>{ label.to_string() }</dt><dd>{ out(key, v, show(fmt, v, unit)) }</dd></div> }
}

fn unit_name(lang: Lang, unit: &str) -> &'static str {
    match unit {
        "day" => Msg::CbUnitDay.text(lang),
        "month" => Msg::CbUnitMonth.text(lang),
        _ => Msg::CbUnitWeek.text(lang),
    }
}

fn fit_message(lang: Lang, code: &str) -> &'static str {
    match code {
        "pending" => Msg::CbFitting.text(lang),
        "too_few_customers" | "empty" => Msg::CbErrTooFew.text(lang),
        "no_repeat_customers" => Msg::CbErrNoRepeat.text(lang),
        "one_day" => Msg::CbErrOneDay.text(lang),
        "no_money" => Msg::CbNoMoney.text(lang),
        "q_at_most_1" => Msg::CbErrQ.text(lang),
        "no_spend" | "too_few_spend" => Msg::CbErrSpend.text(lang),
        _ => Msg::CbErrNumerical.text(lang),
    }
}

fn params_table(r: &CustomerBaseResults, unit: &str, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    let mut rows: Vec<(&str, f64, Option<f64>)> = Vec::new();
    let (ll, conv, iters) = match &r.params {
        Some(Params::Bgnbd(f)) => {
            let e = &f.standard_errors;
            rows.extend([("r", f.r, e.r), ("alpha", f.alpha, e.alpha), ("a", f.a, e.a), ("b", f.b, e.b)]);
            (f.log_likelihood, f.converged, f.iterations)
        }
        Some(Params::ParetoNbd(f)) => {
            let e = &f.standard_errors;
            rows.extend([("r", f.r, e.r), ("alpha", f.alpha, e.alpha), ("s", f.s, e.s), ("beta", f.beta, e.beta)]);
            (f.log_likelihood, f.converged, f.iterations)
        }
        None => return html! {},
    };
    let num = |v: f64| fmt.format(v, Unit::Ratio);
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::CbParamsTitle)}>
            <p class="hint">{ fill(t(Msg::CbParamsCaption), &[("unit", unit_name(lang, unit))]) }</p>
            <table class="compare">
                <thead><tr><th scope="col">{ t(Msg::CbParam) }</th><th scope="col">{ t(Msg::CbEstimate) }</th><th scope="col">{ t(Msg::CbStdError) }</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|(k, v, se)| html! {
                        <tr><th scope="row">{ *k }</th><td>{ out(&format!("params-{k}"), Some(*v), num(*v)) }</td>
                            <td>{ se.map_or_else(|| t(Msg::RcSeNone).to_string(), num) }</td></tr>
                    }) }
                    <tr><th scope="row">{ t(Msg::CbLogLikelihood) }</th><td colspan="2">{ out("params-log_likelihood", Some(ll), num(ll)) }</td></tr>
                    if let Some(g) = &r.spend_params {
                        { for [("p", g.p, g.standard_errors.p), ("q", g.q, g.standard_errors.q), ("v", g.v, g.standard_errors.v)].iter().map(|(k, v, se)| html! {
                            <tr><th scope="row">{ format!("Gamma-Gamma {k}") }</th><td>{ out(&format!("spend_params-{k}"), Some(*v), num(*v)) }</td>
                                <td>{ se.map_or_else(|| t(Msg::RcSeNone).to_string(), num) }</td></tr>
                        }) }
                    }
                </tbody>
            </table>
            <p class="hint" data-testid="result-params-converged" data-value={conv.to_string()}>
                { if conv { fill(t(Msg::CbConverged), &[("n", &iters.to_string())]) } else { t(Msg::CbNotConverged).to_string() } }
            </p>
            { fit_warnings(r, lang) }
        </div>
    }
}

fn warning_text(lang: Lang, code: &str) -> &'static str {
    match code {
        "few_customers" => Msg::CbWarnFewCustomers.text(lang),
        "extreme_parameters" => Msg::CbWarnExtreme.text(lang),
        _ => Msg::CbWarnImprecise.text(lang),
    }
}

/// The reasons a converged fit may still be rough (DESIGN §2.5 results
/// `fit_warnings`, `spend_warnings`), shown as one notice.
fn fit_warnings(r: &CustomerBaseResults, lang: Lang) -> Html {
    if r.fit_warnings.is_empty() && r.spend_warnings.is_empty() {
        return html! {};
    }
    let spend = Msg::CbWarnSpend.text(lang);
    html! {
        <div class="cb-warn" role="note" data-testid="fit-warnings" data-value={r.fit_warnings.join(" ")}>
            <strong>{ Msg::CbWarnTitle.text(lang) }</strong>
            <ul>
                { for r.fit_warnings.iter().map(|c| html! { <li>{ warning_text(lang, c) }</li> }) }
                { for r.spend_warnings.iter().map(|c| html! { <li>{ format!("{spend} {}", warning_text(lang, c)) }</li> }) }
            </ul>
        </div>
    }
}

fn abc_table(r: &CustomerBaseResults, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    let sets = [("by_clv", Msg::CbByClv, r.abc.by_clv), ("by_spend", Msg::CbBySpend, r.abc.by_spend)];
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::CbAbcTitle)}>
            <table class="compare">
                <thead><tr><th scope="col"></th><th scope="col">{ t(Msg::CbClass) }</th><th scope="col">{ t(Msg::CbCustomers) }</th>
                    <th scope="col">{ t(Msg::CbShareCustomers) }</th><th scope="col">{ t(Msg::CbShareValue) }</th></tr></thead>
                <tbody>
                    { for sets.iter().filter_map(|(k, m, a)| Some((k, m, (*a)?))).flat_map(|(k, m, a)| {
                        [("A", a.a), ("B", a.b), ("C", a.c)].into_iter().map(move |(c, s)| html! {
                            <tr><th scope="row">{ t(*m) }</th><td>{ c }</td>
                                <td>{ out(&format!("abc-{k}-{c}-customers"), Some(s.customers), fmt.format(s.customers, Unit::Count)) }</td>
                                <td>{ out(&format!("abc-{k}-{c}-share_of_customers"), Some(s.share_of_customers), fmt.format(s.share_of_customers, Unit::Percent)) }</td>
                                <td>{ out(&format!("abc-{k}-{c}-share_of_value"), Some(s.share_of_value), fmt.format(s.share_of_value, Unit::Percent)) }</td></tr>
                        })
                    }) }
                </tbody>
            </table>
        </div>
    }
}

fn math(view: &CbView, margin: f64, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    let example = view.rows.first().and_then(|l| {
        let s = l.expected_spend?;
        let clv = l.clv?;
        let disc = if margin * s > 0.0 { clv / (margin * s) } else { 0.0 };
        Some(fill(
            t(Msg::CbMathExample),
            &[
                ("id", &l.customer_id),
                ("p", &fmt.format(l.p_alive, Unit::Percent)),
                ("x", &fmt.format(l.expected_transactions, Unit::Ratio)),
                ("dx", &fmt.format(disc, Unit::Ratio)),
                ("s", &fmt.format(s, Unit::Money)),
                ("m", &fmt.format(margin, Unit::Percent)),
                ("clv", &fmt.format(clv, Unit::Money)),
            ],
        ))
    });
    html! {
        <section class="cb-math">
            <h3>{ t(Msg::CbMathTitle) }</h3>
            <p>{ t(Msg::CbMath) }</p>
            if let Some(e) = example { <p class="substituted" data-testid="cb-math-example">{ e }</p> }
        </section>
    }
}

fn mapping_step(p: &crate::domain::customer_base::calc::Preview, lang: Lang, dispatch: &Dispatch) -> Html {
    let t = |m: Msg| m.text(lang);
    let m = &p.mapping;
    let shape = m["shape"].as_str().unwrap_or("transactions").to_string();
    let roles: &[&str] = if shape == "summary" {
        &["customer_id", "frequency", "recency", "T", "monetary_value", "count", "historical_spend"]
    } else {
        &["customer_id", "date", "amount", "quantity"]
    };
    let cols = p.rows.first().map(|r| r.len()).unwrap_or(0);
    let header = m["header"].as_bool().unwrap_or(true);
    let d = dispatch.clone();
    let onshape =
        Callback::from(move |e: Event| d.dispatch(cb(CbAction::MapShape(e.target_unchecked_into::<HtmlSelectElement>().value()))));
    let d = dispatch.clone();
    let onheader =
        Callback::from(move |e: Event| d.dispatch(cb(CbAction::MapHeader(e.target_unchecked_into::<HtmlInputElement>().checked()))));
    let d = dispatch.clone();
    let ondates =
        Callback::from(move |e: Event| d.dispatch(cb(CbAction::MapDates(e.target_unchecked_into::<HtmlSelectElement>().value()))));
    let col_name =
        |c: usize| if header { p.rows.first().and_then(|r| r.get(c)).cloned().unwrap_or_default() } else { format!("{}", c + 1) };
    let d = dispatch.clone();
    let onconfirm = Callback::from(move |_: MouseEvent| d.dispatch(cb(CbAction::Confirm)));
    let d = dispatch.clone();
    let oncancel = Callback::from(move |_: MouseEvent| d.dispatch(cb(CbAction::CancelImport)));
    html! {
        <section class="card" data-testid="import-mapping">
            <h3>{ t(Msg::CbMappingTitle) }</h3>
            <p class="hint">{ fill(t(Msg::CbMappingHelp), &[("rows", &p.size.0.to_string()), ("cols", &p.size.1.to_string())]) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::CbPreview)}>
                <table class="compare preview">
                    <tbody>{ for p.rows.iter().map(|r| html! { <tr>{ for r.iter().map(|c| html! { <td>{ c.clone() }</td> }) }</tr> }) }</tbody>
                </table>
            </div>
            <div class="settings-row">
                <label class="field compact">{ t(Msg::CbShape) }
                    <select data-testid="map-shape" onchange={onshape}>
                        <option value="transactions" selected={shape == "transactions"}>{ t(Msg::CbShapeTransactions) }</option>
                        <option value="summary" selected={shape == "summary"}>{ t(Msg::CbShapeSummary) }</option>
                    </select></label>
                <label class="field compact check"><input type="checkbox" data-testid="map-header" checked={header} onchange={onheader} />{ t(Msg::CbHeaderRow) }</label>
                { for roles.iter().map(|role| {
                    let role_s = role.to_string();
                    let d = dispatch.clone();
                    let now = m["roles"][*role].as_u64().map(|c| c as usize);
                    let onchange = Callback::from(move |e: Event| {
                        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                        d.dispatch(cb(CbAction::MapRole(role_s.clone(), v.parse().ok())));
                    });
                    html! {
                        <label class="field compact">{ *role }
                            <select data-testid={format!("map-{role}")} {onchange}>
                                <option value="" selected={now.is_none()}>{ t(Msg::CbNoColumn) }</option>
                                { for (0..cols).map(|c| html! { <option value={c.to_string()} selected={now == Some(c)}>{ col_name(c) }</option> }) }
                            </select></label>
                    }
                }) }
                if shape == "transactions" {
                    <label class="field compact">{ t(Msg::CbDatePattern) }
                        <select data-testid="map-date_pattern" onchange={ondates}>
                            { for ["auto", "DD/MM/YYYY", "MM/DD/YYYY"].iter().map(|o| html! {
                                <option value={*o} selected={m["date_pattern"].as_str() == Some(*o)}>{ if *o == "auto" { t(Msg::CbDatesAuto).to_string() } else { o.to_string() } }</option>
                            }) }
                        </select></label>
                }
            </div>
            <div class="inline-form">
                <button type="button" class="button" data-testid="import-confirm" onclick={onconfirm}>{ t(Msg::CbImportConfirm) }</button>
                <button type="button" class="button small" data-testid="import-cancel" onclick={oncancel}>{ t(Msg::CbImportCancel) }</button>
            </div>
        </section>
    }
}

fn customer_table(view: &CbView, lang: Lang, fmt: &IntlFormat, dispatch: &Dispatch) -> Html {
    let t = |m: Msg| m.text(lang);
    let d = dispatch.clone();
    let onsearch =
        Callback::from(move |e: InputEvent| d.dispatch(cb(CbAction::Search(e.target_unchecked_into::<HtmlInputElement>().value()))));
    let page = |p: usize| {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(cb(CbAction::Page(p))))
    };
    let labels = [
        Msg::CbCustomerId,
        Msg::CbFrequency,
        Msg::CbRecency,
        Msg::CbT,
        Msg::CbMonetary,
        Msg::CbPAlive,
        Msg::CbExpTx,
        Msg::CbClv,
        Msg::CbClass,
    ];
    html! {
        <section class="card">
            <h3>{ t(Msg::CbTableTitle) }</h3>
            <div class="inline-form">
                <label>{ t(Msg::CbSearch) }
                    <input type="search" data-testid="customer-search" value={view.search.clone()} oninput={onsearch} /></label>
                <span class="hint" data-testid="customer-matches" data-value={view.matches.to_string()}>
                    { fill(t(Msg::CbMatches), &[("n", &fmt.format(view.matches as f64, Unit::Count))]) }</span>
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::CbTableTitle)}>
                <table class="compare customers" data-testid="customer-table">
                    <thead><tr>
                        { for SORT_KEYS.iter().zip(labels).map(|(k, m)| {
                            let d = dispatch.clone();
                            let key = k.to_string();
                            let sorted = view.sort.0 == *k;
                            let aria = if sorted { if view.sort.1 { "descending" } else { "ascending" } } else { "none" };
                            html! { <th scope="col" aria-sort={aria}><button type="button" class="sort" data-testid={format!("sort-{k}")}
                                onclick={Callback::from(move |_: MouseEvent| d.dispatch(cb(CbAction::Sort(key.clone()))))}>
                                { t(m) }{ if sorted { if view.sort.1 { " ↓" } else { " ↑" } } else { "" } }</button></th> }
                        }) }
                    </tr></thead>
                    <tbody>
                        { for view.rows.iter().map(|l| html! {
                            <tr>
                                <th scope="row">{ l.customer_id.clone() }{ if l.count > 1.0 { format!(" ×{}", l.count) } else { String::new() } }</th>
                                <td>{ fmt.format(l.frequency, Unit::Count) }</td>
                                <td>{ fmt.format(l.recency, Unit::Ratio) }</td>
                                <td>{ fmt.format(l.t, Unit::Ratio) }</td>
                                <td>{ show(fmt, l.monetary_value, Unit::Money) }</td>
                                <td>{ fmt.format(l.p_alive, Unit::Percent) }</td>
                                <td>{ fmt.format(l.expected_transactions, Unit::Ratio) }</td>
                                <td>{ show(fmt, l.clv, Unit::Money) }</td>
                                <td>{ match l.abc_class { Some(AbcClass::A) => "A", Some(AbcClass::B) => "B", Some(AbcClass::C) => "C", None => "—" } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <nav class="inline-form" aria-label={t(Msg::CbPages)}>
                <button type="button" class="button small" data-testid="page-prev" disabled={view.page == 0} onclick={page(view.page.saturating_sub(1))}>{ t(Msg::CbPrev) }</button>
                <span data-testid="page-info">{ fill(t(Msg::CbPageOf), &[("p", &(view.page + 1).to_string()), ("n", &view.pages.to_string()), ("size", &PAGE_SIZE.to_string())]) }</span>
                <button type="button" class="button small" data-testid="page-next" disabled={view.page + 1 >= view.pages} onclick={page(view.page + 1)}>{ t(Msg::CbNext) }</button>
            </nav>
        </section>
    }
}

/// The calculator panel.
/// (A function of the root's state, not a component: it renders on every
/// change of the state anyway; its leaves are components.)
/// Kept a function of its own (not inlined into the shell), so that the
/// code one keystroke runs is in functions V8 optimises soon and cheaply.
#[inline(never)]
pub fn customer_base(ctx: &AppContext, fmt: &IntlFormat) -> Html {
    let dispatch: Dispatch = ctx.dispatcher();
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let form = &ctx.model.slots.cb.form;
    let view = CbView::build(form);
    let embed = &ctx.model.embed;
    let calc = ctx.model.calc;
    let slot = ctx.model.slot();
    let unit = slot.scalar_text("time_unit").unwrap_or_default();
    let cb_linked = ["spend_per_purchase", "purchases_per_period", "retention_curve"]
        .iter()
        .any(|k| ctx.model.cv().link(k).and_then(|l| l.get("calculator")).and_then(|c| c.as_str()) == Some("customer_base"));
    let d = dispatch.clone();
    let send = Callback::from(move |_: MouseEvent| d.dispatch(cb(CbAction::SendToCustomerValue)));
    let d = dispatch.clone();
    let onfile = Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            import_data_file(file, d.clone());
        }
        input.set_value("");
    });
    let d = dispatch.clone();
    let onsample = Callback::from(move |_: MouseEvent| d.dispatch(cb(CbAction::Sample)));
    let d = dispatch.clone();
    let ondownload = {
        let lines = view.results.as_ref().map(|r| r.lines.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = &d;
            if let Some(l) = &lines {
                platform::download("customers.csv", &crate::domain::customer_base::calc::task::table_csv(l), "text/csv");
            }
        })
    };
    let data = form.data();
    let source = if form.is_sample() {
        fill(t(Msg::CbSourceSample), &[("n", &fmt.format(data.customers(), Unit::Count))])
    } else {
        fill(t(Msg::CbSourceFile), &[("file", data.file().unwrap_or("")), ("n", &fmt.format(data.customers(), Unit::Count))])
    };
    let margin = slot.scalar_value("margin_rate").and_then(|v| v.parse::<f64>().ok()).unwrap_or(1.0);
    html! {
        <div class="calculator customer-base">
            <p class="intro">{ t(Msg::CbIntro) }</p>
            <section class="card data-bar">
                <p data-testid="data-source">{ source }</p>
                <div class="inline-form">
                    <label class="file-button">{ t(Msg::CbChooseFile) }
                        <input type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv" data-testid="import-data" onchange={onfile} /></label>
                    <button type="button" class="button small" data-testid="sample-data" onclick={onsample}>{ t(Msg::CbSample) }</button>
                </div>
                <p class="hint">{ t(Msg::CbDataHelp) }</p>
                { super::task::task_progress(ctx) }
                if let Some(e) = &form.import_error { <p class="error" role="alert" data-testid="data-error">{ e.clone() }</p> }
                if !form.issues.is_empty() {
                    <details data-testid="data-issues"><summary>{ fill(t(Msg::CbIssues), &[("n", &form.issues.len().to_string())]) }</summary>
                        <ul>{ for form.issues.iter().map(|(row, reason)| html! { <li>{ fill(t(Msg::CbIssueRow), &[("row", &row.to_string()), ("reason", reason)]) }</li> }) }</ul>
                    </details>
                }
            </section>
            if let ImportStep::Confirm(p) = &form.step { { mapping_step(p, lang, &dispatch) } }
            <section class="card settings-row">
                { for DECLS.iter().filter(|d| !embed.hides(calc, d.key)).map(|d| {
                    let text = slot.scalar_text(d.key).unwrap_or_default();
                    let error = crate::domain::calc::field_error(d, &text, lang);
                    let dated = matches!(d.key, "observation_end" | "calibration_end");
                    html! {
                        <DeclField key={d.key} decl={*d} {text} {error} {lang} compact=true
                            locked={embed.locks(calc, d.key)} readonly={dated && !form.has_log()}
                            help={if dated && !form.has_log() { Some(Msg::CbDatesNeedLog) } else { slot.help(d.key) }}
                            suffix={matches!(d.key, "discount_rate" | "margin_rate").then(|| AttrValue::from("%"))}
                            options={options(slot, d, lang)} />
                    }
                }) }
            </section>
            if let Some(r) = view.results.clone() {
                <section class="card results" aria-live="polite">
                    <h2>{ t(Msg::CbFitTitle) }</h2>
                    <p class="hint">{ fill(t(Msg::CbUnitWarning), &[("unit", unit_name(lang, &unit))]) }</p>
                    if let Some(code) = &r.fit_message { <p class="hint" role="status" data-testid="fit-message" data-value={code.clone()}>{ fit_message(lang, code) }</p> }
                    { params_table(&r, &unit, lang, fmt) }
                    if let Some(code) = &r.spend_message { <p class="hint" data-testid="spend-message" data-value={code.clone()}>{ fit_message(lang, code) }</p> }
                    <dl class="result-list">
                        { item("customers", t(Msg::CbCustomers), Some(r.customers), Unit::Count, fmt) }
                        { item("repeat_customers", t(Msg::CbRepeatCustomers), Some(r.repeat_customers), Unit::Count, fmt) }
                        { item("transactions", t(Msg::CbTransactions), Some(r.transactions), Unit::Count, fmt) }
                        { item("total_spend", t(Msg::CbTotalSpend), r.total_spend, Unit::Money, fmt) }
                        { item("expected_transactions", t(Msg::CbExpectedTransactions), r.expected_transactions, Unit::Ratio, fmt) }
                        { item("expected_revenue", t(Msg::CbExpectedRevenue), r.expected_revenue, Unit::Money, fmt) }
                        { item("total_clv", t(Msg::CbTotalClv), r.total_clv, Unit::Money, fmt) }
                        { item("mean_clv", t(Msg::CbMeanClv), r.mean_clv, Unit::Money, fmt) }
                        { item("mean_p_alive", t(Msg::CbMeanPAlive), r.mean_p_alive, Unit::Percent, fmt) }
                    </dl>
                    <div class="inline-form">
                        <button type="button" class="button" data-testid="send-to-customer-value" onclick={send}>{ t(Msg::CbSend) }</button>
                    </div>
                    if cb_linked { <p class="link-badge" data-testid="cb-linked" role="status">{ t(Msg::CbSent) }</p> }
                    <h3>{ t(Msg::CbAbcTitle) }</h3>
                    <p class="hint">{ t(Msg::CbAbcHelp) }</p>
                    { abc_table(&r, lang, fmt) }
                    <div class="cb-charts">
                        { histogram(&view, lang, fmt) }
                        { pareto(&view, lang, fmt) }
                    </div>
                    { tracking(&r, lang, fmt) }
                    { math(&view, margin, lang, fmt) }
                </section>
                { customer_table(&view, lang, fmt, &dispatch) }
                <div class="inline-form">
                    <button type="button" class="button small" data-testid="customer-download" onclick={ondownload}>{ t(Msg::CbDownload) }</button>
                </div>
            }
        </div>
    }
}
