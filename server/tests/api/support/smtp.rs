//! A real SMTP server for tests: speaks SMTP over TCP on a loopback port and keeps
//! every message it accepts, so lettre's real SMTP transport is what gets tested.

use mail_parser::MessageParser;
use std::{
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::TcpListener,
    sync::Notify,
};

#[derive(Debug, Clone)]
pub struct Received {
    pub recipients: Vec<String>,
    pub data: String,
}

impl Received {
    pub fn text_body(&self) -> String {
        let parsed = MessageParser::default()
            .parse(self.data.as_bytes())
            .expect("a parseable email");
        parsed.body_text(0).expect("a plain text part").into_owned()
    }

    pub fn html_body(&self) -> String {
        let parsed = MessageParser::default()
            .parse(self.data.as_bytes())
            .expect("a parseable email");
        parsed.body_html(0).expect("an HTML part").into_owned()
    }

    pub fn subject(&self) -> String {
        let parsed = MessageParser::default()
            .parse(self.data.as_bytes())
            .unwrap();
        parsed.subject().unwrap_or_default().to_owned()
    }

    /// The link in the email, as a person would copy it.
    pub fn link(&self) -> String {
        self.text_body()
            .split_whitespace()
            .find(|w| w.starts_with("http://") || w.starts_with("https://"))
            .expect("a link in the email")
            .to_owned()
    }

    pub fn sign_in_token(&self) -> String {
        let link = self.link();
        let url = url::Url::parse(&link).unwrap();
        assert_eq!(url.path(), "/sign-in/confirm");
        url.query_pairs()
            .find(|(k, _)| k == "token")
            .expect("a token in the link")
            .1
            .into_owned()
    }
}

#[derive(Clone)]
pub struct SmtpSink {
    port: u16,
    messages: Arc<Mutex<Vec<Received>>>,
    arrived: Arc<Notify>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Self {
            port: listener.local_addr().unwrap().port(),
            messages: Arc::default(),
            arrived: Arc::default(),
        };
        let serving = sink.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let sink = serving.clone();
                tokio::spawn(async move {
                    let _ = sink.converse(socket).await;
                });
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<Received> {
        self.messages.lock().unwrap().clone()
    }

    /// Wait (briefly) until at least `count` messages have arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.arrived.notified();
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("expected {count} emails, got {}", self.messages().len());
            }
        }
    }

    async fn converse(&self, socket: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
        let mut recipients = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_ascii_uppercase();
            let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                b"250-sink.test\r\n250 8BITMIME\r\n"
            } else if command.starts_with("MAIL FROM") {
                recipients.clear();
                b"250 OK\r\n"
            } else if command.starts_with("RCPT TO") {
                recipients.push(
                    line.trim_end()[8..]
                        .trim()
                        .trim_matches(['<', '>'])
                        .to_owned(),
                );
                b"250 OK\r\n"
            } else if command == "DATA" {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    // Undo dot-stuffing.
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                self.messages.lock().unwrap().push(Received {
                    recipients: std::mem::take(&mut recipients),
                    data,
                });
                self.arrived.notify_waiters();
                b"250 OK queued\r\n"
            } else if command == "QUIT" {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            } else {
                // RSET, NOOP and anything else lettre may send between messages.
                b"250 OK\r\n"
            };
            write.write_all(reply).await?;
        }
    }
}
