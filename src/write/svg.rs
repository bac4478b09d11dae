//! Inline SVG charts drawn from the document's [`Chart`]s (the HTML writer inlines them, the PDF
//! writer embeds the same SVG): no JavaScript, no external assets, the same
//! output for the same figures. Each chart is a `<figure>` whose SVG carries a `<title>` and a
//! `<desc>` stating the same figures in words for screen readers, with a caption under it. The
//! shares drawn are the shares the text prints (largest remainder), passed in, never recomputed.
//!
//! Geometry uses `f64`; money never does: every amount and share printed on a chart is formatted
//! from its exact decimal.

use crate::document::{BarGroup as Group, Chart, ChartKind, ChartPart as Part};
use crate::money::format_fixed;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::fmt::Write;

/// Slice and bar colours, chosen to stay distinct in greyscale print.
const PALETTE: [&str; 8] = [
    "#2f5b8f", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f", "#b8860b",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn wan(d: Decimal) -> String {
    format_fixed(d, 2, true)
}

/// The `<svg>` element: its title is the caption, its description the figures in words.
fn figure(id: &str, caption: &str, desc: &str, width: u32, height: u32, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"{id}-t {id}-d\">\n<title id=\"{id}-t\">{t}</title>\n<desc id=\"{id}-d\">{d}</desc>\n{body}</svg>\n",
        t = esc(caption),
        d = esc(desc),
    )
}

/// A ring chart of parts with their shares and a legend; empty when every part is zero.
pub fn ring(id: &str, caption: &str, parts: &[Part], dp: u32) -> String {
    let parts: Vec<&Part> = parts.iter().filter(|p| !p.amount.is_zero()).collect();
    if parts.is_empty() {
        return String::new();
    }
    let (cx, cy, r, inner) = (130.0_f64, 130.0_f64, 110.0_f64, 62.0_f64);
    let mut body = String::new();
    let total: f64 = parts.iter().map(|p| p.share.to_f64().unwrap_or(0.0)).sum();
    let mut angle = -std::f64::consts::FRAC_PI_2;
    for (i, p) in parts.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let frac = p.share.to_f64().unwrap_or(0.0) / total.max(f64::MIN_POSITIVE);
        if parts.len() == 1 || frac >= 0.9999 {
            let _ = writeln!(
                body,
                "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{:.1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{:.1}\"/>",
                (r + inner) / 2.0,
                r - inner
            );
            angle += std::f64::consts::TAU * frac;
            continue;
        }
        let end = angle + std::f64::consts::TAU * frac;
        let large = i32::from(end - angle > std::f64::consts::PI);
        let pt = |a: f64, rad: f64| (cx + rad * a.cos(), cy + rad * a.sin());
        let (x1, y1) = pt(angle, r);
        let (x2, y2) = pt(end, r);
        let (x3, y3) = pt(end, inner);
        let (x4, y4) = pt(angle, inner);
        let _ = writeln!(
            body,
            "<path d=\"M{x1:.2} {y1:.2} A{r} {r} 0 {large} 1 {x2:.2} {y2:.2} L{x3:.2} {y3:.2} A{inner} {inner} 0 {large} 0 {x4:.2} {y4:.2} Z\" fill=\"{colour}\"/>"
        );
        angle = end;
    }
    for (i, p) in parts.iter().enumerate() {
        let y = 40 + i as u32 * 28;
        let colour = PALETTE[i % PALETTE.len()];
        let _ = writeln!(
            body,
            "<rect x=\"280\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>",
            y - 11
        );
        let _ = writeln!(
            body,
            "<text x=\"302\" y=\"{y}\" font-size=\"14\">{}　{}万元　{}%</text>",
            esc(&p.name),
            wan(p.amount),
            format_fixed(p.share, dp, false)
        );
    }
    let desc: Vec<String> = parts
        .iter()
        .map(|p| {
            format!(
                "{}{}万元，占{}%",
                p.name,
                wan(p.amount),
                format_fixed(p.share, dp, false)
            )
        })
        .collect();
    let height = (60 + parts.len() as u32 * 28).max(265);
    figure(id, caption, &desc.join("；"), 640, height, &body)
}

/// Grouped vertical bars with the value over each bar; empty when every value is zero.
pub fn bars(id: &str, caption: &str, groups: &[Group]) -> String {
    let max = groups
        .iter()
        .flat_map(|g| g.bars.iter().map(|b| b.1))
        .max()
        .unwrap_or_default();
    if max <= Decimal::ZERO || groups.is_empty() {
        return String::new();
    }
    let per_group = groups.iter().map(|g| g.bars.len()).max().unwrap_or(1) as f64;
    let (left, top, plot_h, bar_w, gap) = (20.0_f64, 50.0_f64, 170.0_f64, 46.0_f64, 40.0_f64);
    let group_w = per_group * bar_w + gap;
    let width = (left * 2.0 + group_w * groups.len() as f64).max(360.0);
    let mut body = String::new();
    let base = top + plot_h;
    let _ = writeln!(
        body,
        "<line x1=\"{left}\" y1=\"{base}\" x2=\"{:.0}\" y2=\"{base}\" stroke=\"#444\"/>",
        width - left
    );
    let maxf = max.to_f64().unwrap_or(1.0);
    let mut series: Vec<&str> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let x0 = left + gap / 2.0 + gi as f64 * group_w;
        for (bi, (name, v)) in g.bars.iter().enumerate() {
            if !series.contains(&name.as_str()) {
                series.push(name);
            }
            let colour = PALETTE[series.iter().position(|s| s == name).unwrap_or(0) % PALETTE.len()];
            let h = (v.to_f64().unwrap_or(0.0) / maxf * plot_h).max(if v.is_zero() { 0.0 } else { 1.0 });
            let x = x0 + bi as f64 * bar_w;
            let _ = writeln!(
                body,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{colour}\"/>",
                base - h,
                bar_w - 6.0
            );
            let _ = writeln!(
                body,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                x + (bar_w - 6.0) / 2.0,
                base - h - 4.0,
                wan(*v)
            );
        }
        let _ = writeln!(
            body,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\">{}</text>",
            x0 + per_group * bar_w / 2.0 - 3.0,
            base + 20.0,
            esc(&g.label)
        );
    }
    for (i, s) in series.iter().enumerate() {
        let x = left + i as f64 * 110.0;
        let _ = writeln!(
            body,
            "<rect x=\"{x:.0}\" y=\"12\" width=\"14\" height=\"14\" fill=\"{}\"/>",
            PALETTE[i % PALETTE.len()]
        );
        let _ = writeln!(
            body,
            "<text x=\"{:.0}\" y=\"24\" font-size=\"13\">{}</text>",
            x + 20.0,
            esc(s)
        );
    }
    let desc: Vec<String> = groups
        .iter()
        .map(|g| {
            let b: Vec<String> = g
                .bars
                .iter()
                .map(|(n, v)| format!("{n}{}万元", wan(*v)))
                .collect();
            format!("{}：{}", g.label, b.join("，"))
        })
        .collect();
    figure(
        id,
        caption,
        &desc.join("；"),
        width.ceil() as u32,
        (base + 35.0) as u32,
        &body,
    )
}

/// The chart as a standalone SVG document, for writers that embed images (the PDF); empty when
/// the chart draws nothing.
pub fn svg(chart: &Chart) -> String {
    match &chart.kind {
        ChartKind::Ring { parts } => ring(&chart.id, &chart.caption, parts, chart.percent_decimals),
        ChartKind::Bars { groups } => bars(&chart.id, &chart.caption, groups),
    }
}

/// The chart as an HTML `<figure>`: the SVG with the caption under it (empty when it draws
/// nothing).
pub fn figure_html(chart: &Chart) -> String {
    let svg = svg(chart);
    if svg.is_empty() {
        return svg;
    }
    format!(
        "<figure class=\"chart\" id=\"{}\">\n{svg}<figcaption>{}</figcaption>\n</figure>\n",
        chart.id,
        esc(&chart.caption)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn ring_states_the_shares_it_draws() {
        let parts = vec![
            Part {
                name: "基本支出".into(),
                amount: d("36.01"),
                share: d("77.84"),
            },
            Part {
                name: "项目支出".into(),
                amount: d("10.25"),
                share: d("22.16"),
            },
            Part {
                name: "经营支出".into(),
                amount: d("0"),
                share: d("0.00"),
            },
        ];
        let svg = ring("c1", "支出结构", &parts, 2);
        assert!(
            svg.contains("基本支出36.01万元，占77.84%；项目支出10.25万元，占22.16%"),
            "{svg}"
        );
        assert_eq!(svg.matches("<path").count(), 2, "zero parts are not drawn");
        assert!(!svg.contains("\n\n"), "no blank line inside the HTML block");
        assert_eq!(svg, ring("c1", "支出结构", &parts, 2), "deterministic");
        assert_eq!(ring("c", "x", &parts[2..], 2), "");
    }

    #[test]
    fn bars_label_every_value() {
        let g = vec![Group {
            label: "收入总计".into(),
            bars: vec![("上年".into(), d("37.70")), ("本年".into(), d("46.26"))],
        }];
        let svg = bars("c2", "对比", &g);
        assert!(svg.contains(">37.70<") && svg.contains(">46.26<"), "{svg}");
        assert!(svg.contains("收入总计：上年37.70万元，本年46.26万元"));
        assert_eq!(
            bars(
                "c3",
                "x",
                &[Group {
                    label: "a".into(),
                    bars: vec![("b".into(), d("0"))]
                }]
            ),
            ""
        );
    }
}
