//! Document stage: the derived [`Context`] and a profile → one [`Document`], the ordered blocks
//! (headings, prose, tables, charts, layout hints) that every writer in [`crate::write`] reads.
//!
//! The profile's templates ([`crate::templates`]) write the prose as Markdown and place the other
//! blocks with marker lines; this stage parses the prose ([`prose`]), builds each official table
//! from its layout ([`tables`], [`layout`]), the 表目录 and 绩效自评表 ([`forms`]) and the charts
//! ([`charts`]), numbers the tables in the order the profile places them (公开01表, 02表, …),
//! gives every heading its anchor, and starts each 部分 on a new page.

pub mod charts;
pub mod forms;
pub mod layout;
pub mod model;
pub mod prose;
pub mod tables;

pub use model::*;

use crate::derive::Context;
use crate::templates::{TemplateError, Templates};
use prose::Piece;

/// The heading under which the 目录 stands; the 目录 does not list it.
const TOC_HEADING: &str = "目录";

/// Builds the document of one unit under `profile`.
pub fn build(ctx: &Context, templates: &Templates, profile: &str) -> Result<Document, TemplateError> {
    let md = templates.prose(ctx, profile)?;
    let charts = templates.additions(ctx, profile).charts;
    let pieces = prose::split(&md);
    let missing = |key: &str| TemplateError {
        template: format!("profiles/{profile}.md"),
        message: format!("表 {key} 没有表格式文件（tables/{key}.toml）"),
    };

    // The official tables, built in the order the profile places them and numbered as they
    // appear (a table the unit does not have is left out, and the numbers close up); the 表目录
    // is made from them.
    let mut built: Vec<(&str, Option<Table>)> = Vec::new();
    let mut index = Vec::new();
    for p in &pieces {
        if let Piece::Marker { what: "table", arg } = p
            && !built.iter().any(|(k, _)| k == arg)
        {
            let layout = templates.layout(profile, arg).ok_or_else(|| missing(arg))?;
            let n = built.len() as u32 + 1;
            if let Some(t) = tables::build(arg, layout, ctx, n) {
                index.push(forms::IndexLine {
                    number: t.caption.as_ref().map(|c| c.number.clone()).unwrap_or_default(),
                    title: t.title.clone(),
                    empty_reason: t
                        .empty
                        .then(|| format!("本{}{}", ctx.meta.kind, layout.empty_reason)),
                });
                built.push((arg, Some(t)));
            }
        }
    }

    // Whether the document has an 附件 to refer to: some 绩效自评表 the profile places exists.
    let has_evaluation = pieces.iter().any(|p| match p {
        Piece::Marker {
            what: "evaluation",
            arg,
        } => evaluation(ctx, arg).is_some(),
        _ => false,
    });

    let mut blocks = Vec::new();
    for p in pieces {
        match p {
            Piece::Markdown(text) => blocks.extend(prose::parse(text)),
            Piece::Marker { what, arg } => match what {
                "cover" => blocks.push(Block::Cover(Cover {
                    title: title(ctx),
                    lines: ctx.unit.date.iter().cloned().collect(),
                })),
                "toc" => blocks.push(Block::Toc),
                "table_index" => blocks.push(Block::Table(Box::new(forms::table_index(&index)))),
                // Taken where the profile places it first; a second placement finds nothing.
                "table" => {
                    if let Some(t) = built
                        .iter_mut()
                        .find(|(k, _)| *k == arg)
                        .and_then(|(_, t)| t.take())
                    {
                        blocks.push(Block::Table(Box::new(t)));
                    }
                }
                "chart" if charts => blocks.extend(charts::build(arg, ctx).map(Block::Chart)),
                "evaluation" => {
                    if let Some(ev) = evaluation(ctx, arg) {
                        for t in forms::evaluation(ev, ctx.meta.percent_decimals) {
                            blocks.push(Block::Table(Box::new(t)));
                        }
                    }
                }
                // A reference to the 附件, kept only when the document has one.
                "appendix_note" if has_evaluation => blocks.extend(prose::parse(arg)),
                _ => {}
            },
        }
    }
    Ok(Document {
        meta: DocumentMeta {
            title: title(ctx),
            unit_name: ctx.unit.name.clone(),
            year: ctx.meta.year,
            kind: ctx.meta.kind.to_string(),
            date: ctx.unit.date.clone(),
            generator: ctx.meta.generator.clone(),
            profile: profile.to_string(),
        },
        blocks: finish(blocks),
    })
}

/// The 绩效自评表 an `evaluation` marker places ("overall" or a project's number), if the unit
/// has it.
fn evaluation<'a>(ctx: &'a Context, arg: &str) -> Option<&'a crate::derive::text::EvaluationView> {
    let pv = &ctx.performance;
    match arg {
        "overall" => pv.overall.as_ref(),
        n => n.parse::<usize>().ok().and_then(|i| pv.projects.get(i)),
    }
}

/// "某某局2024年度部门决算".
pub fn title(ctx: &Context) -> String {
    format!("{}{}年度{}决算", ctx.unit.name, ctx.meta.year, ctx.meta.kind)
}

/// Gives the 部分 and section headings (levels 2 and 3, table headings included) their anchors
/// `h1`, `h2`, … in order and marks which the 目录 lists, and starts each 部分 (a level-2
/// heading) on a new page.
fn finish(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len() + 8);
    let mut k = 0;
    let mut anchor = |h: &mut Heading| {
        if (2..=3).contains(&h.level) {
            k += 1;
            h.id = format!("h{k}");
            h.in_toc = h.text != TOC_HEADING;
        }
    };
    for mut b in blocks {
        match &mut b {
            Block::Heading(h) => {
                if h.level == 2 && !out.is_empty() {
                    out.push(Block::PageBreak);
                }
                anchor(h);
            }
            Block::Table(t) => {
                if let Some(h) = t.heading.as_mut() {
                    anchor(h);
                }
            }
            _ => {}
        }
        out.push(b);
    }
    out
}
