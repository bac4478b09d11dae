//! `juesuan render --watch`: render once, then re-render when a unit file, the `previous_file` it
//! names, or a template changes. Events are debounced; only the affected units re-render; an
//! error is shown and watching goes on, so a fixed file renders again. Directories are watched
//! rather than files, because editors save by writing a new file and renaming it.
//!
//! Under faults: a unit file that is deleted and re-created, or missing at start, renders when it
//! appears; files in a new subdirectory of a watched directory are found by searching again; a
//! directory that disappears is watched again when it comes back (its nearest existing parent is
//! watched meanwhile); a template error or a missing `--templates` directory is said, and the
//! reports are regenerated once the templates work again; a failed re-render is reported as
//! failed, never as "已重新生成".

use crate::app::{self, Ui, say};
use crate::batch::{self, Job};
use crate::pipeline::{self, Options, resolved};
use crate::render::Renderer;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait for an editor's burst of events to settle.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// The files a unit's report depends on: the unit file and the `previous_file` it names.
fn dependencies(job: &Job) -> Vec<PathBuf> {
    let mut deps = vec![resolved(&job.input)];
    if let Ok(loaded) = crate::load::load(&job.input)
        && let Some(prev) = loaded.previous
    {
        deps.push(resolved(&prev.path));
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
    /// Searches the inputs again; returns the jobs that are new.
    fn rediscover(&mut self) -> Vec<Job> {
        let found = batch::plan(self.inputs, self.opts);
        for p in &found.problems {
            say(p);
        }
        if !found.refused.is_empty() {
            let refused: Vec<batch::Outcome> = found
                .refused
                .into_iter()
                .map(|(j, e)| batch::Outcome::refused(j, e))
                .collect();
            app::report_outcomes(&refused, self.ui);
        }
        let known: BTreeSet<PathBuf> = self.jobs.iter().map(|(j, _)| j.input.clone()).collect();
        let new: Vec<Job> = found
            .jobs
            .iter()
            .filter(|j| !known.contains(&j.input))
            .cloned()
            .collect();
        self.jobs = found
            .jobs
            .into_iter()
            .map(|j| {
                let deps = dependencies(&j);
                (j, deps)
            })
            .collect();
        new
    }

    fn render(&self, which: &[Job]) {
        if which.is_empty() {
            return;
        }
        let Some(renderer) = &self.renderer else {
            say(format!(
                "模板不可用，{} 个单位未重新生成：修正模板后会自动重新生成全部报告；继续监视（Ctrl+C 退出）",
                which.len()
            ));
            return;
        };
        let start = Instant::now();
        let outcomes = batch::render_all(renderer, which, self.opts, &|| {});
        let (_, tally) = app::report_outcomes(&outcomes, self.ui);
        let ms = start.elapsed().as_millis();
        if tally.failed == 0 {
            say(format!(
                "已重新生成 {} 个单位，用时 {ms} 毫秒；继续监视（Ctrl+C 退出）",
                tally.rendered
            ));
        } else if tally.rendered == 0 {
            say(format!(
                "{} 个单位未能重新生成（见上）：改正后保存即可自动重新生成；继续监视（Ctrl+C 退出）",
                tally.failed
            ));
        } else {
            say(format!(
                "已重新生成 {} 个单位，{} 个未能重新生成（见上），用时 {ms} 毫秒；继续监视（Ctrl+C 退出）",
                tally.rendered, tally.failed
            ));
        }
    }

    fn all_jobs(&self) -> Vec<Job> {
        self.jobs.iter().map(|(j, _)| j.clone()).collect()
    }

    /// Handles one debounced batch of changed paths.
    fn changed(&mut self, paths: BTreeSet<PathBuf>) {
        if let Some(t) = self.templates {
            let dir = resolved(t);
            if paths.iter().any(|p| p.starts_with(&dir)) {
                let was_broken = self.renderer.is_none();
                self.renderer = match pipeline::renderer(self.templates, self.opts.profile.as_deref()) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        say(e);
                        say(
                            "模板不可用，暂不重新生成：修正模板（或恢复模板目录）后自动继续；继续监视（Ctrl+C 退出）",
                        );
                        None
                    }
                };
                if self.renderer.is_some() {
                    say(if was_broken {
                        "模板已恢复，重新生成全部报告"
                    } else {
                        "模板已更改，重新生成全部报告"
                    });
                    self.render(&self.all_jobs());
                }
                return;
            }
        }
        let deps: BTreeSet<&PathBuf> = self.jobs.iter().flat_map(|(_, d)| d).collect();
        let input_dirs: Vec<PathBuf> = self
            .inputs
            .iter()
            .filter(|i| i.is_dir())
            .map(|i| resolved(i))
            .collect();
        // Something new under a watched input directory (a unit, or a directory holding some).
        let search_again = paths.iter().any(|p| {
            !deps.contains(p)
                && input_dirs.iter().any(|d| p.starts_with(d))
                && (p.is_dir() || batch::is_unit_file(p))
        });
        let new = if search_again {
            self.rediscover()
        } else {
            Vec::new()
        };
        let mut affected: Vec<Job> = Vec::new();
        for (j, deps) in &mut self.jobs {
            if new.contains(j) || deps.iter().any(|d| paths.contains(d)) {
                // A unit may have started or stopped naming a previous_file.
                *deps = dependencies(j);
                affected.push(j.clone());
            }
        }
        self.render(&affected);
    }

    /// The directories to watch and how: input directories and the template directory
    /// recursively, the directories of the unit files and their previous files not.
    fn watch_dirs(&self) -> BTreeMap<PathBuf, RecursiveMode> {
        let mut dirs = BTreeMap::new();
        for (_, deps) in &self.jobs {
            for d in deps {
                if let Some(parent) = d.parent() {
                    dirs.insert(parent.to_path_buf(), RecursiveMode::NonRecursive);
                }
            }
        }
        for dir in self
            .inputs
            .iter()
            .filter(|i| i.is_dir())
            .map(|i| i.as_path())
            .chain(self.templates)
        {
            dirs.insert(resolved(dir), RecursiveMode::Recursive);
        }
        dirs
    }
}

/// The directory itself when it exists, else its nearest existing ancestor (watched
/// non-recursively, so that the directory's return is noticed).
fn watchable(dir: &Path, mode: RecursiveMode) -> Option<(PathBuf, RecursiveMode)> {
    if dir.is_dir() {
        return Some((dir.to_path_buf(), mode));
    }
    dir.ancestors()
        .skip(1)
        .find(|a| a.is_dir())
        .map(|a| (a.to_path_buf(), RecursiveMode::NonRecursive))
}

/// Renders, then watches until interrupted. Returns an exit code only if watching cannot start.
pub fn watch(inputs: &[PathBuf], templates: Option<&Path>, opts: &Options, ui: Ui) -> i32 {
    let mut s = Session {
        inputs,
        templates,
        opts,
        ui,
        renderer: app::renderer(templates, opts.profile.as_deref()),
        jobs: Vec::new(),
    };
    s.rediscover();
    if let Some(renderer) = &s.renderer {
        let start = Instant::now();
        let outcomes = batch::render_all(renderer, &s.all_jobs(), opts, &|| {});
        app::report(&outcomes, ui, start.elapsed());
    }
    let (tx, rx) = mpsc::channel();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, move |r: DebounceEventResult| {
        let _ = tx.send(r);
    }) {
        Ok(d) => d,
        Err(e) => {
            say(format!("无法启动文件监视：{e}"));
            return app::EXIT_INPUT;
        }
    };
    let mut watched: BTreeMap<PathBuf, RecursiveMode> = BTreeMap::new();
    let mut rewatch =
        |s: &Session, debouncer: &mut notify_debouncer_full::Debouncer<_, _>, gone: &BTreeSet<PathBuf>| {
            // A directory that was removed lost its watch: forget it, so it is watched again when
            // it (or a new one of the same name) appears.
            watched.retain(|dir, _| dir.is_dir() && !gone.contains(dir));
            for (dir, mode) in s.watch_dirs() {
                let Some((dir, mode)) = watchable(&dir, mode) else {
                    continue;
                };
                let covered = watched
                    .get(&dir)
                    .is_some_and(|m| *m == mode || *m == RecursiveMode::Recursive);
                if covered {
                    continue;
                }
                let _ = debouncer.unwatch(&dir);
                match debouncer.watch(&dir, mode) {
                    Ok(()) => {
                        watched.insert(dir, mode);
                    }
                    Err(e) => say(format!("无法监视 {}：{e}", dir.display())),
                }
            }
        };
    rewatch(&s, &mut debouncer, &BTreeSet::new());
    say(format!(
        "正在监视 {} 个单位的数据文件和模板；保存后自动重新生成（Ctrl+C 退出）",
        s.jobs.len()
    ));
    for result in rx {
        match result {
            Ok(events) => {
                // Reading a file to render it produces access events: only changes count.
                let changes: Vec<_> = events
                    .iter()
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_) | EventKind::Other))
                    .collect();
                let gone: BTreeSet<PathBuf> = changes
                    .iter()
                    .filter(|e| matches!(e.event.kind, EventKind::Remove(_)))
                    .flat_map(|e| e.event.paths.iter().cloned())
                    .collect();
                let paths: BTreeSet<PathBuf> = changes
                    .iter()
                    .flat_map(|e| e.event.paths.iter())
                    .map(|p| resolved(p))
                    .collect();
                if !paths.is_empty() {
                    s.changed(paths);
                }
                rewatch(&s, &mut debouncer, &gone);
            }
            Err(errors) => {
                for e in errors {
                    say(format!("文件监视出错：{e}"));
                }
            }
        }
    }
    app::EXIT_OK
}
