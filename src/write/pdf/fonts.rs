//! Font discovery for the PDF writer: a serif CJK body face (宋体-like) and a sans CJK heading
//! face (黑体-like), found once per process in the system font directories (fontconfig's list,
//! plus `$JUESUAN_FONT_DIR` when set) and shared by every thread.
//!
//! Only the chosen families (and a few Latin/symbol faces as fallback for characters the CJK
//! faces lack) enter Typst's font book, so what the PDF uses does not depend on unrelated fonts
//! installed on the machine. Font files are read lazily, on first use by a document.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

/// What to install when no CJK font is found.
pub const FONT_HINT: &str = "生成 PDF 需要中文字体：Debian/Ubuntu 上运行 \
`sudo apt-get install fonts-noto-cjk`（思源宋体/黑体，推荐），或 \
`sudo apt-get install fonts-arphic-uming fonts-wqy-zenhei`（文鼎明体、文泉驿正黑）；\
也可把字体文件放进一个目录并设置环境变量 JUESUAN_FONT_DIR。";

/// Serif CJK families, best first (宋体-like, for the body text).
const SERIF: &[&str] = &[
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "Noto Serif SC",
    "SimSun",
    "Songti SC",
    "STSong",
    "FandolSong",
    "AR PL UMing CN",
    "AR PL SungtiL GB",
];

/// Sans CJK families, best first (黑体-like, for headings and bold runs).
const SANS: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "SimHei",
    "Heiti SC",
    "STHeiti",
    "FandolHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];

/// Faces kept as fallback for characters the CJK faces lack (Latin symbols, arrows …).
const FALLBACK: &[&str] = &["DejaVu Serif", "DejaVu Sans", "Liberation Serif", "FreeSerif"];

/// The fonts of one process: the book Typst selects from, the lazily loaded faces, and the two
/// family names the layout uses.
pub struct Fonts {
    /// Metadata of every face, in slot order.
    pub book: LazyHash<FontBook>,
    slots: Vec<Slot>,
    /// The body family (serif when one is installed).
    pub body: String,
    /// The heading family (sans when one is installed).
    pub heading: String,
}

struct Slot {
    path: PathBuf,
    index: u32,
    font: OnceLock<Option<Font>>,
}

impl Fonts {
    /// The process's fonts, discovered on first call (later calls share the result, also the
    /// error).
    pub fn shared() -> Result<Arc<Fonts>, String> {
        static FONTS: OnceLock<Result<Arc<Fonts>, String>> = OnceLock::new();
        FONTS.get_or_init(|| Fonts::discover().map(Arc::new)).clone()
    }

    /// Scans the system font directories (and `$JUESUAN_FONT_DIR`).
    pub fn discover() -> Result<Fonts, String> {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        if let Some(dir) = std::env::var_os("JUESUAN_FONT_DIR") {
            db.load_fonts_dir(PathBuf::from(dir));
        }
        Fonts::from_db(&db)
    }

    /// Chooses the faces from a font database.
    pub fn from_db(db: &fontdb::Database) -> Result<Fonts, String> {
        let has = |family: &str| {
            db.faces()
                .any(|f| f.families.iter().any(|(n, _)| n.eq_ignore_ascii_case(family)))
        };
        let serif = SERIF.iter().copied().find(|f| has(f));
        let sans = SANS.iter().copied().find(|f| has(f));
        let (body, heading) = match (serif, sans) {
            (Some(s), Some(h)) => (s, h),
            (Some(s), None) => (s, s),
            (None, Some(h)) => (h, h),
            (None, None) => return Err(format!("没有找到中文字体。{FONT_HINT}")),
        };
        let wanted = |names: &[(String, fontdb::Language)]| {
            names.iter().any(|(n, _)| {
                n.eq_ignore_ascii_case(body)
                    || n.eq_ignore_ascii_case(heading)
                    || FALLBACK.iter().any(|f| n.eq_ignore_ascii_case(f))
            })
        };
        // Faces in a stable order (path, index), whatever order the directories were read in.
        let mut faces: Vec<(PathBuf, u32, fontdb::ID)> = db
            .faces()
            .filter(|f| wanted(&f.families))
            .filter_map(|f| match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => {
                    Some((p.clone(), f.index, f.id))
                }
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        faces.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        faces.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for (path, index, id) in faces {
            if let Some(Some(info)) = db.with_face_data(id, FontInfo::new) {
                book.push(info);
                slots.push(Slot {
                    path,
                    index,
                    font: OnceLock::new(),
                });
            }
        }
        if slots.is_empty() {
            return Err(format!("中文字体无法读取。{FONT_HINT}"));
        }
        Ok(Fonts {
            book: LazyHash::new(book),
            slots,
            body: body.to_string(),
            heading: heading.to_string(),
        })
    }

    /// The face at `index` of the book, read from its file on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| {
                let data = std::fs::read(&slot.path).ok()?;
                Font::new(Bytes::new(data), slot.index)
            })
            .clone()
    }
}
