//! The house rule this crate keeps: **writes go through a use case** (`caigou_app`). A page or
//! API handler parses, calls a use case and renders; it never calls a store function that
//! writes, so authorization and the domain rules cannot be skipped on one path.

#[cfg(test)]
mod tests {
    /// The store functions that change something, by module. A new write function belongs here
    /// as soon as it exists.
    const STORE_WRITES: &[(&str, &[&str])] = &[
        ("deposits", &["record", "void"]),
        ("projects", &["update_lot", "terminate", "entrust", "create"]),
        ("documents", &["save_draft", "publish"]),
        ("tendering", &["clarify", "obtain", "ask"]),
        ("suppliers", &["register", "update", "add_qualification", "submit", "review"]),
        ("plans", &["submit", "close", "reprocure", "amend"]),
        ("intentions", &["publish_intention"]),
        ("approvals", &["decide", "object"]),
        ("requests", &["create", "modify", "act", "set_chain"]),
        ("bids", &["register_key", "revoke_key", "submit", "withdraw"]),
        ("opening", &["sign_in", "release_key", "object"]),
        ("custodians", &["register_key", "name", "set_opening_key", "release_share"]),
        ("users", &["authenticate", "create_session", "create_api_token", "revoke_token", "end_session", "change_password"]),
        ("templates", &["save"]),
        ("calendar", &["load_year"]),
        ("catalog", &["import_csv"]),
        ("regions", &["add_version", "insert_version"]),
        ("statutory", &["set"]),
        ("clock", &["sandbox_move"]),
        ("scheduled", &["run_due"]),
        ("notify", &["mark_read"]),
        ("files", &["put"]),
        ("budget", &["add_lines", "import_lines"]),
    ];

    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_handler_calls_a_store_write() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&root, &mut files);
        let mut found = Vec::new();
        for path in files {
            if path.ends_with("invariants.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (module, writes) in STORE_WRITES {
                for write in *writes {
                    // `caigou_store::deposits::record(` or, after `use caigou_store::deposits`, `deposits::record(`,
                    // but not a use case of the same name (`usecase::record(`, `caigou_app::…::deposits::record(`).
                    let call = format!("{module}::{write}(");
                    for (at, _) in text.match_indices(&call) {
                        let before = &text[..at];
                        let qualified_by_app = ["tender::", "planning::", "app::", "usecase::"].iter().any(|p| before.ends_with(p));
                        let preceded_by_ident = before.chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_');
                        if !qualified_by_app && !preceded_by_ident {
                            let line = before.matches('\n').count() + 1;
                            found.push(format!("{}:{line}: {call}", path.strip_prefix(&root).unwrap().display()));
                        }
                    }
                }
            }
        }
        assert!(found.is_empty(), "handlers calling store writes instead of a use case:\n{}", found.join("\n"));
    }
}
