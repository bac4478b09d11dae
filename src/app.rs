//! Runs a parsed command line: the pipeline load → derive → audit → render → write, with
//! messages for the user and the exit code (0 fine, 1 audit errors or a unit failed, 2 usage or
//! unreadable input). Only this module and the commands it hands over to (`watch`, `diff`, `import`) print;
//! nothing calls `exit` but `main`.

use crate::audit::{self, Finding, Severity};
use crate::batch;
use crate::cli::{Cli, ColorChoice, Command, FindingsFormat, OutFormat, TemplatesAction};
use crate::derive::{self, Context};
use crate::load::{self, LoadError, Loaded};
use crate::render::{Format, Renderer};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: everything fine.
pub const EXIT_OK: i32 = 0;
/// Exit code: audit errors, or some unit could not be rendered.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage error or a file that cannot be read or parsed.
pub const EXIT_INPUT: i32 = 2;

/// A unit taken through load, derive and audit.
pub struct Checked {
    /// The loaded file.
    pub loaded: Loaded,
    /// Its derived context.
    pub context: Context,
    /// What the audit found.
    pub findings: Vec<Finding>,
}

/// Loads, derives and audits one file.
pub fn check_file(path: &Path) -> Result<Checked, LoadError> {
    let loaded = load::load(path)?;
    let context = derive::derive(&loaded);
    let findings = audit::audit(&loaded, &context);
    Ok(Checked {
        loaded,
        context,
        findings,
    })
}

/// How to talk to the user.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Colour findings.
    pub color: bool,
    /// No progress bar, no summary line.
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

    /// A finding as one line, its severity coloured when colour is on.
    pub fn finding(&self, f: &Finding) -> String {
        let line = f.to_string();
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

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let ui = Ui::from_cli(&cli);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Check { files, format } => check(&files, format, ui, &mut out),
        Command::Render {
            files,
            out: dir,
            format,
            templates,
            profile,
            watch,
            jobs,
            chromium,
        } => {
            let printer = if format.contains(&OutFormat::Pdf) {
                match crate::pdf::Printer::find(chromium.as_deref()) {
                    Ok(p) => Some(p),
                    Err(e) => {
                        eprintln!("{e}");
                        return EXIT_INPUT;
                    }
                }
            } else {
                None
            };
            let opts = batch::Options {
                out: dir,
                formats: formats(&format),
                profile,
                printer,
            };
            if let Some(n) = jobs {
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global();
            }
            if watch {
                crate::watch::watch(&files, templates.as_deref(), &opts, ui)
            } else {
                render(&files, templates.as_deref(), &opts, ui)
            }
        }
        Command::Diff { old, new, profile } => crate::diff::run(&old, &new, &profile, &mut out),
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
                print_mapping,
                quiet: ui.quiet,
            },
            &mut out,
        ),
        Command::Context { file } => match check_file(&file) {
            Ok(c) => {
                let json = serde_json::to_string_pretty(&c.context).expect("the context always serializes");
                let _ = writeln!(out, "{json}");
                EXIT_OK
            }
            Err(e) => {
                eprintln!("{e}");
                EXIT_INPUT
            }
        },
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
                let _ = writeln!(out, "已导出 {} 个模板到 {}", written.len(), dir.display());
                for k in kept {
                    let _ = writeln!(out, "已存在，未覆盖：{k}");
                }
                EXIT_OK
            }
            Err(e) => {
                eprintln!("无法导出模板到 {}：{}", dir.display(), load::io_cn(&e));
                EXIT_INPUT
            }
        },
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "juesuan", &mut out);
            EXIT_OK
        }
    }
}

fn formats(list: &[OutFormat]) -> Vec<Format> {
    let mut formats: Vec<Format> = list
        .iter()
        .filter_map(|f| match f {
            OutFormat::Md => Some(Format::Markdown),
            OutFormat::Html => Some(Format::Html),
            OutFormat::Pdf => None,
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

fn check(inputs: &[PathBuf], format: FindingsFormat, ui: Ui, out: &mut dyn Write) -> i32 {
    let mut code = EXIT_OK;
    let mut unreadable: Vec<Unreadable> = Vec::new();
    // Each input is discovered on its own, so that a directory without unit files is reported and
    // the other inputs are still checked.
    let mut jobs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        match batch::discover(std::slice::from_ref(input)) {
            Ok(found) => jobs.extend(
                found
                    .into_iter()
                    .filter(|j| seen.insert(j.input.canonicalize().unwrap_or_else(|_| j.input.clone()))),
            ),
            Err(e) => {
                code = EXIT_INPUT;
                if format == FindingsFormat::Text {
                    eprintln!("{e}");
                }
                unreadable.push(Unreadable {
                    file: input.display().to_string(),
                    line: None,
                    column: None,
                    message: e,
                });
            }
        }
    }
    let results: Vec<(PathBuf, Result<Checked, LoadError>)> = {
        use rayon::prelude::*;
        jobs.par_iter()
            .map(|j| (j.input.clone(), check_file(&j.input)))
            .collect()
    };
    let mut all: Vec<Finding> = Vec::new();
    for (path, result) in results {
        match result {
            Ok(c) => {
                if audit::has_errors(&c.findings) {
                    code = code.max(EXIT_FINDINGS);
                }
                if format == FindingsFormat::Text {
                    for f in &c.findings {
                        let _ = writeln!(out, "{}", ui.finding(f));
                    }
                    let (e, w) = summary(&c.findings);
                    let _ = writeln!(out, "{}：{e} 个错误，{w} 个警告", path.display());
                }
                all.extend(c.findings);
            }
            Err(e) => {
                code = EXIT_INPUT;
                if format == FindingsFormat::Text {
                    eprintln!("{e}");
                }
                unreadable.push(Unreadable {
                    file: e.file.display().to_string(),
                    line: e.error.line,
                    column: e.error.column,
                    message: e.error.message,
                });
            }
        }
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

/// Builds the renderer and checks the profile exists; prints the problem and returns None if not.
pub fn renderer(templates: Option<&Path>, profile: &str) -> Option<Renderer> {
    let renderer = match Renderer::new(templates) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return None;
        }
    };
    if !renderer.profiles().iter().any(|p| p == profile) {
        eprintln!(
            "没有名为“{profile}”的模板方案，可用：{}",
            renderer.profiles().join("、")
        );
        return None;
    }
    Some(renderer)
}

fn render(inputs: &[PathBuf], templates: Option<&Path>, opts: &batch::Options, ui: Ui) -> i32 {
    let Some(renderer) = renderer(templates, &opts.profile) else {
        return EXIT_INPUT;
    };
    let jobs = match batch::discover(inputs) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
    };
    let start = std::time::Instant::now();
    let bar = progress_bar(jobs.len(), ui);
    let outcomes = batch::render_all(&renderer, &jobs, opts, &|| bar.inc(1));
    bar.finish_and_clear();
    report(&outcomes, ui, start.elapsed())
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

/// Prints each unit's findings and outcome in input order, then a one-line summary (unless
/// quiet); returns the worst exit code.
pub fn report(outcomes: &[batch::Outcome], ui: Ui, elapsed: std::time::Duration) -> i32 {
    let mut err = std::io::stderr().lock();
    let mut code = EXIT_OK;
    let (mut reports, mut warnings, mut failed) = (0, 0, 0);
    for o in outcomes {
        for f in &o.findings {
            let _ = writeln!(err, "{}", ui.finding(f));
        }
        warnings += o.warnings();
        match &o.status {
            batch::Status::Rendered(files) => {
                reports += 1;
                for f in files {
                    let _ = writeln!(err, "已生成 {}", f.display());
                }
            }
            batch::Status::AuditErrors(n) => {
                failed += 1;
                let _ = writeln!(
                    err,
                    "{}：审核发现 {n} 个错误，未生成报告（报告会是错的）",
                    o.job.input.display()
                );
            }
            batch::Status::Failed(msg) => {
                failed += 1;
                let _ = writeln!(err, "{msg}");
            }
        }
        code = code.max(o.exit_code());
    }
    if !ui.quiet && outcomes.len() > 1 {
        let _ = writeln!(
            err,
            "共 {} 个单位：生成 {reports} 份报告，{warnings} 个警告，{failed} 个失败，用时 {:.2} 秒",
            outcomes.len(),
            elapsed.as_secs_f64()
        );
    }
    code
}
