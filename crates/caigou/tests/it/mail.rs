//! The email outbox delivers through a real SMTP conversation to a local sink.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::TestApp;

/// A minimal SMTP server that accepts every message and keeps (recipient, data).
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<(String, String)>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let keep = got.clone();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let keep = keep.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 sink ESMTP\r\n").await.ok();
                let mut rcpt = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        w.write_all(b"250-sink\r\n250 8BITMIME\r\n").await.ok();
                    } else if upper.starts_with("RCPT TO") {
                        rcpt = line[8..].trim().trim_matches(['<', '>', ':', ' ']).to_string();
                        w.write_all(b"250 ok\r\n").await.ok();
                    } else if upper.starts_with("DATA") {
                        w.write_all(b"354 go\r\n").await.ok();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        keep.lock().unwrap().push((rcpt.clone(), data));
                        w.write_all(b"250 queued\r\n").await.ok();
                    } else if upper.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.ok();
                        break;
                    } else {
                        w.write_all(b"250 ok\r\n").await.ok();
                    }
                }
            });
        }
    });
    (port, got)
}

async fn outbox_delivers_by_smtp(app: TestApp) {
    let (port, got) = smtp_sink().await;
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL").fetch_one(app.store.pool()).await.unwrap();
    assert!(pending >= 85, "the demo's welcome notifications queued emails ({pending})");
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(caigou::mailer::run(
        app.store.clone(),
        Some(format!("smtp://127.0.0.1:{port}")),
        "采购云 <noreply@caigou.invalid>".into(),
        stop_rx,
    ));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL").fetch_one(app.store.pool()).await.unwrap();
        if left == 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{left} emails still unsent");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    stop_tx.send(true).unwrap();
    worker.await.unwrap();
    let got = got.lock().unwrap();
    assert_eq!(got.len() as i64, pending, "each email delivered exactly once");
    let (_, data) = got.iter().find(|(to, _)| to == "supplier1@demo.caigou.invalid").expect("supplier1's email");
    assert!(data.contains("Subject:"));
}
both!(smtp, outbox_delivers_by_smtp);
