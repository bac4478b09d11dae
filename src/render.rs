//! Render: one unit's derived [`Context`] → the files of the report, through the document
//! model. The [`Renderer`] holds what is parsed once per process (the templates and layouts,
//! the writers) and, per unit, builds the [`Document`] once and hands it to the writer of each
//! format asked for, so every format carries the same sentences, tables and figures.

use crate::derive::Context;
use crate::document::{self, Document};
use crate::templates::Templates;
use crate::write::html::HtmlWriter;
use crate::write::markdown::MarkdownWriter;
use crate::write::pdf::TypstWriter;
use crate::write::{DocxWriter, XlsxWriter};
use crate::write::{WriteError, Writer};
use std::fmt;
use std::path::Path;

pub use crate::templates::{BUILTIN, TemplateError, export};
pub use crate::write::Format;

/// Why a report could not be rendered.
#[derive(Debug, Clone)]
pub enum RenderError {
    /// The templates or layouts are at fault (names the file and line).
    Template(TemplateError),
    /// A writer could not produce its format.
    Write(WriteError),
    /// No writer for this format is built in.
    Unsupported(Format),
    /// The unit's settings ask for what the profile does not have (a table layout variant):
    /// names the YAML path and line and lists what there is.
    Settings(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template(e) => e.fmt(f),
            RenderError::Write(e) => e.fmt(f),
            RenderError::Unsupported(format) => {
                write!(f, "不支持生成 {} 格式", format.extension())
            }
            RenderError::Settings(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<TemplateError> for RenderError {
    fn from(e: TemplateError) -> Self {
        RenderError::Template(e)
    }
}

impl From<WriteError> for RenderError {
    fn from(e: WriteError) -> Self {
        RenderError::Write(e)
    }
}

/// Parsed templates and the writers, ready to render any number of units (shared by threads).
pub struct Renderer {
    templates: Templates,
    writers: Vec<Box<dyn Writer>>,
}

impl Renderer {
    /// Builds the renderer from the embedded templates, overridden by the files of
    /// `override_dir` (relative names as in `templates/`).
    pub fn new(override_dir: Option<&Path>) -> Result<Renderer, TemplateError> {
        let templates = Templates::new(override_dir)?;
        let html = HtmlWriter::new(templates.page())?;
        Ok(Renderer {
            templates,
            writers: vec![
                Box::new(MarkdownWriter),
                Box::new(html),
                Box::new(TypstWriter::new()),
                Box::new(XlsxWriter),
                Box::new(DocxWriter),
            ],
        })
    }

    /// The renderer of the built-in templates, built once per process (for callers that have no
    /// `--templates`, such as [`crate::audit::audit`]).
    pub fn builtin() -> &'static Renderer {
        static BUILTIN_RENDERER: std::sync::OnceLock<Renderer> = std::sync::OnceLock::new();
        BUILTIN_RENDERER.get_or_init(|| Renderer::new(None).expect("the built-in templates parse (tested)"))
    }

    /// Adds (or replaces) the writer of one format.
    pub fn with_writer(mut self, writer: Box<dyn Writer>) -> Renderer {
        self.writers.retain(|w| w.format() != writer.format());
        self.writers.push(writer);
        self
    }

    /// The names of the profiles available (`profiles/<name>.md`).
    pub fn profiles(&self) -> Vec<String> {
        self.templates.profiles()
    }

    /// The title of every official table `profile` has a layout for, by key.
    pub fn table_titles(&self, profile: &str) -> Vec<(String, String)> {
        crate::document::tables::TABLE_KEYS
            .iter()
            .filter_map(|k| Some((k.to_string(), self.templates.layout(profile, k)?.title.clone())))
            .collect()
    }

    /// The additions the report of `ctx` prints under `profile`: the profile's defaults with the
    /// unit's `settings.additions` applied.
    pub fn additions(&self, ctx: &Context, profile: &str) -> crate::templates::ProfileAdditions {
        self.templates.additions(ctx, profile)
    }

    /// The prose family `profile` declares (which sentences its 情况说明 writes).
    pub fn prose(&self, profile: &str) -> crate::profile::Prose {
        self.templates.prose_family(profile)
    }

    /// What the report `doc` of `ctx`, built under `profile`, prints: what the audit asks for and
    /// names tables by.
    pub fn printed(&self, doc: &Document, ctx: &Context, profile: &str) -> crate::profile::Printed {
        crate::profile::Printed::new(
            doc,
            profile,
            self.prose(profile),
            self.additions(ctx, profile),
            self.table_titles(profile),
        )
    }

    /// The document of one unit under `profile`.
    pub fn document(&self, ctx: &Context, profile: &str) -> Result<Document, RenderError> {
        document::build(ctx, &self.templates, profile)
    }

    /// Writes `doc` in `format`.
    pub fn write(&self, doc: &Document, format: Format) -> Result<Vec<u8>, RenderError> {
        let w = self
            .writers
            .iter()
            .find(|w| w.format() == format)
            .ok_or(RenderError::Unsupported(format))?;
        Ok(w.write(doc)?)
    }

    /// Renders one report in one text format (Markdown or HTML) with `profile`.
    pub fn render(&self, ctx: &Context, profile: &str, format: Format) -> Result<String, RenderError> {
        let bytes = self.write(&self.document(ctx, profile)?, format)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Renders one report in several formats from one document, in the order asked.
    pub fn render_formats(
        &self,
        ctx: &Context,
        profile: &str,
        formats: &[Format],
    ) -> Result<Vec<Vec<u8>>, RenderError> {
        let doc = self.document(ctx, profile)?;
        formats.iter().map(|f| self.write(&doc, *f)).collect()
    }
}
