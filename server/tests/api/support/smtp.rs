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
    task::JoinHandle,
};

/// Faults a test can inject (see `SmtpSink::set_faults`). The default injects none.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Answer the next N messages' end of data with `451` (try again later) and drop them.
    pub temporary_failures: usize,
    /// Answer `RCPT TO` for these addresses with `550` (no such mailbox).
    pub rejected_recipients: Vec<String>,
    /// Close the connection in the middle of the next N messages' data.
    pub drops_mid_message: usize,
    /// Never answer the next N messages' `DATA` command: the connection stays open and
    /// the server says nothing more on it, as a hung mail server would.
    pub stalls_at_data: usize,
    /// Take this long to answer each message's end of data, as a slow (busy, far away,
    /// spam-checking) mail server does; the message is kept all the same.
    pub slow_end_of_data: Duration,
}

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

    /// The `Message-ID` header, without its angle brackets.
    pub fn message_id(&self) -> String {
        let parsed = MessageParser::default()
            .parse(self.data.as_bytes())
            .unwrap();
        parsed.message_id().unwrap_or_default().to_owned()
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
    faults: Arc<Mutex<Faults>>,
    /// The accept loop and every conversation, so `stop` can end them all.
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl SmtpSink {
    pub async fn start() -> Self {
        Self::start_with(Faults::default()).await
    }

    pub async fn start_with(faults: Faults) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = Self {
            port: listener.local_addr().unwrap().port(),
            messages: Arc::default(),
            arrived: Arc::default(),
            faults: Arc::new(Mutex::new(faults)),
            tasks: Arc::default(),
        };
        sink.serve(listener);
        sink
    }

    fn serve(&self, listener: TcpListener) {
        let serving = self.clone();
        let accepting = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let sink = serving.clone();
                let conversation = tokio::spawn(async move {
                    let _ = sink.converse(socket).await;
                });
                let mut tasks = serving.tasks.lock().unwrap();
                tasks.retain(|t| !t.is_finished());
                tasks.push(conversation);
            }
        });
        self.tasks.lock().unwrap().push(accepting);
    }

    /// Replace the faults to inject from now on.
    pub fn set_faults(&self, faults: Faults) {
        *self.faults.lock().unwrap() = faults;
    }

    /// The server goes down: it stops listening (connections are refused) and closes
    /// every open connection.
    pub async fn stop(&self) {
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap());
        for task in &tasks {
            task.abort();
        }
        for task in tasks {
            let _ = task.await;
        }
    }

    /// The server comes back on the same port.
    pub async fn resume(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        self.serve(listener);
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
                let recipient = line.trim_end()[8..]
                    .trim()
                    .trim_matches(['<', '>'])
                    .to_owned();
                if self
                    .faults
                    .lock()
                    .unwrap()
                    .rejected_recipients
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(&recipient))
                {
                    b"550 5.1.1 No such mailbox here\r\n"
                } else {
                    recipients.push(recipient);
                    b"250 OK\r\n"
                }
            } else if command == "DATA" {
                if take_one(&mut self.faults.lock().unwrap().stalls_at_data) {
                    // Read on (whatever comes) until the client hangs up; answer nothing.
                    while lines.read_line(&mut line).await? > 0 {
                        line.clear();
                    }
                    return Ok(());
                }
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let drop_mid_message = take_one(&mut self.faults.lock().unwrap().drops_mid_message);
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if drop_mid_message {
                        // Hang up half-way through: the message never arrives.
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    // Undo dot-stuffing.
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let slow = self.faults.lock().unwrap().slow_end_of_data;
                if !slow.is_zero() {
                    tokio::time::sleep(slow).await;
                }
                if take_one(&mut self.faults.lock().unwrap().temporary_failures) {
                    recipients.clear();
                    write
                        .write_all(b"451 4.3.0 Temporary failure, try again later\r\n")
                        .await?;
                    continue;
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

/// Use up one of a fault's remaining count, if any are left.
fn take_one(remaining: &mut usize) -> bool {
    let take = *remaining > 0;
    *remaining = remaining.saturating_sub(1);
    take
}
