//! Runs a parsed command line: the pipeline load → derive → audit → render → write, with
//! messages for the user and the exit code (0 fine, 1 audit errors or a unit failed, 2 usage or
//! unreadable input). Nothing below this module prints or exits.

use crate::audit::{self, Finding, Severity};
use crate::cli::{Cli, Command, FindingsFormat, OutFormat, TemplatesAction};
use crate::derive::{self, Context};
use crate::load::{self, LoadError, Loaded};
use crate::render::{Format, Renderer};
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

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Check { files, format } => check(&files, format, &mut out),
        Command::Render {
            files,
            out: dir,
            format,
            templates,
            profile,
        } => render(&files, &dir, &format, templates.as_deref(), &profile),
        Command::Context { file } => match check_file(&file) {
            Ok(c) => {
                let json = serde_json::to_string_pretty(&c.context)
                    .expect("the context always serializes");
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

fn print_findings(findings: &[Finding], err: &mut dyn Write) {
    for f in findings {
        let _ = writeln!(err, "{f}");
    }
}

fn summary(findings: &[Finding]) -> (usize, usize) {
    let e = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (e, findings.len() - e)
}

fn check(files: &[PathBuf], format: FindingsFormat, out: &mut dyn Write) -> i32 {
    let mut code = EXIT_OK;
    let mut all: Vec<Finding> = Vec::new();
    let mut unreadable: Vec<serde_json::Value> = Vec::new();
    for path in files {
        match check_file(path) {
            Ok(c) => {
                if audit::has_errors(&c.findings) {
                    code = code.max(EXIT_FINDINGS);
                }
                if format == FindingsFormat::Text {
                    print_findings(&c.findings, out);
                    let (e, w) = summary(&c.findings);
                    let _ = writeln!(out, "{}：{e} 个错误，{w} 个警告", path.display());
                }
                all.extend(c.findings);
            }
            Err(e) => {
                code = EXIT_INPUT;
                if format == FindingsFormat::Text {
                    eprintln!("{e}");
                } else {
                    unreadable.push(serde_json::json!({
                        "file": e.file.display().to_string(),
                        "line": e.error.line,
                        "column": e.error.column,
                        "message": e.error.message,
                    }));
                }
            }
        }
    }
    if format == FindingsFormat::Json {
        let (errors, warnings) = summary(&all);
        let doc = serde_json::json!({
            "version": 1,
            "errors": errors,
            "warnings": warnings,
            "findings": all,
            "unreadable": unreadable,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).expect("findings serialize")
        );
    }
    code
}

fn render(
    files: &[PathBuf],
    dir: &Path,
    formats: &[OutFormat],
    templates: Option<&Path>,
    profile: &str,
) -> i32 {
    let renderer = match Renderer::new(templates) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
    };
    if !renderer.profiles().iter().any(|p| p == profile) {
        eprintln!(
            "没有名为“{profile}”的模板方案，可用：{}",
            renderer.profiles().join("、")
        );
        return EXIT_INPUT;
    }
    let mut formats: Vec<Format> = formats
        .iter()
        .map(|f| match f {
            OutFormat::Md => Format::Markdown,
            OutFormat::Html => Format::Html,
        })
        .collect();
    formats.sort();
    formats.dedup();
    let mut code = EXIT_OK;
    for path in files {
        code = code.max(render_one(&renderer, path, dir, &formats, profile));
    }
    code
}

fn render_one(
    renderer: &Renderer,
    path: &Path,
    dir: &Path,
    formats: &[Format],
    profile: &str,
) -> i32 {
    let checked = match check_file(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
    };
    let mut err = std::io::stderr().lock();
    print_findings(&checked.findings, &mut err);
    if audit::has_errors(&checked.findings) {
        let (e, _) = summary(&checked.findings);
        let _ = writeln!(
            err,
            "{}：审核发现 {e} 个错误，未生成报告（报告会是错的）",
            path.display()
        );
        return EXIT_FINDINGS;
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let mut rendered = Vec::new();
    for f in formats {
        match renderer.render(&checked.context, profile, *f) {
            Ok(text) => rendered.push((dir.join(format!("{stem}.{}", f.extension())), text)),
            Err(e) => {
                let _ = writeln!(err, "{}：{e}", path.display());
                return EXIT_INPUT;
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        let _ = writeln!(
            err,
            "无法创建输出目录 {}：{}",
            dir.display(),
            load::io_cn(&e)
        );
        return EXIT_INPUT;
    }
    for (target, text) in rendered {
        if let Err(e) = crate::output::write_atomic(&target, text.as_bytes()) {
            let _ = writeln!(
                err,
                "无法写入 {}：{}（原有文件保持不变）",
                target.display(),
                load::io_cn(&e)
            );
            return EXIT_INPUT;
        }
        let _ = writeln!(err, "已生成 {}", target.display());
    }
    EXIT_OK
}
