//! `--watch` under faults: a unit deleted and re-created, a unit missing at start, units in a new
//! subdirectory, the template directory gone and back, and a failed re-render. Each waits
//! (bounded) for what the watcher writes instead of sleeping a fixed time.

use crate::common::{root, tempdir};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const UNIT: &str = "unit:\n  name: 甲局\n  year: 2023\n  duties: [负责本单位的各项工作。]\n";

/// A running `render --watch`, its stderr collected line by line.
struct Watcher {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Watcher {
    fn start(dir: &Path, args: &[&str]) -> Watcher {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("juesuan"))
            .current_dir(dir)
            .arg("render")
            .args(args)
            .args(["--watch", "--format", "md", "-o", "out"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let w = Watcher { child, lines };
        w.wait_line("the watcher to start", "正在监视");
        w
    }

    fn text(&self) -> String {
        self.lines.lock().unwrap().join("\n")
    }

    /// Waits until a line containing `needle` has been written after the first `skip` lines.
    fn wait_line_after(&self, what: &str, skip: usize, needle: &str) {
        wait_for(
            what,
            || {
                self.lines
                    .lock()
                    .unwrap()
                    .iter()
                    .skip(skip)
                    .any(|l| l.contains(needle))
            },
            || self.text(),
        );
    }

    fn wait_line(&self, what: &str, needle: &str) {
        self.wait_line_after(what, 0, needle);
    }

    fn count(&self) -> usize {
        self.lines.lock().unwrap().len()
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(what: &str, cond: impl Fn() -> bool, log: impl Fn() -> String) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}; the watcher said:\n{}",
            log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read(p: PathBuf) -> String {
    fs::read_to_string(p).unwrap_or_default()
}

/// An editor-style save: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_file_name(".save.tmp");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

#[test]
fn a_unit_deleted_and_recreated_renders_again() {
    let d = tempdir("watch-recreate");
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    let w = Watcher::start(&d, &["u.yaml"]);
    wait_for(
        "first render",
        || read(d.join("out/u.md")).contains("甲局"),
        || w.text(),
    );
    fs::remove_file(d.join("u.yaml")).unwrap();
    w.wait_line("the deletion to be reported", "文件不存在");
    let n = w.count();
    fs::write(d.join("u.yaml"), UNIT.replace("甲局", "乙局")).unwrap();
    wait_for(
        "re-render after re-creation",
        || read(d.join("out/u.md")).contains("乙局"),
        || w.text(),
    );
    w.wait_line_after("the success line", n, "已重新生成 1 个单位");
    save(&d.join("u.yaml"), &UNIT.replace("甲局", "丙局"));
    wait_for(
        "and again after an edit",
        || read(d.join("out/u.md")).contains("丙局"),
        || w.text(),
    );
}

#[test]
fn a_unit_missing_at_start_renders_when_it_appears() {
    let d = tempdir("watch-missing");
    let w = Watcher::start(&d, &["later.yaml"]);
    assert!(w.text().contains("文件不存在"), "{}", w.text());
    fs::write(d.join("later.yaml"), UNIT).unwrap();
    wait_for(
        "render once the file exists",
        || read(d.join("out/later.md")).contains("甲局"),
        || w.text(),
    );
}

#[test]
fn units_in_a_new_subdirectory_are_picked_up() {
    let d = tempdir("watch-subdir");
    fs::create_dir_all(d.join("units")).unwrap();
    fs::write(d.join("units/a.yaml"), UNIT).unwrap();
    let w = Watcher::start(&d, &["units"]);
    wait_for("first render", || d.join("out/a.md").exists(), || w.text());
    // Created and filled at once, before any watch on the new directory can exist.
    fs::create_dir_all(d.join("units/new/deeper")).unwrap();
    fs::write(d.join("units/new/deeper/b.yaml"), UNIT.replace("甲局", "新局")).unwrap();
    wait_for(
        "the new unit's report",
        || read(d.join("out/new/deeper/b.md")).contains("新局"),
        || w.text(),
    );
    save(
        &d.join("units/new/deeper/b.yaml"),
        &UNIT.replace("甲局", "再改局"),
    );
    wait_for(
        "an edit in the new directory",
        || read(d.join("out/new/deeper/b.md")).contains("再改局"),
        || w.text(),
    );
}

#[test]
fn a_missing_template_directory_is_said_and_its_return_renders() {
    let d = tempdir("watch-templates");
    fs::create_dir_all(d.join("tpl/sections")).unwrap();
    fs::write(d.join("tpl/sections/other.md"), "第一版。\n").unwrap();
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    let w = Watcher::start(&d, &["u.yaml", "--templates", "tpl"]);
    wait_for(
        "first render",
        || read(d.join("out/u.md")).contains("第一版。"),
        || w.text(),
    );
    fs::rename(d.join("tpl"), d.join("tpl-away")).unwrap();
    w.wait_line("the missing templates to be reported", "模板不可用");
    // An edit meanwhile is not silently ignored.
    let n = w.count();
    save(&d.join("u.yaml"), &UNIT.replace("甲局", "乙局"));
    w.wait_line_after("the skipped re-render to be said", n, "未重新生成");
    fs::write(d.join("tpl-away/sections/other.md"), "第二版。\n").unwrap();
    fs::rename(d.join("tpl-away"), d.join("tpl")).unwrap();
    wait_for(
        "re-render with the restored templates",
        || {
            let md = read(d.join("out/u.md"));
            md.contains("第二版。") && md.contains("乙局")
        },
        || w.text(),
    );
    fs::write(d.join("tpl/sections/other.md"), "第三版。\n").unwrap();
    wait_for(
        "template edits after the return",
        || read(d.join("out/u.md")).contains("第三版。"),
        || w.text(),
    );
}

#[test]
fn a_failed_rerender_is_not_reported_as_regenerated() {
    let d = tempdir("watch-fail");
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    let w = Watcher::start(&d, &["u.yaml"]);
    wait_for("first render", || d.join("out/u.md").exists(), || w.text());
    let n = w.count();
    save(&d.join("u.yaml"), "unit: [\n");
    w.wait_line_after("the failure", n, "未能重新生成");
    let after: Vec<String> = w.lines.lock().unwrap()[n..].to_vec();
    assert!(!after.iter().any(|l| l.contains("已重新生成")), "{after:?}");
    assert!(
        read(d.join("out/u.md")).contains("甲局"),
        "the last good report stays"
    );
    let _ = root();
}
