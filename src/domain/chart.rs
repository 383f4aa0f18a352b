//! Chart geometry: pure functions that turn data into SVG coordinates, so
//! the components only draw what the core computed (and tests check it).

/// A tick on an axis: position in SVG units and the value it marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Position along the axis in SVG units.
    pub pos: f64,
    /// The data value at that position.
    pub value: f64,
}

/// A line chart ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    /// View box width.
    pub width: f64,
    /// View box height.
    pub height: f64,
    /// Plot area: left, top, right, bottom.
    pub plot: (f64, f64, f64, f64),
    /// One SVG path (`M … L …`) per series; empty when the series has no point.
    pub paths: Vec<String>,
    /// Ticks along x (data x values).
    pub x_ticks: Vec<Tick>,
    /// Ticks along y (data y values).
    pub y_ticks: Vec<Tick>,
    /// The finite points of each series, for the chart's data table.
    pub data: Vec<Vec<(f64, f64)>>,
}

/// A "nice" step (1, 2 or 5 × 10^k) for about `target` intervals over `span`.
pub fn nice_step(span: f64, target: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Lays out `series` (each a list of `(x, y)` points) in a `width × height` box.
pub fn line_chart(series: &[Vec<(f64, f64)>], width: f64, height: f64) -> LineChart {
    let plot = (64.0, 12.0, width - 12.0, height - 28.0);
    let pts = series.iter().flatten();
    let (mut x_max, mut y_max, mut y_min) = (0.0f64, 0.0f64, 0.0f64);
    for &(x, y) in pts {
        if x.is_finite() && y.is_finite() {
            x_max = x_max.max(x);
            y_max = y_max.max(y);
            y_min = y_min.min(y);
        }
    }
    if x_max <= 0.0 {
        x_max = 1.0;
    }
    let y_step = nice_step(y_max - y_min, 4);
    let y_top = (y_max / y_step).ceil() * y_step;
    let y_bottom = (y_min / y_step).floor() * y_step;
    let y_top = if y_top <= y_bottom { y_bottom + y_step } else { y_top };
    let sx = |x: f64| plot.0 + (x / x_max) * (plot.2 - plot.0);
    let sy = |y: f64| plot.3 - (y - y_bottom) / (y_top - y_bottom) * (plot.3 - plot.1);
    let paths = series
        .iter()
        .map(|s| {
            s.iter()
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .enumerate()
                .map(|(i, &(x, y))| format!("{}{:.1} {:.1}", if i == 0 { "M" } else { " L" }, sx(x), sy(y)))
                .collect::<String>()
        })
        .collect();
    let x_step = nice_step(x_max, 5).max(1.0);
    let x_ticks = (0..).map(|i| i as f64 * x_step).take_while(|x| *x <= x_max + 1e-9).map(|x| Tick { pos: sx(x), value: x }).collect();
    let count = ((y_top - y_bottom) / y_step).round() as usize;
    let y_ticks = (0..=count.min(20))
        .map(|i| {
            let y = y_bottom + i as f64 * y_step;
            Tick { pos: sy(y), value: y }
        })
        .collect();
    let data = series.iter().map(|s| s.iter().copied().filter(|(x, y)| x.is_finite() && y.is_finite()).collect()).collect();
    LineChart { width, height, plot, paths, x_ticks, y_ticks, data }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(26000.0, 4), 10000.0);
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(0.0, 5), 1.0);
    }

    #[test]
    fn lays_out_points_inside_the_plot() {
        let c = line_chart(&[vec![(0.0, 0.0), (10.0, 26000.0)]], 600.0, 240.0);
        assert_eq!(c.paths[0], "M64.0 212.0 L588.0 38.7");
        assert_eq!(c.x_ticks.first().unwrap().value, 0.0);
        assert_eq!(c.y_ticks.last().unwrap().value, 30000.0);
    }
}

/// One rectangle of a stacked bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Which component (0..4) of the stack, for its colour.
    pub part: usize,
    /// The component's value.
    pub value: f64,
}

/// One offer's pair of stacked bars.
#[derive(Clone, Debug, PartialEq)]
pub struct BarGroup {
    /// Centre of the group along x.
    pub center: f64,
    /// Stacked value components.
    pub value: Vec<Segment>,
    /// Stacked cost components.
    pub cost: Vec<Segment>,
    /// The delivered value bracket: x, top of the cost stack, top of the value stack.
    pub delivered: (f64, f64, f64),
}

/// Stacked value-against-cost bars for several offers.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    /// View box width.
    pub width: f64,
    /// View box height.
    pub height: f64,
    /// Plot area: left, top, right, bottom.
    pub plot: (f64, f64, f64, f64),
    /// One group per offer.
    pub groups: Vec<BarGroup>,
    /// Ticks along y.
    pub y_ticks: Vec<Tick>,
}

/// Lays out, per offer, its four value components stacked against its four
/// cost components.
pub fn stacked_bars(offers: &[([f64; 4], [f64; 4])], width: f64, height: f64) -> BarChart {
    let plot = (64.0, 12.0, width - 8.0, height - 30.0);
    let top_value = offers.iter().map(|(v, c)| v.iter().sum::<f64>().max(c.iter().sum::<f64>())).fold(0.0f64, f64::max);
    let step = nice_step(top_value, 4);
    let y_top = ((top_value / step).ceil() * step).max(step);
    let sy = |v: f64| plot.3 - v / y_top * (plot.3 - plot.1);
    let n = offers.len().max(1) as f64;
    let slot = (plot.2 - plot.0) / n;
    let bar_w = (slot * 0.32).min(56.0);
    let stack = |parts: &[f64; 4], x: f64| -> Vec<Segment> {
        let mut acc = 0.0;
        parts
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let y0 = sy(acc);
                acc += v;
                let y1 = sy(acc);
                Segment { x, y: y1, w: bar_w, h: y0 - y1, part: i, value: v }
            })
            .collect()
    };
    let groups = offers
        .iter()
        .enumerate()
        .map(|(i, (v, c))| {
            let center = plot.0 + slot * (i as f64 + 0.5);
            let xv = center - bar_w - 2.0;
            let xc = center + 2.0;
            let tv: f64 = v.iter().sum();
            let tc: f64 = c.iter().sum();
            BarGroup { center, value: stack(v, xv), cost: stack(c, xc), delivered: (center + bar_w + 8.0, sy(tc), sy(tv)) }
        })
        .collect();
    let count = (y_top / step).round() as usize;
    let y_ticks = (0..=count.min(20)).map(|i| {
        let v = i as f64 * step;
        Tick { pos: sy(v), value: v }
    });
    BarChart { width, height, plot, groups, y_ticks: y_ticks.collect() }
}

/// One horizontal bar of a gap chart.
#[derive(Clone, Debug, PartialEq)]
pub struct GapBar {
    /// Top of the bar's row.
    pub y: f64,
    /// Left edge of the bar.
    pub x: f64,
    /// Width of the bar.
    pub w: f64,
    /// The gap.
    pub gap: f64,
}

/// Horizontal gap bars around a zero line.
#[derive(Clone, Debug, PartialEq)]
pub struct GapChart {
    /// View box width.
    pub width: f64,
    /// View box height.
    pub height: f64,
    /// x of the zero line.
    pub zero: f64,
    /// Height of a bar.
    pub bar_h: f64,
    /// One bar per dimension.
    pub bars: Vec<GapBar>,
    /// Ticks along x.
    pub x_ticks: Vec<Tick>,
}

/// Lays out one bar per gap; the axis is symmetric around zero.
pub fn gap_chart(gaps: &[f64], width: f64) -> GapChart {
    let row = 28.0;
    let (left, right) = (150.0, width - 16.0);
    let top = 8.0;
    let height = top + row * gaps.len() as f64 + 24.0;
    let max = gaps.iter().fold(0.0f64, |m, g| m.max(g.abs())).max(0.5);
    let step = nice_step(max, 2);
    let lim = (max / step).ceil() * step;
    let zero = (left + right) / 2.0;
    let sx = |v: f64| zero + v / lim * (right - zero);
    let bars = gaps
        .iter()
        .enumerate()
        .map(|(i, &g)| {
            let (a, b) = (sx(0.0), sx(g));
            GapBar { y: top + row * i as f64 + 5.0, x: a.min(b), w: (a - b).abs(), gap: g }
        })
        .collect();
    let n = (lim / step).round() as i64;
    let x_ticks = (-n..=n).map(|k| Tick { pos: sx(k as f64 * step), value: k as f64 * step }).collect();
    GapChart { width, height, zero, bar_h: row - 10.0, bars, x_ticks }
}

/// A point of the importance–performance chart.
#[derive(Clone, Debug, PartialEq)]
pub struct IpaPoint {
    /// x (performance).
    pub x: f64,
    /// y (importance).
    pub y: f64,
}

/// The importance–performance quadrant chart.
#[derive(Clone, Debug, PartialEq)]
pub struct IpaChart {
    /// View box size (square).
    pub size: f64,
    /// Plot area: left, top, right, bottom.
    pub plot: (f64, f64, f64, f64),
    /// x of the mean performance line.
    pub mean_x: f64,
    /// y of the mean importance line.
    pub mean_y: f64,
    /// One point per dimension.
    pub points: Vec<IpaPoint>,
}

/// Places `(importance, performance)` points with the mean lines.
pub fn ipa_chart(points: &[(f64, f64)], size: f64) -> IpaChart {
    let plot = (40.0, 16.0, size - 16.0, size - 40.0);
    let n = points.len().max(1) as f64;
    let mi = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mp = points.iter().map(|p| p.1).sum::<f64>() / n;
    let span = |vals: Vec<f64>, mean: f64| {
        let d = vals.iter().fold(0.0f64, |m, v| m.max((v - mean).abs()));
        if d <= 0.0 {
            mean.abs().max(1.0) * 0.1
        } else {
            d * 1.25
        }
    };
    let si = span(points.iter().map(|p| p.0).collect(), mi);
    let sp = span(points.iter().map(|p| p.1).collect(), mp);
    let cx = (plot.0 + plot.2) / 2.0;
    let cy = (plot.1 + plot.3) / 2.0;
    let hw = (plot.2 - plot.0) / 2.0;
    let hh = (plot.3 - plot.1) / 2.0;
    IpaChart {
        size,
        plot,
        mean_x: cx,
        mean_y: cy,
        points: points.iter().map(|&(imp, perf)| IpaPoint { x: cx + (perf - mp) / sp * hw, y: cy - (imp - mi) / si * hh }).collect(),
    }
}

/// A tornado chart: one bar per input from the output at the low value to
/// the output at the high value, around the base output.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    /// View box width.
    pub width: f64,
    /// View box height.
    pub height: f64,
    /// x of the base output.
    pub base_x: f64,
    /// Bars: `(top, left, width, low is left of base)`.
    pub bars: Vec<(f64, f64, f64)>,
    /// Bar height.
    pub bar_h: f64,
}

/// Lays out `(low, high)` outputs around `base`.
pub fn tornado(rows: &[(f64, f64)], base: f64, width: f64) -> Tornado {
    let row = 26.0;
    let (left, right) = (170.0, width - 12.0);
    let lo = rows.iter().flat_map(|r| [r.0, r.1]).fold(base, f64::min);
    let hi = rows.iter().flat_map(|r| [r.0, r.1]).fold(base, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let sx = |v: f64| left + (v - lo) / span * (right - left);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let (x0, x1) = (sx(a.min(b)), sx(a.max(b)));
            (8.0 + row * i as f64, x0, (x1 - x0).max(1.0))
        })
        .collect();
    Tornado { width, height: 16.0 + row * rows.len() as f64, base_x: sx(base), bars, bar_h: row - 8.0 }
}

/// Histogram bars `(x, y, w, h)` in a `width × height` box.
pub fn histogram(counts: &[usize], width: f64, height: f64) -> Vec<(f64, f64, f64, f64)> {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let n = counts.len().max(1) as f64;
    let w = (width - 16.0) / n;
    counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let h = c as f64 / max * (height - 24.0);
            (8.0 + w * i as f64, height - 16.0 - h, (w - 1.0).max(1.0), h)
        })
        .collect()
}
