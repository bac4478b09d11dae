//! Fuzz target: arbitrary bytes as a small tree of files on disk, through discovery, load (with
//! `previous_file`), derive, audit, render and write. The input is split at the first `0xFF`
//! byte (never valid UTF-8, so it cannot occur inside either file) into a unit file and the
//! file its `previous_file` names; the unit lives in a subdirectory of the directory walked, and
//! gets a `previous_file` line when it has none. Any panic is a bug; errors are expected.
#![no_main]

use juesuan::render::{Format, Renderer};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new(None).expect("built-in templates parse"))
}

fn workdir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("juesuan-fuzz-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let (unit, previous) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let root = workdir();
    let _ = std::fs::remove_dir_all(root);
    let units = root.join("units");
    std::fs::create_dir_all(units.join("县局")).unwrap();
    let mut text = unit.to_vec();
    if !text.windows(13).any(|w| w == b"previous_file") {
        text.extend_from_slice(b"\nprevious_file: ../prev.yaml\n");
    }
    std::fs::write(units.join("县局/u.yaml"), &text).unwrap();
    std::fs::write(units.join("prev.yaml"), previous).unwrap();
    let opts = juesuan::pipeline::Options {
        out: root.join("out"),
        formats: vec![Format::Markdown, Format::Html],
        profile: None,
        printer: None,
    };
    let found = juesuan::batch::plan(&[units], &opts);
    for outcome in juesuan::batch::render_all(renderer(), &found.jobs, &opts, &|| {}) {
        // Every message must be printable: formatting an error must not panic either.
        if let juesuan::pipeline::Status::Failed(e) = &outcome.status {
            let _ = e.to_string();
        }
    }
});
