//! Everyday use, end to end: a directory of units with one broken file, watch picking up an
//! edit, diff of two versions, colour control.

use crate::common::{juesuan, root, tempdir};
use std::fs;
use std::process::Stdio;
use std::time::{Duration, Instant};

#[test]
fn a_directory_with_one_broken_unit_renders_the_others() {
    let d = tempdir("dir");
    let units = d.join("units");
    fs::create_dir_all(units.join("县局")).unwrap();
    fs::copy(root().join("examples/minimal.yaml"), units.join("a.yaml")).unwrap();
    fs::copy(root().join("examples/minimal.yaml"), units.join("县局/a.yml")).unwrap();
    fs::write(units.join("broken.yaml"), "unit: [\n").unwrap();
    fs::write(units.join("notes.txt"), "不是数据文件").unwrap();
    let out = juesuan()
        .arg("render")
        .arg(&units)
        .arg("-o")
        .arg(d.join("out"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        d.join("out/a.md").exists() && d.join("out/县局/a.md").exists(),
        "tree mirrored: {err}"
    );
    assert!(!d.join("out/broken.md").exists());
    assert!(err.contains("broken.yaml"), "{err}");
    assert!(
        err.contains("共 3 个单位：生成 2 份报告") && err.contains("1 个失败"),
        "summary: {err}"
    );
    // check takes directories too, and reports every file.
    let out = juesuan().arg("check").arg(&units).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("a.yaml：0 个错误") && text.contains("a.yml：0 个错误"),
        "{text}"
    );
}

#[test]
fn quiet_drops_the_summary() {
    let d = tempdir("quiet");
    let out = juesuan()
        .args(["render", "examples", "--quiet", "-o"])
        .arg(d.join("o"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("共 "),
        "no summary with --quiet"
    );
}

#[test]
fn thread_count_does_not_change_output() {
    let d = tempdir("threads");
    for (n, sub) in [("1", "one"), ("4", "four")] {
        let out = juesuan()
            .args(["render", "examples", "-q", "--jobs", n, "-o"])
            .arg(d.join(sub))
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    for f in fs::read_dir(d.join("one")).unwrap() {
        let name = f.unwrap().file_name();
        assert_eq!(
            fs::read(d.join("one").join(&name)).unwrap(),
            fs::read(d.join("four").join(&name)).unwrap()
        );
    }
}

/// Waits (bounded) until `cond` holds.
fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_rerenders_after_an_edit_and_survives_a_broken_save() {
    let d = tempdir("watch");
    fs::create_dir_all(d.join("units")).unwrap();
    fs::create_dir_all(d.join("tpl/sections")).unwrap();
    fs::write(d.join("tpl/sections/other.md"), "无。\n").unwrap();
    let unit = d.join("units/u.yaml");
    fs::copy(root().join("examples/minimal.yaml"), &unit).unwrap();
    let out = d.join("out/u.md");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("juesuan"))
        .arg("render")
        .arg(d.join("units"))
        .args(["--watch", "--format", "md", "--templates"])
        .arg(d.join("tpl"))
        .arg("-o")
        .arg(d.join("out"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The watcher says so on stderr once it is watching; edits before that could be missed.
    let watching = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stderr = child.stderr.take().unwrap();
    let flag = watching.clone();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("正在监视") {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    let read = || fs::read_to_string(&out).unwrap_or_default();
    wait_for("first render", || read().contains("示例单位"));
    wait_for("the watcher to start", || {
        watching.load(std::sync::atomic::Ordering::SeqCst)
    });
    // An editor-style save: write a new file and rename it over the old one.
    fs::write(
        d.join("units/.u.tmp"),
        fs::read_to_string(&unit).unwrap().replace("示例单位", "改名单位"),
    )
    .unwrap();
    fs::rename(d.join("units/.u.tmp"), &unit).unwrap();
    wait_for("re-render after the edit", || read().contains("改名单位"));
    fs::write(&unit, "unit: [\n").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        read().contains("改名单位"),
        "a broken save leaves the last report"
    );
    fs::write(
        &unit,
        fs::read_to_string(root().join("examples/minimal.yaml"))
            .unwrap()
            .replace("示例单位", "修好单位"),
    )
    .unwrap();
    wait_for("re-render after the fix", || read().contains("修好单位"));
    fs::write(d.join("tpl/sections/other.md"), "模板已改。\n").unwrap();
    wait_for("re-render after a template change", || {
        read().contains("模板已改。")
    });
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn diff_lists_changed_figures_and_sentences() {
    let d = tempdir("diff");
    let old = root().join("examples/minimal.yaml");
    let new = d.join("new.yaml");
    fs::write(
        &new,
        fs::read_to_string(&old).unwrap()
            + "income:\n  - {code: 2101501, general: 10.00}\nexpenditure:\n  - {code: 2101501, general: {public: 10.00}}\n",
    )
    .unwrap();
    let out = juesuan().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("income[2101501].general：（无） → 10.00"), "{text}");
    assert!(text.contains("【二、收入决算情况说明】"), "{text}");
    assert!(text.contains("- 本部门2024年度无收入。"), "{text}");
    assert!(text.contains("+ 2024年度本年收入合计10.00万元"), "{text}");
    let same = juesuan().arg("diff").arg(&old).arg(&old).output().unwrap();
    assert!(String::from_utf8_lossy(&same.stdout).contains("改动的数据（0 处）"));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let f = root().join("tests/bad-inputs/balance-mismatch.yaml");
    let always = juesuan()
        .args(["check", "--color", "always"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&always.stdout).contains("\u{1b}[1;31m错误"));
    let auto = juesuan().arg("check").arg(&f).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&auto.stdout).contains('\u{1b}'),
        "not a terminal: no colour"
    );
    let never = juesuan()
        .args(["check", "--color", "never"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&never.stdout).contains('\u{1b}'));
}
