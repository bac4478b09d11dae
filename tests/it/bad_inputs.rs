//! The bad-input corpus: every file in `tests/bad-inputs/` goes through the real binary and must
//! give the exit code and message fragment that `cases.tsv` lists, never a panic, and always name
//! the file. Hostile inputs too large to commit are generated here.

use crate::common::{root, tempdir};
use assert_cmd::Command;
use std::fs;
use std::time::Duration;

fn check(path: &std::path::Path) -> (i32, String) {
    let out = Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(root())
        .arg("check")
        .arg(path)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn every_bad_input_gets_its_exit_code_and_message() {
    let dir = root().join("tests/bad-inputs");
    let cases = fs::read_to_string(dir.join("cases.tsv")).unwrap();
    let mut listed = Vec::new();
    let mut failures = Vec::new();
    for line in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut parts = line.split('\t');
        let (file, code, fragment) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        listed.push(file.to_string());
        let (got, text) = check(&dir.join(file));
        let code: i32 = code.parse().unwrap();
        if got != code || !text.contains(fragment) || !text.contains(file) || text.contains("panicked") {
            failures.push(format!(
                "{file}: exit {got} (want {code}), want {fragment:?} in:\n{text}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let mut on_disk: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    on_disk.sort();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "every file in tests/bad-inputs must be listed in cases.tsv"
    );
    assert!(listed.len() >= 40, "the corpus has {} cases", listed.len());
}

#[test]
fn a_twenty_megabyte_file_is_refused() {
    let d = tempdir("big");
    let f = d.join("big.yaml");
    let mut text = String::from("unit: {name: 测试局, year: 2023}\nother_matters:\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str("  - 这是一段很长的说明文字，用来把文件撑到二十兆字节以上，检查是否会被拒绝。\n");
    }
    fs::write(&f, text).unwrap();
    let (code, out) = check(&f);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("文件过大"), "{out}");
}

#[test]
fn a_read_only_output_directory_is_an_error_and_keeps_old_reports() {
    let d = tempdir("ro");
    let out_dir = d.join("out");
    fs::create_dir_all(&out_dir).unwrap();
    fs::write(out_dir.join("minimal.md"), "旧报告").unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&out_dir, fs::Permissions::from_mode(0o555)).unwrap();
    }
    let probe = out_dir.join(".probe");
    let writable = fs::write(&probe, "x").is_ok(); // root ignores permissions
    let _ = fs::remove_file(&probe);
    let out = Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(root())
        .args(["render", "examples/minimal.yaml", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&out_dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    if writable {
        eprintln!("running as a user that can write read-only directories; only checking no panic");
        assert!(out.status.success());
        return;
    }
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("无法写入") && err.contains("原有文件保持不变"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(out_dir.join("minimal.md")).unwrap(), "旧报告");
}

#[test]
fn an_output_path_that_is_a_file_is_an_error() {
    let d = tempdir("outfile");
    let blocker = d.join("out");
    fs::write(&blocker, "不是目录").unwrap();
    let out = Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(root())
        .args(["render", "examples/minimal.yaml", "-o"])
        .arg(&blocker)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("无法创建输出目录"), "{err}");
    assert_eq!(
        fs::read_to_string(&blocker).unwrap(),
        "不是目录",
        "nothing the user owns is touched"
    );
}

#[test]
fn pdf_without_chromium_says_how_to_install_it() {
    let out = Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(root())
        .args([
            "render",
            "examples/minimal.yaml",
            "--format",
            "pdf",
            "--chromium",
            "/nonexistent/chromium",
            "-o",
            "target/x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install chromium fonts-wqy-zenhei"), "{err}");
}
