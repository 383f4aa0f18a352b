//! The parts of the customer value calculator that connect it to the course
//! chain: link badges, the word-of-mouth ripple and the retention economics
//! panel (results, churn reasons as a table and a bar chart).

use super::{value_text, ResultItem};
use crate::domain::customer_value::{CvAction, CvView, LinkView, Ripple, CHURN_REASONS};
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::domain::model::{Action, CalcAction};
use crate::platform::IntlFormat;
use crate::ui::Dispatch;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The button that breaks a link (`unlink-<key>`).
pub(super) fn unlink_button(key: &'static str, lang: Lang, dispatch: &Dispatch) -> Html {
    let d = dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Calc(CalcAction::Cv(CvAction::Unlink(key.into())))));
    let label = if key == "retention_curve" { Msg::CvUnlink } else { Msg::LinkUnlink };
    html! {
        <button type="button" class="button small" data-testid={format!("unlink-{key}")} {onclick}>{ label.text(lang) }</button>
    }
}

/// Where a linked input came from (`link-<key>`), its editable assumption
/// and the way to break the link.
pub(super) fn link_badge(l: &LinkView, lang: Lang, fmt: &IntlFormat, dispatch: &Dispatch) -> Html {
    let args: Vec<(&str, String)> = l.args.iter().map(|(k, v, u)| (*k, fmt.format(*v, *u))).collect();
    let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = fill(l.detail.text(lang), &refs);
    let assumption = l.meets_as_satisfied.map(|on| {
        let d = dispatch.clone();
        let key = l.key;
        let onchange = Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            d.dispatch(Action::Calc(CalcAction::Cv(CvAction::LinkAssumption(
                key.into(),
                "meets_as_satisfied".into(),
                serde_json::Value::Bool(on),
            ))))
        });
        html! {
            <label class="toggle">
                <input type="checkbox" data-testid="link-assume-meets" checked={on} {onchange} />
                <span>{ Msg::LinkAssumeMeets.text(lang) }</span>
            </label>
        }
    });
    html! {
        <div class="link-badge" data-testid={format!("link-{}", l.key)} role="note">
            <p><span class="link-source">{ l.source.title().text(lang) }</span>{ " · " }{ text }</p>
            { assumption }
            { unlink_button(l.key, lang, dispatch) }
        </div>
    }
}

/// One customer's word of mouth as generations: the customer, the people
/// told first-hand, and the people those tell in turn.
fn ripple_svg(r: &Ripple, top: f64, who: Msg, class: &'static str, lang: Lang, fmt: &IntlFormat) -> Html {
    let count = |v: f64| fmt.format(v, Unit::Count);
    let converted = r.converted.map(&count).unwrap_or_else(|| "—".into());
    let line = fill(
        Msg::RippleLine.text(lang),
        &[
            ("first", &count(r.first)),
            ("retell", &count(r.retell)),
            ("second", &count(r.second)),
            ("heard", &count(r.heard)),
            ("converted", &converted),
        ],
    );
    let radius = |v: f64| format!("{:.1}", 6.0 + 24.0 * (v.max(0.0) / top).sqrt());
    let title = format!("{}: {}", who.text(lang), line);
    html! {
        <figure class={classes!("ripple", class)}>
            <svg viewBox="0 0 330 84" role="img" aria-label={title.clone()} focusable="false">
                <title>{ title }</title>
                <desc>{ Msg::RippleDesc.text(lang) }</desc>
                <line x1="40" y1="40" x2="275" y2="40" class="ripple-arrow" />
                <circle cx="40" cy="40" r="10" class="ripple-node gen0" />
                <text x="40" y="44" text-anchor="middle" class="ripple-count">{ "1" }</text>
                <circle cx="150" cy="40" r={radius(r.first)} class="ripple-node gen1" />
                <text x="150" y="44" text-anchor="middle" class="ripple-count">{ count(r.first) }</text>
                <text x="150" y="80" text-anchor="middle" class="ripple-label">{ Msg::RippleGen1.text(lang) }</text>
                <circle cx="275" cy="40" r={radius(r.second)} class="ripple-node gen2" />
                <text x="275" y="44" text-anchor="middle" class="ripple-count">{ count(r.second) }</text>
                <text x="275" y="80" text-anchor="middle" class="ripple-label">{ Msg::RippleGen2.text(lang) }</text>
            </svg>
            <figcaption><strong>{ who.text(lang) }</strong>{ " " }{ line }</figcaption>
        </figure>
    }
}

/// The ripple diagrams of a satisfied and a dissatisfied customer.
pub(super) fn ripple(v: &CvView, lang: Lang, fmt: &IntlFormat) -> Html {
    let Some((sat, dis)) = v.ripples() else { return html! {} };
    // One scale for both, so that complaints visibly travel further.
    let top = sat.first.max(sat.second).max(dis.first).max(dis.second).max(1.0);
    html! {
        <div class="ripples" data-testid="ripple">
            <h3>{ Msg::RippleTitle.text(lang) }</h3>
            { ripple_svg(&sat, top, Msg::RippleSatisfied, "gain", lang, fmt) }
            { ripple_svg(&dis, top, Msg::RippleDissatisfied, "loss", lang, fmt) }
        </div>
    }
}

fn reason_label(reason: &str) -> Msg {
    CHURN_REASONS.iter().find(|(r, _)| *r == reason).map_or(Msg::EconReason, |(_, f)| f.label())
}

/// The retention economics panel: its results, the churn reasons as a table
/// and as a bar chart.
pub(super) fn economics(v: &CvView, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    let sum: f64 = v.churn.iter().map(|c| c.share).sum();
    let top = v.churn.iter().filter_map(|c| c.value_lost).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let sum_text = fmt.format(sum, Unit::Percent);
    let sum_note = if (sum - 1.0).abs() < 1e-9 {
        fill(t(Msg::EconSharesSum), &[("sum", &sum_text)])
    } else {
        fill(t(Msg::EconSharesOff), &[("sum", &sum_text)])
    };
    let rows = v.churn.len();
    let bar_h = 22.0;
    let height = format!("{}", rows as f64 * bar_h + 4.0);
    html! {
        <section class="card economics" data-testid="economics-panel">
            <h2>{ t(Msg::EconTitle) }</h2>
            <dl class="result-list">
                { for v.results_in(true).map(|r| html! {
                    <ResultItem key={r.key} view={r.clone()} {lang} fmt={fmt.clone()} />
                }) }
            </dl>
            if v.result("retention_cost") == Some(0.0) { <p class="hint" data-testid="economics-no-acquisition">{ t(Msg::EconNoAcquisition) }</p> }
            <p class="hint">{ t(Msg::EconExplain) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t(Msg::GroupChurn)}>
                <table class="churn-table" data-testid="churn-table">
                    <caption>{ t(Msg::GroupChurn) }</caption>
                    <thead><tr>
                        <th scope="col">{ t(Msg::EconReason) }</th>
                        <th scope="col">{ t(Msg::EconShare) }</th>
                        <th scope="col">{ t(Msg::EconCustomers) }</th>
                        <th scope="col">{ t(Msg::EconValueLost) }</th>
                    </tr></thead>
                    <tbody>
                        { for v.churn.iter().map(|c| html! {
                            <tr class={classes!((c.reason == "indifference").then_some("key-row"))}>
                                <th scope="row">{ t(reason_label(&c.reason)) }</th>
                                <td>{ fmt.format(c.share, Unit::Percent) }</td>
                                <td>{ fmt.format(c.customers, Unit::Count) }</td>
                                <td><output data-testid={format!("result-churn_reasons-{}-value_lost", c.reason)}
                                    data-value={c.value_lost.map(|x| x.to_string())}>{ value_text(fmt, c.value_lost, Unit::Money) }</output></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="hint" data-testid="churn-sum">{ sum_note }</p>
            <figure class="bar-chart churn-chart">
                <svg viewBox={format!("0 0 440 {height}")} role="img" aria-label={t(Msg::EconChartTitle)} focusable="false" preserveAspectRatio="xMinYMin meet">
                    <title>{ t(Msg::EconChartTitle) }</title>
                    <desc>{ t(Msg::EconChartDesc) }</desc>
                    { for v.churn.iter().enumerate().map(|(i, c)| {
                        let y = i as f64 * bar_h + 2.0;
                        let w = 160.0 * c.value_lost.unwrap_or(0.0).max(0.0) / top;
                        html! {
                            <g class={classes!("bar", (c.reason == "indifference").then_some("key-bar"))}>
                                <text x="0" y={format!("{:.1}", y + 13.0)} class="bar-label">{ t(reason_label(&c.reason)) }</text>
                                <rect x="180" y={format!("{y:.1}")} height="16" rx="2" width={format!("{:.1}", w.max(0.5))} />
                                <text x={format!("{:.1}", 184.0 + w)} y={format!("{:.1}", y + 13.0)} class="bar-value">{ value_text(fmt, c.value_lost, Unit::Money) }</text>
                            </g>
                        }
                    }) }
                </svg>
            </figure>
        </section>
    }
}
