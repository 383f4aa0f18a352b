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
