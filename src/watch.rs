//! `juesuan render --watch`: render once, then re-render when a unit file, the `previous_file` it
//! names, or a template changes. Events are debounced; only the affected units re-render; an
//! error is shown and watching goes on, so a fixed file renders again. Directories are watched
//! rather than files, because editors save by writing a new file and renaming it.

use crate::app::{self, Ui};
use crate::batch::{self, Job, Options};
use crate::render::Renderer;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait for an editor's burst of events to settle.
const DEBOUNCE: Duration = Duration::from_millis(100);

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// The files a unit's report depends on: the unit file and the `previous_file` it names.
fn dependencies(job: &Job) -> Vec<PathBuf> {
    let mut deps = vec![canonical(&job.input)];
    if let Ok(loaded) = crate::load::load(&job.input)
        && let Some(prev) = loaded.previous
    {
        deps.push(canonical(&prev.path));
    }
    deps
}

/// State of a watch session.
struct Session<'a> {
    inputs: &'a [PathBuf],
    templates: Option<&'a Path>,
    opts: &'a Options,
    ui: Ui,
    renderer: Option<Renderer>,
    jobs: Vec<(Job, Vec<PathBuf>)>,
}

impl Session<'_> {
    fn rediscover(&mut self) {
        match batch::discover(self.inputs) {
            Ok(jobs) => self.jobs = jobs.into_iter().map(|j| (j.clone(), dependencies(&j))).collect(),
            Err(e) => eprintln!("{e}"),
        }
    }

    fn render(&self, which: &[Job]) {
        let Some(renderer) = &self.renderer else {
            return;
        };
        if which.is_empty() {
            return;
        }
        let start = Instant::now();
        let outcomes = batch::render_all(renderer, which, self.opts, &|| {});
        app::report(&outcomes, self.ui, start.elapsed());
        eprintln!(
            "已重新生成 {} 个单位，用时 {} 毫秒；继续监视（Ctrl+C 退出）",
            which.len(),
            start.elapsed().as_millis()
        );
    }

    fn all_jobs(&self) -> Vec<Job> {
        self.jobs.iter().map(|(j, _)| j.clone()).collect()
    }

    /// Handles one debounced batch of changed paths.
    fn changed(&mut self, paths: BTreeSet<PathBuf>) {
        let template_dir = self.templates.map(canonical);
        if template_dir
            .as_ref()
            .is_some_and(|t| paths.iter().any(|p| p.starts_with(t)))
        {
            self.renderer = app::renderer(self.templates, &self.opts.profile);
            if self.renderer.is_some() {
                eprintln!("模板已更改，重新生成全部报告");
                self.render(&self.all_jobs());
            }
            return;
        }
        let known: BTreeSet<PathBuf> = self.jobs.iter().map(|(j, _)| canonical(&j.input)).collect();
        let new_unit = paths
            .iter()
            .any(|p| batch::is_unit_file(p) && !known.contains(p) && p.exists());
        if new_unit {
            self.rediscover();
        }
        let affected: Vec<Job> = self
            .jobs
            .iter()
            .filter(|(j, deps)| {
                deps.iter().any(|d| paths.contains(d)) || (new_unit && !known.contains(&canonical(&j.input)))
            })
            .map(|(j, _)| j.clone())
            .collect();
        if !affected.is_empty() {
            // A unit may have started or stopped naming a previous_file.
            for (j, deps) in &mut self.jobs {
                if affected.contains(j) {
                    *deps = dependencies(j);
                }
            }
            self.render(&affected);
        }
    }

    /// The directories to watch: the parents of the unit files and their previous files, the
    /// directories given as inputs, and the template directory.
    fn watch_dirs(&self) -> BTreeSet<(PathBuf, bool)> {
        let mut dirs = BTreeSet::new();
        for input in self.inputs {
            if input.is_dir() {
                dirs.insert((canonical(input), true));
            }
        }
        for (_, deps) in &self.jobs {
            for d in deps {
                if let Some(parent) = d.parent() {
                    dirs.insert((parent.to_path_buf(), false));
                }
            }
        }
        if let Some(t) = self.templates {
            dirs.insert((canonical(t), true));
        }
        dirs
    }
}

/// Renders, then watches until interrupted. Returns an exit code only if watching cannot start.
pub fn watch(inputs: &[PathBuf], templates: Option<&Path>, opts: &Options, ui: Ui) -> i32 {
    let mut s = Session {
        inputs,
        templates,
        opts,
        ui,
        renderer: app::renderer(templates, &opts.profile),
        jobs: Vec::new(),
    };
    s.rediscover();
    let start = Instant::now();
    if let Some(renderer) = &s.renderer {
        let outcomes = batch::render_all(renderer, &s.all_jobs(), opts, &|| {});
        app::report(&outcomes, ui, start.elapsed());
    }
    let (tx, rx) = mpsc::channel();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, move |r: DebounceEventResult| {
        let _ = tx.send(r);
    }) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("无法启动文件监视：{e}");
            return app::EXIT_INPUT;
        }
    };
    let mut watched = BTreeSet::new();
    let mut rewatch = |s: &Session, debouncer: &mut notify_debouncer_full::Debouncer<_, _>| {
        for (dir, recursive) in s.watch_dirs() {
            if watched.insert(dir.clone()) {
                let mode = if recursive {
                    RecursiveMode::Recursive
                } else {
                    RecursiveMode::NonRecursive
                };
                if let Err(e) = debouncer.watch(&dir, mode) {
                    eprintln!("无法监视 {}：{e}", dir.display());
                }
            }
        }
    };
    rewatch(&s, &mut debouncer);
    eprintln!(
        "正在监视 {} 个单位的数据文件和模板；保存后自动重新生成（Ctrl+C 退出）",
        s.jobs.len()
    );
    for result in rx {
        match result {
            Ok(events) => {
                // Reading a file to render it produces access events: only changes count.
                let paths: BTreeSet<PathBuf> = events
                    .iter()
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_) | EventKind::Other))
                    .flat_map(|e| e.event.paths.iter())
                    .map(|p| canonical(p))
                    .collect();
                if !paths.is_empty() {
                    s.changed(paths);
                }
                rewatch(&s, &mut debouncer);
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("文件监视出错：{e}");
                }
            }
        }
    }
    app::EXIT_OK
}
