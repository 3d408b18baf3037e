//! Metadata of response documents where the format carries it, kept at the opening for the
//! evaluation's collusion checks (the same author, company or editing software across bidders):
//! - PDF Info dictionary: `Author`, `Creator` (the authoring application), `Producer`;
//! - Office Open XML (.docx, .xlsx, .pptx; also WPS's): `docProps/core.xml` (`dc:creator`,
//!   `cp:lastModifiedBy`, created/modified) and `docProps/app.xml` (`Application` as `creator`,
//!   `Company`).
//!
//! Only the ZIP central directory and the two small parts are read; a malformed file yields what
//! could be read, never an error (the bid is already open; metadata is a hint).

use serde_json::{Map, Value};

/// At most this much of one decompressed part is read.
const PART_LIMIT: usize = 1 << 20;

pub fn extract(bytes: &[u8]) -> Map<String, Value> {
    let mut m = Map::new();
    if bytes.starts_with(b"%PDF") {
        let text = String::from_utf8_lossy(bytes);
        for key in ["Author", "Creator", "Producer"] {
            if let Some(rest) = text.split(&format!("/{key} (")).nth(1)
                && let Some(value) = rest.split(')').next()
            {
                put(&mut m, &key.to_ascii_lowercase(), value);
            }
        }
    } else if bytes.starts_with(b"PK\x03\x04") {
        if let Some(core) = zip_part(bytes, "docProps/core.xml") {
            let core = String::from_utf8_lossy(&core);
            for (tag, key) in [
                ("dc:creator", "author"),
                ("cp:lastModifiedBy", "last_modified_by"),
                ("dcterms:created", "created"),
                ("dcterms:modified", "modified"),
            ] {
                if let Some(v) = xml_text(&core, tag) {
                    put(&mut m, key, &v);
                }
            }
        }
        if let Some(app) = zip_part(bytes, "docProps/app.xml") {
            let app = String::from_utf8_lossy(&app);
            for (tag, key) in [("Application", "creator"), ("Company", "company")] {
                if let Some(v) = xml_text(&app, tag) {
                    put(&mut m, key, &v);
                }
            }
        }
    }
    m
}

fn put(m: &mut Map<String, Value>, key: &str, value: &str) {
    let v: String = value.trim().chars().take(200).collect();
    if !v.is_empty() {
        m.insert(key.into(), Value::String(v));
    }
}

fn u16_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize)
}

/// One part of a ZIP archive by name, found through the central directory (stored or deflated).
fn zip_part(b: &[u8], name: &str) -> Option<Vec<u8>> {
    // End of central directory: the last `PK\5\6` within the final 64 KiB + 22 bytes.
    let from = b.len().saturating_sub(65_557);
    let eocd = (from..b.len().saturating_sub(21)).rev().find(|&i| b[i..].starts_with(b"PK\x05\x06"))?;
    let entries = u16_at(b, eocd + 10)?;
    let mut at = u32_at(b, eocd + 16)?;
    for _ in 0..entries {
        if !b.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let method = u16_at(b, at + 10)?;
        let compressed = u32_at(b, at + 20)?;
        let (name_len, extra_len, comment_len) = (u16_at(b, at + 28)?, u16_at(b, at + 30)?, u16_at(b, at + 32)?);
        let local = u32_at(b, at + 42)?;
        if b.get(at + 46..at + 46 + name_len)? == name.as_bytes() {
            if !b.get(local..)?.starts_with(b"PK\x03\x04") {
                return None;
            }
            let start = local.checked_add(30 + u16_at(b, local + 26)? + u16_at(b, local + 28)?)?;
            let data = b.get(start..start.checked_add(compressed)?)?;
            return match method {
                0 => Some(data.iter().copied().take(PART_LIMIT).collect()),
                8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, PART_LIMIT).ok(),
                _ => None,
            };
        }
        at = at.checked_add(46 + name_len + extra_len + comment_len)?;
    }
    None
}

/// The text of the first `<tag …>…</tag>` element, with the five XML entities decoded.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let mut rest = xml;
    loop {
        let i = rest.find(&open)?;
        rest = &rest[i + open.len()..];
        // `<dc:creator>` or `<dc:creator attr…>`, not `<dc:creatorX>`.
        if rest.starts_with('>') || rest.starts_with(' ') {
            break;
        }
    }
    let body = &rest[rest.find('>')? + 1..];
    let text = &body[..body.find(&format!("</{tag}>"))?];
    Some(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A .docx written by Python's zipfile (deflated parts), as WPS or Word would carry it.
    #[test]
    fn office_documents_name_their_author_company_and_software() {
        let docx = include_bytes!("../tests/fixtures/response.docx");
        let m = extract(docx);
        assert_eq!(m["author"], "张三 & 李四");
        assert_eq!(m["last_modified_by"], "王五");
        assert_eq!(m["creator"], "WPS Office");
        assert_eq!(m["company"], "示范投标咨询服务部");
        assert_eq!(m["created"], "2026-11-20T08:00:00Z");
        // Damaged archives yield nothing rather than failing.
        assert!(extract(&docx[..docx.len() - 30]).is_empty());
        assert!(extract(b"PK\x03\x04 not really a zip").is_empty());
    }

    #[test]
    fn pdf_info() {
        let m = extract(b"%PDF-1.7\n1 0 obj << /Author (Li Si) /Creator (Writer) /Producer (LibreOffice 7.4) >> endobj");
        assert_eq!(
            (m["author"].as_str(), m["creator"].as_str(), m["producer"].as_str()),
            (Some("Li Si"), Some("Writer"), Some("LibreOffice 7.4"))
        );
        assert!(extract(b"plain text").is_empty());
    }
}
