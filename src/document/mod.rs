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
pub mod outline;
pub mod prose;
pub mod tables;

pub use model::*;

use crate::derive::Context;
use crate::render::RenderError;
use crate::templates::{TemplateError, Templates};
use layout::Layout;
use outline::{Item, OutlineError, PartMark, SectionMark};
use prose::Piece;

/// The heading under which the 目录 stands; the 目录 does not list it.
const TOC_HEADING: &str = "目录";

/// The layout of table `key` under `profile` in the variant the unit selects (`settings.tables`).
fn layout_of<'a>(
    templates: &'a Templates,
    ctx: &Context,
    profile: &str,
    key: &str,
) -> Result<Option<&'a Layout>, RenderError> {
    let Some(layout) = templates.layout(profile, key) else {
        return Ok(None);
    };
    let chosen = ctx
        .meta
        .table_variants
        .iter()
        .find(|v| v.profile == profile && v.key == key);
    let Some(v) = chosen else {
        return Ok(Some(layout));
    };
    layout.variant(Some(&v.name)).map(Some).map_err(|names| {
        let there = if names.is_empty() {
            format!("方案 {profile} 中这张表没有可选的格式，请删去这一项")
        } else {
            format!("可选：{}（不写则用默认格式）", names.join("、"))
        };
        RenderError::Settings(format!(
            "{}settings.tables.{profile}.{key}：表“{}”没有名为“{}”的格式；{there}",
            at_line(v.line),
            layout.title,
            v.name
        ))
    })
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!("第 {l} 行 ")).unwrap_or_default()
}

/// Checks that every per-profile setting (`settings.table_order`, `settings.sections`,
/// `settings.tables`) names a profile there is and, for `profile`, that each `settings.tables`
/// entry names one of its tables and a variant of that table's layout.
fn check_variants(ctx: &Context, templates: &Templates, profile: &str) -> Result<(), RenderError> {
    let profiles = templates.profiles();
    let m = &ctx.meta;
    let entries = (m.table_orders.iter().map(|o| ("table_order", &o.profile, o.line)))
        .chain(
            m.section_variants
                .iter()
                .map(|v| ("sections", &v.profile, v.line)),
        )
        .chain(m.table_variants.iter().map(|v| ("tables", &v.profile, v.line)));
    for (setting, named, line) in entries {
        if !profiles.contains(named) {
            return Err(RenderError::Settings(format!(
                "{}settings.{setting}.{named}：没有名为“{named}”的模板方案，可写的方案：{}",
                at_line(line),
                profiles.join("、")
            )));
        }
    }
    for v in &ctx.meta.table_variants {
        if v.profile != profile {
            continue;
        }
        if layout_of(templates, ctx, profile, &v.key)?.is_none() {
            let mut keys: Vec<&str> = tables::TABLE_KEYS.to_vec();
            keys.push(forms::INDEX_KEY);
            return Err(RenderError::Settings(format!(
                "{}settings.tables.{profile}.{}：没有这张表；可写的表：{}（表目录为 {}）",
                at_line(v.line),
                v.key,
                keys.join("、"),
                forms::INDEX_KEY
            )));
        }
    }
    Ok(())
}

/// The unit's order of its tables under `profile` (`settings.table_order`) as (place, table)
/// pairs: the k-th table the profile places becomes the k-th of the unit's list. Empty when the
/// unit gives none; an error when the list is not exactly the profile's tables.
fn table_order(
    ctx: &Context,
    pieces: &[Piece<'_>],
    profile: &str,
) -> Result<Vec<(String, String)>, RenderError> {
    let Some(o) = ctx.meta.table_orders.iter().find(|o| o.profile == profile) else {
        return Ok(Vec::new());
    };
    let mut places: Vec<&str> = Vec::new();
    for p in pieces {
        if let Piece::Marker { what: "table", arg } = p
            && !places.contains(arg)
        {
            places.push(arg);
        }
    }
    let mut given: Vec<&str> = o.keys.iter().map(String::as_str).collect();
    let mut want = places.clone();
    given.sort_unstable();
    want.sort_unstable();
    if given != want {
        return Err(RenderError::Settings(format!(
            "{}settings.table_order.{profile}：应正好列出方案 {profile} 放置的表（只换顺序，每张一次）：{}；写的是：{}",
            at_line(o.line),
            places.join("、"),
            o.keys.join("、")
        )));
    }
    Ok(places
        .iter()
        .zip(&o.keys)
        .map(|(place, key)| (place.to_string(), key.clone()))
        .collect())
}

/// Builds the document of one unit under `profile`.
pub fn build(ctx: &Context, templates: &Templates, profile: &str) -> Result<Document, RenderError> {
    check_variants(ctx, templates, profile)?;
    let md = templates.prose(ctx, profile)?;
    let charts = templates.additions(ctx, profile).charts;
    let pieces = prose::split(&md);
    let missing = |key: &str| TemplateError {
        template: format!("profiles/{profile}.md"),
        message: format!("表 {key} 没有表格式文件（tables/{key}.toml）"),
    };

    // The official tables, built in the order the profile places them (or the unit's
    // `settings.table_order`: the same tables, each place taking the next of the unit's order) and
    // numbered as they appear (a table the unit does not have is left out, and the numbers close
    // up); the 表目录 is made from them.
    let order = table_order(ctx, &pieces, profile)?;
    let placed = |arg: &str| -> String {
        order
            .iter()
            .find(|(place, _)| place == arg)
            .map(|(_, key)| key.clone())
            .unwrap_or_else(|| arg.to_string())
    };
    let mut built: Vec<(String, Option<Table>)> = Vec::new();
    let mut index = Vec::new();
    for p in &pieces {
        if let Piece::Marker { what: "table", arg } = p
            && !built.iter().any(|(k, _)| *k == placed(arg))
        {
            let arg = &placed(arg);
            let layout = layout_of(templates, ctx, profile, arg)?.ok_or_else(|| missing(arg))?;
            if !layout.print {
                continue;
            }
            let n = built.len() as u32 + 1;
            if let Some(t) = tables::build(arg, layout, ctx, n) {
                index.push(forms::IndexLine {
                    number: t.caption.as_ref().map(|c| c.number.clone()).unwrap_or_default(),
                    title: t.title.clone(),
                    empty_reason: t
                        .empty
                        .then(|| format!("本{}{}", ctx.meta.kind, layout.empty_reason)),
                });
                built.push((arg.clone(), Some(t)));
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

    let mut items: Vec<Item> = Vec::new();
    let mut blocks = Blocks(&mut items);
    for p in pieces {
        match p {
            Piece::Markdown(text) => blocks.extend(prose::parse(text)),
            Piece::Marker {
                what: what @ ("section" | "part"),
                arg,
            } => {
                let bad = || TemplateError {
                    template: format!("profiles/{profile}.md"),
                    message: format!("无法读取的 {what} 标记"),
                };
                blocks.0.push(if what == "section" {
                    Item::Section(SectionMark::decode(arg).ok_or_else(bad)?)
                } else {
                    Item::Part(PartMark::decode(arg).ok_or_else(bad)?)
                });
            }
            Piece::Marker { what, arg } => match what {
                "cover" => blocks.push(Block::Cover(Cover {
                    title: title(ctx),
                    lines: ctx.unit.date.iter().cloned().collect(),
                })),
                "toc" => blocks.push(Block::Toc),
                "table_index" => {
                    let layout = layout_of(templates, ctx, profile, forms::INDEX_KEY)?
                        .ok_or_else(|| missing(forms::INDEX_KEY))?;
                    blocks.push(Block::Table(Box::new(forms::table_index(
                        &index,
                        layout,
                        ctx.meta.kind,
                    ))));
                }
                // Taken where the profile places it first; a second placement finds nothing.
                "table" => {
                    let key = placed(arg);
                    if let Some(t) = built
                        .iter_mut()
                        .find(|(k, _)| *k == key)
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
        blocks: finish(sections(items, ctx, templates, profile)?),
    })
}

/// Collects blocks among the section marks.
struct Blocks<'a>(&'a mut Vec<Item>);

impl Blocks<'_> {
    fn push(&mut self, b: Block) {
        self.0.push(Item::Block(b));
    }

    fn extend(&mut self, bs: impl IntoIterator<Item = Block>) {
        self.0.extend(bs.into_iter().map(Item::Block));
    }
}

/// The 情况说明 numbered and ordered as the unit's variant (`settings.sections`) says, or as the
/// profile's template writes it.
fn sections(
    items: Vec<Item>,
    ctx: &Context,
    templates: &Templates,
    profile: &str,
) -> Result<Vec<Block>, RenderError> {
    let file = format!("profiles/{profile}/sections.toml");
    let chosen = ctx.meta.section_variants.iter().find(|v| v.profile == profile);
    let variant = match chosen {
        None => None,
        Some(v) => Some(
            templates
                .outline_variants(profile)
                .and_then(|vs| vs.get(&v.name))
                .ok_or_else(|| {
                    let names: Vec<String> = templates
                        .outline_variants(profile)
                        .map(|vs| vs.keys().cloned().collect())
                        .unwrap_or_default();
                    let there = if names.is_empty() {
                        format!("方案 {profile} 没有可选的情况说明格式（{file}），请删去这一项")
                    } else {
                        format!("可选：{}（不写则用方案本身的节）", names.join("、"))
                    };
                    RenderError::Settings(format!(
                        "{}settings.sections.{profile}：情况说明没有名为“{}”的格式；{there}",
                        at_line(v.line),
                        v.name
                    ))
                })?,
        ),
    };
    outline::apply(items, variant, ctx.meta.year).map_err(|e| match e {
        OutlineError::Template(message) => RenderError::Template(TemplateError {
            template: if variant.is_some() { file } else { format!("profiles/{profile}.md") },
            message,
        }),
        OutlineError::DropsUnitText { title } => RenderError::Settings(format!(
            "{}settings.sections.{profile}：所选格式“{}”没有“{title}”一节，本单位为该节填写的内容将无处印出；请选包含该节的格式，或删去这些内容",
            at_line(chosen.and_then(|v| v.line)),
            chosen.map(|v| v.name.as_str()).unwrap_or_default()
        )),
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
