//! A small accessible SVG line chart that draws a core [`LineChart`].

use crate::core::chart::LineChart;
use crate::core::math::{NumberFormat, Unit};
use crate::platform::IntlFormat;
use yew::prelude::*;

/// Props of [`LineChartView`].
#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// Geometry from the core.
    pub chart: LineChart,
    /// Series names, in the order of `chart.paths`.
    pub series: Vec<&'static str>,
    /// Accessible title.
    pub title: &'static str,
    /// Accessible description.
    pub desc: &'static str,
    /// X axis label.
    pub x_label: &'static str,
    /// Formatter for the y axis (money).
    pub fmt: IntlFormat,
}

/// Draws the chart with a legend; colours come from CSS variables so it
/// reads in light and dark mode.
#[component]
pub fn LineChartView(p: &LineChartProps) -> Html {
    let c = &p.chart;
    let (l, t, r, b) = c.plot;
    html! {
        <figure class="line-chart">
            <svg viewBox={format!("0 0 {} {}", c.width, c.height)} role="img" aria-labelledby="chart-t chart-d"
                preserveAspectRatio="xMidYMid meet">
                <title id="chart-t">{ p.title }</title>
                <desc id="chart-d">{ p.desc }</desc>
                { for c.y_ticks.iter().map(|tk| html! {
                    <g class="tick">
                        <line x1={l.to_string()} x2={r.to_string()} y1={tk.pos.to_string()} y2={tk.pos.to_string()} class="grid" />
                        <text x={(l - 6.0).to_string()} y={(tk.pos + 4.0).to_string()} text-anchor="end">{ p.fmt.format(tk.value, Unit::Money) }</text>
                    </g>
                }) }
                { for c.x_ticks.iter().map(|tk| html! {
                    <text class="tick" x={tk.pos.to_string()} y={(b + 16.0).to_string()} text-anchor="middle">{ tk.value.to_string() }</text>
                }) }
                <line x1={l.to_string()} x2={r.to_string()} y1={b.to_string()} y2={b.to_string()} class="axis" />
                <line x1={l.to_string()} x2={l.to_string()} y1={t.to_string()} y2={b.to_string()} class="axis" />
                { for c.paths.iter().enumerate().map(|(i, d)| html! {
                    <path d={d.clone()} class={format!("series s{i}")} fill="none" />
                }) }
            </svg>
            <figcaption class="legend">
                { for p.series.iter().enumerate().map(|(i, s)| html! {
                    <span class={format!("key s{i}")}><i aria-hidden="true"></i>{ *s }</span>
                }) }
                <span class="axis-label">{ format!("x: {}", p.x_label) }</span>
            </figcaption>
        </figure>
    }
}

/// Props of [`BarChartView`].
#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// Geometry from the core.
    pub chart: crate::core::chart::BarChart,
    /// Offer names, one per group.
    pub names: Vec<String>,
    /// Accessible title.
    pub title: &'static str,
    /// Accessible description.
    pub desc: &'static str,
    /// Names of the four value parts.
    pub value_parts: Vec<&'static str>,
    /// Names of the four cost parts.
    pub cost_parts: Vec<&'static str>,
    /// Label of the delivered value bracket.
    pub delivered_label: &'static str,
    /// Money formatter.
    pub fmt: IntlFormat,
}

/// Stacked value and cost bars per offer, with the delivered value bracket.
#[component]
pub fn BarChartView(p: &BarChartProps) -> Html {
    let c = &p.chart;
    let (l, _t, r, b) = c.plot;
    let seg = |s: &crate::core::chart::Segment, kind: &str, names: &[&'static str]| {
        html! {
            <rect x={format!("{:.1}", s.x)} y={format!("{:.1}", s.y)} width={format!("{:.1}", s.w)} height={format!("{:.1}", s.h.max(0.0))}
                class={format!("{kind} p{}", s.part)}>
                <title>{ format!("{}: {}", names.get(s.part).copied().unwrap_or(""), p.fmt.format(s.value, Unit::Money)) }</title>
            </rect>
        }
    };
    html! {
        <figure class="bar-chart">
            <svg viewBox={format!("0 0 {} {}", c.width, c.height)} role="img" aria-labelledby="bars-t bars-d">
                <title id="bars-t">{ p.title }</title>
                <desc id="bars-d">{ p.desc }</desc>
                { for c.y_ticks.iter().map(|tk| html! {
                    <g class="tick">
                        <line x1={l.to_string()} x2={r.to_string()} y1={tk.pos.to_string()} y2={tk.pos.to_string()} class="grid" />
                        <text x={(l - 6.0).to_string()} y={(tk.pos + 4.0).to_string()} text-anchor="end">{ p.fmt.format(tk.value, Unit::Money) }</text>
                    </g>
                }) }
                { for c.groups.iter().zip(&p.names).map(|(g, name)| {
                    let (dx, y_cost, y_value) = g.delivered;
                    let short: String = name.chars().take(14).collect();
                    html! {
                        <g class="group">
                            { for g.value.iter().map(|s| seg(s, "value", &p.value_parts)) }
                            { for g.cost.iter().map(|s| seg(s, "cost", &p.cost_parts)) }
                            <path class={if y_value <= y_cost { "delivered" } else { "delivered negative" }}
                                d={format!("M{:.1} {:.1} h4 V{:.1} h-4", dx - 4.0, y_cost, y_value)} fill="none">
                                <title>{ p.delivered_label }</title>
                            </path>
                            <text class="label" x={format!("{:.1}", g.center)} y={(b + 16.0).to_string()} text-anchor="middle">{ short }</text>
                        </g>
                    }
                }) }
                <line x1={l.to_string()} x2={r.to_string()} y1={b.to_string()} y2={b.to_string()} class="axis" />
            </svg>
            <figcaption class="legend">
                { for p.value_parts.iter().enumerate().map(|(i, s)| html! { <span class={format!("key value p{i}")}><i aria-hidden="true"></i>{ *s }</span> }) }
                { for p.cost_parts.iter().enumerate().map(|(i, s)| html! { <span class={format!("key cost p{i}")}><i aria-hidden="true"></i>{ *s }</span> }) }
                <span class="key delivered"><i aria-hidden="true"></i>{ p.delivered_label }</span>
            </figcaption>
        </figure>
    }
}
