//! The `juesuan import` command: runs the import and tells the user what happened (the unit file
//! on standard output or in the `-o` file; messages on standard error).

use super::mapping::Builtin;
use super::{Options, import, write_output};
use crate::app::{EXIT_INPUT, EXIT_OK};
use std::io::Write;
use std::path::PathBuf;

/// The command line of `import`.
#[derive(Debug, Clone, Default)]
pub struct Args {
    /// The export.
    pub file: Option<PathBuf>,
    /// Where to write the unit file (standard output when `None`).
    pub out: Option<PathBuf>,
    /// An edited mapping.
    pub mapping: Option<PathBuf>,
    /// Last year's export or published tables.
    pub previous: Option<PathBuf>,
    /// Overwrite an existing output file.
    pub force: bool,
    /// Print this built-in mapping instead of importing.
    pub print_mapping: Option<Builtin>,
    /// No summary line.
    pub quiet: bool,
}

/// Runs `import` and returns the exit code (0, or 2 for any problem).
pub fn run(args: &Args, stdout: &mut dyn Write) -> i32 {
    if let Some(builtin) = args.print_mapping {
        let _ = stdout.write_all(builtin.text().as_bytes());
        return EXIT_OK;
    }
    let Some(file) = args.file.clone() else {
        eprintln!("请指定导出的 Excel 文件：juesuan import 文件.xls -o 单位.yaml");
        return EXIT_INPUT;
    };
    let opts = Options {
        file: file.clone(),
        mapping: args.mapping.clone(),
        previous: args.previous.clone(),
    };
    let imported = match import(&opts) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("未生成单位数据文件。");
            return EXIT_INPUT;
        }
    };
    match &args.out {
        None => {
            let _ = stdout.write_all(imported.yaml.as_bytes());
        }
        Some(out) => {
            let mut inputs = vec![file.as_path()];
            inputs.extend(args.previous.as_deref());
            inputs.extend(args.mapping.as_deref());
            if let Err(e) = write_output(out, &imported.yaml, &inputs, args.force) {
                eprintln!("{e}");
                return EXIT_INPUT;
            }
        }
    }
    for n in &imported.notes {
        eprintln!("注意：{n}");
    }
    if !args.quiet {
        let target = args
            .out
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "标准输出".into());
        eprintln!(
            "已导入 {} → {}：有 {} 处【待填写】，填好后运行 juesuan check",
            file.display(),
            target,
            imported.placeholders
        );
    }
    EXIT_OK
}
