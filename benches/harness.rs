//! The benchmark harness: `cargo bench --bench harness` (full) or `cargo bench --bench harness --
//! --quick` (what CI runs, so it cannot rot). Prints a Markdown table of:
//!
//! (a) one typical unit end to end as a process, median of many runs;
//! (b) a batch of units rendered in one process with 1 thread and with all cores (reports/s);
//! (c) peak memory of that batch;
//! (d) the split of time per unit between load, derive, audit, the document and each writer;
//! (e) how time grows with the number of 项 rows (10, 100, 1,000);
//! (f) the PDF: one typical unit to PDF as a process (median), a batch of units to PDF on all
//!     cores (PDFs/s) and its peak memory, with the built-in Typst engine and, where Chromium is
//!     installed, with `--pdf-engine chromium` side by side;
//!
//! and, side by side, `cp` of the same input files (the floor of reading and writing) and pandoc
//! converting the same Markdown to HTML, where pandoc is installed. Timings are measured, never
//! asserted.

use juesuan::render::{Format, Renderer};
use juesuan::synth::unit_yaml;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_juesuan");

/// A typical unit: as many 项 as the largest example, with a few 绩效 projects.
const TYPICAL_ITEMS: usize = 20;
const TYPICAL_PROJECTS: usize = 3;

struct Config {
    process_runs: usize,
    batch_units: usize,
    pdf_runs: usize,
    pdf_units: usize,
    chromium_units: usize,
    stage_runs: usize,
    growth_runs: usize,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("juesuan-bench-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

/// Runs a command to completion and returns its wall time and peak resident memory (KiB, from
/// /proc, sampled while it runs).
fn run(cmd: &mut Command) -> (Duration, u64) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(text) = fs::read_to_string(&status_path)
            && let Some(kb) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
        {
            peak = peak.max(kb.parse().unwrap_or(0));
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "{cmd:?} failed");
            return (start.elapsed(), peak);
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let cfg = if quick {
        Config {
            process_runs: 15,
            batch_units: 300,
            pdf_runs: 5,
            pdf_units: 30,
            chromium_units: 4,
            stage_runs: 20,
            growth_runs: 3,
        }
    } else {
        Config {
            process_runs: 101,
            batch_units: 10_000,
            pdf_runs: 21,
            pdf_units: 300,
            chromium_units: 30,
            stage_runs: 300,
            growth_runs: 11,
        }
    };
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let dir = scratch();
    let mut rows: Vec<(String, String, String)> = Vec::new();

    // (a) one typical unit as a process.
    let unit = dir.join("typical.yaml");
    fs::write(&unit, unit_yaml(1, TYPICAL_ITEMS, TYPICAL_PROJECTS)).unwrap();
    let out = dir.join("out-a");
    let times: Vec<Duration> = (0..cfg.process_runs)
        .map(|_| run(Command::new(BIN).arg("render").arg(&unit).arg("-o").arg(&out)).0)
        .collect();
    let per_process = median(times);
    rows.push((
        "(a) one typical unit, process start to both files written (median)".into(),
        ms(per_process),
        "≤ 5 ms".into(),
    ));

    // (b), (c) a batch in one process, 1 thread and all cores.
    let units = dir.join("units");
    fs::create_dir_all(&units).unwrap();
    for i in 0..cfg.batch_units {
        let sub = units.join(format!("{:03}", i % 100));
        fs::create_dir_all(&sub).unwrap();
        fs::write(
            sub.join(format!("u{i}.yaml")),
            unit_yaml(i as u64, 5 + (i % 40), i % 6),
        )
        .unwrap();
    }
    let batch = |threads: usize| {
        let out = dir.join(format!("out-b{threads}"));
        let (t, peak) = run(Command::new(BIN)
            .arg("render")
            .arg(&units)
            .args(["-q", "--jobs", &threads.to_string(), "-o"])
            .arg(&out));
        let _ = fs::remove_dir_all(&out);
        (cfg.batch_units as f64 / t.as_secs_f64(), t, peak)
    };
    let (one, t1, peak1) = batch(1);
    let (all, tn, peakn) = batch(cores);
    let n = cfg.batch_units;
    rows.push((
        format!("(b) {n} units in one process, 1 thread"),
        format!("{one:.0} reports/s ({:.2} s)", t1.as_secs_f64()),
        String::new(),
    ));
    rows.push((
        format!("(b) {n} units in one process, {cores} threads"),
        format!("{all:.0} reports/s ({:.2} s)", tn.as_secs_f64()),
        "≥ 1,000 reports/s on 2 cores".into(),
    ));
    rows.push((
        format!("(c) peak memory of the {n}-unit batch (1 thread / {cores} threads)"),
        format!(
            "{:.1} MB / {:.1} MB",
            peak1 as f64 / 1024.0,
            peakn as f64 / 1024.0
        ),
        "≤ 64 MB".into(),
    ));

    // Floor: cp of the same input files; pandoc on the same Markdown.
    let (cp, _) = run(Command::new("cp").arg("-r").arg(&units).arg(dir.join("copy")));
    rows.push((
        format!("`cp -r` of the {n} input files (floor)"),
        format!(
            "{:.2} s — juesuan/cp = {:.1}×",
            cp.as_secs_f64(),
            tn.as_secs_f64() / cp.as_secs_f64()
        ),
        String::new(),
    ));
    let md = out.join("typical.md");
    if Command::new("pandoc")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        let times: Vec<Duration> = (0..cfg.process_runs.min(21))
            .map(|_| run(Command::new("pandoc").arg(&md).arg("-o").arg(dir.join("p.html"))).0)
            .collect();
        let p = median(times);
        rows.push((
            "pandoc converting the typical unit's Markdown to HTML (median)".into(),
            format!(
                "{} — pandoc/juesuan = {:.1}×",
                ms(p),
                p.as_secs_f64() / per_process.as_secs_f64()
            ),
            String::new(),
        ));
    } else {
        rows.push((
            "pandoc converting the same Markdown".into(),
            "pandoc not installed".into(),
            String::new(),
        ));
    }

    // (d) split of time per unit, in process.
    let renderer = Renderer::new(None).unwrap();
    let text = fs::read_to_string(&unit).unwrap();
    let mut stage = [Duration::ZERO; 6];
    for _ in 0..cfg.stage_runs {
        let t = Instant::now();
        let loaded = juesuan::load::load(&unit).unwrap();
        stage[0] += t.elapsed();
        let t = Instant::now();
        let ctx = juesuan::derive::derive(&loaded);
        stage[1] += t.elapsed();
        let t = Instant::now();
        let findings = juesuan::audit::audit(&loaded, &ctx);
        stage[2] += t.elapsed();
        assert!(!juesuan::audit::has_errors(&findings));
        let t = Instant::now();
        let doc = renderer.document(&ctx, "central").unwrap();
        stage[3] += t.elapsed();
        let t = Instant::now();
        renderer.write(&doc, Format::Markdown).unwrap();
        stage[4] += t.elapsed();
        let t = Instant::now();
        renderer.write(&doc, Format::Html).unwrap();
        stage[5] += t.elapsed();
    }
    let total: Duration = stage.iter().sum();
    let names = [
        "load (read + YAML)",
        "derive",
        "audit",
        "document (prose templates, Markdown parse, tables from layouts)",
        "Markdown writer",
        "HTML writer (with the page shell)",
    ];
    for (name, d) in names.iter().zip(stage) {
        let per = d / cfg.stage_runs as u32;
        rows.push((
            format!("(d) {name}"),
            format!(
                "{} ({:.0}%)",
                ms(per),
                d.as_secs_f64() * 100.0 / total.as_secs_f64()
            ),
            String::new(),
        ));
    }
    let t = Instant::now();
    for _ in 0..cfg.stage_runs.min(50) {
        Renderer::new(None).unwrap();
    }
    rows.push((
        "(d) parsing the templates (once per process)".into(),
        ms(t.elapsed() / cfg.stage_runs.min(50) as u32),
        String::new(),
    ));
    let _ = text;

    // (e) growth with rows.
    let mut previous: Option<(usize, Duration)> = None;
    for items in [10, 100, 1000] {
        let text = unit_yaml(3, items, 0);
        let path = dir.join(format!("rows{items}.yaml"));
        fs::write(&path, &text).unwrap();
        let times: Vec<Duration> = (0..cfg.growth_runs)
            .map(|_| {
                let t = Instant::now();
                let loaded = juesuan::load::load(&path).unwrap();
                let ctx = juesuan::derive::derive(&loaded);
                let _ = juesuan::audit::audit(&loaded, &ctx);
                renderer
                    .render_formats(&ctx, "central", &[Format::Markdown, Format::Html])
                    .unwrap();
                t.elapsed()
            })
            .collect();
        let m = median(times);
        let growth = previous
            .map(|(n, d)| {
                format!(
                    "×{:.1} for ×{} rows",
                    m.as_secs_f64() / d.as_secs_f64(),
                    items / n
                )
            })
            .unwrap_or_default();
        rows.push((
            format!("(e) one unit with {items} 项, in process (median)"),
            ms(m),
            growth,
        ));
        previous = Some((items, m));
    }

    // (f) the PDF, per engine.
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
    let mut engines = vec![("typst", cfg.pdf_units)];
    if chromium.is_some() {
        engines.push(("chromium", cfg.chromium_units));
    }
    for (engine, units_n) in engines {
        let out = dir.join(format!("out-pdf-{engine}"));
        let runs = if engine == "typst" {
            cfg.pdf_runs
        } else {
            cfg.pdf_runs.min(5)
        };
        let mut peak_one = 0;
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let (t, p) = run(Command::new(BIN)
                    .arg("render")
                    .arg(&unit)
                    .args(["--format", "pdf", "--pdf-engine", engine, "-q", "-o"])
                    .arg(&out));
                peak_one = peak_one.max(p);
                t
            })
            .collect();
        let one = median(times);
        rows.push((
            format!("(f) {engine}: one typical unit to PDF, process (median of {runs})"),
            format!("{} (peak {:.0} MB)", ms(one), peak_one as f64 / 1024.0),
            if engine == "typst" {
                "≤ 200 ms".into()
            } else {
                String::new()
            },
        ));
        let pdf_units = dir.join(format!("pdf-units-{engine}"));
        fs::create_dir_all(&pdf_units).unwrap();
        for i in 0..units_n {
            fs::write(
                pdf_units.join(format!("u{i}.yaml")),
                unit_yaml(i as u64, 5 + (i % 40), i % 6),
            )
            .unwrap();
        }
        let (t, peak) = run(Command::new(BIN)
            .arg("render")
            .arg(&pdf_units)
            .args(["--format", "pdf", "--pdf-engine", engine, "-q", "-o"])
            .arg(dir.join(format!("out-pdfb-{engine}"))));
        rows.push((
            format!("(f) {engine}: {units_n} units to PDF in one process, {cores} threads"),
            format!(
                "{:.1} PDFs/s ({:.2} s), peak {:.0} MB",
                units_n as f64 / t.as_secs_f64(),
                t.as_secs_f64(),
                peak as f64 / 1024.0
            ),
            if engine == "typst" {
                "≥ 15 PDFs/s, ≤ 200 MB".into()
            } else {
                String::new()
            },
        ));
        let _ = fs::remove_dir_all(dir.join(format!("out-pdfb-{engine}")));
    }

    println!("\n| measure | result | target / note |\n|---|---|---|");
    for (a, b, c) in rows {
        println!("| {a} | {b} | {c} |");
    }
    println!(
        "\nmachine: {cores} cores; mode: {}",
        if quick { "quick" } else { "full" }
    );
    let _ = fs::remove_dir_all(&dir);
    let _ = Path::new(BIN);
}
