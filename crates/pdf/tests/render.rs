//! End-to-end: render with the system CJK font, then read the PDF back with poppler-utils
//! (`pdftotext`, `pdfinfo`, `pdffonts`). These tools are required: a missing tool fails the
//! test with instructions instead of skipping it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use caigou_pdf::{Block, Doc, Font, render};
use common::{CELL_MARK, FIRST_MARK, LAST_MARK, TITLE, meta, sample_doc};

fn font() -> &'static Font {
    static FONT: OnceLock<Font> = OnceLock::new();
    FONT.get_or_init(|| Font::load_system().unwrap_or_else(|e| panic!("{e}")))
}

/// Runs a poppler-utils tool and returns its standard output.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{name}` ({e}); install poppler-utils: apt-get install -y poppler-utils (scripts/test.sh does this)")
    });
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A PDF written to a temporary file, removed on drop.
struct TempPdf(PathBuf);

impl TempPdf {
    fn new(name: &str, bytes: &[u8]) -> TempPdf {
        let path = std::env::temp_dir().join(format!("caigou-pdf-{}-{name}.pdf", std::process::id()));
        std::fs::write(&path, bytes).expect("write temp pdf");
        TempPdf(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8 temp path")
    }

    /// `pdftotext -layout` output, split into pages.
    fn pages(&self) -> Vec<String> {
        let text = tool("pdftotext", &["-layout", "-enc", "UTF-8", self.path(), "-"]);
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        pages
    }

    /// The value of a `pdfinfo -isodates` field.
    fn info(&self, field: &str) -> String {
        let info = tool("pdfinfo", &["-isodates", self.path()]);
        let prefix = format!("{field}:");
        let line = info.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no {field} in pdfinfo output:\n{info}"));
        line[prefix.len()..].trim().to_owned()
    }
}

impl Drop for TempPdf {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Removes the spaces `pdftotext -layout` may put between columns or words.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn multi_page_chinese_document_reads_back_through_poppler() {
    let t = std::time::Instant::now();
    let pdf = render(&sample_doc(200), font(), &meta()).expect("render");
    eprintln!("rendered {} bytes in {:?}", pdf.len(), t.elapsed());
    assert!(pdf.len() < 1_000_000, "the font must be subsetted: {} bytes", pdf.len());
    let file = TempPdf::new("sample", &pdf);

    let page_count: usize = file.info("Pages").parse().expect("page count");
    assert!(page_count > 1, "expected several pages, got {page_count}");
    assert_eq!(file.info("Title"), TITLE);
    assert_eq!(file.info("Producer"), "Caigou test");
    assert_eq!(file.info("CreationDate"), "2025-03-01T09:30:05+08");
    assert_eq!(file.info("Page size"), "595.276 x 841.89 pts (A4)");

    let pages = file.pages();
    assert_eq!(pages.len(), page_count);
    let (first, last) = (squash(&pages[0]), squash(&pages[page_count - 1]));
    assert!(first.contains(&squash(TITLE)), "title on page 1:\n{}", pages[0]);
    assert!(first.contains(FIRST_MARK), "first-page text:\n{}", pages[0]);
    assert!(first.contains("（1）投标人须具备《中华人民共和国政府采购法》第二十二条规定的条件。"), "{}", pages[0]);
    assert!(pages[0].contains("ISO 9001 certification"), "Latin words keep their spaces:\n{}", pages[0]);
    assert!(last.contains(LAST_MARK), "last-page text:\n{}", pages[page_count - 1]);
    assert!(!first.contains(LAST_MARK) && !last.contains(FIRST_MARK));
    assert!(first.contains(&format!("第1页共{page_count}页")), "page number on page 1:\n{}", pages[0]);
    assert!(last.contains(&format!("第{page_count}页共{page_count}页")), "page number on the last page");
    for (i, page) in pages.iter().enumerate() {
        assert!(squash(page).contains("某某市政府采购中心"), "footer text on page {}", i + 1);
    }
    let all = squash(&pages.concat());
    assert!(all.contains(CELL_MARK), "table cell text");
    assert!(all.contains("单价（元）") && all.contains("2110.00"), "table header and last row");
    assert!(all.contains("（200）"), "all 200 paragraphs present");
    // The header row is repeated on every page the table spans.
    assert!(pages.iter().filter(|p| squash(p).contains("序号名称技术要求")).count() >= 2);

    let fonts = tool("pdffonts", &[file.path()]);
    let row = fonts.lines().find(|l| l.contains("NotoSerifCJK") || l.contains("NotoSansCJK") || l.contains('+'));
    let row = row.unwrap_or_else(|| panic!("no embedded font listed:\n{fonts}"));
    assert!(row.contains("yes yes yes"), "font must be embedded, subsetted and have ToUnicode:\n{fonts}");
}

#[test]
fn rendering_is_deterministic() {
    let doc = sample_doc(60);
    let a = render(&doc, font(), &meta()).expect("render");
    let b = render(&doc, font(), &meta()).expect("render");
    assert!(a == b, "two renders of the same document differ");
    let reloaded = Font::load_system().expect("font");
    assert!(render(&doc, &reloaded, &meta()).expect("render") == a, "a freshly loaded font gives different bytes");
    let mut other = doc.clone();
    other.title.push('二');
    assert!(render(&other, font(), &meta()).expect("render") != a);
}

#[test]
fn characters_missing_from_the_font_render_as_notdef_and_still_extract() {
    // Egyptian hieroglyph and a private-use character: in no CJK font.
    let missing = ['\u{13000}', '\u{F0001}'];
    for c in missing {
        assert!(!font().has_char(c), "test assumes {c:?} is missing from {}", font().family());
    }
    let doc = Doc {
        title: "缺字\u{13000}标题".into(),
        subtitle: None,
        blocks: vec![
            Block::Paragraph("缺字测试\u{13000}\u{F0001}结束".into()),
            Block::Table { header: vec!["列\u{13000}".into()], rows: vec![vec!["格\u{F0001}".into()], vec![]] },
            Block::KeyValues(vec![("\u{13000}".into(), String::new())]),
        ],
        footer: Some("\u{F0001}".into()),
    };
    let pdf = render(&doc, font(), &meta()).expect("missing characters must not fail rendering");
    let file = TempPdf::new("missing", &pdf);
    let text = squash(&file.pages().concat());
    assert!(text.contains("缺字测试\u{13000}\u{F0001}结束"), "missing characters extract via ActualText:\n{text}");
    assert!(text.contains("列\u{13000}") && text.contains("格\u{F0001}"), "{text}");
}

#[test]
fn empty_document_is_one_page() {
    let pdf = render(&Doc::default(), font(), &meta()).expect("render");
    let file = TempPdf::new("empty", &pdf);
    assert_eq!(file.info("Pages"), "1");
    assert!(squash(&file.pages()[0]).contains("第1页共1页"));
}

#[test]
fn truetype_fonts_are_embedded_as_cid_type2() {
    let candidates = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"];
    let path = candidates
        .iter()
        .find(|p| Path::new(p).is_file())
        .unwrap_or_else(|| panic!("no TrueType font found (looked for {candidates:?}); apt-get install -y fonts-dejavu-core"));
    let font = Font::from_file(Path::new(path), None).expect("load TrueType font");
    let doc = Doc {
        title: "Tender notice".into(),
        subtitle: None,
        blocks: vec![Block::Paragraph("Quantity 12, unit price 3.50 CNY; 中文 is missing here.".into())],
        footer: None,
    };
    let pdf = render(&doc, &font, &meta()).expect("render");
    let file = TempPdf::new("truetype", &pdf);
    let text = file.pages().concat();
    assert!(text.contains("Quantity 12, unit price 3.50 CNY; 中文 is missing here."), "{text}");
    let fonts = tool("pdffonts", &[file.path()]);
    assert!(fonts.contains("CID TrueType") && fonts.contains("yes yes yes"), "{fonts}");
}

/// A machine without any system font: the bundled Noto Serif CJK SC subset renders the
/// documents, and their Chinese text reads back.
#[test]
fn documents_render_with_the_bundled_font_when_the_system_has_none() {
    let empty = std::env::temp_dir().join(format!("caigou-no-fonts-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("empty dir");
    assert!(std::env::var_os(caigou_pdf::FONT_ENV).is_none_or(|v| v.is_empty()), "run without CAIGOU_PDF_FONT");
    let font = Font::load_system_under(&empty).expect("the bundled font");
    std::fs::remove_dir_all(&empty).ok();
    assert_eq!(font.family(), "Noto Serif CJK SC");
    assert!(font.has_char('采') && font.has_char('￥') && font.has_char('，'));
    let pdf = render(&sample_doc(3), &font, &meta()).expect("render");
    let file = TempPdf::new("bundled", &pdf);
    let text = squash(&file.pages().join(""));
    assert!(text.contains(&squash(TITLE)), "title extracted: {text}");
    assert!(text.contains("政府采购"), "{text}");
    let fonts = tool("pdffonts", &[file.path()]);
    assert!(fonts.contains("NotoSerifCJKsc") || fonts.contains("NotoSerif"), "embedded: {fonts}");
}
