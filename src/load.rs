//! Load stage: a unit file on disk → its text, the parsed [`UnitFile`], a line index for
//! findings, and last year's file when `previous_file` names one.
//!
//! Only regular files are read: anything else (a directory, a FIFO, `/dev/zero`) is refused from
//! its metadata without being opened for reading, the size is checked from the metadata before
//! reading, and the read itself is bounded, so no input can make juesuan block or read more
//! than [`MAX_INPUT_BYTES`]. A `previous_file` must be a regular `.yaml`/`.yml` file, and its
//! content is never quoted in a message.

use crate::error::{FileKind, LoadError, LoadProblem, PreviousProblem, ReadError};
use crate::input::UnitFile;
use crate::yaml::{self, MAX_INPUT_BYTES, PathIndex};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One unit file, read and parsed.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The path as given by the user.
    pub path: PathBuf,
    /// The parsed figures.
    pub unit: UnitFile,
    /// The file's text (line breaks normalized to `\n`), kept to point findings at lines.
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

/// Whether a path names a unit file by its extension (`.yaml` or `.yml`, in any case).
pub fn has_yaml_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Reads at most `limit` bytes of a regular file. Refuses anything else from its metadata
/// (without opening it), checks the size before reading, opens without blocking (so a file
/// swapped for a FIFO after the check cannot hang the read) and re-checks what was opened.
pub fn read_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    use std::os::unix::fs::OpenOptionsExt;
    let meta = std::fs::metadata(path)?;
    check_regular(&meta, limit)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let meta = file.metadata()?;
    check_regular(&meta, limit)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit: limit as u64,
        });
    }
    Ok(bytes)
}

fn check_regular(meta: &std::fs::Metadata, limit: usize) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotRegular(FileKind::of(meta)));
    }
    if meta.len() > limit as u64 {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit: limit as u64,
        });
    }
    Ok(())
}

/// Reads and parses one unit file, and its `previous_file` if it names one.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let mut loaded = load_one(path)?;
    if let Some(prev) = loaded.unit.previous_file.clone() {
        let fail = |p: PreviousProblem| LoadError::new(path, LoadProblem::Previous(p));
        let prev_path = resolve(path, &prev);
        if !has_yaml_extension(&prev_path) {
            return Err(fail(PreviousProblem::NotYaml(prev)));
        }
        if same_file(&prev_path, path) {
            return Err(fail(PreviousProblem::Itself(prev)));
        }
        let mut previous = match load_one(&prev_path) {
            Ok(p) => p,
            Err(e) => {
                return Err(fail(match e.problem {
                    LoadProblem::Read(reason) => PreviousProblem::Unreadable { named: prev, reason },
                    LoadProblem::Parse(p) => PreviousProblem::Invalid {
                        named: prev,
                        line: p.line,
                        column: p.column,
                    },
                    LoadProblem::Previous(_) => PreviousProblem::Invalid {
                        named: prev,
                        line: None,
                        column: None,
                    },
                }));
            }
        };
        if let Some(pp) = &previous.unit.previous_file
            && same_file(&resolve(&prev_path, pp), path)
        {
            return Err(fail(PreviousProblem::Cycle(prev)));
        }
        // Only last year's own figures are used; its own previous year is not needed.
        previous.previous = None;
        loaded.previous = Some(Box::new(previous));
    }
    Ok(loaded)
}

fn load_one(path: &Path) -> Result<Loaded, LoadError> {
    let bytes =
        read_bounded(path, MAX_INPUT_BYTES + 3).map_err(|e| LoadError::new(path, LoadProblem::Read(e)))?;
    let parse = |e| LoadError::new(path, LoadProblem::Parse(Box::new(e)));
    let text = yaml::decode(&bytes).map_err(parse)?;
    let text = yaml::normalize_line_breaks(text);
    let unit = yaml::parse_unit(&text).map_err(parse)?;
    Ok(Loaded {
        path: path.to_path_buf(),
        unit,
        text: text.into_owned(),
        index: OnceLock::new(),
        previous: None,
    })
}

/// Parses a unit from text already in memory (tests, fuzzing, benchmarks).
pub fn load_str(name: &str, text: &str) -> Result<Loaded, LoadError> {
    let path = PathBuf::from(name);
    let text = yaml::normalize_line_breaks(text);
    let unit = yaml::parse_unit(&text).map_err(|e| LoadError::new(&path, LoadProblem::Parse(Box::new(e))))?;
    Ok(Loaded {
        path,
        unit,
        text: text.into_owned(),
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

/// A read failure in Chinese, for code outside the load stage that reads files (templates).
pub fn io_cn(e: &std::io::Error) -> String {
    ReadError::from(std::io::Error::new(e.kind(), e.to_string())).to_string()
}
