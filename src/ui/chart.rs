//! A small accessible SVG line chart that draws a core [`LineChart`].

use crate::domain::chart::LineChart;
use crate::domain::math::{NumberFormat, Unit};
use crate::platform::IntlFormat;
use yew::prelude::*;

/// A chart's data as a table the user can show (closed until asked for; the
/// print button opens it for the report).
pub fn data_table(summary: &str, label: &str, headers: Vec<String>, rows: Vec<Vec<String>>) -> Html {
    html! {
        <details class="chart-data">
            <summary>{ summary.to_string() }</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label={label.to_string()}>
                <table class="compare">
                    <thead><tr>{ for headers.into_iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                    <tbody>{ for rows.into_iter().map(|r| html! { <tr>{ for r.into_iter().map(|c| html! { <td>{ c }</td> }) }</tr> }) }</tbody>
                </table>
            </div>
        </details>
    }
}

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
    /// Formatter for the y axis.
    pub fmt: IntlFormat,
    /// Unit of the y axis.
    #[prop_or(Unit::Money)]
    pub y_unit: Unit,
    /// The "show the data table" label; `None` where the page shows the
    /// chart's data in a table of its own.
    #[prop_or_default]
    pub table_label: Option<&'static str>,
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
                        <text x={(l - 6.0).to_string()} y={(tk.pos + 4.0).to_string()} text-anchor="end">{ p.fmt.format(tk.value, p.y_unit) }</text>
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
            { line_table(p) }
        </figure>
    }
}

/// The line chart's points: one row per x, one column per series.
fn line_table(p: &LineChartProps) -> Html {
    let Some(label) = p.table_label else { return html! {} };
    let mut xs: Vec<f64> = p.chart.data.iter().flatten().map(|(x, _)| *x).collect();
    crate::domain::sort::sort_f64(&mut xs);
    xs.dedup();
    let headers = std::iter::once(p.x_label.to_string()).chain(p.series.iter().map(|s| s.to_string())).collect();
    let rows = xs
        .iter()
        .map(|x| {
            std::iter::once(p.fmt.format(*x, Unit::Count))
                .chain(
                    p.chart
                        .data
                        .iter()
                        .map(|s| s.iter().find(|(sx, _)| sx == x).map_or_else(|| "—".to_string(), |(_, y)| p.fmt.format(*y, p.y_unit))),
                )
                .collect()
        })
        .collect();
    data_table(label, p.title, headers, rows)
}

/// Props of [`BarChartView`].
#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// Geometry from the core.
    pub chart: crate::domain::chart::BarChart,
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
    let seg = |s: &crate::domain::chart::Segment, kind: &str, names: &[&'static str]| {
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

/// Props of [`GapChartView`].
#[derive(Properties, PartialEq)]
pub struct GapChartProps {
    /// Geometry.
    pub chart: crate::domain::chart::GapChart,
    /// Dimension names.
    pub names: Vec<String>,
    /// Title.
    pub title: &'static str,
    /// Description.
    pub desc: &'static str,
    /// Formatter.
    pub fmt: IntlFormat,
}

/// Horizontal gap bars around zero.
#[component]
pub fn GapChartView(p: &GapChartProps) -> Html {
    let c = &p.chart;
    html! {
        <figure class="gap-chart">
            <svg viewBox={format!("0 0 {} {}", c.width, c.height)} role="img" aria-labelledby="gap-t gap-d">
                <title id="gap-t">{ p.title }</title>
                <desc id="gap-d">{ p.desc }</desc>
                { for c.x_ticks.iter().map(|tk| html! {
                    <g class="tick">
                        <line x1={tk.pos.to_string()} x2={tk.pos.to_string()} y1="4" y2={(c.height - 20.0).to_string()} class="grid" />
                        <text x={tk.pos.to_string()} y={(c.height - 6.0).to_string()} text-anchor="middle">{ p.fmt.format(tk.value, Unit::Ratio) }</text>
                    </g>
                }) }
                { for c.bars.iter().zip(&p.names).map(|(b, name)| {
                    let short: String = name.chars().take(18).collect();
                    html! {
                        <g>
                            <text class="label" x="4" y={(b.y + c.bar_h * 0.75).to_string()}>{ short }</text>
                            <rect x={format!("{:.1}", b.x)} y={b.y.to_string()} width={format!("{:.1}", b.w.max(1.0))} height={c.bar_h.to_string()}
                                class={if b.gap > 1e-9 { "sbar pos" } else if b.gap < -1e-9 { "sbar neg" } else { "sbar zero" }}>
                                <title>{ format!("{name}: {}", p.fmt.format(b.gap, Unit::Ratio)) }</title>
                            </rect>
                        </g>
                    }
                }) }
                <line x1={c.zero.to_string()} x2={c.zero.to_string()} y1="2" y2={(c.height - 20.0).to_string()} class="axis" />
            </svg>
        </figure>
    }
}

/// Props of [`IpaChartView`].
#[derive(Properties, PartialEq)]
pub struct IpaChartProps {
    /// Geometry.
    pub chart: crate::domain::chart::IpaChart,
    /// Dimension names.
    pub names: Vec<String>,
    /// Title.
    pub title: &'static str,
    /// Description.
    pub desc: &'static str,
    /// X axis label (performance).
    pub x_label: &'static str,
    /// Y axis label (importance).
    pub y_label: &'static str,
    /// Quadrant names: top-left, top-right, bottom-left, bottom-right.
    pub quadrants: [&'static str; 4],
}

/// The importance–performance quadrant chart with labelled quadrants.
#[component]
pub fn IpaChartView(p: &IpaChartProps) -> Html {
    let c = &p.chart;
    let (l, t, r, b) = c.plot;
    html! {
        <figure class="ipa-chart">
            <svg viewBox={format!("0 0 {0} {0}", c.size)} role="img" aria-labelledby="ipa-t ipa-d">
                <title id="ipa-t">{ p.title }</title>
                <desc id="ipa-d">{ p.desc }</desc>
                <rect x={l.to_string()} y={t.to_string()} width={(r - l).to_string()} height={(b - t).to_string()} class="frame" />
                <rect x={l.to_string()} y={t.to_string()} width={(c.mean_x - l).to_string()} height={(c.mean_y - t).to_string()} class="q concentrate" />
                <text class="qlabel" x={(l + 4.0).to_string()} y={(t + 14.0).to_string()}>{ p.quadrants[0] }</text>
                <text class="qlabel" x={(r - 4.0).to_string()} y={(t + 14.0).to_string()} text-anchor="end">{ p.quadrants[1] }</text>
                <text class="qlabel" x={(l + 4.0).to_string()} y={(b - 6.0).to_string()}>{ p.quadrants[2] }</text>
                <text class="qlabel" x={(r - 4.0).to_string()} y={(b - 6.0).to_string()} text-anchor="end">{ p.quadrants[3] }</text>
                <line x1={c.mean_x.to_string()} x2={c.mean_x.to_string()} y1={t.to_string()} y2={b.to_string()} class="axis" />
                <line x1={l.to_string()} x2={r.to_string()} y1={c.mean_y.to_string()} y2={c.mean_y.to_string()} class="axis" />
                { for c.points.iter().zip(&p.names).map(|(pt, name)| {
                    let short: String = name.chars().take(14).collect();
                    html! {
                        <g class="pt">
                            <circle cx={format!("{:.1}", pt.x)} cy={format!("{:.1}", pt.y)} r="5" />
                            if pt.x > c.size * 0.7 {
                                <text x={format!("{:.1}", pt.x - 7.0)} y={format!("{:.1}", pt.y + 4.0)} text-anchor="end">{ short }</text>
                            } else {
                                <text x={format!("{:.1}", pt.x + 7.0)} y={format!("{:.1}", pt.y + 4.0)}>{ short }</text>
                            }
                        </g>
                    }
                }) }
                <text class="axis-label" x={((l + r) / 2.0).to_string()} y={(c.size - 14.0).to_string()} text-anchor="middle">{ format!("{} →", p.x_label) }</text>
                <text class="axis-label" x="12" y={((t + b) / 2.0).to_string()} text-anchor="middle"
                    transform={format!("rotate(-90 12 {})", (t + b) / 2.0)}>{ format!("{} →", p.y_label) }</text>
            </svg>
        </figure>
    }
}
