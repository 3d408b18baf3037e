//! Uploaded files: bytes in an object store (local directory by default, S3-compatible by
//! URL), metadata and digest in the database. A multi-node deployment changes the URL, not code.

use std::path::Path as FsPath;
use std::sync::Arc;

use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use serde::Serialize;
use sha2::{Digest, Sha256};

use caigou_domain::ids::{FileId, UserId};

use crate::{Result, Store, StoreError, new_id};

#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    prefix: Path,
}

impl FileStore {
    /// `url`: `file:///abs/dir`, `s3://bucket/prefix` (credentials and endpoint from the usual
    /// AWS_* variables), … `None`: a local directory.
    pub fn open(url: Option<&str>, default_dir: &FsPath) -> Result<FileStore> {
        match url {
            Some(u) => {
                let parsed = url::Url::parse(u).map_err(|e| StoreError::Internal(format!("bad object store URL {u:?}: {e}")))?;
                if parsed.scheme() == "file" {
                    let dir = parsed.to_file_path().map_err(|_| StoreError::Internal(format!("bad file URL {u:?}")))?;
                    return Self::local(&dir);
                }
                let env: Vec<(String, String)> =
                    std::env::vars().filter(|(k, _)| k.starts_with("AWS_")).map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
                let (store, prefix) = object_store::parse_url_opts(&parsed, env)?;
                Ok(FileStore { inner: Arc::from(store), prefix })
            }
            None => Self::local(default_dir),
        }
    }

    fn local(dir: &FsPath) -> Result<FileStore> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Internal(format!("cannot create {}: {e}", dir.display())))?;
        // fsync each file and its directory before `put` returns: a bid's receipt promises its
        // ciphertext survives a power loss, not only a process crash.
        Ok(FileStore { inner: Arc::new(LocalFileSystem::new_with_prefix(dir)?.with_fsync(true)), prefix: Path::default() })
    }

    fn location(&self, id: &str) -> Path {
        self.prefix.clone().join(id)
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredFile {
    #[sqlx(try_from = "String")]
    pub id: FileId,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: i64,
    #[sqlx(try_from = "crate::row::Nullable")]
    pub created_by: Option<UserId>,
}

/// Stores the bytes first, then the metadata row: a crash in between leaves an unreferenced
/// object, never a row without its bytes.
pub async fn put(store: &Store, name: &str, content_type: &str, data: Bytes, created_by: Option<UserId>) -> Result<StoredFile> {
    let id = FileId(new_id());
    let sha256 = hex::encode(Sha256::digest(&data));
    let size = data.len() as i64;
    store.files().inner.put(&store.files().location(&id.to_string()), PutPayload::from(data)).await?;
    let f = StoredFile {
        id,
        name: name.to_string(),
        content_type: content_type.to_string(),
        size,
        sha256,
        created_at: store.clock().now_ms(),
        created_by,
    };
    sqlx::query("INSERT INTO files (id, name, content_type, size, sha256, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(f.id.to_string())
        .bind(&f.name)
        .bind(&f.content_type)
        .bind(f.size)
        .bind(&f.sha256)
        .bind(f.created_at)
        .bind(f.created_by.map(|u| u.to_string()))
        .execute(store.pool())
        .await?;
    Ok(f)
}

pub async fn meta(store: &Store, id: FileId) -> Result<Option<StoredFile>> {
    Ok(sqlx::query_as::<_, StoredFile>("SELECT id, name, content_type, size, sha256, created_at, created_by FROM files WHERE id = $1")
        .bind(id.to_string())
        .fetch_optional(store.pool())
        .await?)
}

pub async fn get(store: &Store, id: FileId) -> Result<(StoredFile, Bytes)> {
    let meta =
        sqlx::query_as::<_, StoredFile>("SELECT id, name, content_type, size, sha256, created_at, created_by FROM files WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(store.pool())
            .await?
            .ok_or(StoreError::NotFound("file"))?;
    let data = store.files().inner.get(&store.files().location(&id.to_string())).await?.bytes().await?;
    if hex::encode(Sha256::digest(&data)) != meta.sha256 {
        return Err(StoreError::Internal(format!("file {id} does not match its recorded SHA-256")));
    }
    Ok((meta, data))
}
