//! Many units at once: find the unit files under the paths given, render them in parallel on all
//! cores with one set of parsed templates, and report each unit's outcome. One failing unit never
//! stops the others; outputs mirror the input tree, so names never collide.

use crate::app::{self, Checked};
use crate::audit::{Finding, Severity};
use crate::render::{Format, Renderer};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

/// One unit file to render, and where its reports go (relative to the output directory, without
/// extension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The unit file.
    pub input: PathBuf,
    /// The report path under the output directory, without extension.
    pub output: PathBuf,
}

/// Whether a path names a unit file (`*.yaml` / `*.yml`).
pub fn is_unit_file(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Finds the unit files under `inputs`: files as given, directories searched recursively for
/// `*.yaml`/`*.yml` (hidden directories skipped), in a stable order. A file named directly goes to
/// `<stem>`; a file found in a directory `D` goes to its path relative to `D`. When two inputs would
/// still share a report name, both mirror the path as given instead.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<Job>, String> {
    let mut jobs = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)
                .map_err(|e| format!("{}：无法读取目录：{}", input.display(), crate::load::io_cn(&e)))?;
            if found.is_empty() {
                return Err(format!("{}：目录中没有 .yaml 或 .yml 文件", input.display()));
            }
            found.sort();
            for f in found {
                let rel = f.strip_prefix(input).unwrap_or(&f).with_extension("");
                jobs.push(Job {
                    input: f,
                    output: rel,
                });
            }
        } else {
            let stem = input
                .file_stem()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("report"));
            jobs.push(Job {
                input: input.clone(),
                output: stem,
            });
        }
    }
    // A file named twice (or found in two given directories) is one unit, rendered once.
    let mut inputs = std::collections::HashSet::new();
    jobs.retain(|j| inputs.insert(j.input.canonicalize().unwrap_or_else(|_| j.input.clone())));
    let mut seen = std::collections::HashMap::new();
    for (i, j) in jobs.iter().enumerate() {
        seen.entry(j.output.clone()).or_insert_with(Vec::new).push(i);
    }
    for idxs in seen.values().filter(|v| v.len() > 1) {
        for &i in idxs {
            jobs[i].output = mirrored(&jobs[i].input);
        }
    }
    Ok(jobs)
}

/// The path as given, made relative and free of `..`, without extension.
fn mirrored(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.with_extension("").components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::ParentDir => out.push("上级目录"),
            _ => {}
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if path.is_dir() {
            if !hidden {
                walk(&path, out)?;
            }
        } else if is_unit_file(&path) && !hidden {
            out.push(path);
        }
    }
    Ok(())
}

/// How one unit went.
#[derive(Debug)]
pub enum Status {
    /// Reports written.
    Rendered(Vec<PathBuf>),
    /// The audit found errors: nothing written.
    AuditErrors(usize),
    /// The file could not be read or parsed, a template failed, or a report could not be written.
    Failed(String),
}

/// The outcome of one unit.
#[derive(Debug)]
pub struct Outcome {
    /// The job.
    pub job: Job,
    /// What happened.
    pub status: Status,
    /// The audit's findings (empty when the file could not be read).
    pub findings: Vec<Finding>,
    /// Time spent on this unit.
    pub elapsed: Duration,
}

impl Outcome {
    /// The exit code this outcome calls for.
    pub fn exit_code(&self) -> i32 {
        match self.status {
            Status::Rendered(_) => app::EXIT_OK,
            Status::AuditErrors(_) => app::EXIT_FINDINGS,
            Status::Failed(_) => app::EXIT_INPUT,
        }
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }
}

/// What to render and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// Output directory.
    pub out: PathBuf,
    /// Formats, in output order.
    pub formats: Vec<Format>,
    /// Template profile.
    pub profile: String,
    /// Print a PDF of each report with this Chromium.
    pub printer: Option<crate::pdf::Printer>,
}

/// Takes one unit through load, derive, audit, render and write.
pub fn render_job(renderer: &Renderer, job: &Job, opts: &Options) -> Outcome {
    let start = Instant::now();
    let done = |status, findings| Outcome {
        job: job.clone(),
        status,
        findings,
        elapsed: start.elapsed(),
    };
    let Checked {
        context, findings, ..
    } = match app::check_file(&job.input) {
        Ok(c) => c,
        Err(e) => return done(Status::Failed(e.to_string()), Vec::new()),
    };
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    if errors > 0 {
        return done(Status::AuditErrors(errors), findings);
    }
    // A PDF is printed from the HTML, which is rendered for it even when no .html is wanted.
    let mut formats = opts.formats.clone();
    let html_for_pdf_only = opts.printer.is_some() && !formats.contains(&Format::Html);
    if html_for_pdf_only {
        formats.push(Format::Html);
    }
    let texts = match renderer.render_formats(&context, &opts.profile, &formats) {
        Ok(t) => t,
        Err(e) => {
            return done(Status::Failed(format!("{}：{e}", job.input.display())), findings);
        }
    };
    let rendered: Vec<(PathBuf, Vec<u8>)> = formats
        .iter()
        .zip(texts)
        .map(|(f, text)| {
            let mut target = opts.out.join(&job.output);
            if html_for_pdf_only && *f == Format::Html {
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                target.set_file_name(format!(".{name}.{}.print.html", std::process::id()));
            } else {
                target.set_extension(f.extension());
            }
            (target, text)
        })
        .collect();
    let mut written = Vec::new();
    for (target, text) in rendered {
        if let Some(parent) = target.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            let msg = format!(
                "无法创建输出目录 {}：{}",
                parent.display(),
                crate::load::io_cn(&e)
            );
            return done(Status::Failed(msg), findings);
        }
        if let Err(e) = crate::output::write_atomic(&target, &text) {
            let msg = format!(
                "无法写入 {}：{}（原有文件保持不变）",
                target.display(),
                crate::load::io_cn(&e)
            );
            return done(Status::Failed(msg), findings);
        }
        written.push(target);
    }
    if let Some(printer) = &opts.printer {
        let html = written
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "html"))
            .cloned();
        let mut pdf = opts.out.join(&job.output);
        pdf.set_extension("pdf");
        let printed = html.as_ref().map(|h| printer.print(h, &pdf));
        if html_for_pdf_only {
            if let Some(h) = &html {
                let _ = std::fs::remove_file(h);
            }
            written.retain(|p| Some(p) != html.as_ref());
        }
        match printed {
            Some(Ok(())) => written.push(pdf),
            Some(Err(e)) => return done(Status::Failed(format!("{}：{e}", job.input.display())), findings),
            None => {}
        }
    }
    done(Status::Rendered(written), findings)
}

/// Renders every job in parallel (results in job order). `progress` is told of each unit done.
pub fn render_all(
    renderer: &Renderer,
    jobs: &[Job],
    opts: &Options,
    progress: &(dyn Fn() + Sync),
) -> Vec<Outcome> {
    jobs.par_iter()
        .map(|job| {
            let o = render_job(renderer, job, opts);
            progress();
            o
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrors_paths_without_parent_components() {
        assert_eq!(mirrored(Path::new("../a/b.yaml")), PathBuf::from("上级目录/a/b"));
        assert_eq!(mirrored(Path::new("/x/y.yml")), PathBuf::from("x/y"));
    }

    #[test]
    fn same_stems_do_not_collide() {
        let dir = std::env::temp_dir().join(format!("juesuan-batch-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::create_dir_all(dir.join("b")).unwrap();
        std::fs::write(dir.join("a/u.yaml"), "").unwrap();
        std::fs::write(dir.join("b/u.yaml"), "").unwrap();
        let jobs = discover(&[dir.join("a/u.yaml"), dir.join("b/u.yaml")]).unwrap();
        assert_ne!(jobs[0].output, jobs[1].output);
        let twice = discover(&[dir.join("a/u.yaml"), dir.join("b/u.yaml"), dir.join("a/u.yaml")]).unwrap();
        assert_eq!(twice.len(), 2, "a file named twice is one unit");
        let jobs = discover(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(
            jobs.iter().map(|j| j.output.clone()).collect::<Vec<_>>(),
            [PathBuf::from("a/u"), PathBuf::from("b/u")]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
