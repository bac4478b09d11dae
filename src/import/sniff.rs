//! What a file really is, from its first bytes, before any reader sees it: many Chinese systems
//! write HTML or Excel 2003 XML under an `.xls` name, and a password-protected workbook is a
//! compound file without a workbook stream. Saying so beats a zip or CFB error.

/// The kinds of file `import` can tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An OLE compound file holding a BIFF8 workbook (Excel 97–2003 `.xls`).
    Xls,
    /// A zip package (Excel 2007+ `.xlsx`).
    Xlsx,
    /// An OLE compound file holding an encrypted OOXML package (a password-protected `.xlsx`).
    EncryptedXlsx,
    /// An OLE compound file that is not a workbook (a Word `.doc`, for instance).
    OtherCompound,
    /// Excel 2003 XML (SpreadsheetML).
    SpreadsheetMl,
    /// An HTML page.
    Html,
    /// An old BIFF2–4 worksheet outside a compound file.
    OldBiff,
    /// Plain text (CSV or similar).
    Text,
    /// Nothing recognisable.
    Unknown,
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells what the bytes are.
pub fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(&CFB_MAGIC) {
        return compound_kind(bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return FileKind::Xlsx;
    }
    // BIFF2–4 BOF records: 0x0009, 0x0209, 0x0409 followed by a length.
    if bytes.len() >= 4 && bytes[0] == 0x09 && [0x00, 0x02, 0x04].contains(&bytes[1]) {
        return FileKind::OldBiff;
    }
    let head = text_head(bytes);
    let lower = head.to_ascii_lowercase();
    let trimmed = lower.trim_start();
    if trimmed.starts_with("<?xml") || trimmed.starts_with("<workbook") {
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            return FileKind::SpreadsheetMl;
        }
        if lower.contains("<html") {
            return FileKind::Html;
        }
        return FileKind::Unknown;
    }
    if [
        "<html",
        "<!doctype html",
        "<table",
        "<meta",
        "<head",
        "<body",
        "<style",
        "<!--",
    ]
    .iter()
    .any(|t| trimmed.starts_with(t))
        || lower.contains("<html")
    {
        return FileKind::Html;
    }
    if !head.is_empty() && head.bytes().all(|b| b >= 0x20 || b"\r\n\t".contains(&b)) {
        return FileKind::Text;
    }
    FileKind::Unknown
}

/// The first 4 KB as text, skipping a UTF-8 or UTF-16 byte-order mark (UTF-16 is reduced to
/// its ASCII bytes, enough to see tags).
fn text_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    if let Some(rest) = head.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return head[2..]
            .iter()
            .filter(|b| **b != 0)
            .map(|&b| b as char)
            .collect();
    }
    String::from_utf8_lossy(head).into_owned()
}

/// Looks for stream names in the compound file's directory (UTF-16LE): `Workbook`/`Book` is an
/// xls, `EncryptionInfo` with `EncryptedPackage` is a password-protected xlsx.
fn compound_kind(bytes: &[u8]) -> FileKind {
    let has = |name: &str| {
        let needle: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        FileKind::EncryptedXlsx
    } else if has("Workbook") || has("Book") {
        FileKind::Xls
    } else {
        FileKind::OtherCompound
    }
}

/// What to tell the user about a file that is not a workbook `import` reads, or `None` when it is
/// one.
pub fn refusal(kind: FileKind) -> Option<&'static str> {
    Some(match kind {
        FileKind::Xls | FileKind::Xlsx => return None,
        FileKind::EncryptedXlsx => {
            "这是设置了打开密码的加密 Excel 文件，无法读取：请在 Excel/WPS 中输入密码打开，取消密码（文件→信息→保护工作簿）后另存为 .xlsx 再导入"
        }
        FileKind::OtherCompound => {
            "这是 OLE 复合文档（如 Word .doc），但其中没有 Excel 工作簿：请确认选择的是决算软件导出的 Excel 文件"
        }
        FileKind::SpreadsheetMl => {
            "这是 Excel 2003 XML 表格（SpreadsheetML），不是真正的 .xls 文件：请在 Excel/WPS 中打开，另存为“Excel 工作簿（.xlsx）”后再导入"
        }
        FileKind::Html => {
            "这是网页（HTML）文件，只是扩展名为 .xls：请在 Excel/WPS 中打开，另存为“Excel 工作簿（.xlsx）”后再导入"
        }
        FileKind::OldBiff => {
            "这是 Excel 2.0–4.0 的旧格式工作表：请在 Excel/WPS 中打开，另存为 .xlsx 后再导入"
        }
        FileKind::Text => {
            "这是文本文件（如 CSV），不是 Excel 工作簿：请导出为 .xls 或 .xlsx，或在 Excel/WPS 中另存为 .xlsx"
        }
        FileKind::Unknown => "不是 Excel 工作簿（.xls 或 .xlsx）：无法识别文件内容",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_kinds_apart() {
        assert_eq!(sniff(b"PK\x03\x04rest"), FileKind::Xlsx);
        assert_eq!(sniff(b"<html><body><table>"), FileKind::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF  <!DOCTYPE HTML>"), FileKind::Html);
        assert_eq!(
            sniff(
                b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            ),
            FileKind::SpreadsheetMl
        );
        assert_eq!(sniff(b"a,b,c\n1,2,3\n"), FileKind::Text);
        assert_eq!(sniff(&[0x09, 0x04, 0x06, 0x00]), FileKind::OldBiff);
        assert_eq!(sniff(&[0x00, 0xFF, 0x13]), FileKind::Unknown);
        assert_eq!(sniff(b""), FileKind::Unknown);
        let mut cfb = CFB_MAGIC.to_vec();
        cfb.extend("Workbook".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(sniff(&cfb), FileKind::Xls);
        let mut enc = CFB_MAGIC.to_vec();
        enc.extend("EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(sniff(&enc), FileKind::EncryptedXlsx);
    }
}
