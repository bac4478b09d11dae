//! The pipeline for one unit, shared by `check`, `render`, `--watch`, `diff` and `context`: load →
//! choose the profile → derive → document → audit ([`check_unit`]), then write ([`render_unit`]). Nothing here prints; callers
//! report the typed results.

use crate::audit::{self, Finding, Severity};
use crate::derive::{self, Context};
use crate::document::Document;
use crate::error::{LoadError, PlanError, WriteError};
use crate::load::{self, Loaded};
use crate::output::{self, Staged};
use crate::pdf::{PdfError, Printer};
use crate::profile::{self, Chosen};
use crate::render::{Format, RenderError, Renderer, TemplateError};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A unit taken through load, derive, document and audit.
pub struct Checked {
    /// The loaded file.
    pub loaded: Loaded,
    /// Its derived context.
    pub context: Context,
    /// What the audit found.
    pub findings: Vec<Finding>,
    /// The profile it is rendered under.
    pub profile: Chosen,
    /// Its report under that profile, ready for the writers (the audit names tables by it).
    pub document: Document,
}

/// Loads, derives and audits one file with the built-in templates, under the file's own profile.
pub fn check_file(path: &Path) -> Result<Checked, UnitError> {
    check_unit(Renderer::builtin(), path, None)
}

/// Loads one file, chooses its profile (`profile` from the command line when given, else its
/// `settings.profile`, else the default), derives its figures, builds its document under that
/// profile and audits it, naming each table as that document numbers it.
pub fn check_unit(renderer: &Renderer, path: &Path, profile: Option<&str>) -> Result<Checked, UnitError> {
    let loaded = load::load(path).map_err(UnitError::Load)?;
    let profile = profile::choose(profile, &loaded, &renderer.profiles()).map_err(UnitError::Load)?;
    let mut context = derive::derive(&loaded);
    context.meta.profile = profile.name.clone();
    let document = renderer
        .document(&context, &profile.name)
        .map_err(|e| UnitError::Render {
            input: path.to_path_buf(),
            error: e,
        })?;
    let printed = renderer.printed(&document, &context, &profile.name);
    let findings = audit::audit_with(&loaded, &context, &printed);
    Ok(Checked {
        loaded,
        context,
        findings,
        profile,
        document,
    })
}

/// Why the templates cannot be used.
#[derive(Debug, Error)]
pub enum RendererError {
    /// A template does not parse (or the directory cannot be read).
    #[error("{0}")]
    Template(TemplateError),
    /// The profile asked for does not exist.
    #[error("没有名为“{name}”的模板方案，可用：{}", .available.join("、"))]
    NoProfile {
        /// The profile asked for.
        name: String,
        /// The profiles there are.
        available: Vec<String>,
    },
}

/// Parses the templates (built-in, overridden from `templates`) and checks that the profile the
/// command line names, if any, exists.
pub fn renderer(templates: Option<&Path>, profile: Option<&str>) -> Result<Renderer, RendererError> {
    let renderer = Renderer::new(templates).map_err(RendererError::Template)?;
    if let Some(profile) = profile
        && !renderer.profiles().iter().any(|p| p == profile)
    {
        return Err(RendererError::NoProfile {
            name: profile.to_string(),
            available: renderer.profiles(),
        });
    }
    Ok(renderer)
}

/// What to render and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// Output directory.
    pub out: PathBuf,
    /// Formats written from the templates, in output order.
    pub formats: Vec<Format>,
    /// The profile `--profile` names; None: each unit's own (`settings.profile`, else the default).
    pub profile: Option<String>,
    /// Print a PDF of each report with this Chromium.
    pub printer: Option<Printer>,
}

impl Options {
    /// The extensions of every file a unit's report consists of.
    pub fn extensions(&self) -> Vec<&'static str> {
        let mut ext: Vec<&'static str> = self.formats.iter().map(|f| f.extension()).collect();
        if self.printer.is_some() {
            ext.push("pdf");
        }
        ext
    }
}

/// Why a unit was not rendered.
#[derive(Debug, Error)]
pub enum UnitError {
    /// The file cannot be read or parsed.
    #[error("{0}")]
    Load(LoadError),
    /// Refused before writing (collision, overwriting an input).
    #[error("{0}")]
    Plan(PlanError),
    /// A template or a writer failed for this unit.
    #[error("{}：{error}", .input.display())]
    Render {
        /// The unit.
        input: PathBuf,
        /// The problem.
        error: RenderError,
    },
    /// The PDF could not be printed (nothing of this unit was replaced).
    #[error("{}：{error}", .input.display())]
    Pdf {
        /// The unit.
        input: PathBuf,
        /// What went wrong.
        error: PdfError,
    },
    /// A report could not be written.
    #[error("{}：{error}", .input.display())]
    Write {
        /// The unit.
        input: PathBuf,
        /// What went wrong.
        error: WriteError,
    },
}

/// How one unit went.
#[derive(Debug)]
pub enum Status {
    /// Reports written.
    Rendered(Vec<PathBuf>),
    /// The audit found this many errors: nothing written.
    AuditErrors(usize),
    /// Not rendered.
    Failed(UnitError),
}

/// The path of `p` with its directory resolved (the file itself need not exist), for comparing
/// an output path with an input path.
pub fn resolved(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent().and_then(|d| d.canonicalize().ok()), abs.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => abs,
    }
}

/// How one unit went through [`render_unit`].
#[derive(Debug)]
pub struct UnitRun {
    /// What happened.
    pub status: Status,
    /// The audit's findings (empty when the file could not be checked).
    pub findings: Vec<Finding>,
    /// The profile it was taken through, once chosen.
    pub profile: Option<Chosen>,
}

/// Takes one unit through load, derive, audit, render and write. `report` is the report's path
/// without extension (under `opts.out`). All files of the unit are written to temporaries first
/// and renamed together; the findings are returned whatever happens after the audit.
pub fn render_unit(renderer: &Renderer, input: &Path, report: &Path, opts: &Options) -> UnitRun {
    let checked = match check_unit(renderer, input, opts.profile.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            return UnitRun {
                status: Status::Failed(e),
                findings: Vec::new(),
                profile: None,
            };
        }
    };
    let Checked {
        loaded,
        findings,
        profile,
        document,
        ..
    } = checked;
    let status = write_unit(renderer, &loaded, &document, &findings, input, report, opts);
    UnitRun {
        status,
        findings,
        profile: Some(profile),
    }
}

/// Writes the report of a checked unit, unless the audit found errors.
fn write_unit(
    renderer: &Renderer,
    loaded: &Loaded,
    document: &Document,
    findings: &[Finding],
    input: &Path,
    report: &Path,
    opts: &Options,
) -> Status {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    if errors > 0 {
        return Status::AuditErrors(errors);
    }
    let target = |ext: &str| {
        let mut t = report.as_os_str().to_owned();
        t.push(".");
        t.push(ext);
        PathBuf::from(t)
    };
    let inputs: Vec<PathBuf> = std::iter::once(loaded)
        .chain(loaded.previous.as_deref())
        .map(|l| resolved(&l.path))
        .collect();
    for ext in opts.extensions() {
        if inputs.contains(&resolved(&target(ext))) {
            let e = PlanError::OverwritesInput {
                input: input.to_path_buf(),
                report: target(ext),
            };
            return Status::Failed(UnitError::Plan(e));
        }
    }
    // A PDF is printed from the HTML, which is rendered for it even when no .html is wanted.
    let mut formats = opts.formats.clone();
    if opts.printer.is_some() && !formats.contains(&Format::Html) {
        formats.push(Format::Html);
    }
    let texts: Result<Vec<Vec<u8>>, RenderError> =
        formats.iter().map(|f| renderer.write(document, *f)).collect();
    let texts = match texts {
        Ok(t) => t,
        Err(error) => {
            return Status::Failed(UnitError::Render {
                input: input.to_path_buf(),
                error,
            });
        }
    };
    let write_err = |error| {
        Status::Failed(UnitError::Write {
            input: input.to_path_buf(),
            error,
        })
    };
    let dir = match report.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Err(e) = output::create_dir_below(&opts.out, &dir) {
        return write_err(e);
    }
    let mut staged = Staged::new();
    let mut html_for_print: Option<PathBuf> = None;
    // Kept alive until printed: the HTML of a PDF-only run, removed when dropped.
    let mut scratch = None;
    for (format, text) in formats.iter().zip(&texts) {
        if opts.formats.contains(format) {
            let t = target(format.extension());
            if let Err(e) = staged.add(&t, text) {
                return write_err(e);
            }
            if *format == Format::Html {
                html_for_print = staged.temp_path(&t).map(Path::to_path_buf);
            }
        } else {
            let file = output::temp_in(&dir, ".html").and_then(|mut f| {
                std::io::Write::write_all(&mut f, text)?;
                Ok(f)
            });
            match file {
                Ok(f) => {
                    html_for_print = Some(f.path().to_path_buf());
                    scratch = Some(f);
                }
                Err(e) => {
                    let e = WriteError::Write {
                        path: target("pdf"),
                        reason: e.into(),
                    };
                    return write_err(e);
                }
            }
        }
    }
    if let (Some(printer), Some(html)) = (&opts.printer, &html_for_print) {
        match printer.print(html, &dir) {
            Ok(pdf) => staged.add_file(pdf, &target("pdf")),
            Err(error) => {
                return Status::Failed(UnitError::Pdf {
                    input: input.to_path_buf(),
                    error,
                });
            }
        }
    }
    drop(scratch);
    match staged.commit() {
        Ok(written) => Status::Rendered(written),
        Err(e) => write_err(e),
    }
}
