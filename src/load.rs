//! Load stage: a unit file on disk → its text, the parsed [`UnitFile`], a line index for
//! findings, and last year's file when `previous_file` names one.

use crate::input::UnitFile;
use crate::yaml::{self, ParseError, PathIndex};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One unit file, read and parsed.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The path as given by the user.
    pub path: PathBuf,
    /// The parsed figures.
    pub unit: UnitFile,
    /// The file's text, kept to point findings at lines.
    pub text: String,
    /// YAML path → line, built from `text` the first time a finding needs it.
    index: OnceLock<PathIndex>,
    /// Last year's file, when `previous_file` names one.
    pub previous: Option<Box<Loaded>>,
}

impl Loaded {
    /// The line of a YAML path in the file (or of its nearest ancestor), when known.
    pub fn line(&self, path: &str) -> Option<usize> {
        self.index.get_or_init(|| PathIndex::build(&self.text)).line(path)
    }
}

/// A file that cannot be used at all (exit code 2).
#[derive(Debug, Clone)]
pub struct LoadError {
    /// The file the problem is in.
    pub file: PathBuf,
    /// What is wrong, where.
    pub error: ParseError,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：", self.file.display())?;
        if let Some(line) = self.error.line
            && !self.error.message.starts_with('第')
        {
            write!(f, "第{line}行：")?;
        }
        fmt::Display::fmt(&self.error, f)
    }
}

impl std::error::Error for LoadError {}

fn err(file: &Path, message: String) -> LoadError {
    LoadError {
        file: file.to_path_buf(),
        error: ParseError {
            line: None,
            column: None,
            message,
            snippet: None,
        },
    }
}

/// Reads and parses one unit file, and its `previous_file` if it names one.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let mut loaded = load_one(path)?;
    if let Some(prev) = loaded.unit.previous_file.clone() {
        let prev_path = resolve(path, &prev);
        if same_file(&prev_path, path) {
            return Err(err(
                path,
                format!("previous_file 指向了本文件自身（{prev}）：应指向上一年度的决算数据文件"),
            ));
        }
        let mut previous = load_one(&prev_path).map_err(|e| {
            if e.file == prev_path && e.error.line.is_none() && e.error.message.starts_with("无法读取") {
                err(
                    path,
                    format!("previous_file 指向的文件“{prev}”无法读取：{}", e.error.message),
                )
            } else {
                e
            }
        })?;
        if let Some(pp) = &previous.unit.previous_file
            && same_file(&resolve(&prev_path, pp), path)
        {
            return Err(err(
                path,
                format!(
                    "previous_file 形成循环：本文件指向“{prev}”，而它又指回本文件；上年文件应指向更早的年度"
                ),
            ));
        }
        // Only last year's own figures are used; its own previous year is not needed.
        previous.previous = None;
        loaded.previous = Some(Box::new(previous));
    }
    Ok(loaded)
}

fn load_one(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| err(path, format!("无法读取文件：{}", io_cn(&e))))?;
    let text = yaml::decode(&bytes).map_err(|error| LoadError {
        file: path.to_path_buf(),
        error,
    })?;
    let unit = yaml::parse_unit(text).map_err(|error| LoadError {
        file: path.to_path_buf(),
        error,
    })?;
    Ok(Loaded {
        path: path.to_path_buf(),
        unit,
        text: text.to_string(),
        index: OnceLock::new(),
        previous: None,
    })
}

/// Parses a unit from text already in memory (tests, fuzzing, benchmarks).
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadError> {
    let path = PathBuf::from(name);
    let unit = yaml::parse_unit(text).map_err(|error| LoadError {
        file: path.clone(),
        error,
    })?;
    Ok(Loaded {
        path,
        unit,
        text: text.to_string(),
        index: OnceLock::new(),
        previous: None,
    })
}

/// A path named inside `base`'s file, relative to that file's directory.
fn resolve(base: &Path, named: &str) -> PathBuf {
    let p = Path::new(named);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.parent().unwrap_or(Path::new(".")).join(p)
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// An I/O error in Chinese.
pub fn io_cn(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".to_string(),
        PermissionDenied => "没有读取权限".to_string(),
        IsADirectory => "这是一个目录，不是文件".to_string(),
        _ => e.to_string(),
    }
}
