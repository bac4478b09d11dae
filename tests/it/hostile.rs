//! Hostile input and faults that need more than one input file: special files, sizes, trees,
//! links, collisions, permissions, a full stdout, the terminal, and a misbehaving Chromium. Each
//! test goes through the real binary. (Single-file cases are in `tests/bad-inputs/`.)

use crate::common::{root, tempdir};
use assert_cmd::Command;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

const UNIT: &str = "unit:\n  name: 测试局\n  year: 2023\n  duties: [负责本单位的各项工作。]\n";

/// Runs juesuan in `dir`; returns exit code, stdout and stderr. A hang fails the test.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn special_files_are_refused_without_reading_them() {
    let d = tempdir("special");
    mkfifo(&d.join("pipe.yaml"));
    let (code, _, err) = run(&d, &["check", "/dev/zero", "pipe.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("/dev/zero：无法读取文件：这是一个字符设备，不是普通文件"),
        "{err}"
    );
    assert!(
        err.contains("pipe.yaml：无法读取文件：这是一个命名管道（FIFO）"),
        "{err}"
    );
}

#[test]
fn a_fifo_among_the_units_does_not_hang_the_batch() {
    let d = tempdir("fifo-batch");
    fs::create_dir_all(d.join("units")).unwrap();
    fs::write(d.join("units/a.yaml"), UNIT).unwrap();
    fs::write(d.join("units/c.yaml"), UNIT).unwrap();
    mkfifo(&d.join("units/b.yaml"));
    let (code, _, err) = run(&d, &["render", "units", "-o", "out"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("命名管道"), "{err}");
    assert!(err.contains("共 3 个单位：生成 2 份报告"), "{err}");
    assert!(d.join("out/a.html").exists() && d.join("out/c.html").exists());
}

#[test]
fn a_sparse_two_gigabyte_file_is_refused_from_its_size() {
    let d = tempdir("sparse");
    let f = fs::File::create(d.join("big.yaml")).unwrap();
    f.set_len(2 << 30).unwrap();
    let (code, _, err) = run(&d, &["check", "big.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("文件过大（2147483648 字节"), "{err}");
}

#[test]
fn a_list_longer_than_the_limit_is_refused() {
    let d = tempdir("rows");
    let mut text = String::from(UNIT);
    text.push_str("income:\n");
    for i in 0..3001 {
        text.push_str(&format!(
            "  - {{code: {}, name: 项{i}, general: 1.00}}\n",
            2010000 + i
        ));
    }
    fs::write(d.join("rows.yaml"), text).unwrap();
    let (code, _, err) = run(&d, &["check", "rows.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("列表过长（超过 3000 项）"), "{err}");
}

#[test]
fn thousands_of_the_same_finding_are_capped_and_counted() {
    let d = tempdir("cap");
    let mut text = String::from(UNIT);
    text.push_str("income:\n");
    for i in 0..2500 {
        text.push_str(&format!("  - {{code: {}, general: 1.00}}\n", 9000000 + i));
    }
    fs::write(d.join("u.yaml"), text).unwrap();
    let (code, out, _) = run(&d, &["check", "u.yaml"]);
    assert_eq!(code, 1);
    // Each unknown code also misses its 类 and 款 names: 7,500 findings of one rule.
    let listed = out.matches("错误[code.name_missing] u.yaml:").count();
    assert_eq!(listed, 100, "{out}");
    assert!(
        out.contains("同类问题（规则 code.name_missing）另有 7400 条未逐条列出"),
        "{out}"
    );
}

#[test]
fn jobs_are_capped_with_a_message() {
    let (code, _, err) = run(
        &root(),
        &["render", "examples/minimal.yaml", "--jobs", "1000000000"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("线程数应在 1 到 256 之间"), "{err}");
}

#[test]
fn directory_walks_survive_link_loops_and_accept_any_case() {
    let d = tempdir("walk");
    fs::create_dir_all(d.join("units/sub")).unwrap();
    fs::write(d.join("units/A.yaml"), UNIT).unwrap();
    fs::write(d.join("units/B.YAML"), UNIT).unwrap();
    fs::write(d.join("units/sub/c.Yml"), UNIT).unwrap();
    std::os::unix::fs::symlink(".", d.join("units/loop1")).unwrap();
    std::os::unix::fs::symlink("..", d.join("units/sub/loop2")).unwrap();
    let (code, out, err) = run(&d, &["check", "units"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.matches("个错误").count(), 3, "each unit once:\n{out}");
    for f in ["A.yaml", "B.YAML", "c.Yml"] {
        assert!(out.contains(f), "{f} in {out}");
    }
}

#[test]
fn an_unreadable_subdirectory_is_reported_and_the_rest_rendered() {
    let d = tempdir("unreadable");
    fs::create_dir_all(d.join("units/locked")).unwrap();
    fs::write(d.join("units/a.yaml"), UNIT).unwrap();
    fs::write(d.join("units/locked/b.yaml"), UNIT).unwrap();
    fs::set_permissions(d.join("units/locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let root_can_read = fs::read_dir(d.join("units/locked")).is_ok();
    let (code, _, err) = run(&d, &["render", "units", "-o", "out"]);
    fs::set_permissions(d.join("units/locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(d.join("out/a.md").exists(), "{err}");
    if root_can_read {
        eprintln!("running as root: directory permissions are not enforced; only checking the rest");
        return;
    }
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("units/locked：无法读取目录（没有读取权限），已跳过其中的文件"),
        "{err}"
    );
}

#[test]
fn two_units_with_one_report_name_are_both_refused_and_named() {
    let d = tempdir("collide");
    fs::create_dir_all(d.join("units")).unwrap();
    fs::write(d.join("units/u.yaml"), UNIT).unwrap();
    fs::write(d.join("units/u.yml"), UNIT.replace("测试局", "另一局")).unwrap();
    fs::write(d.join("units/v.yaml"), UNIT).unwrap();
    let (code, _, err) = run(&d, &["render", "units", "-o", "out"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("units/u.yaml 和 units/u.yml 会写出同一份报告"),
        "{err}"
    );
    assert!(
        err.contains("units/u.yml 和 units/u.yaml 会写出同一份报告"),
        "{err}"
    );
    assert!(!d.join("out/u.md").exists(), "neither is written");
    assert!(d.join("out/v.md").exists(), "the others are");
    assert!(err.contains("生成 1 份报告") && err.contains("2 个失败"), "{err}");
}

#[test]
fn a_parent_path_and_a_directory_named_like_its_mirror_collide_loudly() {
    let d = tempdir("mirror");
    fs::create_dir_all(d.join("work/上级目录")).unwrap();
    fs::write(d.join("a.yaml"), UNIT).unwrap();
    fs::write(d.join("work/上级目录/a.yaml"), UNIT).unwrap();
    let (code, _, err) = run(
        &d.join("work"),
        &["render", "../a.yaml", "上级目录/a.yaml", "-o", "out"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("会写出同一份报告"), "{err}");
    assert!(!d.join("work/out/上级目录/a.md").exists());
}

#[test]
fn a_report_never_overwrites_an_input() {
    let d = tempdir("self");
    fs::write(d.join("u.html"), UNIT).unwrap();
    let (code, _, err) = run(&d, &["render", "u.html", "-o", "."]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("会覆盖输入文件本身"), "{err}");
    assert_eq!(fs::read_to_string(d.join("u.html")).unwrap(), UNIT);
    // Another unit's input too.
    fs::create_dir_all(d.join("units")).unwrap();
    fs::write(d.join("units/a.yaml"), UNIT).unwrap();
    fs::write(d.join("units/b.md"), UNIT).unwrap();
    let (code, _, err) = run(&d, &["render", "units/a.yaml", "units/b.md", "-o", "units"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(fs::read_to_string(d.join("units/b.md")).unwrap(), UNIT);
}

#[test]
fn writes_never_follow_links_and_keep_permissions() {
    let d = tempdir("links");
    fs::create_dir_all(d.join("out")).unwrap();
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    fs::write(d.join("victim"), "keep").unwrap();
    std::os::unix::fs::symlink(d.join("victim"), d.join("out/u.md")).unwrap();
    fs::write(d.join("out/u.html"), "old").unwrap();
    fs::set_permissions(d.join("out/u.html"), fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, err) = run(&d, &["render", "u.yaml", "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(d.join("victim")).unwrap(), "keep");
    assert!(fs::symlink_metadata(d.join("out/u.md")).unwrap().is_file());
    let mode = fs::metadata(d.join("out/u.html")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // A subdirectory of the output that is a link is refused, not written through.
    fs::create_dir_all(d.join("units/县局")).unwrap();
    fs::create_dir_all(d.join("elsewhere")).unwrap();
    fs::write(d.join("units/县局/a.yaml"), UNIT).unwrap();
    std::os::unix::fs::symlink(d.join("elsewhere"), d.join("out/县局")).unwrap();
    let (code, _, err) = run(&d, &["render", "units", "-o", "out"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("是符号链接"), "{err}");
    assert!(names(&d.join("elsewhere")).is_empty());
}

#[test]
fn leftovers_of_a_killed_run_are_cleaned_and_only_those() {
    let d = tempdir("leftovers");
    fs::create_dir_all(d.join("out")).unwrap();
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    // pid 2147483646 is above any Linux pid_max: that run is gone.
    fs::write(d.join("out/.juesuan-2147483646-AbCdEfGhIj.md"), "half").unwrap();
    fs::write(d.join("out/.juesuan-notes.txt"), "mine").unwrap();
    fs::write(d.join("out/.u.md.123.tmp"), "not ours").unwrap();
    let (code, _, err) = run(&d, &["render", "u.yaml", "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        names(&d.join("out")),
        [".juesuan-notes.txt", ".u.md.123.tmp", "u.html", "u.md"]
    );
}

#[test]
fn a_long_file_name_still_renders() {
    let d = tempdir("longname");
    let stem = "长".repeat(80); // 240 bytes; the report name is 245 bytes
    fs::write(d.join(format!("{stem}.yaml")), UNIT).unwrap();
    let (code, _, err) = run(&d, &["render", &format!("{stem}.yaml"), "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    assert!(d.join(format!("out/{stem}.html")).exists());
}

#[test]
fn an_output_that_is_a_file_says_so_in_chinese() {
    let d = tempdir("outfile2");
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    fs::write(d.join("out"), "x").unwrap();
    let (code, _, err) = run(&d, &["render", "u.yaml", "-o", "out"]);
    assert_eq!(code, 2);
    assert!(err.contains("无法创建输出目录"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_failing_stdout_exits_two() {
    let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("juesuan"))
        .current_dir(root())
        .args(["check", "--format", "json", "examples/minimal.yaml"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法写出到标准输出（磁盘空间不足）"));
}

#[test]
fn previous_file_never_echoes_a_file_that_is_not_a_unit() {
    let d = tempdir("prevsecret");
    fs::write(d.join("secret.yaml"), "DB_PASSWORD=hunter2-secret\nother: line\n").unwrap();
    fs::write(d.join("u.yaml"), format!("{UNIT}previous_file: secret.yaml\n")).unwrap();
    fs::write(
        d.join("env.yaml"),
        format!("{UNIT}previous_file: /proc/self/environ\n"),
    )
    .unwrap();
    let (code, out, err) = run(&d, &["check", "u.yaml", "env.yaml"]);
    assert_eq!(code, 2);
    let all = format!("{out}{err}");
    assert!(
        all.contains("previous_file 指向的文件“secret.yaml”（第1行第1列）不是有效的决算数据文件"),
        "{all}"
    );
    assert!(all.contains("只能指向 .yaml 或 .yml 文件"), "{all}");
    assert!(!all.contains("hunter2") && !all.contains("PATH="), "{all}");
    // A FIFO named like a unit file is refused without blocking.
    mkfifo(&d.join("pipe.yaml"));
    fs::write(d.join("p.yaml"), format!("{UNIT}previous_file: pipe.yaml\n")).unwrap();
    let (code, _, err) = run(&d, &["check", "p.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("命名管道"), "{err}");
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let d = tempdir("ansi");
    fs::create_dir_all(d.join("\u{1b}[2J")).unwrap();
    fs::write(
        d.join("\u{1b}[2J/u.yaml"),
        format!("{UNIT}\"\\e[32m0 个错误\": 1\n"),
    )
    .unwrap();
    let (code, out, err) = run(&d, &["check", "\u{1b}[2J/u.yaml"]);
    assert_eq!(code, 2);
    let all = format!("{out}{err}");
    assert!(!all.contains('\u{1b}'), "{all:?}");
    assert!(all.contains("\\u{1B}[32m0 个错误"), "{all}");
}

#[test]
fn quiet_prints_no_line_per_report() {
    let (code, _, err) = run(
        &root(),
        &["render", "examples/minimal.yaml", "-q", "-o", "target/quiet-out"],
    );
    assert_eq!(code, 0);
    assert!(!err.contains("已生成"), "{err}");
}

#[test]
fn messages_are_chinese_without_parser_developer_hints() {
    let (_, _, err) = run(&root(), &["check", "tests/bad-inputs/duplicate-key.yaml"]);
    assert!(err.contains("重复的键"), "{err}");
    for english in ["DuplicateKeyPolicy", "Duplicate", "at line", "expected"] {
        assert!(!err.contains(english), "{english} in {err}");
    }
}

/// A stand-in for Chromium: a shell script that behaves as asked.
fn fake_chromium(d: &Path, body: &str) -> std::path::PathBuf {
    let p = d.join("fake-chromium");
    fs::write(
        &p,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${{a#--print-to-pdf=}}\";; file://*) url=\"$a\";; esac; done\n{body}\n"
        ),
    )
    .unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    p
}

fn render_pdf(d: &Path, chromium: &Path, out: &str, extra: &[&str]) -> (i32, String) {
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    let mut args = vec!["render", "u.yaml", "--format", "md,pdf", "-o", out, "--chromium"];
    let c = chromium.to_str().unwrap().to_string();
    args.push(&c);
    args.extend_from_slice(extra);
    let (code, _, err) = run(d, &args);
    (code, err)
}

#[test]
fn a_hanging_chromium_is_stopped_and_leaves_nothing() {
    let d = tempdir("pdf-hang");
    let chromium = fake_chromium(&d, "exec sleep 600");
    let (code, err) = render_pdf(&d, &chromium, "out", &["--pdf-timeout", "1"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Chromium 在 1 秒内没有打印完"), "{err}");
    assert!(names(&d.join("out")).is_empty(), "{:?}", names(&d.join("out")));
}

#[test]
fn a_pdf_that_is_not_a_pdf_is_refused() {
    let d = tempdir("pdf-bad");
    let chromium = fake_chromium(&d, "printf 'hello' > \"$out\"");
    let (code, err) = render_pdf(&d, &chromium, "out", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("没有写出有效的 PDF（5 字节"), "{err}");
    assert!(names(&d.join("out")).is_empty(), "the .md is not renamed either");
}

#[test]
fn the_page_url_is_percent_encoded() {
    let d = tempdir("pdf-url");
    let chromium = fake_chromium(
        &d,
        "echo \"$url\" > \"$(dirname \"$0\")/url.txt\"; printf '%%PDF-1.4\\n%0100d\\n' 0 > \"$out\"",
    );
    let (code, err) = render_pdf(&d, &chromium, "x%41 #b", &[]);
    assert_eq!(code, 0, "{err}");
    let url = fs::read_to_string(d.join("url.txt")).unwrap();
    assert!(url.contains("/x%2541%20%23b/"), "{url}");
    assert!(d.join("x%41 #b/u.pdf").exists() && d.join("x%41 #b/u.md").exists());
    assert_eq!(
        names(&d.join("x%41 #b")),
        ["u.md", "u.pdf"],
        "the print HTML is removed"
    );
}

#[test]
fn chromium_given_as_a_directory_says_so() {
    let (code, _, err) = run(
        &root(),
        &[
            "render",
            "examples/minimal.yaml",
            "--format",
            "pdf",
            "--chromium",
            "/tmp",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("/tmp 是一个目录"), "{err}");
}

#[test]
fn a_template_directory_with_link_loops_and_a_fifo_cannot_hang() {
    let d = tempdir("tpl-loops");
    fs::create_dir_all(d.join("tpl/sections")).unwrap();
    fs::write(d.join("tpl/sections/other.md"), "改过的其他事项。\n").unwrap();
    std::os::unix::fs::symlink(".", d.join("tpl/a")).unwrap();
    std::os::unix::fs::symlink(".", d.join("tpl/b")).unwrap();
    std::os::unix::fs::symlink("..", d.join("tpl/sections/up")).unwrap();
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    let (code, _, err) = run(&d, &["render", "u.yaml", "--templates", "tpl", "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        fs::read_to_string(d.join("out/u.md"))
            .unwrap()
            .contains("改过的其他事项。")
    );
    mkfifo(&d.join("tpl/sections/pipe.md"));
    let (code, _, err) = run(&d, &["render", "u.yaml", "--templates", "tpl", "-o", "out"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("命名管道"), "{err}");
}

#[test]
fn check_json_reports_an_empty_directory_and_checks_the_rest() {
    let d = tempdir("json-empty");
    fs::create_dir_all(d.join("empty")).unwrap();
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    let (code, out, _) = run(&d, &["check", "--format", "json", "empty", "u.yaml"]);
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["unreadable"][0]["file"], "empty", "{doc}");
    assert_eq!(doc["errors"], 0, "u.yaml was still checked: {doc}");
}

#[test]
fn temporaries_of_a_killed_run_are_removed_by_the_next() {
    let d = tempdir("kill9");
    fs::write(d.join("u.yaml"), UNIT).unwrap();
    // Chromium that says it started, then hangs: juesuan is killed while the .md and the .pdf
    // temporaries exist.
    let chromium = fake_chromium(&d, "echo $$ > \"$(dirname \"$0\")/chromium.pid\"; exec sleep 600");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("juesuan"))
        .current_dir(&d)
        .args([
            "render",
            "u.yaml",
            "--format",
            "md,pdf",
            "-o",
            "out",
            "--chromium",
        ])
        .arg(&chromium)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while !d.join("chromium.pid").exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the fake Chromium never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL: no destructor runs
    child.wait().unwrap();
    let pid = fs::read_to_string(d.join("chromium.pid")).unwrap();
    // Its own process group (juesuan made it the leader): stop all of it.
    let _ = std::process::Command::new("kill")
        .args(["-9", "--", &format!("-{}", pid.trim())])
        .status();
    let left: Vec<String> = names(&d.join("out"))
        .into_iter()
        .filter(|n| n.starts_with(".juesuan-"))
        .collect();
    assert!(left.len() >= 2, "the killed run left its temporaries: {left:?}");
    assert!(!d.join("out/u.md").exists(), "nothing was renamed into place");
    let (code, _, err) = run(&d, &["render", "u.yaml", "--format", "md", "-o", "out"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(names(&d.join("out")), ["u.md"]);
}
