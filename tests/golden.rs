//! Golden outputs: the real binary renders every example in both formats and the result is
//! compared byte for byte with `tests/expected/`. `JUESUAN_BLESS=1 cargo test --test golden`
//! rewrites the expected files; an expected file that no example produces fails the test.

mod common;
use assert_cmd::Command;
use common::{root, tempdir};
use std::collections::BTreeSet;
use std::fs;

fn examples() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn examples_match_expected_outputs() {
    let bless = std::env::var_os("JUESUAN_BLESS").is_some();
    let expected_dir = root().join("tests/expected");
    let out = tempdir("golden");
    let mut produced = BTreeSet::new();
    let mut mismatches = Vec::new();
    for name in examples() {
        let status = Command::cargo_bin("juesuan")
            .unwrap()
            .current_dir(root())
            .args(["render", &format!("examples/{name}.yaml"), "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        for ext in ["md", "html"] {
            let file = format!("{name}.{ext}");
            produced.insert(file.clone());
            let got = fs::read(out.join(&file)).unwrap();
            let want_path = expected_dir.join(&file);
            if bless {
                fs::create_dir_all(&expected_dir).unwrap();
                fs::write(&want_path, &got).unwrap();
            } else if fs::read(&want_path).ok().as_deref() != Some(&got[..]) {
                mismatches.push(file);
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "rendered output differs from tests/expected for {mismatches:?}; review the diff (render to a \
         directory and compare) and re-bless with JUESUAN_BLESS=1 cargo test --test golden"
    );
    let stale: Vec<String> = fs::read_dir(&expected_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| !produced.contains(f))
        .collect();
    assert!(
        stale.is_empty(),
        "expected files no example produces any more: {stale:?}"
    );
}
