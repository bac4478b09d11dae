//! Write stage: one [`Writer`] per output format, each turning a [`Document`] into the bytes of
//! one file. Adding a format is one new file here: implement [`Writer`] and list the format in
//! [`Format`].
//!
//! A writer reads only the document: it makes no decision about content (which rows, which
//! sentences, which wording), only about presentation in its format. It escapes every text for its
//! format, prints amounts with [`crate::money::format_fixed`] (or, where the format has numbers,
//! writes the exact value rounded to 2 places), and is deterministic: the same document gives the
//! same bytes.

pub mod docx;
pub mod html;
pub mod layout;
pub mod markdown;
pub mod pdf;
pub mod svg;
pub mod xlsx;

use crate::document::Document;
use std::fmt;

pub use docx::DocxWriter;
pub use xlsx::XlsxWriter;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One standalone HTML file.
    Html,
    /// A typeset PDF.
    Pdf,
    /// The tables as an Excel workbook.
    Xlsx,
    /// The report as an editable Word document.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }
}

/// A writer could not produce its file.
#[derive(Debug, Clone)]
pub struct WriteError {
    /// The format being written.
    pub format: Format,
    /// What went wrong, in Chinese.
    pub message: String,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "无法生成 {} 文件：{}", self.format.extension(), self.message)
    }
}

impl std::error::Error for WriteError {}

/// Writes a document in one format.
///
/// Implementations hold what they need across many documents (parsed page templates, loaded
/// fonts) and must be `Send + Sync`: a batch shares one writer between threads.
pub trait Writer: Send + Sync {
    /// The format this writer writes.
    fn format(&self) -> Format;
    /// The file's bytes for `doc`.
    fn write(&self, doc: &Document) -> Result<Vec<u8>, WriteError>;
}
