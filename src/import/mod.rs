//! `juesuan import`: the accounting software's export (`.xls` BIFF8 or `.xlsx`) → a unit file in
//! 元, exact, every figure at the finest level with a comment naming its cell, and placeholders
//! (which `check` refuses) for what the export does not hold.
//!
//! One module one job: [`sniff`] tells what the file really is, [`workbook`] reads it with
//! calamine, [`cell`] reads money and counts exactly from cells, [`locate`] finds sheets, rows and
//! columns by their keys, [`mapping`] is the data that says which cell feeds which field,
//! [`extract`] applies it (with the cross-checks), and [`writer`] writes the YAML.

pub mod cell;
pub mod command;
pub mod extract;
pub mod locate;
pub mod mapping;
pub mod sniff;
pub mod workbook;
pub mod writer;

use crate::audit::{self, Severity};
use extract::Extracted;
use mapping::{Builtin, Mapping};
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest workbook read (a unit's export is well under 1 MB).
pub const MAX_WORKBOOK_BYTES: u64 = 50 * 1024 * 1024;

/// What `juesuan import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// This year's export.
    pub file: PathBuf,
    /// An edited mapping instead of the built-in one.
    pub mapping: Option<PathBuf>,
    /// Last year's export, or last year's published tables.
    pub previous: Option<PathBuf>,
}

/// An import that cannot be done (exit code 2): every problem found, each naming the sheet and
/// cell where it can.
#[derive(Debug, Clone)]
pub struct ImportError {
    /// The file the problems are in.
    pub file: PathBuf,
    /// What is wrong.
    pub problems: Vec<String>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}：{p}", self.file.display())?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

fn fail(file: &Path, problem: String) -> ImportError {
    ImportError {
        file: file.to_path_buf(),
        problems: vec![problem],
    }
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The unit file's text.
    pub yaml: String,
    /// How many placeholders it holds.
    pub placeholders: usize,
    /// What `check` will still report besides the placeholders, and other notes for the user.
    pub notes: Vec<String>,
}

/// Reads the mapping: the built-in one, or the file given.
pub fn load_mapping(path: Option<&Path>) -> Result<Mapping, ImportError> {
    let (name, text) = match path {
        None => (PathBuf::from("内置对照表"), mapping::BUILTIN_EXPORT.to_string()),
        Some(p) => {
            let bytes = std::fs::read(p)
                .map_err(|e| fail(p, format!("无法读取对照表：{}", crate::load::io_cn(&e))))?;
            let text = crate::yaml::decode(&bytes).map_err(|e| fail(p, e.to_string()))?;
            (p.to_path_buf(), text.to_string())
        }
    };
    mapping::parse(&text).map_err(|e| fail(&name, format!("对照表有误：{e}")))
}

/// Reads a workbook file: size limit, what it really is, then every sheet.
pub fn read_workbook(path: &Path) -> Result<Vec<workbook::Sheet>, ImportError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| fail(path, format!("无法读取文件：{}", crate::load::io_cn(&e))))?;
    if meta.is_dir() {
        return Err(fail(path, "这是一个目录，不是文件".into()));
    }
    if meta.len() > MAX_WORKBOOK_BYTES {
        return Err(fail(
            path,
            format!(
                "文件过大（{} 字节，上限 {MAX_WORKBOOK_BYTES} 字节）：一个单位的决算导出文件不会这么大",
                meta.len()
            ),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| fail(path, format!("无法读取文件：{}", crate::load::io_cn(&e))))?;
    read_workbook_bytes(&bytes).map_err(|p| fail(path, p))
}

/// Reads a workbook held in memory (also the fuzz target's entry).
pub fn read_workbook_bytes(bytes: &[u8]) -> Result<Vec<workbook::Sheet>, String> {
    let kind = sniff::sniff(bytes);
    if let Some(why) = sniff::refusal(kind) {
        return Err(why.to_string());
    }
    workbook::read(bytes, kind).map_err(|e| e.to_string())
}

/// Applies a mapping to the sheets.
pub fn extract_from(
    file: &Path,
    sheets: &[workbook::Sheet],
    mapping: &Mapping,
) -> Result<Extracted, ImportError> {
    extract::extract(sheets, mapping).map_err(|problems| ImportError {
        file: file.to_path_buf(),
        problems,
    })
}

/// How many of a mapping's sheets a workbook has.
fn matching_sheets(sheets: &[workbook::Sheet], mapping: &Mapping) -> usize {
    mapping
        .sheets
        .iter()
        .filter(|s| sheets.iter().any(|sh| locate::sheet_matches(sh, &s.code)))
        .count()
}

/// How well a workbook fits a published layout: the mapping's sheets that the workbook has (by
/// 表号) *and* whose title (the sheet's name or one of its first rows) is the title the layout
/// gives that 表号. The 表号 alone does not tell the layouts apart: 公开07表 is the 政府性基金 table
/// in the central layout and the “三公” table in the Shanghai one.
/// Only the 表号 both layouts have count (not the Shanghai 06表 or the 表目录 sheet).
fn titled_sheets(sheets: &[workbook::Sheet], mapping: &Mapping, other: &Mapping) -> usize {
    mapping
        .sheets
        .iter()
        .filter(|s| other.sheets.iter().any(|o| o.code == s.code))
        .filter(|s| {
            sheets
                .iter()
                .any(|sh| locate::sheet_matches(sh, &s.code) && locate::title_matches(sh, &s.title))
        })
        .count()
}

/// Reads last year's published tables with the layout they fit: the one with more sheets whose
/// 表号 and title agree with it (see [`titled_sheets`]). When both fit equally well (titles that
/// neither layout names, or only 01–05表, whose titles the layouts share), the central layout
/// wins, as before the Shanghai one existed; only if its reading fails and the Shanghai one
/// succeeds is the Shanghai one used (its 05表 has no 人员经费 column, so neither reads the other's
/// workbook). Returns the figures, the layout and why it was chosen.
fn read_published<'m>(
    file: &Path,
    sheets: &[workbook::Sheet],
    central: &'m Mapping,
    shanghai: &'m Mapping,
) -> Result<(Extracted, &'m Mapping, String), ImportError> {
    let (c, s) = (
        titled_sheets(sheets, central, shanghai),
        titled_sheets(sheets, shanghai, central),
    );
    let why = |n: usize| format!("{n} 张表的表号和表名与它相符");
    if s > c {
        return Ok((extract_from(file, sheets, shanghai)?, shanghai, why(s)));
    }
    if c > s {
        return Ok((extract_from(file, sheets, central)?, central, why(c)));
    }
    match extract_from(file, sheets, central) {
        Ok(x) => Ok((
            x,
            central,
            format!("表名不能区分中央格式与上海格式（各有 {c} 张相符），按中央格式读取"),
        )),
        Err(central_error) => match extract_from(file, sheets, shanghai) {
            Ok(x) => Ok((
                x,
                shanghai,
                format!(
                    "表名不能区分中央格式与上海格式（各有 {c} 张相符），按中央格式读不通，按上海格式读取"
                ),
            )),
            // Neither reads it: show the problems of the layout that came closer (fewer problems;
            // the central one when as many), saying which one that is.
            Err(shanghai_error) => {
                let (layout, mut e) = if shanghai_error.problems.len() < central_error.problems.len() {
                    (shanghai, shanghai_error)
                } else {
                    (central, central_error)
                };
                e.problems.insert(
                    0,
                    format!(
                        "表名不能区分中央格式与上海格式（各有 {c} 张相符），两种都读不通；以下是按“{}”读取时的问题",
                        layout.name
                    ),
                );
                Err(e)
            }
        },
    }
}

/// Runs an import: reads the export (and last year's file), cross-checks, and writes the unit
/// file's text with placeholders where reasons are needed.
pub fn import(opts: &Options) -> Result<Imported, ImportError> {
    let mapping = load_mapping(opts.mapping.as_deref())?;
    let sheets = read_workbook(&opts.file)?;
    let current = extract_from(&opts.file, &sheets, &mapping)?;
    let mut notes = Vec::new();
    let previous = match &opts.previous {
        None => None,
        Some(p) => {
            let prev_sheets = read_workbook(p)?;
            let central = Builtin::PublishedCentral.mapping();
            let shanghai = Builtin::PublishedShanghai.mapping();
            let published_sheets =
                matching_sheets(&prev_sheets, &central).max(matching_sheets(&prev_sheets, &shanghai));
            let use_published = published_sheets > matching_sheets(&prev_sheets, &mapping);
            let (prev, published) = if use_published {
                let (prev, layout, why) = read_published(p, &prev_sheets, &central, &shanghai)?;
                notes.push(format!("上年数据按公开表（{}）读取：{why}", layout.name));
                (prev, true)
            } else {
                (extract_from(p, &prev_sheets, &mapping)?, false)
            };
            if let (Some(y), Some(py)) = (current.year, prev.year)
                && py + 1 != y
            {
                return Err(fail(
                    p,
                    format!(
                        "上年文件的年度是 {py} 年，本年导出文件是 {y} 年：--previous 应为 {} 年的文件",
                        y - 1
                    ),
                ));
            }
            if let (Some((n, _)), Some((pn, _))) = (&current.unit_name, &prev.unit_name)
                && n != pn
            {
                notes.push(format!(
                    "上年文件的单位名称是“{pn}”，本年是“{n}”：请确认是同一单位"
                ));
            }
            if published && prev.year.is_none() {
                notes.push("上年公开表的标题中没有年度，未能核对它是不是上一年的：请确认".into());
            }
            Some(prev)
        }
    };
    let source = file_label(&opts.file);
    let prev_source = opts.previous.as_deref().map(file_label);
    let header = writer::Header {
        source: &source,
        mapping: &mapping.name,
        previous_source: prev_source.as_deref(),
    };
    let (yaml, placeholders) =
        unit_file(&current, previous.as_ref(), &header, &mut notes).map_err(|problems| ImportError {
            file: opts.mapping.clone().unwrap_or_else(|| opts.file.clone()),
            problems,
        })?;
    if current.year.is_none() {
        notes.push("导出文件的标题行中没有年度：请在 unit.year 填写决算年度".into());
    }
    Ok(Imported {
        yaml,
        placeholders,
        notes,
    })
}

/// Writes the unit file for extracted figures: a first pass without reason placeholders, the
/// audit of it to find where reasons are needed, then the file with them. Returns the text and
/// the number of placeholders; identity errors of the audit (the mapping reads wrong cells) are
/// the problems of the `Err`, other errors the user will fix are added to `notes`.
pub fn unit_file(
    current: &Extracted,
    previous: Option<&Extracted>,
    header: &writer::Header,
    notes: &mut Vec<String>,
) -> Result<(String, usize), Vec<String>> {
    let internal = |e: crate::error::LoadError| vec![format!("内部错误：生成的单位文件无法读取：{e}")];
    let draft = writer::write(current, previous, header, &writer::Placeholders::new());
    let loaded = crate::load::load_str("import.yaml", &draft).map_err(internal)?;
    let ctx = crate::derive::derive(&loaded);
    let mut ph = writer::Placeholders::new();
    for f in audit::audit(&loaded, &ctx) {
        if f.rule == "reason.change" || f.rule == "reason.budget" {
            let what = f
                .message
                .trim_end_matches("但没有填写主要原因")
                .trim_end_matches('，');
            ph.insert(f.path.clone(), format!("主要原因（{what}）"));
        }
    }
    let yaml = writer::write(current, previous, header, &ph);
    let loaded = crate::load::load_str("import.yaml", &yaml).map_err(internal)?;
    let ctx = crate::derive::derive(&loaded);
    let mut placeholders = 0;
    let mut broken = Vec::new();
    for f in audit::audit(&loaded, &ctx) {
        if f.rule == "placeholder" {
            placeholders += 1;
        } else if f.severity == Severity::Error && f.rule.starts_with("unit.") {
            notes.push(format!("check 还会报告：{}", f.message));
        } else if f.severity == Severity::Error {
            // The workbook passed the software's own checks (and ours): figures that break an
            // identity once mapped mean the mapping reads the wrong cells.
            broken.push(format!(
                "导入的数不满足勾稽关系，对照表可能读错了单元格：{}（单位文件中的 {}，见生成文件中该处注释的单元格）",
                f.message, f.path
            ));
        }
    }
    if broken.is_empty() {
        Ok((yaml, placeholders))
    } else {
        Err(broken)
    }
}

fn file_label(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Writes the unit file: never over an existing file unless `force`, never through a link, never
/// onto an input, and atomically (temporary file + rename).
pub fn write_output(out: &Path, yaml: &str, inputs: &[&Path], force: bool) -> Result<(), ImportError> {
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            return Err(fail(
                out,
                "输出路径是一个符号链接：为安全起见不写入，请指定普通文件".into(),
            ));
        }
        if meta.is_dir() {
            return Err(fail(out, "输出路径是一个目录：请指定 .yaml 文件名".into()));
        }
        let same = inputs
            .iter()
            .any(|i| match (i.canonicalize(), out.canonicalize()) {
                (Ok(a), Ok(b)) => a == b,
                _ => false,
            });
        if same {
            return Err(fail(
                out,
                "输出文件就是输入文件：导入不会改写输入文件，请换一个输出文件名".into(),
            ));
        }
        if !force {
            return Err(fail(
                out,
                "文件已存在，未覆盖（其中可能有已填写的内容）：换一个文件名，或加 --force 覆盖".into(),
            ));
        }
    }
    crate::output::write_atomic(out, yaml.as_bytes())
        .map_err(|e| fail(out, format!("无法写入：{}", crate::load::io_cn(&e))))
}
