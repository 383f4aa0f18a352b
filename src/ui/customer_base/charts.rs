//! The customer base's charts: the repeat-purchase histogram (observed
//! against the model), the Pareto curve and the holdout tracking chart,
//! each with its legend.

use super::{item, show};
use crate::domain::customer_base::calc::{CbView, CustomerBaseResults};
use crate::domain::i18n::{fill, Lang, Msg};
use crate::domain::math::{NumberFormat, Unit};
use crate::platform::IntlFormat;
use yew::prelude::*;

fn legend(lang: Lang, second: Msg) -> Html {
    html! {
        <div class="legend" aria-hidden="true">
            <span class="key actual"><i></i>{ Msg::CbActual.text(lang) }</span>
            <span class="key model"><i></i>{ second.text(lang) }</span>
        </div>
    }
}

pub(super) fn histogram(view: &CbView, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    let max = view.histogram.iter().map(|(a, e)| a.max(e.unwrap_or(0.0))).fold(1.0, f64::max);
    let bar_w = 28.0;
    let bars = view.histogram.iter().enumerate().map(|(x, (actual, expected))| {
        let h = 150.0 * actual / max;
        let left = 40.0 + x as f64 * 64.0;
        let label = if x == 7 { "7+".to_string() } else { x.to_string() };
        html! { <g>
            <rect class="actual" x={left.to_string()} y={(170.0 - h).to_string()} width={bar_w.to_string()} height={h.to_string()} />
            if let Some(e) = expected { <rect class="model" x={(left + bar_w).to_string()} y={(170.0 - 150.0 * e / max).to_string()} width={bar_w.to_string()} height={(150.0 * e / max).to_string()} /> }
            <text x={(left + bar_w).to_string()} y="186" text-anchor="middle">{ label }</text>
        </g> }
    });
    html! {
        <figure class="cb-chart">
            <svg viewBox="0 0 560 200" role="img" aria-labelledby="cb-hist-title cb-hist-desc">
                <title id="cb-hist-title">{ t(Msg::CbHistTitle) }</title>
                <desc id="cb-hist-desc">{ t(Msg::CbHistDesc) }</desc>
                <line class="axis" x1="30" y1="170" x2="550" y2="170" />
                { for bars }
            </svg>
            <figcaption>{ t(Msg::CbHistTitle) }</figcaption>
            { legend(lang, Msg::CbModelExpected) }
            <details><summary>{ t(Msg::RcShowTable) }</summary>
                <table class="compare"><thead><tr><th scope="col">{ t(Msg::CbRepeat) }</th><th scope="col">{ t(Msg::CbActual) }</th><th scope="col">{ t(Msg::CbModelExpected) }</th></tr></thead>
                <tbody>{ for view.histogram.iter().enumerate().map(|(x, (a, e))| html! {
                    <tr><th scope="row">{ if x == 7 { "7+".to_string() } else { x.to_string() } }</th><td>{ fmt.format(*a, Unit::Count) }</td><td>{ show(fmt, *e, Unit::Ratio) }</td></tr>
                }) }</tbody></table>
            </details>
        </figure>
    }
}

pub(super) fn pareto(view: &CbView, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    if view.pareto.is_empty() {
        return html! {};
    }
    let pts: String = view.pareto.iter().map(|(c, v)| format!("{:.1},{:.1} ", 40.0 + 260.0 * c, 170.0 - 150.0 * v)).collect();
    let at20 = view.pareto.iter().find(|(c, _)| *c >= 0.2).map(|p| p.1);
    html! {
        <figure class="cb-chart">
            <svg viewBox="0 0 320 200" role="img" aria-labelledby="cb-pareto-title cb-pareto-desc">
                <title id="cb-pareto-title">{ t(Msg::CbParetoTitle) }</title>
                <desc id="cb-pareto-desc">{ t(Msg::CbParetoDesc) }</desc>
                <line class="grid" x1="40" y1="50" x2="300" y2="50" />
                <line class="grid" x1="92" y1="20" x2="92" y2="170" />
                <line class="axis" x1="40" y1="170" x2="300" y2="170" /><line class="axis" x1="40" y1="20" x2="40" y2="170" />
                <polyline class="curve" points={pts} />
                <text x="36" y="54" text-anchor="end">{ "80%" }</text>
                <text x="36" y="24" text-anchor="end">{ "100%" }</text>
                <text x="92" y="184" text-anchor="middle">{ "20%" }</text>
                <text x="300" y="184" text-anchor="end">{ "100%" }</text>
            </svg>
            <figcaption>{ t(Msg::CbParetoTitle) }</figcaption>
            { crate::ui::chart::data_table(t(Msg::RcShowTable), t(Msg::CbParetoTitle), vec![t(Msg::CbShareCustomers).to_string(), t(Msg::CbShareValue).to_string()],
                (1..=10).filter_map(|k| {
                    let c = f64::from(k) / 10.0;
                    view.pareto.iter().find(|(x, _)| *x >= c - 1e-9).map(|(x, v)| vec![fmt.format(*x, Unit::Percent), fmt.format(*v, Unit::Percent)])
                }).collect()) }
            if let Some(v) = at20 {
                <p class="hint" data-testid="pareto-top20" data-value={v.to_string()}>{ fill(t(Msg::CbTop20), &[("share", &fmt.format(v, Unit::Percent))]) }</p>
            }
        </figure>
    }
}

pub(super) fn tracking(r: &CustomerBaseResults, lang: Lang, fmt: &IntlFormat) -> Html {
    let t = |m: Msg| m.text(lang);
    let Some(h) = &r.holdout else { return html! {} };
    let n = h.tracking.len().max(1) as f64;
    let max = h.tracking.iter().map(|p| p.actual.max(p.predicted)).fold(1.0, f64::max);
    let line = |f: &dyn Fn(&crate::domain::customer_base::calc::inputs::TrackingRow) -> f64| -> String {
        h.tracking.iter().map(|p| format!("{:.1},{:.1} ", 40.0 + 500.0 * p.period / n, 170.0 - 150.0 * f(p) / max)).collect()
    };
    html! {
        <figure class="cb-chart" data-testid="tracking-chart">
            <svg viewBox="0 0 560 200" role="img" aria-labelledby="cb-track-title cb-track-desc">
                <title id="cb-track-title">{ t(Msg::CbTrackTitle) }</title>
                <desc id="cb-track-desc">{ t(Msg::CbTrackDesc) }</desc>
                <line class="axis" x1="40" y1="170" x2="545" y2="170" /><line class="axis" x1="40" y1="20" x2="40" y2="170" />
                <polyline class="curve" points={line(&|p| p.actual)} />
                <polyline class="curve predicted" points={line(&|p| p.predicted)} />
            </svg>
            <figcaption>{ t(Msg::CbTrackTitle) }</figcaption>
            { crate::ui::chart::data_table(t(Msg::RcShowTable), t(Msg::CbTrackTitle), vec![t(Msg::CbPeriodCol).to_string(), t(Msg::CbActualCol).to_string(), t(Msg::CbPredictedCol).to_string()],
                h.tracking.iter().map(|p| vec![fmt.format(p.period, Unit::Count), fmt.format(p.actual, Unit::Ratio), fmt.format(p.predicted, Unit::Ratio)]).collect()) }
            { legend(lang, Msg::CbModelExpected) }
            <dl class="result-list">
                { item("holdout-actual_total", t(Msg::CbHoldoutActual), Some(h.actual_total), Unit::Count, fmt) }
                { item("holdout-predicted_total", t(Msg::CbHoldoutPredicted), Some(h.predicted_total), Unit::Ratio, fmt) }
                { item("holdout-new_customers", t(Msg::CbHoldoutNew), Some(h.new_customers), Unit::Count, fmt) }
            </dl>
        </figure>
    }
}
