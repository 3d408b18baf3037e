//! Metadata of response documents where the format carries it, kept at the opening for the
//! evaluation's collusion checks (the same author, company or editing software across bidders):
//! - PDF Info dictionary: `Author`, `Creator` (the authoring application), `Producer`;
//! - Office Open XML (.docx, .xlsx, .pptx; also WPS's): `docProps/core.xml` (`dc:creator`,
//!   `cp:lastModifiedBy`, created/modified) and `docProps/app.xml` (`Application` as `creator`,
//!   `Company`).
//!
//! Each format is read with a parser made for it: PDF with `lopdf` (its text strings decoded,
//! UTF-16 — the usual form of a Chinese author's name — included), the ZIP container with `zip`
//! and its XML parts with `quick-xml`. A malformed file yields what could be read, never an error
//! (the bid is already open; metadata is a hint).

use std::io::Read;

use serde_json::{Map, Value};

/// At most this much of one decompressed part is read.
const PART_LIMIT: u64 = 1 << 20;

pub fn extract(bytes: &[u8]) -> Map<String, Value> {
    let mut m = Map::new();
    if bytes.starts_with(b"%PDF") {
        pdf_info(bytes, &mut m);
    } else if bytes.starts_with(b"PK\x03\x04") {
        let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return m };
        if let Some(core) = zip_part(&mut zip, "docProps/core.xml") {
            let wanted = [("creator", "author"), ("lastModifiedBy", "last_modified_by"), ("created", "created"), ("modified", "modified")];
            xml_fields(&core, &wanted, &mut m);
        }
        if let Some(app) = zip_part(&mut zip, "docProps/app.xml") {
            xml_fields(&app, &[("Application", "creator"), ("Company", "company")], &mut m);
        }
    }
    m
}

/// The document information dictionary (`/Info` in the trailer): Author, Creator, Producer.
fn pdf_info(bytes: &[u8], m: &mut Map<String, Value>) {
    let Ok(doc) = lopdf::Document::load_mem(bytes) else { return };
    let Ok(info) = doc.trailer.get(b"Info") else { return };
    let info = match info {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id),
        lopdf::Object::Dictionary(d) => Ok(d),
        _ => return,
    };
    let Ok(info) = info else { return };
    for key in ["Author", "Creator", "Producer"] {
        if let Ok(lopdf::Object::String(raw, _)) = info.get(key.as_bytes()) {
            put(m, &key.to_ascii_lowercase(), &pdf_text(raw));
        }
    }
}

/// A PDF text string (PDF 32000 §7.9.2.2): UTF-16BE after a byte-order mark, UTF-8 after its
/// mark (PDF 2.0), otherwise PDFDocEncoding (read as Latin-1, which it equals for text).
fn pdf_text(raw: &[u8]) -> String {
    if let Some(utf16) = raw.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        raw.iter().map(|b| char::from(*b)).collect()
    }
}

fn put(m: &mut Map<String, Value>, key: &str, value: &str) {
    let v: String = value.trim().chars().take(200).collect();
    if !v.is_empty() {
        m.insert(key.into(), Value::String(v));
    }
}

/// One part of the archive, at most [`PART_LIMIT`] bytes of it.
fn zip_part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let part = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    part.take(PART_LIMIT).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The text of the first element with each local name (`dc:creator` → `creator`), entities
/// decoded.
fn xml_fields(xml: &[u8], wanted: &[(&str, &str)], m: &mut Map<String, Value>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut current: Option<&str> = None;
    let mut text = String::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let local = e.local_name();
                current = wanted.iter().find(|(tag, key)| tag.as_bytes() == local.as_ref() && !m.contains_key(*key)).map(|(_, key)| *key);
                text.clear();
            }
            Ok(Event::Text(t)) if current.is_some() => {
                if let Ok(t) = t.decode() {
                    text.push_str(&t);
                }
            }
            Ok(Event::GeneralRef(r)) if current.is_some() => {
                // An entity or character reference inside the text (`&amp;`, `&#x5F20;`).
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else if let Ok(name) = r.decode() {
                    text.push_str(match name.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Ok(Event::End(_)) => {
                if let Some(key) = current.take() {
                    put(m, key, &text);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A .docx written by Python's zipfile (deflated parts), as WPS or Word would carry it.
    #[test]
    fn office_documents_name_their_author_company_and_software() {
        let docx = include_bytes!("../../tests/fixtures/response.docx");
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

    /// A well-formed PDF whose Info dictionary is object 2 (the cross-reference table computed).
    fn pdf_with_info(info: &str) -> Vec<u8> {
        let objects =
            ["<< /Type /Catalog /Pages 3 0 R >>".to_string(), info.to_string(), "<< /Type /Pages /Kids [] /Count 0 >>".to_string()];
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).into_bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").into_bytes());
        }
        out.extend(format!("trailer\n<< /Size {} /Root 1 0 R /Info 2 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).into_bytes());
        out
    }

    #[test]
    fn pdf_info_in_latin_and_in_utf16() {
        let m = extract(&pdf_with_info("<< /Author (Li Si) /Creator (Writer) /Producer (LibreOffice 7.4) >>"));
        assert_eq!(
            (m["author"].as_str(), m["creator"].as_str(), m["producer"].as_str()),
            (Some("Li Si"), Some("Writer"), Some("LibreOffice 7.4"))
        );
        // A Chinese author as Word and WPS write it: a UTF-16BE hex string with its byte-order
        // mark (张三丰), which a literal `/Author (` match never sees.
        let m = extract(&pdf_with_info("<< /Author <FEFF5F204E094E30> /Creator <FEFF005700500053002065875B57> >>"));
        assert_eq!((m["author"].as_str(), m["creator"].as_str()), (Some("张三丰"), Some("WPS 文字")), "{m:?}");
        assert!(extract(b"plain text").is_empty());
        assert!(extract(b"%PDF-1.7 but nothing else").is_empty(), "a damaged PDF yields nothing");
    }
}
