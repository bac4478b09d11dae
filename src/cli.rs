//! The command line (clap derive). Help text comes from these doc comments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// juesuan（决算）：把一个单位的决算原始数据（YAML）生成完整的部门决算公开报告（Markdown、HTML、PDF、Word；决算表另出 Excel 工作簿）。
///
/// 退出码：0 正常；1 审核发现错误（或有单位生成失败）；2 用法错误或文件无法读取。
#[derive(Debug, Parser)]
#[command(name = "juesuan", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// 子命令。
    #[command(subcommand)]
    pub command: Command,
    /// 彩色输出：auto（默认，仅终端）、always、never。
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// 安静模式：不显示进度条和汇总行，只输出错误和警告。
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// 仅在终端上使用颜色（并遵守 NO_COLOR）
    Auto,
    /// 总是使用颜色
    Always,
    /// 不使用颜色
    Never,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 审核：检查表内、表间勾稽关系和常见问题，列出全部错误和警告。
    ///
    /// 例：juesuan check examples/wuerhe-2023.yaml
    ///     juesuan check 各单位/            （目录：检查其中全部 .yaml/.yml 文件）
    #[command(verbatim_doc_comment)]
    Check {
        /// 决算数据文件（YAML）或包含它们的目录。
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出格式：text（默认）或 json。
        #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
        format: FindingsFormat,
        /// 模板方案：central（中央格式）或 shanghai（上海2024模板）。不写则用各单位文件的
        /// settings.profile，没有则为 central。审核信息按该方案的表号、表名称呼各表。
        #[arg(long)]
        profile: Option<String>,
        /// 自定义模板目录（与 render --templates 相同；表号按其中的方案编排）。
        #[arg(long)]
        templates: Option<PathBuf>,
    },
    /// 生成报告：先审核，有错误则不生成；写出 DIR/<文件名>.md 和 .html。
    ///
    /// 例：juesuan render examples/wuerhe-2023.yaml -o out
    ///     juesuan render 各单位/ -o out        （目录：全部单位并行生成，输出目录结构与输入相同）
    ///     juesuan render 本单位.yaml --watch    （保存后自动重新生成）
    ///     juesuan render 本单位.yaml --format md,html,pdf
    ///     juesuan render 本单位.yaml --format xlsx,docx   （决算表 Excel 工作簿、Word 文档）
    #[command(verbatim_doc_comment)]
    Render {
        /// 决算数据文件（YAML）或包含它们的目录。
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出目录（默认 out）。
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// 输出格式，逗号分隔：md、html、pdf、xlsx、docx（默认 md,html；pdf 需要中文字体，见 --pdf-engine）。
        #[arg(long, value_delimiter = ',', default_values_t = vec![OutFormat::Md, OutFormat::Html])]
        format: Vec<OutFormat>,
        /// 自定义模板目录：其中的同名文件覆盖内置模板（只需放改过的文件）。
        #[arg(long)]
        templates: Option<PathBuf>,
        /// 模板方案：central（中央格式）或 shanghai（上海2024模板）。不写则用各单位文件的
        /// settings.profile，没有则为 central；写了则所有单位都用它。
        #[arg(long)]
        profile: Option<String>,
        /// 监视：数据文件、其上年文件或模板改动后自动重新生成（Ctrl+C 退出）。
        #[arg(long)]
        watch: bool,
        /// 并行线程数（默认为全部 CPU 核数；1 到 256）。
        #[arg(short, long, value_parser = parse_jobs)]
        jobs: Option<usize>,
        /// PDF 排版方式：typst（内置排版，无需其他程序；默认）或 chromium（用浏览器打印 HTML；给了 --chromium 时默认为它）。
        #[arg(long, value_enum)]
        pdf_engine: Option<PdfEngine>,
        /// 打印 PDF 所用的 Chromium 程序（--pdf-engine chromium；默认在 PATH 中查找 chromium、google-chrome）。
        #[arg(long)]
        chromium: Option<PathBuf>,
        /// 打印一份 PDF 最多等待的秒数，超时则停止 Chromium（默认 120）。
        #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
        pdf_timeout: u64,
    },
    /// 比较同一报告的两个版本：列出改动的数字（路径、原值、新值）和因此改变的报告语句。
    ///
    /// 例：juesuan diff 本单位-旧.yaml 本单位.yaml
    Diff {
        /// 原来的数据文件。
        old: PathBuf,
        /// 修改后的数据文件。
        new: PathBuf,
        /// 模板方案（不写则用两个文件各自的 settings.profile，没有则为 central）。
        #[arg(long)]
        profile: Option<String>,
    },
    /// 导入：把决算软件导出的 Excel（.xls/.xlsx）转成单位数据文件（按元，每个数注明单元格），
    /// 导出文件中没有的内容（职责、机构、原因、政府采购、绩效）写成【待填写】，填好后才能通过检查。
    ///
    /// 例：juesuan import 本单位2024.xls -o 本单位-2024.yaml
    ///     juesuan import 本单位2024.xls -o 本单位-2024.yaml --previous 本单位2023.xls
    ///     juesuan import 本单位2024.xls -o 本单位-2024.yaml --previous 上年公开表.xlsx
    ///     juesuan import --print-mapping > 我的对照表.yaml    （导出文件格式不同时修改后用 --mapping）
    ///     juesuan import --print-mapping published-shanghai   （上年公开表按什么读，上海格式）
    #[command(verbatim_doc_comment)]
    Import {
        /// 导出的 Excel 文件（.xls 或 .xlsx）。
        #[arg(required_unless_present = "print_mapping")]
        file: Option<PathBuf>,
        /// 写出的单位数据文件（不写则输出到标准输出）。
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        /// 使用修改过的对照表（YAML，以 --print-mapping 的输出为起点）。
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// 上年的导出文件，或上年已公开的决算表（公开01–09表），填入 previous。
        #[arg(long)]
        previous: Option<PathBuf>,
        /// 输出文件已存在时覆盖它。
        #[arg(long)]
        force: bool,
        /// 输出内置对照表：export（默认，决算软件导出文件）、published-central（上年公开表，中央格式）、
        /// published-shanghai（上年公开表，上海格式）。
        #[arg(
            long,
            value_name = "NAME",
            num_args = 0..=1,
            default_missing_value = "export",
            value_parser = ["export", "published-central", "published-shanghai"],
            conflicts_with_all = ["file", "out", "previous"]
        )]
        print_mapping: Option<String>,
    },
    /// 输出推导出的全部数字（模板看到的上下文），JSON 格式。
    ///
    /// 例：juesuan context examples/wuerhe-2023.yaml
    Context {
        /// 决算数据文件（YAML）。
        file: PathBuf,
        /// 模板方案（不写则用文件的 settings.profile，没有则为 central）。
        #[arg(long)]
        profile: Option<String>,
    },
    /// 输出输入文件的 JSON Schema（供编辑器补全和提示）。
    ///
    /// 例：juesuan schema > schemas/juesuan.schema.json
    Schema,
    /// 生成一份带中文注释、列出全部键的数据文件模板（没有错误；示例数据未替换前 check 会给出警告）。
    ///
    /// 例：juesuan init --name 某某局 --year 2024 > 某某局-2024.yaml
    Init {
        /// 单位名称。
        #[arg(long, default_value = "某单位")]
        name: String,
        /// 决算年度（1990 至 2100）。
        #[arg(long, default_value_t = 2024, value_parser = clap::value_parser!(u16).range(1990..=2100))]
        year: u16,
        /// 模板中 yaml-language-server 指向的 schema 路径（相对生成的文件）。默认是同一目录下的
        /// juesuan.schema.json，用 juesuan schema > juesuan.schema.json 生成。
        #[arg(long, default_value = crate::scaffold::DEFAULT_SCHEMA)]
        schema: String,
    },
    /// 模板管理。
    Templates {
        /// 模板子命令。
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// 生成 shell 补全脚本。
    ///
    /// 例：juesuan completions bash > /etc/bash_completion.d/juesuan
    Completions {
        /// bash、zsh、fish 等。
        shell: clap_complete::Shell,
    },
}

/// Most threads `--jobs` may ask for: more than the cores only adds overhead, and each thread
/// reserves a stack.
pub const MAX_JOBS: usize = 256;

/// Parses `--jobs`: a whole number from 1 to [`MAX_JOBS`].
fn parse_jobs(s: &str) -> Result<usize, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_JOBS).contains(&n) => Ok(n),
        Ok(_) => Err(format!(
            "线程数应在 1 到 {MAX_JOBS} 之间（本机有 {cores} 个核，一般不必超过核数）"
        )),
        Err(_) => Err(format!(
            "“{}”不是线程数：请写 1 到 {MAX_JOBS} 之间的整数",
            crate::error::shown(s)
        )),
    }
}

/// `templates` subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// 把内置模板导出到目录，供修改后用 --templates 使用（已存在的文件不覆盖）。
    ///
    /// 例：juesuan templates export my-templates
    Export {
        /// 目标目录。
        dir: PathBuf,
    },
}

/// Output of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormat {
    /// 文字
    Text,
    /// JSON
    Json,
}

/// How `render` makes the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfEngine {
    /// 内置 Typst 排版（默认）：正式版式，无需浏览器
    Typst,
    /// 用 Chromium 打印 HTML 报告
    Chromium,
}

/// Output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    /// Markdown
    Md,
    /// HTML
    Html,
    /// PDF
    Pdf,
    /// Excel 工作簿（决算表，每表一个工作表）
    Xlsx,
    /// Word 文档（完整报告，可编辑）
    Docx,
}

impl std::fmt::Display for OutFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OutFormat::Md => "md",
            OutFormat::Html => "html",
            OutFormat::Pdf => "pdf",
            OutFormat::Xlsx => "xlsx",
            OutFormat::Docx => "docx",
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn jobs_are_capped() {
        assert_eq!(super::parse_jobs("4"), Ok(4));
        assert!(super::parse_jobs("0").is_err());
        assert!(super::parse_jobs("1000000000").unwrap_err().contains("256"));
        assert!(super::parse_jobs("x").is_err());
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
