//! Pooled SMTP connections whose sockets have `TCP_NODELAY` set.
//!
//! Why not lettre's own `AsyncSmtpTransport`: lettre 0.11.23 (the newest release) sends
//! a message's body and then its end-of-data marker (`\r\n.\r\n`) as two separate small
//! writes on a socket with Nagle's algorithm on. Nagle holds the five-byte marker until
//! the server acknowledges the body, and the server delays that acknowledgement (about
//! 40 ms on Linux) because it has nothing to say until the marker arrives. So every
//! message waited about 40 ms doing nothing, however fast the server: 25 messages a
//! second per connection at best. More connections only hide the wait; switching Nagle
//! off on the socket removes it. lettre opens its sockets inside a sealed trait and never
//! hands them out, but it does let a caller bring its own stream
//! (`AsyncSmtpConnection::connect_with_transport`), so this module opens the socket,
//! sets `TCP_NODELAY`, and lets lettre speak SMTP over it: the same conversation, TLS,
//! STARTTLS and authentication code as before. What lettre's pool did around that (keep
//! connections open between messages, check one with `NOOP` before reusing it, drop one
//! idle for a minute) is done here too.

use super::mail::SendFailure;
use lettre::{
    Message,
    transport::smtp::{
        authentication::{Credentials, DEFAULT_MECHANISMS},
        client::{AsyncSmtpConnection, AsyncTokioStream, TlsParameters},
        extension::ClientId,
    },
};
use std::{
    borrow::Cow,
    io,
    pin::Pin,
    sync::Mutex,
    task::{Context, Poll, ready},
    time::{Duration, Instant},
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpStream,
};

/// How a connection is encrypted, as the SMTP URL says (the same words lettre's
/// `from_url` understands).
#[derive(Clone)]
enum Encryption {
    /// `smtp://host`: none.
    None,
    /// `smtp://host?tls=opportunistic`: STARTTLS when the server offers it.
    Opportunistic(TlsParameters),
    /// `smtp://host?tls=required`: STARTTLS or no connection.
    Required(TlsParameters),
    /// `smtps://host`: TLS from the first byte.
    Wrapper(TlsParameters),
}

/// Where and how to connect: what an SMTP URL says.
#[derive(Clone)]
struct Server {
    host: String,
    port: u16,
    encryption: Encryption,
    hello: ClientId,
    credentials: Option<Credentials>,
}

impl Server {
    /// Read an SMTP URL the way lettre's `AsyncSmtpTransport::from_url` does (its parser
    /// is private): `smtp://` on port 25, or 587 with `?tls=required|opportunistic`;
    /// `smtps://` on 465; `user:password@` (percent-encoded) to authenticate; a path
    /// names this host in `EHLO`.
    fn from_url(url: &str) -> Result<Self, String> {
        let url = url::Url::parse(url).map_err(|e| e.to_string())?;
        let host = url
            .host_str()
            .ok_or("it names no host")?
            .trim_matches(['[', ']'])
            .to_owned();
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let parameters = || TlsParameters::new(host.clone()).map_err(|e| e.to_string());
        let (default_port, encryption) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (25, Encryption::None),
            ("smtp", Some("required")) => (587, Encryption::Required(parameters()?)),
            ("smtp", Some("opportunistic")) => (587, Encryption::Opportunistic(parameters()?)),
            ("smtps", _) => (465, Encryption::Wrapper(parameters()?)),
            (scheme, tls) => {
                return Err(format!(
                    "unknown scheme {scheme:?} or tls parameter {tls:?} \
                     (smtp://, smtp://…?tls=required, smtp://…?tls=opportunistic or smtps://)"
                ));
            }
        };
        let hello = match url.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        let decode = |s: &str| {
            percent_encoding_decode(s).ok_or("the user name or password is not UTF-8 once decoded")
        };
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
            None => None,
        };
        Ok(Server {
            port: url.port().unwrap_or(default_port),
            host,
            encryption,
            hello,
            credentials,
        })
    }
}

fn percent_encoding_decode(s: &str) -> Option<String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

/// A connection waiting for its next message.
struct Parked {
    connection: AsyncSmtpConnection,
    since: Instant,
}

/// Pooled SMTP connections with `TCP_NODELAY` (see the module's comment).
pub struct SmtpPool {
    server: Server,
    /// How long opening a connection may take (the TCP connect alone).
    connect_timeout: Duration,
    /// How long one message may take, connection included; the outbox worker bounds
    /// each delivery more tightly still, within its lease.
    send_timeout: Duration,
    idle: Mutex<Vec<Parked>>,
    /// Connections kept open between messages; more than this are closed after use.
    max_idle: usize,
    /// A connection idle longer than this is closed rather than reused.
    idle_timeout: Duration,
}

impl SmtpPool {
    pub fn from_url(url: &str) -> Result<Self, String> {
        Ok(Self {
            server: Server::from_url(url)?,
            connect_timeout: Duration::from_secs(10),
            send_timeout: Duration::from_secs(20),
            idle: Mutex::new(Vec::new()),
            max_idle: 16,
            idle_timeout: Duration::from_secs(60),
        })
    }

    /// Send one message: `Ok` once the server has answered 250. Every error says
    /// whether the message is worth trying again.
    pub async fn send(&self, message: &Message) -> Result<(), SendFailure> {
        let sending = async {
            let mut connection = self.connection().await?;
            let outcome = connection
                .send(message.envelope(), &message.formatted())
                .await;
            // lettre marks a connection broken on any error (it has already sent QUIT
            // or hung up); a healthy one goes back for the next message.
            if !connection.has_broken() {
                self.park(connection);
            }
            outcome.map(|_| ()).map_err(classify)
        };
        tokio::time::timeout(self.send_timeout, sending)
            .await
            .unwrap_or_else(|_| {
                Err(SendFailure::Transient(format!(
                    "the SMTP server did not finish within {} s",
                    self.send_timeout.as_secs()
                )))
            })
    }

    /// A connection that answers: an idle one that still does, or a new one. A
    /// connection handed out is the caller's; if the caller's future is dropped midway
    /// (a timeout), the socket closes with it and is never reused half-way through a
    /// conversation.
    async fn connection(&self) -> Result<AsyncSmtpConnection, SendFailure> {
        loop {
            let parked = self.idle.lock().expect("the SMTP pool's lock").pop();
            let Some(parked) = parked else {
                return self.connect().await;
            };
            let mut connection = parked.connection;
            if parked.since.elapsed() > self.idle_timeout {
                close(connection);
                continue;
            }
            if connection.test_connected().await {
                return Ok(connection);
            }
            close(connection);
        }
    }

    fn park(&self, connection: AsyncSmtpConnection) {
        let mut idle = self.idle.lock().expect("the SMTP pool's lock");
        if idle.len() < self.max_idle {
            idle.push(Parked {
                connection,
                since: Instant::now(),
            });
        } else {
            drop(idle);
            close(connection);
        }
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SendFailure> {
        let server = &self.server;
        let tcp = tokio::time::timeout(
            self.connect_timeout,
            TcpStream::connect((server.host.as_str(), server.port)),
        )
        .await
        .map_err(|_| {
            SendFailure::Transient(format!(
                "could not connect to {}:{} within {} s",
                server.host,
                server.port,
                self.connect_timeout.as_secs()
            ))
        })?
        .map_err(|e| {
            SendFailure::Transient(format!(
                "could not connect to {}:{}: {e}",
                server.host, server.port
            ))
        })?;
        // The reason for this module: every write leaves at once.
        tcp.set_nodelay(true)
            .map_err(|e| SendFailure::Transient(format!("could not set TCP_NODELAY: {e}")))?;
        let mut connection = match &server.encryption {
            Encryption::Wrapper(tls) => {
                // TLS from the first byte: lettre's own TLS (same roots and checks as
                // its `smtps://` transport) over this socket, then SMTP over that.
                #[allow(deprecated)]
                let mut stream =
                    lettre::transport::smtp::client::AsyncNetworkStream::use_existing_tokio1(
                        Box::new(tcp),
                    );
                stream.upgrade_tls(tls.clone()).await.map_err(classify)?;
                AsyncSmtpConnection::connect_with_transport(
                    Box::new(Encrypted(stream)),
                    &server.hello,
                )
                .await
            }
            _ => AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &server.hello).await,
        }
        .map_err(classify)?;
        match &server.encryption {
            Encryption::Required(tls) => connection.starttls(tls.clone(), &server.hello).await,
            Encryption::Opportunistic(tls) if connection.can_starttls() => {
                connection.starttls(tls.clone(), &server.hello).await
            }
            _ => Ok(()),
        }
        .map_err(classify)?;
        if let Some(credentials) = &server.credentials {
            connection
                .auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(classify)?;
        }
        Ok(connection)
    }
}

/// Say QUIT and hang up, in the background and briefly: a message waiting for a
/// connection does not wait for a server that has stopped answering to say goodbye.
fn close(mut connection: AsyncSmtpConnection) {
    tokio::spawn(async move {
        let _ = tokio::time::timeout(Duration::from_secs(5), connection.abort()).await;
    });
}

/// A 5xx (or a message that cannot be sent as it is) will never go; anything else (4xx,
/// refused or dropped connections, timeouts, TLS trouble) may go later.
fn classify(error: lettre::transport::smtp::Error) -> SendFailure {
    if error.is_permanent() {
        SendFailure::Permanent(error.to_string())
    } else {
        SendFailure::Transient(error.to_string())
    }
}

/// lettre's TLS stream (which speaks the `futures` I/O traits) as the tokio stream its
/// `connect_with_transport` takes.
#[allow(deprecated)]
#[derive(Debug)]
struct Encrypted(lettre::transport::smtp::client::AsyncNetworkStream);

impl AsyncTokioStream for Encrypted {
    fn peer_addr(&self) -> io::Result<std::net::SocketAddr> {
        self.0.peer_addr()
    }
}

impl AsyncRead for Encrypted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let read = ready!(futures::io::AsyncRead::poll_read(
            Pin::new(&mut self.0),
            cx,
            buf.initialize_unfilled()
        ))?;
        buf.advance(read);
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Encrypted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        futures::io::AsyncWrite::poll_write(Pin::new(&mut self.0), cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures::io::AsyncWrite::poll_flush(Pin::new(&mut self.0), cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        futures::io::AsyncWrite::poll_close(Pin::new(&mut self.0), cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(url: &str) -> Server {
        Server::from_url(url).unwrap()
    }

    #[test]
    fn smtp_urls_read_as_lettre_reads_them() {
        let plain = server("smtp://127.0.0.1:2525");
        assert_eq!((plain.host.as_str(), plain.port), ("127.0.0.1", 2525));
        assert!(matches!(plain.encryption, Encryption::None));
        assert!(plain.credentials.is_none());

        assert_eq!(server("smtp://mail.example.org").port, 25);
        let starttls = server("smtp://mailer:s%40cret@mail.example.org?tls=required");
        assert_eq!(starttls.port, 587);
        assert!(matches!(starttls.encryption, Encryption::Required(_)));
        assert!(starttls.credentials == Some(Credentials::new("mailer".into(), "s@cret".into())));
        assert!(matches!(
            server("smtp://mail.example.org?tls=opportunistic").encryption,
            Encryption::Opportunistic(_)
        ));
        let wrapped = server("smtps://mail.example.org/ourwords.example.org");
        assert_eq!(wrapped.port, 465);
        assert!(matches!(wrapped.encryption, Encryption::Wrapper(_)));
        assert_eq!(
            wrapped.hello,
            ClientId::Domain("ourwords.example.org".into())
        );
    }

    #[test]
    fn an_smtp_url_lettre_would_refuse_is_refused() {
        assert!(Server::from_url("http://mail.example.org").is_err());
        assert!(Server::from_url("smtp://mail.example.org?tls=sometimes").is_err());
        assert!(Server::from_url("mailer:pass@mail.example.org").is_err());
    }
}
