//! PDF output: the standalone HTML report printed by a headless Chromium, with no network access
//! (the page has no external assets, and Chromium is started with its network features off and
//! every host unresolvable). The fonts named first in `templates/page.html` (WenQuanYi Zen Hei,
//! TrueType) embed as CID TrueType, which gives a text layer that `pdftotext` and pdfplumber both
//! read as the page says; CFF-based CJK fonts embed as Type 3 and some extractors then read
//! Kangxi-radical code points instead of the characters.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How to install what printing needs, for the message when Chromium is missing.
pub const INSTALL_HINT: &str = "生成 PDF 需要 Chromium 浏览器和文泉驿正黑字体：Debian/Ubuntu 上运行 \
`sudo apt-get install chromium fonts-wqy-zenhei`，或用 --chromium 指定浏览器程序的路径（也可设置环境变量 \
JUESUAN_CHROMIUM）。";

/// A Chromium to print with.
#[derive(Debug, Clone)]
pub struct Printer {
    program: PathBuf,
}

impl Printer {
    /// Finds Chromium: the given path, else `$JUESUAN_CHROMIUM`, else `chromium`,
    /// `chromium-browser`, `google-chrome` or `google-chrome-stable` on the PATH.
    pub fn find(given: Option<&Path>) -> Result<Printer, String> {
        if let Some(p) = given
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("JUESUAN_CHROMIUM").map(PathBuf::from))
        {
            return if p.is_file() {
                Ok(Printer { program: p })
            } else {
                Err(format!("找不到 Chromium：{} 不存在。{INSTALL_HINT}", p.display()))
            };
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        for dir in std::env::split_paths(&path) {
            for name in [
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
            ] {
                let p = dir.join(name);
                if p.is_file() {
                    return Ok(Printer { program: p });
                }
            }
        }
        Err(format!("没有找到 Chromium。{INSTALL_HINT}"))
    }

    /// Prints `html` (a file) to `pdf`. The PDF is written beside its target and renamed into
    /// place, so an earlier PDF stays intact if printing fails.
    pub fn print(&self, html: &Path, pdf: &Path) -> Result<(), String> {
        let dir = pdf
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let stem = pdf
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{stem}.{}.tmp.pdf", std::process::id()));
        let profile = std::env::temp_dir().join(format!("juesuan-chromium-{}-{stem}", std::process::id()));
        let html = html
            .canonicalize()
            .map_err(|e| format!("{}：{e}", html.display()))?;
        let mut cmd = Command::new(&self.program);
        cmd.args([
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-quic",
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", tmp.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        if running_as_root() {
            // Chromium refuses to start as root with its sandbox on; the page is our own file.
            cmd.arg("--no-sandbox");
        }
        let out = cmd
            .output()
            .map_err(|e| format!("无法运行 {}：{e}。{INSTALL_HINT}", self.program.display()))?;
        let _ = std::fs::remove_dir_all(&profile);
        let ok = out.status.success() && tmp.metadata().is_ok_and(|m| m.len() > 0);
        if !ok {
            let _ = std::fs::remove_file(&tmp);
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
            return Err(format!("Chromium 打印 PDF 失败（{}）：{last}", out.status));
        }
        std::fs::rename(&tmp, pdf).map_err(|e| {
            format!(
                "无法写入 {}：{}（原有文件保持不变）",
                pdf.display(),
                crate::load::io_cn(&e)
            )
        })
    }
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}
