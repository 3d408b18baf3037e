//! Embeds every catalog under `locales/<language tag>/*.ftl`, so adding a language or a file of
//! messages is adding files: nothing here lists them.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read at run time, not with env!: a build script binary reused from a checkout at another
    // path (a CI clone sharing the target directory) must still read this checkout's catalogs.
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut langs: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    langs.sort();
    let mut out = String::from(
        "/// (language tag, file name, contents) of every embedded catalog file.\npub const FILES: &[(&str, &str, &str)] = &[\n",
    );
    for dir in langs {
        println!("cargo:rerun-if-changed={}", dir.display());
        let tag = dir.file_name().unwrap().to_str().unwrap().to_string();
        let mut files: Vec<_> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "ftl")).collect();
        files.sort();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = f.file_name().unwrap().to_str().unwrap();
            writeln!(out, "    ({tag:?}, {name:?}, include_str!({:?})),", f.display().to_string()).unwrap();
        }
    }
    out.push_str("];\n");
    std::fs::write(Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog_files.rs"), out).unwrap();
}
