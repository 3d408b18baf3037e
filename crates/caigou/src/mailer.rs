//! The email outbox worker: claims due emails (each claimed by one server only), sends them by
//! SMTP, records success or schedules a retry.

use caigou_store::{Store, jobs};
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::watch;

const POLL: std::time::Duration = std::time::Duration::from_secs(2);

pub async fn run(store: Store, smtp_url: Option<String>, from: String, mut stop: watch::Receiver<bool>) {
    let Some(url) = smtp_url.filter(|u| !u.is_empty()) else {
        tracing::info!("no SMTP URL configured: emails stay in the outbox");
        return;
    };
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&url) {
        Ok(t) => t.build(),
        Err(e) => {
            tracing::error!(error = %e, "bad SMTP URL; mail disabled");
            return;
        }
    };
    loop {
        match jobs::claim_emails(&store, 10).await {
            Ok(batch) => {
                for email in batch {
                    match send(&transport, &from, &email).await {
                        Ok(()) => {
                            if let Err(e) = jobs::email_sent(&store, &email.id).await {
                                tracing::error!(error = %e, "cannot record sent email");
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, to = %email.to_addr, "email not sent; will retry");
                            let _ = jobs::email_failed(&store, &email, &e).await;
                        }
                    }
                }
            }
            Err(e) => tracing::error!(error = %e, "cannot claim emails"),
        }
        tokio::select! {
            _ = tokio::time::sleep(POLL) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
    }
}

async fn send(transport: &AsyncSmtpTransport<Tokio1Executor>, from: &str, email: &jobs::OutgoingEmail) -> Result<(), String> {
    let message = Message::builder()
        .from(from.parse().map_err(|e| format!("bad sender: {e}"))?)
        .to(email.to_addr.parse().map_err(|e| format!("bad recipient: {e}"))?)
        .subject(email.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(email.body.clone())
        .map_err(|e| e.to_string())?;
    transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
}
