//! Runs a parsed command line: dispatches each command to the module that does its work
//! ([`crate::pipeline`] for one unit, [`crate::batch`] for many, [`crate::watch`],
//! [`crate::diff`], [`crate::import`]) and turns the typed results into messages and the exit code (0 fine, 1 audit
//! errors or a unit failed, 2 usage, unreadable input or unwritable output). Everything printed
//! to a terminal goes through [`crate::terminal::safe`]. Nothing calls `exit` but `main`.

use crate::audit::{self, Finding, Severity};
use crate::batch;
use crate::cli::{Cli, ColorChoice, Command, FindingsFormat, OutFormat, PdfEngine, TemplatesAction};
use crate::pipeline::{self, Checked, Options, Status};
use crate::render::{Format, Renderer};
use crate::terminal::safe;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: everything fine.
pub const EXIT_OK: i32 = 0;
/// Exit code: audit errors, or some unit could not be rendered.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage error, a file that cannot be read or parsed, or an output that cannot be
/// written (stdout included).
pub const EXIT_INPUT: i32 = 2;

/// How to talk to the user.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Colour findings.
    pub color: bool,
    /// No progress bar, no summary line, no line per written file.
    pub quiet: bool,
}

impl Ui {
    fn from_cli(cli: &Cli) -> Ui {
        use std::io::IsTerminal;
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
        };
        Ui {
            color,
            quiet: cli.quiet,
        }
    }

    /// A finding as one line, control characters escaped, its severity coloured when colour is on.
    pub fn finding(&self, f: &Finding) -> String {
        let line = safe(&f.to_string()).into_owned();
        if !self.color {
            return line;
        }
        let (code, len) = match f.severity {
            Severity::Error => ("\x1b[1;31m", "错误".len()),
            Severity::Warning => ("\x1b[1;33m", "警告".len()),
        };
        format!("{code}{}\x1b[0m{}", &line[..len], &line[len..])
    }
}

/// Prints a message on stderr, control characters escaped.
pub fn say(msg: impl std::fmt::Display) {
    eprintln!("{}", safe(&msg.to_string()));
}

/// Stdout that remembers whether a write failed (a full disk, a closed pipe), so the run can
/// exit 2 instead of pretending it printed.
struct Stdout<W: Write> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        if let Err(e) = &r
            && self.failed.is_none()
        {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        if let Err(e) = &r
            && self.failed.is_none()
        {
            self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
}

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let ui = Ui::from_cli(&cli);
    let mut out = Stdout {
        inner: std::io::BufWriter::new(std::io::stdout().lock()),
        failed: None,
    };
    let code = dispatch(cli, ui, &mut out);
    let _ = out.flush();
    match out.failed {
        Some(e) => {
            say(format!(
                "无法写出到标准输出（{}）：结果不完整",
                crate::error::WriteReason::from(e)
            ));
            EXIT_INPUT
        }
        None => code,
    }
}

fn dispatch(cli: Cli, ui: Ui, out: &mut dyn Write) -> i32 {
    match cli.command {
        Command::Check {
            files,
            format,
            profile,
            templates,
        } => check(&files, format, templates.as_deref(), profile.as_deref(), ui, out),
        Command::Render {
            files,
            out: dir,
            format,
            templates,
            profile,
            watch,
            jobs,
            pdf_engine,
            chromium,
            pdf_timeout,
        } => {
            let pdf = format.contains(&OutFormat::Pdf);
            // Naming a Chromium program asks for the Chromium engine unless an engine is named.
            let pdf_engine = pdf_engine.unwrap_or(if chromium.is_some() {
                PdfEngine::Chromium
            } else {
                PdfEngine::Typst
            });
            if pdf && pdf_engine == PdfEngine::Typst {
                // Fail once, before any unit, when no CJK font is installed.
                if let Err(e) = crate::write::pdf::TypstWriter::check_fonts() {
                    say(e);
                    return EXIT_INPUT;
                }
            }
            let printer = if pdf && pdf_engine == PdfEngine::Chromium {
                match crate::pdf::Printer::find(chromium.as_deref()) {
                    Ok(p) => Some(p.with_timeout(std::time::Duration::from_secs(pdf_timeout))),
                    Err(e) => {
                        say(e);
                        return EXIT_INPUT;
                    }
                }
            } else {
                None
            };
            let opts = Options {
                out: dir,
                formats: formats(&format, pdf_engine),
                profile,
                printer,
            };
            if let Some(n) = jobs {
                let _ = rayon::ThreadPoolBuilder::new().num_threads(n).build_global();
            }
            if watch {
                crate::watch::watch(&files, templates.as_deref(), &opts, ui)
            } else {
                render(&files, templates.as_deref(), &opts, ui)
            }
        }
        Command::Diff { old, new, profile } => crate::diff::run(&old, &new, profile.as_deref(), out),
        Command::Import {
            file,
            out: target,
            mapping,
            previous,
            force,
            print_mapping,
        } => crate::import::command::run(
            &crate::import::command::Args {
                file,
                out: target,
                mapping,
                previous,
                force,
                print_mapping: print_mapping
                    .as_deref()
                    .map(|n| crate::import::mapping::Builtin::by_name(n).expect("clap checked the name")),
                quiet: ui.quiet,
            },
            out,
        ),
        Command::Context { file, profile } => {
            let Some(renderer) = renderer(None, profile.as_deref()) else {
                return EXIT_INPUT;
            };
            match pipeline::check_unit(&renderer, &file, profile.as_deref()) {
                Ok(c) => {
                    // What the templates see: the context, and the additions the report prints
                    // (the profile's defaults with the unit's settings.additions applied).
                    #[derive(serde::Serialize)]
                    struct Shown<'a> {
                        #[serde(flatten)]
                        context: &'a crate::derive::Context,
                        additions: crate::templates::ProfileAdditions,
                    }
                    let shown = Shown {
                        context: &c.context,
                        additions: renderer.additions(&c.context, &c.profile.name),
                    };
                    let json = serde_json::to_string_pretty(&shown).expect("the context always serializes");
                    let _ = writeln!(out, "{json}");
                    EXIT_OK
                }
                Err(e) => {
                    say(e);
                    EXIT_INPUT
                }
            }
        }
        Command::Schema => {
            let _ = write!(out, "{}", crate::schema::schema_json());
            EXIT_OK
        }
        Command::Init { name, year, schema } => {
            let _ = write!(out, "{}", crate::scaffold::scaffold(&name, year, &schema));
            EXIT_OK
        }
        Command::Templates {
            action: TemplatesAction::Export { dir },
        } => match crate::render::export(&dir) {
            Ok((written, kept)) => {
                let _ = writeln!(
                    out,
                    "已导出 {} 个模板到 {}",
                    written.len(),
                    safe(&dir.display().to_string())
                );
                for k in kept {
                    let _ = writeln!(out, "已存在，未覆盖：{}", safe(&k.to_string()));
                }
                EXIT_OK
            }
            Err(e) => {
                say(format!(
                    "无法导出模板到 {}：{}",
                    dir.display(),
                    crate::error::WriteReason::from(e)
                ));
                EXIT_INPUT
            }
        },
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "juesuan", out);
            EXIT_OK
        }
    }
}

/// The formats the writers write (a Chromium PDF is printed from the HTML instead).
fn formats(list: &[OutFormat], engine: PdfEngine) -> Vec<Format> {
    let mut formats: Vec<Format> = list
        .iter()
        .filter_map(|f| match f {
            OutFormat::Md => Some(Format::Markdown),
            OutFormat::Html => Some(Format::Html),
            OutFormat::Pdf => (engine == PdfEngine::Typst).then_some(Format::Pdf),
            OutFormat::Xlsx => Some(Format::Xlsx),
            OutFormat::Docx => Some(Format::Docx),
        })
        .collect();
    formats.sort();
    formats.dedup();
    formats
}

fn summary(findings: &[Finding]) -> (usize, usize) {
    let e = findings.iter().filter(|f| f.severity == Severity::Error).count();
    (e, findings.len() - e)
}

/// The document `check --format json` prints: one per run, whatever fails. Field names and their
/// order are stable (`version` changes if they ever do).
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// Version of this format: 1.
    pub version: u32,
    /// How many findings are errors.
    pub errors: usize,
    /// How many findings are warnings.
    pub warnings: usize,
    /// Every finding of every unit, in input order; each as [`Finding`] serializes it: `severity`,
    /// `rule`, `file`, `path`, `line`, `message`, `left`, `right`, `difference` (exact decimal
    /// strings in 万元 when the finding compares two amounts, else null).
    pub findings: Vec<Finding>,
    /// Inputs that could not be checked at all: files that cannot be read or parsed, directories
    /// without unit files.
    pub unreadable: Vec<Unreadable>,
}

/// An input that could not be checked.
#[derive(Debug, Serialize)]
pub struct Unreadable {
    /// The file or directory.
    pub file: String,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, in Chinese.
    pub message: String,
}

fn check(
    inputs: &[PathBuf],
    format: FindingsFormat,
    templates: Option<&Path>,
    profile: Option<&str>,
    ui: Ui,
    out: &mut dyn Write,
) -> i32 {
    let mut code = EXIT_OK;
    let mut unreadable: Vec<Unreadable> = Vec::new();
    let renderer = match pipeline::renderer(templates, profile) {
        Ok(r) => Some(r),
        Err(e) => {
            code = EXIT_INPUT;
            if format == FindingsFormat::Text {
                say(&e);
            }
            unreadable.push(Unreadable {
                // The command line is at fault: the templates named, or the profile named.
                file: templates
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|| "--profile".into()),
                line: None,
                column: None,
                message: e.to_string(),
            });
            None
        }
    };
    let found = match &renderer {
        Some(_) => batch::discover(inputs),
        None => batch::Discovery::default(),
    };
    for p in &found.problems {
        code = EXIT_INPUT;
        if format == FindingsFormat::Text {
            say(p);
        }
        unreadable.push(Unreadable {
            file: p.path().display().to_string(),
            line: None,
            column: None,
            message: p.to_string(),
        });
    }
    let results: Vec<(PathBuf, Result<Checked, pipeline::UnitError>)> = match &renderer {
        Some(r) => {
            use rayon::prelude::*;
            found
                .jobs
                .par_iter()
                .chain(found.refused.par_iter().map(|(j, _)| j))
                .map(|j| (j.input.clone(), pipeline::check_unit(r, &j.input, profile)))
                .collect()
        }
        None => Vec::new(),
    };
    let mut all: Vec<Finding> = Vec::new();
    let mut overridden = Vec::new();
    for (path, result) in results {
        match result {
            Ok(c) => {
                if let Some(own) = &c.profile.overridden {
                    overridden.push((path.clone(), own.clone()));
                }
                if audit::has_errors(&c.findings) {
                    code = code.max(EXIT_FINDINGS);
                }
                if format == FindingsFormat::Text {
                    for f in &c.findings {
                        let _ = writeln!(out, "{}", ui.finding(f));
                    }
                    let (e, w) = summary(&c.findings);
                    let _ = writeln!(
                        out,
                        "{}：{e} 个错误，{w} 个警告",
                        safe(&path.display().to_string())
                    );
                }
                all.extend(c.findings);
            }
            Err(e) => {
                code = EXIT_INPUT;
                if format == FindingsFormat::Text {
                    say(&e);
                }
                unreadable.push(match &e {
                    pipeline::UnitError::Load(e) => Unreadable {
                        file: e.file.display().to_string(),
                        line: e.line(),
                        column: e.column(),
                        message: e.message(),
                    },
                    other => Unreadable {
                        file: path.display().to_string(),
                        line: None,
                        column: None,
                        message: other.to_string(),
                    },
                });
            }
        }
    }
    if let Some(note) = profile.and_then(|p| crate::profile::override_note(p, &overridden))
        && !ui.quiet
    {
        say(note);
    }
    if format == FindingsFormat::Json {
        let (errors, warnings) = summary(&all);
        let doc = CheckReport {
            version: 1,
            errors,
            warnings,
            findings: all,
            unreadable,
        };
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).expect("findings serialize")
        );
    }
    code
}

/// Builds the renderer and checks the profile the command line names exists; prints the problem
/// and returns None if not.
pub fn renderer(templates: Option<&Path>, profile: Option<&str>) -> Option<Renderer> {
    match pipeline::renderer(templates, profile) {
        Ok(r) => Some(r),
        Err(e) => {
            say(e);
            None
        }
    }
}

fn render(inputs: &[PathBuf], templates: Option<&Path>, opts: &Options, ui: Ui) -> i32 {
    let Some(renderer) = renderer(templates, opts.profile.as_deref()) else {
        return EXIT_INPUT;
    };
    let found = batch::plan(inputs, opts);
    let mut code = EXIT_OK;
    for p in &found.problems {
        say(p);
        code = EXIT_INPUT;
    }
    let start = std::time::Instant::now();
    let bar = progress_bar(found.jobs.len(), ui);
    let mut outcomes = batch::render_all(&renderer, &found.jobs, opts, &|| bar.inc(1));
    bar.finish_and_clear();
    outcomes.extend(
        found
            .refused
            .into_iter()
            .map(|(job, e)| batch::Outcome::refused(job, e)),
    );
    code.max(report(&outcomes, ui, start.elapsed()))
}

fn progress_bar(len: usize, ui: Ui) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if ui.quiet || len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 份 {elapsed_precise} 剩余约 {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Counts of a run, for its summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Units whose reports were written.
    pub rendered: usize,
    /// Units not rendered (audit errors or failures).
    pub failed: usize,
    /// Warnings over all units.
    pub warnings: usize,
}

/// Prints each unit's findings and outcome in input order (the written files unless quiet),
/// then a one-line summary (unless quiet); returns the worst exit code.
pub fn report(outcomes: &[batch::Outcome], ui: Ui, elapsed: std::time::Duration) -> i32 {
    let (code, tally) = report_outcomes(outcomes, ui);
    if !ui.quiet && outcomes.len() > 1 {
        say(format!(
            "共 {} 个单位：生成 {} 份报告，{} 个警告，{} 个失败，用时 {:.2} 秒",
            outcomes.len(),
            tally.rendered,
            tally.warnings,
            tally.failed,
            elapsed.as_secs_f64()
        ));
    }
    code
}

/// Prints each unit's findings and outcome; returns the worst exit code and the counts.
pub fn report_outcomes(outcomes: &[batch::Outcome], ui: Ui) -> (i32, Tally) {
    let mut err = std::io::stderr().lock();
    let overridden: Vec<(PathBuf, String)> = outcomes
        .iter()
        .filter_map(|o| {
            let p = o.profile.as_ref()?;
            Some((o.job.input.clone(), p.overridden.clone()?))
        })
        .collect();
    let cli = outcomes
        .iter()
        .find_map(|o| o.profile.as_ref().filter(|p| p.overridden.is_some()));
    if let Some(note) = cli.and_then(|p| crate::profile::override_note(&p.name, &overridden))
        && !ui.quiet
    {
        let _ = writeln!(err, "{}", safe(&note));
    }
    let mut code = EXIT_OK;
    let mut tally = Tally::default();
    for o in outcomes {
        for f in &o.findings {
            let _ = writeln!(err, "{}", ui.finding(f));
        }
        tally.warnings += o.warnings();
        match &o.status {
            Status::Rendered(files) => {
                tally.rendered += 1;
                if !ui.quiet {
                    for f in files {
                        let _ = writeln!(err, "已生成 {}", safe(&f.display().to_string()));
                    }
                }
            }
            Status::AuditErrors(n) => {
                tally.failed += 1;
                let msg = format!(
                    "{}：审核发现 {n} 个错误，未生成报告（报告会是错的）",
                    o.job.input.display()
                );
                let _ = writeln!(err, "{}", safe(&msg));
            }
            Status::Failed(e) => {
                tally.failed += 1;
                let _ = writeln!(err, "{}", safe(&e.to_string()));
            }
        }
        code = code.max(o.exit_code());
    }
    (code, tally)
}
