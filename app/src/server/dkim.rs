//! DKIM signing of every email we send, so receiving servers can tell it really comes
//! from the sending domain and was not changed on the way. Without it, large mailbox
//! providers put bulk mail (a version's 2,000 emails) in spam or refuse it.
//!
//! The key is read and checked once, at start (`OUR_WORDS_DKIM_KEY_FILE`): a key that
//! cannot be read or is not a key stops the app with a plain message, rather than
//! failing every email later.

use lettre::{
    Message,
    message::{
        dkim::{
            DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
            DkimSigningKey,
        },
        header::HeaderName,
    },
};
use rsa::{
    RsaPrivateKey,
    pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey},
    pkcs8::{DecodePrivateKey, LineEnding},
};
use std::{fmt, sync::Arc};

/// The headers the signature covers. Besides who, what and when, the two unsubscribe
/// headers (RFC 8058 requires them signed, so nobody on the way can point the
/// "Unsubscribe" button elsewhere). A header listed here but missing from a message is
/// signed as absent, so it cannot be added later either. Not `Content-Type`: lettre
/// writes a multipart message's `Content-Type` only when it formats the message, after
/// signing, so it would be signed as absent and every signature would fail.
const SIGNED_HEADERS: [&str; 8] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
];

/// A checked DKIM key with the selector and domain it is published under.
#[derive(Clone)]
pub struct Dkim {
    selector: String,
    domain: String,
    config: Arc<DkimConfig>,
}

/// Never the key: the configuration is printed in logs.
impl fmt::Debug for Dkim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dkim")
            .field("selector", &self.selector)
            .field("domain", &self.domain)
            .finish_non_exhaustive()
    }
}

impl Dkim {
    /// An RSA private key in PEM form, as `openssl genrsa` writes it: PKCS#8
    /// (`BEGIN PRIVATE KEY`, OpenSSL 3) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). The error
    /// says what is wrong in words for whoever set the app up.
    pub fn new(pem: &str, selector: &str, domain: &str) -> Result<Self, String> {
        if selector.is_empty()
            || !selector
                .split('.')
                .all(|label| !label.is_empty() && label.chars().all(is_label_char))
        {
            return Err(format!(
                "the DKIM selector {selector:?} is not a DNS name part (letters, digits and hyphens, like \"ourwords2026\")"
            ));
        }
        let pem = pem.trim();
        let key = RsaPrivateKey::from_pkcs8_pem(pem)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
            .map_err(|_| {
                "it is not an RSA private key in PEM form (make one with: openssl genrsa -out dkim.pem 2048)"
                    .to_owned()
            })?;
        // lettre reads PKCS#1 only; writing the key back out in that form cannot fail
        // for a key that was just read.
        let pkcs1 = key
            .to_pkcs1_pem(LineEnding::LF)
            .map_err(|e| format!("the RSA key could not be prepared for signing: {e}"))?;
        let signing_key = DkimSigningKey::new(&pkcs1, DkimSigningAlgorithm::Rsa)
            .map_err(|e| format!("the RSA key could not be prepared for signing: {e}"))?;
        let config = DkimConfig::new(
            selector.to_owned(),
            domain.to_owned(),
            signing_key,
            SIGNED_HEADERS
                .iter()
                .map(|name| HeaderName::new_from_ascii_str(name))
                .collect(),
            // Relaxed both ways: servers on the way that re-fold a long header or
            // change trailing spaces do not break the signature.
            DkimCanonicalization {
                header: DkimCanonicalizationType::Relaxed,
                body: DkimCanonicalizationType::Relaxed,
            },
        );
        Ok(Self {
            selector: selector.to_owned(),
            domain: domain.to_owned(),
            config: Arc::new(config),
        })
    }

    /// Add a `DKIM-Signature` header. Call it last: a header added afterwards that the
    /// signature covers would break it.
    pub fn sign(&self, message: &mut Message) {
        message.sign(&self.config);
    }

    pub fn selector(&self) -> &str {
        &self.selector
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }
}

fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_not_a_key_is_refused_in_words() {
        let refused = Dkim::new("hello", "ourwords", "example.org").unwrap_err();
        assert!(refused.contains("not an RSA private key"), "{refused}");
        assert!(refused.contains("openssl genrsa"), "{refused}");
    }

    #[test]
    fn a_selector_that_cannot_be_a_dns_name_is_refused() {
        for selector in ["", "our words", "a..b", "sel;ector"] {
            let refused = Dkim::new("hello", selector, "example.org").unwrap_err();
            assert!(refused.contains("selector"), "{selector:?}: {refused}");
        }
    }
}
