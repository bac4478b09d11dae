//! Many units at once: find the unit files under the paths given, plan where each report goes
//! (refusing collisions and reports that would overwrite an input before anything is written),
//! render them in parallel on all cores with one set of parsed templates, and report each
//! unit's outcome. One failing unit never stops the others; outputs mirror the input tree.

use crate::app;
use crate::audit::{Finding, Severity};
use crate::error::{PlanError, ReadError, WalkError};
use crate::pipeline::{self, Options, Status, UnitError};
use crate::render::Renderer;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
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

/// Whether a path names a unit file (`*.yaml` / `*.yml`, the extension in any case).
pub fn is_unit_file(p: &Path) -> bool {
    crate::load::has_yaml_extension(p)
}

/// The unit files found under the inputs, and what could not be searched.
#[derive(Debug, Default)]
pub struct Discovery {
    /// The units, in a stable order.
    pub jobs: Vec<Job>,
    /// Directories that could not be read (skipped) and inputs that do not exist.
    pub problems: Vec<WalkError>,
    /// Units refused before anything is written (two units, one report name).
    pub refused: Vec<(Job, PlanError)>,
}

/// Finds the unit files under `inputs`: files as given, directories searched recursively for
/// `*.yaml`/`*.yml` (hidden entries skipped, each directory visited once even through links), in
/// a stable order. A file named directly goes to `<stem>`; a file found in a directory `D` goes
/// to its path relative to `D`. When two inputs would still share a report name, both mirror
/// the path as given instead; if they still collide, both are refused.
pub fn discover(inputs: &[PathBuf]) -> Discovery {
    let mut d = Discovery::default();
    let mut visited = HashSet::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(input, &mut found, &mut visited, &mut d.problems);
                if found.is_empty() {
                    d.problems.push(WalkError::Empty(input.clone()));
                }
                found.sort();
                for f in found {
                    let rel = f.strip_prefix(input).unwrap_or(&f).with_extension("");
                    d.jobs.push(Job {
                        input: f,
                        output: rel,
                    });
                }
            }
            Ok(_) => d.jobs.push(Job {
                input: input.clone(),
                output: input
                    .file_stem()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from("report")),
            }),
            // A missing file is still a job: loading it says what is wrong, in the unit's place.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => d.jobs.push(Job {
                input: input.clone(),
                output: input
                    .file_stem()
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from("report")),
            }),
            Err(e) => d.problems.push(WalkError::Missing {
                path: input.clone(),
                reason: ReadError::from(e),
            }),
        }
    }
    // A file named twice (or found in two given directories) is one unit, rendered once.
    let mut seen_inputs = HashSet::new();
    d.jobs
        .retain(|j| seen_inputs.insert(pipeline::resolved(&j.input)));
    let mut by_output: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, j) in d.jobs.iter().enumerate() {
        by_output.entry(j.output.clone()).or_default().push(i);
    }
    for idxs in by_output.values().filter(|v| v.len() > 1) {
        for &i in idxs {
            d.jobs[i].output = mirrored(&d.jobs[i].input);
        }
    }
    // What still collides (u.yaml and u.yml in one directory, `../a.yaml` and `上级目录/a.yaml`)
    // is refused, both units named.
    let mut by_output: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, j) in d.jobs.iter().enumerate() {
        by_output.entry(j.output.clone()).or_default().push(i);
    }
    let mut refuse = HashSet::new();
    for idxs in by_output.values().filter(|v| v.len() > 1) {
        for &i in idxs {
            let other = idxs.iter().copied().find(|&k| k != i).expect("two or more");
            let e = PlanError::Collision {
                first: d.jobs[i].input.clone(),
                second: d.jobs[other].input.clone(),
                report: d.jobs[i].output.clone(),
            };
            d.refused.push((d.jobs[i].clone(), e));
            refuse.insert(i);
        }
    }
    let mut i = 0;
    d.jobs.retain(|_| {
        i += 1;
        !refuse.contains(&(i - 1))
    });
    d
}

/// [`discover`], then refuses every unit one of whose reports would overwrite an input file
/// (its own or another unit's), before anything is written.
pub fn plan(inputs: &[PathBuf], opts: &Options) -> Discovery {
    let mut d = discover(inputs);
    let all: HashSet<PathBuf> = d.jobs.iter().map(|j| pipeline::resolved(&j.input)).collect();
    let exts = opts.extensions();
    let mut kept = Vec::new();
    for job in std::mem::take(&mut d.jobs) {
        let hit = exts.iter().find_map(|ext| {
            let mut t = opts.out.join(&job.output).into_os_string();
            t.push(".");
            t.push(ext);
            let t = PathBuf::from(t);
            all.contains(&pipeline::resolved(&t)).then_some(t)
        });
        match hit {
            Some(report) => {
                let e = PlanError::OverwritesInput {
                    input: job.input.clone(),
                    report,
                };
                d.refused.push((job, e));
            }
            None => kept.push(job),
        }
    }
    d.jobs = kept;
    d
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

fn walk(dir: &Path, out: &mut Vec<PathBuf>, visited: &mut HashSet<PathBuf>, problems: &mut Vec<WalkError>) {
    // Each directory once: links to `.` or to a parent cannot make the walk loop or explode.
    let Ok(real) = dir.canonicalize() else { return };
    if !visited.insert(real) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(WalkError::Unreadable {
                dir: dir.to_path_buf(),
                reason: e.into(),
            });
            return;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
        if hidden {
            continue;
        }
        if path.is_dir() {
            subdirs.push(path);
        } else if is_unit_file(&path) {
            out.push(path);
        }
    }
    subdirs.sort();
    for sub in subdirs {
        walk(&sub, out, visited, problems);
    }
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
    /// The profile the unit was taken through (its own, or `--profile`), once chosen.
    pub profile: Option<crate::profile::Chosen>,
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

    /// A unit refused before rendering.
    pub fn refused(job: Job, e: PlanError) -> Outcome {
        Outcome {
            job,
            status: Status::Failed(UnitError::Plan(e)),
            findings: Vec::new(),
            profile: None,
            elapsed: Duration::ZERO,
        }
    }
}

/// Takes one unit through load, derive, audit, render and write, under its own profile unless
/// `opts.profile` names one.
pub fn render_job(renderer: &Renderer, job: &Job, opts: &Options) -> Outcome {
    let start = Instant::now();
    let run = pipeline::render_unit(renderer, &job.input, &opts.out.join(&job.output), opts);
    Outcome {
        job: job.clone(),
        status: run.status,
        findings: run.findings,
        profile: run.profile,
        elapsed: start.elapsed(),
    }
}

/// Renders every job in parallel (results in job order). `progress` is told of each unit done.
/// First removes the temporary files a killed run left in the output directories.
pub fn render_all(
    renderer: &Renderer,
    jobs: &[Job],
    opts: &Options,
    progress: &(dyn Fn() + Sync),
) -> Vec<Outcome> {
    let dirs: HashSet<PathBuf> = jobs
        .iter()
        .filter_map(|j| opts.out.join(&j.output).parent().map(Path::to_path_buf))
        .collect();
    for d in dirs {
        crate::output::clean_leftovers(&d);
    }
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
        let jobs = discover(&[dir.join("a/u.yaml"), dir.join("b/u.yaml")]).jobs;
        assert_ne!(jobs[0].output, jobs[1].output);
        let twice = discover(&[dir.join("a/u.yaml"), dir.join("b/u.yaml"), dir.join("a/u.yaml")]).jobs;
        assert_eq!(twice.len(), 2, "a file named twice is one unit");
        let jobs = discover(std::slice::from_ref(&dir)).jobs;
        assert_eq!(
            jobs.iter().map(|j| j.output.clone()).collect::<Vec<_>>(),
            [PathBuf::from("a/u"), PathBuf::from("b/u")]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
