//! The errors of the load and write stages as typed enums, and their Chinese messages: the one
//! place where that wording lives. Each message says what is wrong and what to do. User text that
//! a message quotes goes through [`shown`], so a megabyte-long key or an escape sequence never
//! reaches the terminal whole.

use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Quoted user text is cut to this many characters.
pub const SHOWN_CHARS: usize = 60;

/// User text as a message quotes it: control and invisible characters written as `\u{…}`, and
/// cut after [`SHOWN_CHARS`] characters with the full length said.
pub fn shown(s: &str) -> String {
    let total = s.chars().count();
    let mut out = String::new();
    for c in s.chars().take(SHOWN_CHARS) {
        if crate::terminal::is_unsafe(c) {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    if total > SHOWN_CHARS {
        out.push_str(&format!("…（共 {total} 个字符）"));
    }
    out
}

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A directory.
    Directory,
    /// A named pipe.
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device such as `/dev/zero`.
    CharDevice,
    /// A block device.
    BlockDevice,
    /// Anything else.
    Other,
}

impl FileKind {
    /// The kind of a non-regular file from its metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileKind {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_dir() {
            FileKind::Directory
        } else if t.is_fifo() {
            FileKind::Fifo
        } else if t.is_socket() {
            FileKind::Socket
        } else if t.is_char_device() {
            FileKind::CharDevice
        } else if t.is_block_device() {
            FileKind::BlockDevice
        } else {
            FileKind::Other
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Directory => "一个目录",
            FileKind::Fifo => "一个命名管道（FIFO）",
            FileKind::Socket => "一个套接字",
            FileKind::CharDevice => "一个字符设备",
            FileKind::BlockDevice => "一个块设备",
            FileKind::Other => "一个特殊文件",
        })
    }
}

/// Why a file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// No such file.
    #[error("文件不存在")]
    NotFound,
    /// No permission to read it.
    #[error("没有读取权限")]
    PermissionDenied,
    /// Not a regular file (a directory, a FIFO, a device…); never opened for reading.
    #[error("这是{0}，不是普通文件：只能读取普通文件")]
    NotRegular(FileKind),
    /// Larger than the limit, by its metadata or while reading.
    #[error("文件过大（{size} 字节，上限 {limit} 字节）：一个单位的决算数据不应这么大，请检查是否选错了文件")]
    TooLarge {
        /// Size in bytes (at least this many).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Another I/O failure.
    #[error("读取失败（{0}）")]
    Other(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        use std::io::ErrorKind::*;
        match e.kind() {
            NotFound => ReadError::NotFound,
            PermissionDenied => ReadError::PermissionDenied,
            IsADirectory => ReadError::NotRegular(FileKind::Directory),
            _ => ReadError::Other(e),
        }
    }
}

/// Why a file or directory could not be written.
#[derive(Debug, Error)]
pub enum WriteReason {
    /// No permission to write there.
    #[error("没有写入权限")]
    PermissionDenied,
    /// The disk is full.
    #[error("磁盘空间不足")]
    NoSpace,
    /// The file system is mounted read-only.
    #[error("文件系统是只读的")]
    ReadOnly,
    /// A name is too long for the file system.
    #[error("文件名过长")]
    NameTooLong,
    /// A path component that should be a directory is a file.
    #[error("路径中有一段是文件而不是目录")]
    NotADirectory,
    /// The target is a directory.
    #[error("同名的目录已存在")]
    IsADirectory,
    /// A file stands where a directory is needed.
    #[error("已存在同名的文件（不是目录）")]
    FileInTheWay,
    /// Another I/O failure.
    #[error("写入失败（{0}）")]
    Other(std::io::Error),
}

impl From<std::io::Error> for WriteReason {
    fn from(e: std::io::Error) -> WriteReason {
        use std::io::ErrorKind::*;
        match e.kind() {
            PermissionDenied => WriteReason::PermissionDenied,
            StorageFull | QuotaExceeded => WriteReason::NoSpace,
            ReadOnlyFilesystem => WriteReason::ReadOnly,
            InvalidFilename => WriteReason::NameTooLong,
            NotADirectory => WriteReason::NotADirectory,
            AlreadyExists => WriteReason::FileInTheWay,
            IsADirectory => WriteReason::IsADirectory,
            _ => WriteReason::Other(e),
        }
    }
}

/// A report (or its directory) that could not be written. Nothing the user owns is changed.
#[derive(Debug, Error)]
pub enum WriteError {
    /// The output directory (or a subdirectory for a unit) cannot be created.
    #[error("无法创建输出目录 {}：{reason}", .dir.display())]
    CreateDir {
        /// The directory.
        dir: PathBuf,
        /// Why.
        reason: WriteReason,
    },
    /// A directory on the way to a report is a symbolic link.
    #[error("{} 是符号链接：juesuan 不通过链接写入，请删除该链接或换一个输出目录", .0.display())]
    SymlinkDir(PathBuf),
    /// A temporary file or the report itself cannot be written.
    #[error("无法写入 {}：{reason}（原有文件保持不变）", .path.display())]
    Write {
        /// The report.
        path: PathBuf,
        /// Why.
        reason: WriteReason,
    },
    /// Some formats of a unit were renamed into place before one failed.
    #[error(
        "无法写入 {}：{reason}；已更新：{}，未更新（保持原样）：{}",
        .failed.display(), list(.updated), list(.kept)
    )]
    Partly {
        /// The report that failed.
        failed: PathBuf,
        /// Why.
        reason: WriteReason,
        /// Reports already replaced.
        updated: Vec<PathBuf>,
        /// Reports left as they were (including the failed one).
        kept: Vec<PathBuf>,
    },
}

fn list(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "无".to_string();
    }
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// Why a set of inputs cannot be rendered as asked, found before anything is written.
#[derive(Debug, Error)]
pub enum PlanError {
    /// Two inputs would write the same report.
    #[error(
        "{} 和 {} 会写出同一份报告 {}：两个都不生成，请把其中一个改名或分开生成",
        .first.display(), .second.display(), .report.display()
    )]
    Collision {
        /// One input.
        first: PathBuf,
        /// The other input.
        second: PathBuf,
        /// The report path they share (without extension).
        report: PathBuf,
    },
    /// A report would overwrite an input file.
    #[error("{}：报告 {} 会覆盖输入文件本身，未生成：请换一个输出目录", .input.display(), .report.display())]
    OverwritesInput {
        /// The unit.
        input: PathBuf,
        /// The report path that is an input.
        report: PathBuf,
    },
}

/// A directory that could not be searched for unit files (the others are still searched).
#[derive(Debug, Error)]
pub enum WalkError {
    /// The directory (or a subdirectory) cannot be listed.
    #[error("{}：无法读取目录（{reason}），已跳过其中的文件", .dir.display())]
    Unreadable {
        /// The directory.
        dir: PathBuf,
        /// Why.
        reason: ReadError,
    },
    /// A directory given holds no unit file.
    #[error("{}：目录中没有 .yaml 或 .yml 文件", .0.display())]
    Empty(PathBuf),
    /// An input that does not exist.
    #[error("{}：{reason}", .path.display())]
    Missing {
        /// The path given.
        path: PathBuf,
        /// Why.
        reason: ReadError,
    },
}

impl WalkError {
    /// The path the problem is about.
    pub fn path(&self) -> &Path {
        match self {
            WalkError::Unreadable { dir, .. } => dir,
            WalkError::Empty(p) | WalkError::Missing { path: p, .. } => p,
        }
    }
}

/// What is wrong in the text of a YAML file (the location is kept beside it in
/// [`crate::yaml::ParseError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    /// No content at all.
    Empty,
    /// A tab in the indentation.
    TabIndent,
    /// Bytes that are not UTF-8.
    NotUtf8,
    /// More bytes than a unit file may have.
    TooLarge {
        /// Size in bytes.
        size: usize,
    },
    /// A key the format does not have.
    UnknownKey {
        /// The key as written (already [`shown`]).
        key: String,
        /// The near key, if one is close.
        suggestion: Option<&'static str>,
        /// Keys allowed here.
        expected: Vec<&'static str>,
    },
    /// A required key is missing.
    MissingKey(&'static str),
    /// A value not among the choices.
    UnknownChoice {
        /// The value as written (already [`shown`]).
        value: String,
        /// The choices.
        expected: Vec<&'static str>,
    },
    /// A value of the wrong type.
    WrongType {
        /// What was expected, in Chinese.
        expected: String,
        /// What was found, in Chinese.
        found: String,
    },
    /// A key written twice in one mapping.
    DuplicateKey(Option<String>),
    /// A limit against hostile input was exceeded.
    Limit(Limit),
    /// Null where text is required.
    Null,
    /// Not a non-negative integer where a count is required.
    NotCount,
    /// More than one YAML document.
    MultipleDocuments,
    /// A YAML tag (`!foo`, `!!binary`) — unit files have none.
    Tag(String),
    /// An alias to an anchor that was never defined.
    UnknownAnchor,
    /// `<<` merge keys.
    MergeKey,
    /// A syntax error of the YAML parser.
    Syntax(Syntax),
    /// One of juesuan's own checks, already in Chinese (amounts, codes, text).
    Value(String),
    /// An error the mapping above does not know: the kind is named, the text is not echoed.
    Unrecognised,
}

/// Limits against hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Nesting deeper than allowed.
    Depth,
    /// Too many aliases, anchors, events or nodes.
    Structure,
    /// Aliases that expand to more than the size limit.
    Expansion,
}

/// The common syntax errors, grouped by what the officer should check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Indentation or a colon in a value.
    Indentation,
    /// A quote without its partner.
    Quote,
    /// A `[` or `{` without its partner.
    Bracket,
    /// The file ends in the middle of something.
    UnexpectedEnd,
    /// Anything else the parser refuses.
    Other,
}

impl fmt::Display for YamlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            YamlProblem::Empty => f.write_str(
                "文件是空的（或只有注释）：至少需要 unit: 下的 name（单位名称）和 year（年度）；可用 `juesuan init` 生成模板",
            ),
            YamlProblem::TabIndent => {
                f.write_str("缩进中使用了制表符（Tab）：YAML 只允许用空格缩进，请把 Tab 换成空格")
            }
            YamlProblem::NotUtf8 => f.write_str(
                "含有非 UTF-8 编码的字节：请把文件另存为 UTF-8 编码（WPS/记事本“另存为”中选择 UTF-8）",
            ),
            YamlProblem::TooLarge { size } => write!(
                f,
                "{}",
                ReadError::TooLarge {
                    size: *size as u64,
                    limit: crate::yaml::MAX_INPUT_BYTES as u64
                }
            ),
            YamlProblem::UnknownKey {
                key,
                suggestion,
                expected,
            } => {
                write!(f, "未知的键 `{key}`")?;
                if let Some(near) = suggestion {
                    write!(f, "，是不是要写 `{near}`？")?;
                }
                if !expected.is_empty() {
                    write!(f, "（此处可用的键：{}）", expected.join("、"))?;
                }
                Ok(())
            }
            YamlProblem::MissingKey(k) => write!(f, "缺少必填的键 `{k}`"),
            YamlProblem::UnknownChoice { value, expected } => {
                write!(f, "“{value}”不是可选的值，可选：{}", expected.join("、"))
            }
            YamlProblem::WrongType { expected, found } => {
                write!(f, "类型不对：此处应为{expected}，实际写的是{found}")
            }
            YamlProblem::DuplicateKey(Some(k)) => {
                write!(f, "同一层级出现了重复的键 `{k}`：每个键只能写一次，请删除或合并其中一处")
            }
            YamlProblem::DuplicateKey(None) => {
                f.write_str("同一层级出现了重复的键：每个键只能写一次，请删除或合并其中一处")
            }
            YamlProblem::Limit(Limit::Depth) => {
                f.write_str("嵌套层级过深，已拒绝读取：决算数据文件的层级不超过十几层，请检查文件")
            }
            YamlProblem::Limit(Limit::Structure) => f.write_str(
                "文件超出处理限制（别名、锚点或节点过多），已拒绝读取：请不要使用大量 YAML 别名（*）和锚点（&）",
            ),
            YamlProblem::Limit(Limit::Expansion) => f.write_str(
                "文件超出处理限制：YAML 别名（*）展开后的内容超过文件大小上限，已拒绝读取；请直接写出内容",
            ),
            YamlProblem::Null => f.write_str("此处不能为空：请填写内容（文字用引号括起更稳妥）"),
            YamlProblem::NotCount => f.write_str(
                "此处应为非负整数（如人数、辆数、年度），不能写文字、小数、负数或过大的数",
            ),
            YamlProblem::MultipleDocuments => f.write_str(
                "文件中有多个 YAML 文档（出现了第二个“---”）：一个文件只写一个单位的一个年度",
            ),
            YamlProblem::Tag(tag) => write!(
                f,
                "不支持 YAML 标签 `{tag}`：决算数据文件中不需要标签，请删除它（以 ! 开头的部分）"
            ),
            YamlProblem::UnknownAnchor => {
                f.write_str("YAML 别名（*名称）引用了不存在的锚点（&名称）：请直接写出内容")
            }
            YamlProblem::MergeKey => {
                f.write_str("不支持 YAML 合并键（<<）：请直接写出各个键")
            }
            YamlProblem::Syntax(s) => f.write_str(match s {
                Syntax::Indentation => {
                    "YAML 语法错误：缩进不对齐，或值里含有冒号（含冒号的文字请用引号括起来）"
                }
                Syntax::Quote => "YAML 语法错误：引号没有成对，请检查这一行的引号",
                Syntax::Bracket => "YAML 语法错误：方括号 [ ] 或花括号 { } 没有成对",
                Syntax::UnexpectedEnd => "YAML 语法错误：文件在一个列表或键值对的中间结束了，请检查文件末尾",
                Syntax::Other => {
                    "YAML 语法错误：请检查缩进（只用空格）、冒号后的空格、引号和括号是否成对"
                }
            }),
            YamlProblem::Value(msg) => f.write_str(msg),
            YamlProblem::Unrecognised => {
                f.write_str("无法读取此处的内容：请对照 `juesuan init` 生成的模板检查格式")
            }
        }
    }
}

/// Why user text in a unit file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// A control, bidi or zero-width character.
    Invisible {
        /// The character.
        ch: char,
        /// Its 1-based position in the text.
        at: usize,
    },
    /// A line break in a single-line field.
    LineBreak {
        /// Its 1-based position in the text.
        at: usize,
    },
    /// Longer than the field allows.
    TooLong {
        /// The text's length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A list with more entries than allowed.
    TooManyItems {
        /// The limit.
        max: usize,
    },
}

impl fmt::Display for TextProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextProblem::Invisible { ch, at } => write!(
                f,
                "文字的第{at}个字符是不可见或控制字符 \\u{{{:X}}}：请删除它（常见于从网页、Word 或聊天软件复制的文字）",
                *ch as u32
            ),
            TextProblem::LineBreak { at } => write!(
                f,
                "此处只能写一行文字，第{at}个字符处换行了：请写成一行（段落文字才可以换行）"
            ),
            TextProblem::TooLong { chars, max } => write!(
                f,
                "文字过长（{chars} 个字符，此处最多 {max} 个）：请精简，或分成几条写"
            ),
            TextProblem::TooManyItems { max } => write!(
                f,
                "列表过长（超过 {max} 项）：一个单位的决算数据不应有这么多行，请检查文件"
            ),
        }
    }
}

/// Why an item of `performance.summary` is refused; every message names the item's YAML path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryProblem {
    /// A value of the wrong kind: an item that is neither a paragraph nor a sub-section, a title
    /// that is not text, paragraphs that are not a list.
    WrongType {
        /// The value's YAML path.
        path: String,
        /// What the value should be.
        expected: SummaryPart,
        /// What was written instead, in Chinese.
        found: String,
    },
    /// A sub-section without a title, or with a blank one.
    EmptyTitle {
        /// The title's YAML path.
        path: String,
    },
    /// A title that begins with its own number.
    NumberedTitle {
        /// The title's YAML path.
        path: String,
        /// The number as written.
        number: String,
    },
    /// A sub-section without paragraphs.
    NoParagraphs {
        /// The item's YAML path.
        path: String,
        /// Its title.
        title: String,
    },
    /// A title or paragraph that breaks the text rules.
    Text {
        /// The text's YAML path.
        path: String,
        /// What is wrong with it.
        problem: TextProblem,
    },
}

/// The parts of `performance.summary` a value can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryPart {
    /// An item of the list.
    Item,
    /// A sub-section's `title`.
    Title,
    /// A sub-section's `paragraphs`.
    Paragraphs,
}

impl fmt::Display for SummaryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SummaryProblem::WrongType {
                path,
                expected,
                found,
            } => {
                let expected = match expected {
                    SummaryPart::Item => {
                        "一段文字，或带小标题的一节（title: 小标题，paragraphs: [各段文字]）"
                    }
                    SummaryPart::Title => "一行文字（小标题，如“绩效评价工作开展情况”）",
                    SummaryPart::Paragraphs => "列表（小标题下的各段文字，每段一项，以“- ”开头）",
                };
                write!(f, "{path} 应为{expected}，实际写的是{found}")
            }
            SummaryProblem::EmptyTitle { path } => write!(
                f,
                "{path} 没有小标题：带小标题的一节要写 title（一行文字，如“绩效评价工作开展情况”）；不需要小标题的段落直接写成文字项"
            ),
            SummaryProblem::NumberedTitle { path, number } => write!(
                f,
                "{path} 以编号“{}”开头：小标题的编号（（一）（二）……）由 juesuan 按顺序加上，请删去编号，只写标题文字",
                shown(number)
            ),
            SummaryProblem::NoParagraphs { path, title } => write!(
                f,
                "{path}（小标题“{}”）没有段落：请在 paragraphs 下至少写一段（没有内容时写明，如“本单位无重点评价项目。”）",
                shown(title)
            ),
            SummaryProblem::Text { path, problem } => write!(f, "{path}：{problem}"),
        }
    }
}

/// A file named by `previous_file` that cannot be used. Its content is never quoted: the file
/// may not be a unit file at all.
#[derive(Debug, Error)]
pub enum PreviousProblem {
    /// Not a `.yaml`/`.yml` file.
    #[error("previous_file 只能指向 .yaml 或 .yml 文件，“{0}”不是：请指向上一年度的决算数据文件")]
    NotYaml(String),
    /// Names this file itself.
    #[error("previous_file 指向了本文件自身（{0}）：应指向上一年度的决算数据文件")]
    Itself(String),
    /// Names a file that names this one.
    #[error("previous_file 形成循环：本文件指向“{0}”，而它又指回本文件；上年文件应指向更早的年度")]
    Cycle(String),
    /// Cannot be read.
    #[error("previous_file 指向的文件“{named}”无法读取：{reason}")]
    Unreadable {
        /// The path as written.
        named: String,
        /// Why.
        reason: ReadError,
    },
    /// Does not parse as a unit.
    #[error(
        "previous_file 指向的文件“{named}”{}不是有效的决算数据文件：请先用 `juesuan check {named}` 检查它",
        at(*.line, *.column)
    )]
    Invalid {
        /// The path as written.
        named: String,
        /// Where the problem is, when known.
        line: Option<usize>,
        /// Column, when known.
        column: Option<usize>,
    },
}

fn at(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("（第{l}行第{c}列）"),
        (Some(l), None) => format!("（第{l}行）"),
        _ => String::new(),
    }
}

/// What went wrong loading a unit file.
#[derive(Debug, Error)]
pub enum LoadProblem {
    /// The file cannot be read.
    #[error("无法读取文件：{0}")]
    Read(ReadError),
    /// The text does not parse as a unit.
    #[error("{0}")]
    Parse(Box<crate::yaml::ParseError>),
    /// The file `previous_file` names cannot be used.
    #[error("{0}")]
    Previous(PreviousProblem),
}

/// A unit file that cannot be used at all (exit code 2).
#[derive(Debug, Error)]
#[error("{}：{problem}", .file.display())]
pub struct LoadError {
    /// The file the problem is in.
    pub file: PathBuf,
    /// What is wrong.
    pub problem: LoadProblem,
}

impl LoadError {
    /// A problem in `file`.
    pub fn new(file: &Path, problem: LoadProblem) -> LoadError {
        LoadError {
            file: file.to_path_buf(),
            problem,
        }
    }

    /// The 1-based line of the problem, when known.
    pub fn line(&self) -> Option<usize> {
        match &self.problem {
            LoadProblem::Parse(p) => p.line,
            _ => None,
        }
    }

    /// The 1-based column of the problem, when known.
    pub fn column(&self) -> Option<usize> {
        match &self.problem {
            LoadProblem::Parse(p) => p.column,
            _ => None,
        }
    }

    /// What is wrong, without the file name and the source snippet.
    pub fn message(&self) -> String {
        match &self.problem {
            LoadProblem::Parse(p) => p.problem.to_string(),
            other => other.to_string(),
        }
    }
}
