//! CSV files users upload. Excel in China saves CSV in GBK (GB 18030) and quotes fields that
//! hold commas (`"示范市第一中学,本部"`); other tools save UTF-8, often with a byte-order mark.
//! Both are read with the `csv` crate after decoding with `encoding_rs`; the parsers of each
//! import (budget lines, the catalog) then turn the records into domain types.

use crate::StoreError;
use caigou_domain::Msg;

/// One record with the (1-based) line of the file it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The text of an uploaded file: UTF-8 (a byte-order mark dropped) or else GBK/GB 18030.
/// Bytes that are neither are refused, never guessed at.
pub fn decode(bytes: &[u8], code: &'static str) -> Result<String, StoreError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(StoreError::reject_with(code, Msg::new("error.csv.encoding")));
    }
    Ok(text.into_owned())
}

/// The header and the records of a CSV text, fields trimmed, blank lines skipped. A record may
/// have any number of fields (each import checks its own count, row by row). At most `max_rows`
/// records: a larger file is refused whole before anything is parsed further.
pub fn records(text: &str, max_rows: usize, code: &'static str) -> Result<(Vec<String>, Vec<Record>), StoreError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut header = None;
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let read = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            StoreError::reject_with(code, Msg::new("error.csv.bad_line").arg("line", line).arg("e", e))
        })?;
        if !read {
            break;
        }
        // The line the record starts on, from its byte offset (csv's own line count is off after
        // CRLF, and its offset points at the "\n" of a CRLF): newlines up to and including it.
        let at = record.position().map(|p| p.byte() as usize).unwrap_or(0);
        let line = text.as_bytes().iter().take(at + 1).filter(|b| **b == b'\n').count() + 1;
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if header.is_none() {
            header = Some(fields);
            continue;
        }
        if out.len() == max_rows {
            return Err(StoreError::reject_with(code, Msg::new("error.csv.too_many_rows").arg("max_rows", max_rows)));
        }
        out.push(Record { line, fields });
    }
    Ok((header.unwrap_or_default(), out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_from_excel_with_quoted_commas() {
        let text = "fiscal_year,code,name\r\n2026,\"2026-01\",\"示范市第一中学,本部\"\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err(), "really GBK bytes");
        let decoded = decode(&gbk, "x").unwrap();
        let (header, rows) = records(&decoded, 10, "x").unwrap();
        assert_eq!(header, ["fiscal_year", "code", "name"]);
        assert_eq!(rows, [Record { line: 2, fields: vec!["2026".into(), "2026-01".into(), "示范市第一中学,本部".into()] }]);
    }

    #[test]
    fn utf8_with_a_bom_and_what_is_refused() {
        assert_eq!(decode("\u{feff}a,b".as_bytes(), "x").unwrap(), "a,b");
        assert!(decode(&[0xff, 0xfe, 0x00, 0x41, 0x81], "x").is_err(), "not UTF-8, not GB 18030");
        let many = format!("h\n{}", "1\n".repeat(11));
        assert!(records(&many, 10, "x").is_err(), "above the row cap");
        assert!(records(&format!("h\n{}", "1\n".repeat(10)), 10, "x").is_ok(), "at the cap");
        assert!(records("h\n\"unclosed,1\n", 10, "x").is_ok_and(|(_, r)| r.len() == 1), "csv reads to the end of the file");
    }
}
