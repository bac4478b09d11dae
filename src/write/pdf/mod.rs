//! The typeset PDF: [`Document`] → Typst source ([`source`]) → PDF through the embedded Typst
//! compiler and its PDF exporter, in process, with no other program.
//!
//! Every user text reaches Typst as a string literal (data, never markup), so `#`, `*`, `$`,
//! `[` … in a unit name print as themselves. Fonts are discovered once per process
//! ([`fonts::Fonts::shared`]) and shared by every thread; the writer is `Sync` and a batch renders
//! many PDFs in parallel with it.
//!
//! The PDF conforms to PDF/A-2b (title and author in the metadata). Its creation date is the
//! publication date when the document gives one as a calendar date, else absent: the same
//! document gives the same bytes. A document whose text needs a glyph no installed font has
//! cannot be PDF/A (the standard forbids the `.notdef` glyph); it is then written as a plain PDF
//! rather than not at all.

pub mod fonts;
pub mod source;

use crate::document::Document;
use crate::write::{Format, WriteError, Writer};
use fonts::Fonts;
use std::sync::{Arc, LazyLock};
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The one source file of every document (interned once: Typst's file ids are a finite,
/// process-wide resource, so a long batch or watch must not make new ones).
static MAIN: LazyLock<FileId> = LazyLock::new(|| {
    let path = VirtualPath::new("/main.typ").expect("a valid constant path");
    FileId::new(RootedPath::new(VirtualRoot::Project, path))
});

/// The standard library, built once per process.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Writes the typeset PDF of a document with Typst.
#[derive(Default)]
pub struct TypstWriter {
    fonts: Option<Arc<Fonts>>,
}

impl TypstWriter {
    /// A writer with the process's fonts, discovered on its first document (see
    /// [`TypstWriter::check_fonts`] to fail early).
    pub fn new() -> TypstWriter {
        TypstWriter { fonts: None }
    }

    /// A writer with the given fonts.
    pub fn with_fonts(fonts: Arc<Fonts>) -> TypstWriter {
        TypstWriter { fonts: Some(fonts) }
    }

    /// Finds the process's fonts now: fails, in Chinese and naming the Debian package to
    /// install, when no CJK font is installed.
    pub fn check_fonts() -> Result<(), WriteError> {
        Fonts::shared().map(|_| ()).map_err(|message| WriteError {
            format: Format::Pdf,
            message,
        })
    }

    fn fonts(&self) -> Result<Arc<Fonts>, WriteError> {
        match &self.fonts {
            Some(f) => Ok(f.clone()),
            None => Fonts::shared().map_err(|message| WriteError {
                format: Format::Pdf,
                message,
            }),
        }
    }

    /// The Typst source the PDF is compiled from (for inspection and tests).
    pub fn source(&self, doc: &Document) -> Result<String, WriteError> {
        let fonts = self.fonts()?;
        Ok(source::document(doc, &fonts.body, &fonts.heading))
    }

    /// Compiles `doc` to laid-out pages.
    fn layout(&self, doc: &Document) -> Result<PagedDocument, WriteError> {
        let fonts = self.fonts()?;
        let world = DocWorld {
            fonts: &fonts,
            source: Source::new(*MAIN, source::document(doc, &fonts.body, &fonts.heading)),
        };
        let result = typst::compile::<PagedDocument>(&world).output;
        // Drop memoised results unused for a few documents, so a long batch or watch stays
        // bounded (evicting everything, 0, was measured slower and larger: 2.2× the CPU, 1.6× the
        // peak memory over 30 units, since a document reuses what the previous ones shaped).
        typst::comemo::evict(4);
        result.map_err(|errors| fail(&errors))
    }
}

impl Writer for TypstWriter {
    fn format(&self) -> Format {
        Format::Pdf
    }

    fn write(&self, doc: &Document) -> Result<Vec<u8>, WriteError> {
        let paged = self.layout(doc)?;
        let mut options = PdfOptions {
            timestamp: timestamp(doc),
            creator: Smart::Custom(Some(doc.meta.generator.clone())),
            ..PdfOptions::default()
        };
        options.standards = PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| WriteError {
            format: Format::Pdf,
            message: e.message().to_string(),
        })?;
        match typst_pdf::pdf(&paged, &options) {
            Ok(bytes) => Ok(bytes),
            Err(_) => {
                // Not PDF/A-conformant (a glyph no font has): a plain PDF still shows the rest.
                options.standards = PdfStandards::default();
                typst_pdf::pdf(&paged, &options).map_err(|e| fail(&e))
            }
        }
    }
}

/// The creation date: the publication date when the document gives one as a calendar date
/// ("2024年9月20日", "2024-09-20"), else none.
fn timestamp(doc: &Document) -> Option<Timestamp> {
    let date = doc.meta.date.as_deref()?;
    let nums: Vec<u32> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let [y, m, d] = nums[..] else { return None };
    let dt = Datetime::from_ymd_hms(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
        0,
        0,
        0,
    )?;
    Some(Timestamp::new_utc(dt))
}

/// A compile or export error as a [`WriteError`]: the first error's message (the source is
/// generated, so a span would not help the user).
fn fail(errors: &[SourceDiagnostic]) -> WriteError {
    let msg = errors
        .iter()
        .filter(|e| e.severity == Severity::Error)
        .map(|e| e.message.to_string())
        .next()
        .unwrap_or_else(|| "未知错误".to_string());
    WriteError {
        format: Format::Pdf,
        message: format!("排版失败：{msg}"),
    }
}

/// The world of one document: the shared fonts and library, and the generated source.
struct DocWorld<'a> {
    fonts: &'a Fonts,
    source: Source,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        *MAIN
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *MAIN {
            Ok(Bytes::from_string(self.source.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The source never asks; a report must not depend on the day it is built.
        None
    }
}
