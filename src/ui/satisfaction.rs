//! The satisfaction gap calculator (DESIGN §2.3): settings, the rating grid,
//! weights, results with the gap and importance–performance charts, and
//! the survey CSV import.

use super::chart::{GapChartView, IpaChartView};
use super::field::{options, DeclField};
use super::{AppContext, Dispatch};
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::{Action, CalcAction};
use crate::domain::satisfaction::{Instrument, Verdict};
use crate::domain::satisfaction::{SgAction, SgDimView, SgItemView, SgPreset, DECLS};
use crate::platform::{self, IntlFormat};
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn signed(fmt: &IntlFormat, v: f64) -> String {
    let s = fmt.format(v, Unit::Ratio);
    if v > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

fn verdict_html(lang: Lang, testid: String, v: Option<Verdict>) -> Html {
    match v {
        Some(v) => {
            html! { <span class={classes!("verdict", v.as_str())} data-testid={testid} data-value={v.as_str()}>{ v.label().text(lang) }</span> }
        }
        None => html! { <span class="verdict" data-testid={testid}>{ "—" }</span> },
    }
}

/// Imports a survey CSV file: a small one is read on the page; the Web
/// Worker reads a larger one (the page holds the file, never its bytes).
pub fn import_survey_file(file: web_sys::File, dispatch: UseReducerDispatcher<super::AppState>) {
    use crate::domain::satisfaction::{MAX_SURVEY_BYTES, SURVEY_PAGE_BYTES};
    if file.size() > SURVEY_PAGE_BYTES as f64 {
        let bytes = platform::worker::hold_file(file, MAX_SURVEY_BYTES);
        dispatch.dispatch(Action::Calc(CalcAction::Sg(SgAction::Survey(bytes))));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let action = match platform::read_bytes(&file, SURVEY_PAGE_BYTES).await {
            Some(bytes) => SgAction::Survey(bytes.into()),
            None => SgAction::SurveyUnreadable,
        };
        dispatch.dispatch(Action::Calc(CalcAction::Sg(action)));
    });
}

fn text_field(id: String, label: &str, value: &(String, Option<String>), help: Option<&'static str>, on: Callback<String>) -> Html {
    let oninput = on.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let invalid = value.1.is_some();
    html! {
        <div class={classes!("field", "compact", invalid.then_some("invalid"))}>
            <label for={format!("in-{id}")}>{ label.to_string() }</label>
            <input type="text" inputmode="decimal" autocomplete="off" id={format!("in-{id}")} data-testid={format!("input-{id}")}
                value={value.0.clone()} {oninput} aria-invalid={invalid.to_string()} />
            if let Some(h) = help { <small class="help">{ h }</small> }
            <p class="error" data-testid={format!("error-{id}")} role="alert" hidden={!invalid}>{ value.1.clone().unwrap_or_default() }</p>
        </div>
    }
}

/// The calculator panel.
/// (A function of the root's state, not a component: it renders on every
/// change of the state anyway; its leaves are components.)
/// Kept a function of its own (not inlined into the shell), so that the
/// code one keystroke runs is in functions V8 optimises soon and cheaply.
#[inline(never)]
pub fn satisfaction_gap(ctx: &AppContext, fmt: &IntlFormat) -> Html {
    let dispatch: Dispatch = ctx.dispatcher();
    let lang = ctx.model.lang;
    let t = |m: Msg| m.text(lang);
    let view = ctx.model.sg_view();
    let embed = &ctx.model.embed;
    let calc = ctx.model.calc;
    let sg_linked = ctx.model.cv().link("satisfied_share").is_some() || ctx.model.cv().link("dissatisfied_share").is_some();
    let d = |a: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(a.clone()))
    };
    let onweights = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(Action::Calc(CalcAction::Sg(SgAction::Weights(e.target_unchecked_into::<HtmlInputElement>().checked()))))
        })
    };
    let onsurvey = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import_survey_file(file, dispatch.clone());
            }
            input.set_value("");
        })
    };
    let ondrop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            if let Some(file) = e.data_transfer().and_then(|t| t.files()).and_then(|f| f.get(0)) {
                import_survey_file(file, dispatch.clone());
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ontemplate = {
        let template = view.template.clone();
        let instrument = view.instrument;
        Callback::from(move |_: MouseEvent| {
            platform::download(&format!("survey-{}-template.csv", instrument.as_str()), &template, "text/csv")
        })
    };
    let custom = view.instrument == Instrument::Custom;
    let results = view.results.clone();
    html! {
        <div class="calc sg">
            <p class="intro">{ t(Msg::SgIntro) }</p>
            <div class="presets">
                <span class="presets-label">{ t(Msg::PresetsLabel) }</span>
                <button type="button" class="chip" data-testid="preset-sg-custom" onclick={d(Action::Calc(CalcAction::Sg(SgAction::Preset(SgPreset::Custom))))}>{ t(Msg::SgPresetCustom) }</button>
                <button type="button" class="chip" data-testid="preset-sg-servqual" onclick={d(Action::Calc(CalcAction::Sg(SgAction::Preset(SgPreset::Servqual))))}>{ t(Msg::SgPresetServqual) }</button>
            </div>
            <section class="card settings-row">
                { for DECLS.iter().filter(|d| !embed.hides(calc, d.key)).map(|d| {
                    let (text, error) = match d.key {
                        "instrument" => (view.instrument.as_str().to_string(), None),
                        "scale_min" => view.scale_min.clone(),
                        "scale_max" => view.scale_max.clone(),
                        _ => view.tolerance.clone(),
                    };
                    html! {
                        <DeclField key={d.key} decl={*d} {text} {error} {lang} compact=true locked={embed.locks(calc, d.key)}
                            help={ctx.model.slot().help(d.key)} options={options(ctx.model.slot(), d, lang)} />
                    }
                }) }
            </section>
            <section class="card ratings">
                <h2>{ t(Msg::SgRatings) }</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::SgRatings)}>
                    <table class="grid">
                        <thead>
                            <tr>
                                <th scope="col">{ t(Msg::SgItem) }</th>
                                <th scope="col">{ t(Msg::SgDimension) }</th>
                                <th scope="col">{ t(Msg::SgExpected) }</th>
                                <th scope="col">{ t(Msg::SgPerceived) }</th>
                                <th scope="col">{ t(Msg::SgGap) }</th>
                                <th scope="col">{ t(Msg::SgVerdict) }</th>
                                if custom { <th scope="col"><span class="sr-only">{ t(Msg::SgRemove) }</span></th> }
                            </tr>
                        </thead>
                        <tbody>
                            { for view.items.iter().map(|it| html! {
                                <SgRow key={it.id.clone()} view={it.clone()} {lang} {custom} can_remove={view.can_remove} fmt={fmt.clone()} />
                            }) }
                        </tbody>
                    </table>
                </div>
                if custom {
                    <button type="button" class="button small" data-testid="add-attribute" disabled={!view.can_add}
                        onclick={d(Action::Calc(CalcAction::Sg(SgAction::AddAttribute)))}>{ format!("+ {}", t(Msg::SgAddAttribute)) }</button>
                }
            </section>
            <section class="card weights">
                <label class="toggle">
                    <input type="checkbox" data-testid="toggle-weights" checked={view.weight_total.is_some()} onchange={onweights} />
                    <span>{ t(Msg::SgUseWeights) }</span>
                </label>
                if let Some(total) = view.weight_total {
                    <div class="weights-grid">
                        { for view.dims.iter().map(|dm| weight_field(dm, &dispatch)) }
                    </div>
                    <p class="hint" data-testid="weight-total" data-value={total.to_string()}>
                        { fill(Msg::SgWeightTotal.plural(lang, crate::domain::i18n::shown(total, 2)), &[("total", &fmt.format(total, Unit::Count))]) }</p>
                    if view.weights_zero { <p class="error" role="alert" data-testid="error-dimension_weights">{ t(Msg::SgWeightsZero) }</p> }
                }
            </section>
            <section class="card survey" ondrop={ondrop} ondragover={ondragover}>
                <h2>{ t(Msg::SgSurveyTitle) }</h2>
                <p class="hint">{ t(Msg::SgSurveyHelp) }</p>
                <div class="toolbar">
                    <label class="button small file">
                        { t(Msg::SgImportSurvey) }
                        <input type="file" accept=".csv,text/csv" data-testid="import-survey-csv" onchange={onsurvey} />
                    </label>
                    <button type="button" class="button small" data-testid="download-survey-template" onclick={ontemplate}>{ t(Msg::SgTemplate) }</button>
                    <span class="hint">{ t(Msg::SgDropHere) }</span>
                </div>
                { super::task::task_progress(ctx) }
                if !view.survey_errors.is_empty() {
                    <div class="import-errors" role="alert" data-testid="survey-errors">
                        <p>{ t(Msg::SgSurveyErrors) }</p>
                        <ul>{ for view.survey_errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                    </div>
                }
                if let Some(s) = ctx.model.sg().survey.as_ref() {
                    <p data-testid="survey-summary">
                        { fill(Msg::SgSurveyImported.plural(lang, s.respondents as f64), &[("n", &s.respondents.to_string())]) }
                        { " " }<span class="sr-only">{ t(Msg::SgRespondents) }</span>
                        <output data-testid="result-survey-respondents" data-value={s.respondents.to_string()} hidden=true>{ s.respondents }</output>
                    </p>
                    <table class="compare alpha">
                        <thead><tr><th scope="col">{ t(Msg::SgDimension) }</th><th scope="col">{ format!("{} · {}", t(Msg::SgAlpha), t(Msg::SgExpected)) }</th><th scope="col">{ format!("{} · {}", t(Msg::SgAlpha), t(Msg::SgPerceived)) }</th></tr></thead>
                        <tbody>
                            { for view.dims.iter().map(|dm| {
                                let pair = s.alpha.get(&dm.id);
                                let cell = |which: &str, v: Option<f64>| {
                                    let low = v.is_some_and(|a| a < 0.7);
                                    html! {
                                        <td class={classes!(low.then_some("low"))}>
                                            <output data-testid={format!("result-alpha-{}-{which}", dm.id)} data-value={v.map(|a| a.to_string())}
                                                title={if v.is_none() { t(Msg::SgAlphaNone) } else if low { t(Msg::SgAlphaLow) } else { "" }}>
                                                { v.map(|a| fmt.format(a, Unit::Ratio)).unwrap_or_else(|| "—".into()) }
                                            </output>
                                            if low { <span class="flag">{ format!(" ⚠ {}", t(Msg::SgAlphaLow)) }</span> }
                                        </td>
                                    }
                                };
                                html! {
                                    <tr>
                                        <th scope="row">{ dm.name.clone() }</th>
                                        { cell("expected", pair.and_then(|p| p.expected)) }
                                        { cell("perceived", pair.and_then(|p| p.perceived)) }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                }
            </section>
            if let Some(r) = results {
                <section class="card results" aria-live="polite">
                    <h2>{ t(Msg::SgOverallTitle) }</h2>
                    <dl class="result-list">
                        <div class="result key-result">
                            <dt>{ t(Msg::SgOverallVerdict) }</dt>
                            <dd>{ verdict_html(lang, "result-verdict".into(), Some(r.verdict)) }</dd>
                        </div>
                        { overall(fmt, lang, "unweighted_score", Msg::SgUnweighted, Some(r.unweighted_score), true) }
                        { overall(fmt, lang, "weighted_score", Msg::SgWeighted, r.weighted_score, true) }
                        { overall(fmt, lang, "mean_expected", Msg::SgMeanExpected, Some(r.mean_expected), false) }
                        { overall(fmt, lang, "mean_perceived", Msg::SgMeanPerceived, Some(r.mean_perceived), false) }
                    </dl>
                    <div class="inline-form">
                        <button type="button" class="button" data-testid="send-to-customer-value"
                            onclick={d(Action::Calc(CalcAction::Sg(SgAction::SendToCustomerValue)))}>{ t(Msg::SgSend) }</button>
                    </div>
                    if sg_linked { <p class="link-badge" data-testid="sg-linked" role="status">{ t(Msg::SgSent) }</p> }
                    <h3>{ t(Msg::SgDimensionsTitle) }</h3>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::SgDimensionsTitle)}>
                        <table class="compare">
                            <thead>
                                <tr>
                                    <th scope="col">{ t(Msg::SgDimension) }</th>
                                    <th scope="col">{ t(Msg::SgExpected) }</th>
                                    <th scope="col">{ t(Msg::SgPerceived) }</th>
                                    <th scope="col">{ t(Msg::SgGap) }</th>
                                    <th scope="col">{ t(Msg::SgVerdict) }</th>
                                    <th scope="col">{ t(Msg::SgWeight) }</th>
                                    <th scope="col">{ t(Msg::SgQuadrant) }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for r.dimensions.iter().zip(&view.dims).map(|(dr, dm)| {
                                    let cell = |key: &str, v: Option<f64>, text: String| html! {
                                        <td><output data-testid={format!("result-dimensions-{}-{key}", dr.id)} data-value={v.map(|x| x.to_string())}>{ text }</output></td>
                                    };
                                    html! {
                                        <tr>
                                            <th scope="row">{ dm.name.clone() }</th>
                                            { cell("expected", Some(dr.expected), fmt.format(dr.expected, Unit::Ratio)) }
                                            { cell("perceived", Some(dr.perceived), fmt.format(dr.perceived, Unit::Ratio)) }
                                            { cell("gap", Some(dr.gap), signed(fmt, dr.gap)) }
                                            <td>{ verdict_html(lang, format!("result-dimensions-{}-verdict", dr.id), Some(dr.verdict)) }</td>
                                            { cell("weight", dr.weight, dr.weight.map(|w| fmt.format(w, Unit::Percent)).unwrap_or_else(|| "—".into())) }
                                            <td><span data-testid={format!("result-dimensions-{}-ipa_quadrant", dr.id)} data-value={dr.ipa_quadrant.as_str()}>{ t(dr.ipa_quadrant.label()) }</span></td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                </section>
                <div class="columns sg-charts">
                    if let Some(c) = view.gap_chart.clone() {
                        <section class="card chart">
                            <h2>{ t(Msg::SgGapChart) }</h2>
                            <GapChartView chart={c} names={view.dims.iter().map(|d| d.name.clone()).collect::<Vec<_>>()}
                                title={t(Msg::SgGapChart)} desc={t(Msg::SgGapChartDesc)} fmt={fmt.clone()} />
                        </section>
                    }
                    if let Some(c) = view.ipa_chart.clone() {
                        <section class="card chart">
                            <h2>{ t(Msg::SgIpaChart) }</h2>
                            <IpaChartView chart={c} names={view.dims.iter().map(|d| d.name.clone()).collect::<Vec<_>>()}
                                title={t(Msg::SgIpaChart)} desc={t(Msg::SgIpaDesc)}
                                x_label={t(Msg::SgPerformance)} y_label={t(Msg::SgImportance)}
                                quadrants={[t(Msg::IpaConcentrate), t(Msg::IpaKeepUp), t(Msg::IpaLowPriority), t(Msg::IpaOverkill)]} />
                        </section>
                    }
                </div>
            } else {
                <p class="hint" data-testid="sg-waiting">{ t(Msg::SgWaiting) }</p>
            }
        </div>
    }
}

fn overall(fmt: &IntlFormat, lang: Lang, key: &str, label: Msg, v: Option<f64>, sign: bool) -> Html {
    html! {
        <div class="result">
            <dt>{ label.text(lang) }</dt>
            <dd><output data-testid={format!("result-{key}")} data-value={v.map(|x| x.to_string())}>
                { v.map(|x| if sign { signed(fmt, x) } else { fmt.format(x, Unit::Ratio) }).unwrap_or_else(|| "—".into()) }
            </output></dd>
        </div>
    }
}

fn weight_field(dm: &SgDimView, dispatch: &UseReducerDispatcher<super::AppState>) -> Html {
    let Some(w) = &dm.weight else { return html! {} };
    let (id, dispatch) = (dm.id.clone(), dispatch.clone());
    text_field(
        format!("weights-{}", dm.id),
        &dm.name,
        w,
        None,
        Callback::from(move |text| dispatch.dispatch(Action::Calc(CalcAction::Sg(SgAction::Weight(id.clone(), text))))),
    )
}

#[derive(Properties, PartialEq)]
struct RowProps {
    view: SgItemView,
    lang: Lang,
    custom: bool,
    can_remove: bool,
    fmt: IntlFormat,
}

#[component]
fn SgRow(p: &RowProps) -> Html {
    let dispatch = use_context::<Dispatch>().expect("Dispatch");
    let it = &p.view;
    let i = it.index;
    let t = |m: Msg| m.text(p.lang);
    let rating = |expected: bool, v: &(String, Option<String>)| {
        let which = if expected { "expected" } else { "perceived" };
        let d = dispatch.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            d.dispatch(Action::Calc(CalcAction::Sg(SgAction::Rating(i, expected, e.target_unchecked_into::<HtmlInputElement>().value()))))
        });
        let label = format!("{} · {}", it.label, if expected { t(Msg::SgExpected) } else { t(Msg::SgPerceived) });
        html! {
            <td class={classes!("rating", v.1.is_some().then_some("invalid"))} data-label={if expected { t(Msg::SgExpected) } else { t(Msg::SgPerceived) }}>
                <input type="text" inputmode="decimal" autocomplete="off" aria-label={label} data-testid={format!("input-items-{i}-{which}")}
                    value={v.0.clone()} {oninput} aria-invalid={v.1.is_some().to_string()} />
                <p class="error" data-testid={format!("error-items-{i}-{which}")} hidden={v.1.is_none()}>{ v.1.clone().unwrap_or_default() }</p>
            </td>
        }
    };
    let onlabel = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::Calc(CalcAction::Sg(SgAction::ItemLabel(i, e.target_unchecked_into::<HtmlInputElement>().value()))))
        })
    };
    let ondimension = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::Calc(CalcAction::Sg(SgAction::ItemDimension(i, e.target_unchecked_into::<HtmlInputElement>().value()))))
        })
    };
    let onremove = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Calc(CalcAction::Sg(SgAction::RemoveAttribute(i)))))
    };
    html! {
        <tr class={classes!(it.verdict.map(|v| v.as_str()))}>
            <th scope="row" class="item-label">
                if p.custom {
                    <input type="text" aria-label={t(Msg::SgAttributeName)} data-testid={format!("input-items-{i}-label")} value={it.label.clone()} oninput={onlabel} />
                } else {
                    <span class="item-id">{ format!("{}. ", it.id) }</span>{ it.label.clone() }
                }
            </th>
            <td class="dim" data-label={t(Msg::SgDimension)}>
                if p.custom {
                    <input type="text" aria-label={t(Msg::SgDimension)} placeholder={t(Msg::SgOwnDimension)} data-testid={format!("input-items-{i}-dimension")}
                        value={it.dimension.clone()} oninput={ondimension} />
                } else {
                    { it.dimension_name.clone() }
                }
            </td>
            { rating(true, &it.expected) }
            { rating(false, &it.perceived) }
            <td class="num" data-label={t(Msg::SgGap)}><output data-testid={format!("result-items-{i}-gap")} data-value={it.gap.map(|g| g.to_string())}>
                { it.gap.map(|g| signed(&p.fmt, g)).unwrap_or_else(|| "—".into()) }</output></td>
            <td data-label={t(Msg::SgVerdict)}>{ verdict_html(p.lang, format!("result-items-{i}-verdict"), it.verdict) }</td>
            if p.custom {
                <td><button type="button" class="button small danger" data-testid={format!("item-{i}-remove")} disabled={!p.can_remove}
                    onclick={onremove} aria-label={format!("{} {}", t(Msg::SgRemove), it.label)}>{ "×" }</button></td>
            }
        </tr>
    }
}
