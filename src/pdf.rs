//! PDF output: the standalone HTML report printed by a headless Chromium, with no network access
//! (the page has no external assets, and Chromium is started with its network features off and
//! every host unresolvable). The fonts named first in `templates/page.html` (WenQuanYi Zen Hei,
//! TrueType) embed as CID TrueType, which gives a text layer that `pdftotext` and pdfplumber both
//! read as the page says; CFF-based CJK fonts embed as Type 3 and some extractors then read
//! Kangxi-radical code points instead of the characters.
//!
//! Each print gets its own Chromium profile directory (removed afterwards), the page is passed
//! as a percent-encoded `file://` URL, the browser (with everything it started) is killed after
//! [`Printer::timeout`], and what it wrote is accepted only if it is a PDF.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::NamedTempFile;
use thiserror::Error;

/// How to install what printing needs, for the message when Chromium is missing.
pub const INSTALL_HINT: &str = "生成 PDF 需要 Chromium 浏览器和文泉驿正黑字体：Debian/Ubuntu 上运行 \
`sudo apt-get install chromium fonts-wqy-zenhei`，或用 --chromium 指定浏览器程序的路径（也可设置环境变量 \
JUESUAN_CHROMIUM）。";

/// How long one print may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Why no PDF was printed.
#[derive(Debug, Error)]
pub enum PdfError {
    /// The path given is not there.
    #[error("找不到 Chromium：{} 不存在。{INSTALL_HINT}", .0.display())]
    Missing(PathBuf),
    /// The path given is a directory.
    #[error("--chromium 应指向 Chromium 程序文件，{} 是一个目录（例如应写 {}/chromium）。{INSTALL_HINT}", .0.display(), .0.display())]
    Directory(PathBuf),
    /// Not found on the PATH.
    #[error("没有找到 Chromium。{INSTALL_HINT}")]
    NotFound,
    /// It could not be started.
    #[error("无法运行 {}（{reason}）。{INSTALL_HINT}", .program.display())]
    Start {
        /// The program.
        program: PathBuf,
        /// The system's reason.
        reason: std::io::Error,
    },
    /// It did not finish in time and was stopped.
    #[error("Chromium 在 {} 秒内没有打印完，已停止它；原有的 PDF 保持不变", .0.as_secs())]
    Timeout(Duration),
    /// It failed.
    #[error("Chromium 打印 PDF 失败（{status}）：{last_line}")]
    Failed {
        /// Its exit status.
        status: String,
        /// The last line of its error output.
        last_line: String,
    },
    /// It wrote something that is not a PDF.
    #[error("Chromium 没有写出有效的 PDF（{0} 字节，不是 PDF 文件）；原有的 PDF 保持不变")]
    NotPdf(u64),
    /// A temporary file or directory could not be made.
    #[error("无法创建打印用的临时文件（{0}）")]
    Temp(std::io::Error),
}

/// A Chromium to print with.
#[derive(Debug, Clone)]
pub struct Printer {
    program: PathBuf,
    timeout: Duration,
}

impl Printer {
    /// Finds Chromium: the given path, else `$JUESUAN_CHROMIUM`, else `chromium`,
    /// `chromium-browser`, `google-chrome` or `google-chrome-stable` on the PATH.
    pub fn find(given: Option<&Path>) -> Result<Printer, PdfError> {
        let printer = |program| Printer {
            program,
            timeout: DEFAULT_TIMEOUT,
        };
        if let Some(p) = given
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("JUESUAN_CHROMIUM").map(PathBuf::from))
        {
            return if p.is_file() {
                Ok(printer(p))
            } else if p.is_dir() {
                Err(PdfError::Directory(p))
            } else {
                Err(PdfError::Missing(p))
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
                    return Ok(printer(p));
                }
            }
        }
        Err(PdfError::NotFound)
    }

    /// The same printer with another time limit per print.
    pub fn with_timeout(mut self, timeout: Duration) -> Printer {
        self.timeout = timeout;
        self
    }

    /// How long one print may take before Chromium is stopped.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Prints `html` (a file) to a new temporary PDF in `dir`, returned for the caller to rename
    /// into place.
    pub fn print(&self, html: &Path, dir: &Path) -> Result<NamedTempFile, PdfError> {
        let pdf = crate::output::temp_in(dir, ".pdf").map_err(PdfError::Temp)?;
        let profile = tempfile::Builder::new()
            .prefix("juesuan-chromium-")
            .tempdir()
            .map_err(PdfError::Temp)?;
        let html = html.canonicalize().map_err(PdfError::Temp)?;
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
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.path().display()))
        .arg(file_url(&html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        if running_as_root() {
            // Chromium refuses to start as root with its sandbox on; the page is our own file.
            cmd.arg("--no-sandbox");
        }
        // Its own process group, so that a timeout stops every process it started.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.spawn().map_err(|reason| PdfError::Start {
            program: self.program.clone(),
            reason,
        })?;
        let mut stderr = child.stderr.take();
        let reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(s) = stderr.as_mut() {
                let _ = s.take(1 << 20).read_to_end(&mut buf);
            }
            buf
        });
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if start.elapsed() >= self.timeout => break None,
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(_) => break None,
            }
        };
        let Some(status) = status else {
            kill_group(child.id());
            let _ = child.wait();
            return Err(PdfError::Timeout(self.timeout));
        };
        // Helpers Chromium started may still hold stderr open.
        kill_group(child.id());
        let err = reader.join().unwrap_or_default();
        if !status.success() {
            let err = String::from_utf8_lossy(&err);
            let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
            return Err(PdfError::Failed {
                status: status.to_string(),
                last_line: crate::error::shown(last),
            });
        }
        let mut head = [0u8; 5];
        let len = pdf.as_file().metadata().map(|m| m.len()).unwrap_or(0);
        let is_pdf = std::fs::File::open(pdf.path())
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
            && &head == b"%PDF-"
            && len > 64;
        if !is_pdf {
            return Err(PdfError::NotPdf(len));
        }
        Ok(pdf)
    }
}

/// A `file://` URL of an absolute path, every byte outside the unreserved set and `/`
/// percent-encoded (so `%`, `#`, `?` and spaces in a directory name stay part of the path).
pub fn file_url(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn kill_group(pid: u32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: sends SIGKILL to the process group we created for this child; no memory is
        // touched.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/x%41/a#b c.html")),
            "file:///tmp/x%2541/a%23b%20c.html"
        );
        assert_eq!(
            file_url(Path::new("/输出/a.html")),
            "file:///%E8%BE%93%E5%87%BA/a.html"
        );
    }
}
