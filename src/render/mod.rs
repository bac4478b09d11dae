//! Render stage: the derived context → the report, through Tera templates.
//!
//! One template tree writes the report once, as Markdown, in one pass: each table template writes
//! a GFM pipe table and an HTML table with the official multi-level headers between markers, and
//! each output format keeps its own. The HTML file is that Markdown turned into HTML by pulldown-cmark (see
//! [`markdown`]) and wrapped in `page.html`. So a sentence is written once and both formats say
//! the same thing.
//!
//! Default templates are embedded in the binary; `--templates DIR` overrides them file by file.
//! Templates are parsed once per [`Renderer`], never per unit.

pub mod charts;
pub mod filters;
pub mod markdown;
mod templates;

use crate::derive::Context;
use std::fmt;
use std::path::Path;
use tera::Tera;

pub use templates::{BUILTIN, export};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One standalone HTML file.
    Html,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// A template problem, naming the template file and line.
#[derive(Debug, Clone)]
pub struct TemplateError {
    /// The template (or directory) at fault.
    pub template: String,
    /// Tera's report (with file:line:column and a caret where it has one).
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "模板 {} 有错误：{}", self.template, self.message)
    }
}

impl std::error::Error for TemplateError {}

fn tera_message(e: &tera::Error) -> String {
    // Tera's Display carries the location and snippet; include the causes too.
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(&format!("\n  原因：{s}"));
        src = s.source();
    }
    msg
}

/// Parsed templates, ready to render any number of units.
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// Builds the renderer from the embedded templates, overridden by the files of
    /// `override_dir` (relative names as in `templates/`).
    pub fn new(override_dir: Option<&Path>) -> Result<Renderer, TemplateError> {
        let mut tera = Tera::new();
        filters::register(&mut tera);
        charts::register(&mut tera);
        tera.set_escape_fn(filters::escape_md_html);
        tera.autoescape_on([".md", ".html"]);
        tera.set_fallback_prefixes(["builtin/"])
            .map_err(|e| TemplateError {
                template: "builtin".into(),
                message: tera_message(&e),
            })?;
        let mut all: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, c)| (format!("builtin/{n}"), c.to_string()))
            .collect();
        if let Some(dir) = override_dir {
            all.extend(templates::read_dir(dir)?);
        }
        tera.add_raw_templates(all).map_err(|e| TemplateError {
            template: override_dir
                .map(|d| d.display().to_string())
                .unwrap_or_else(|| "builtin".into()),
            message: tera_message(&e),
        })?;
        Ok(Renderer { tera })
    }

    /// The names of the profiles available (`profiles/<name>.md`).
    pub fn profiles(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .tera
            .get_template_names()
            .filter_map(|n| n.trim_start_matches("builtin/").strip_prefix("profiles/"))
            .filter_map(|n| n.strip_suffix(".md"))
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Renders one report in one format with `profile`.
    pub fn render(&self, ctx: &Context, profile: &str, format: Format) -> Result<String, TemplateError> {
        Ok(self.render_formats(ctx, profile, &[format])?.remove(0))
    }

    /// Renders one report in several formats from a single template pass: the templates run once
    /// with `format = "both"`, every table writing its GFM and its HTML version between markers,
    /// and each format keeps its own blocks ([`markdown::select`]). The HTML file is the selected
    /// Markdown converted, so both formats carry the same sentences.
    pub fn render_formats(
        &self,
        ctx: &Context,
        profile: &str,
        formats: &[Format],
    ) -> Result<Vec<String>, TemplateError> {
        let name = format!("profiles/{profile}.md");
        if !self.tera.contains_template(&name) {
            return Err(TemplateError {
                template: name,
                message: format!(
                    "没有名为“{profile}”的模板方案，可用：{}",
                    self.profiles().join("、")
                ),
            });
        }
        let fail = |template: &str, e: &tera::Error| TemplateError {
            template: template.to_string(),
            message: tera_message(e),
        };
        let mut tctx = tera::Context::from_serialize(ctx).map_err(|e| fail(&name, &e))?;
        let which = match formats {
            [Format::Markdown] => "md",
            [Format::Html] => "html",
            _ => "both",
        };
        tctx.insert("format", which);
        let both = self.tera.render(&name, &tctx).map_err(|e| fail(&name, &e))?;
        let mut out = Vec::with_capacity(formats.len());
        for format in formats {
            let md = markdown::tidy(&markdown::select(&both, *format));
            out.push(match format {
                Format::Markdown => markdown::with_toc_markdown(&md),
                Format::Html => {
                    let (body, toc) = markdown::to_html(&md);
                    let mut page = tera::Context::new();
                    page.insert(
                        "title",
                        &format!("{}{}年度{}决算", ctx.unit.name, ctx.meta.year, ctx.meta.kind),
                    );
                    page.insert("meta", &ctx.meta);
                    page.insert("body", &tera::Value::safe_string(&body));
                    page.insert("toc", &tera::Value::safe_string(&toc));
                    self.tera
                        .render("page.html", &page)
                        .map_err(|e| fail("page.html", &e))?
                }
            });
        }
        Ok(out)
    }
}
