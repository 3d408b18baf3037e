//! Writes a sample announcement to `/tmp/caigou-sample.pdf` (or the path given as the first
//! argument) for a person to look at:
//!
//! ```sh
//! cargo run -p caigou-pdf --example sample
//! pdftoppm -png -r 60 -f 1 -l 1 /tmp/caigou-sample.pdf /tmp/caigou-sample
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "/tmp/caigou-sample.pdf".into());
    let t = std::time::Instant::now();
    let font = caigou_pdf::Font::load_system()?;
    let loaded = t.elapsed();
    let pdf = caigou_pdf::render(&common::sample_doc(200), &font, &common::meta())?;
    std::fs::write(&out, &pdf)?;
    println!("{out}: {} bytes, font {} (face {}), load {loaded:?}, total {:?}", pdf.len(), font.family(), font.index(), t.elapsed());
    Ok(())
}
