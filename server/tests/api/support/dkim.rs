//! Checks a DKIM signature (RFC 6376) the way a receiving mail server does, written
//! from the RFC rather than from lettre's signer, so a mistake in signing shows here:
//! the body hash over the relaxed body, then the RSA-SHA256 signature over the relaxed
//! signed headers and the signature header itself with its `b=` emptied.
//!
//! (A verifying crate such as `mail-auth` needs a DNS resolver stack to build; the
//! public key here comes from the test key file instead of DNS.)

use base64::{Engine, engine::general_purpose::STANDARD};
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey, pkcs8::DecodePrivateKey};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The DKIM test key: made for these tests with `openssl genrsa`, signs nothing real.
pub const TEST_KEY_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/api/support/dkim-test-key-not-secret.pem"
);

pub fn test_public_key() -> RsaPublicKey {
    let pem = std::fs::read_to_string(TEST_KEY_FILE).unwrap();
    RsaPrivateKey::from_pkcs8_pem(&pem)
        .expect("the test key is a PKCS#8 RSA key")
        .to_public_key()
}

/// One header as it came: its name and its whole text (`Name: value`, continuation lines
/// and the final CRLF included).
struct RawHeader<'a> {
    name: &'a str,
    text: &'a str,
}

fn headers_and_body(message: &str) -> (Vec<RawHeader<'_>>, &str) {
    let (head, body) = message
        .split_once("\r\n\r\n")
        .expect("a header section and a body");
    let head_end = head.len() + 2; // keep the last header's CRLF
    let head = &message[..head_end];
    let mut headers = Vec::new();
    let mut start = 0;
    let bytes = head.as_bytes();
    let mut i = 0;
    while i < head.len() {
        if bytes[i] == b'\r'
            && bytes.get(i + 1) == Some(&b'\n')
            && !matches!(bytes.get(i + 2), Some(b' ' | b'\t'))
        {
            let text = &head[start..i + 2];
            let name = text.split(':').next().unwrap().trim_end();
            headers.push(RawHeader { name, text });
            start = i + 2;
            i += 2;
        } else {
            i += 1;
        }
    }
    (headers, body)
}

/// Relaxed header canonicalization (RFC 6376 3.4.2).
fn relaxed_header(text: &str) -> String {
    let (name, value) = text.split_once(':').unwrap();
    let unfolded = value.replace("\r\n", "");
    let mut compact = String::new();
    let mut in_space = false;
    for c in unfolded.chars() {
        if c == ' ' || c == '\t' {
            in_space = true;
        } else {
            if in_space && !compact.is_empty() {
                compact.push(' ');
            }
            in_space = false;
            compact.push(c);
        }
    }
    format!("{}:{}\r\n", name.trim().to_ascii_lowercase(), compact)
}

/// Relaxed body canonicalization (RFC 6376 3.4.4).
fn relaxed_body(body: &str) -> String {
    let mut lines: Vec<String> = body
        .split("\r\n")
        .map(|line| {
            let mut out = String::new();
            let mut in_space = false;
            for c in line.chars() {
                if c == ' ' || c == '\t' {
                    in_space = true;
                } else {
                    if in_space {
                        out.push(' ');
                    }
                    in_space = false;
                    out.push(c);
                }
            }
            out
        })
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

/// The tags of a `DKIM-Signature` value, whitespace removed from each.
fn tags(value: &str) -> BTreeMap<String, String> {
    value
        .split(';')
        .filter_map(|tag| tag.split_once('='))
        .map(|(k, v)| {
            (
                k.trim().to_owned(),
                v.chars().filter(|c| !c.is_whitespace()).collect(),
            )
        })
        .collect()
}

/// Check the message's one DKIM signature against `key`; returns its tags (`d`, `s`…)
/// or says what does not hold.
pub fn verify(message: &str, key: &RsaPublicKey) -> Result<BTreeMap<String, String>, String> {
    let (headers, body) = headers_and_body(message);
    let signature_header = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("DKIM-Signature"))
        .ok_or("no DKIM-Signature header")?;
    let value = signature_header.text.split_once(':').unwrap().1;
    let tags = tags(value);
    let tag = |name: &str| {
        tags.get(name)
            .cloned()
            .ok_or(format!("no {name}= tag in {value}"))
    };
    if tag("a")? != "rsa-sha256" {
        return Err(format!("unexpected algorithm {}", tag("a")?));
    }
    if tag("c")? != "relaxed/relaxed" {
        return Err(format!(
            "this checker reads relaxed/relaxed, not {}",
            tag("c")?
        ));
    }
    let body_hash = STANDARD.encode(Sha256::digest(relaxed_body(body).as_bytes()));
    if body_hash != tag("bh")? {
        return Err(format!(
            "the body hash does not match: signed {}, body {body_hash}",
            tag("bh")?
        ));
    }
    // Each name in h= takes that header's next instance from the bottom; a name with no
    // instance left is signed as absent.
    let mut hashed = String::new();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for name in tag("h")?.split(':') {
        let seen = used.entry(name.to_ascii_lowercase()).or_default();
        let instance = headers
            .iter()
            .rev()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
            .nth(*seen);
        *seen += 1;
        if let Some(header) = instance {
            hashed.push_str(&relaxed_header(header.text));
        }
    }
    let emptied: Vec<String> = signature_header
        .text
        .split(';')
        .map(|part| {
            let trimmed = part.trim_start();
            if trimmed.starts_with("b=") {
                format!("{}b=", &part[..part.len() - trimmed.len()])
            } else {
                part.to_owned()
            }
        })
        .collect();
    let own = relaxed_header(&emptied.join(";"));
    hashed.push_str(own.trim_end_matches("\r\n"));
    let signature = STANDARD
        .decode(tag("b")?)
        .map_err(|e| format!("b= is not base64: {e}"))?;
    key.verify(
        Pkcs1v15Sign::new::<Sha256>(),
        &Sha256::digest(hashed.as_bytes()),
        &signature,
    )
    .map_err(|e| format!("the signature does not verify: {e}"))?;
    Ok(tags)
}

/// A header's value as the message carries it, unfolded; `None` when it has none.
pub fn header(message: &str, name: &str) -> Option<String> {
    let (headers, _) = headers_and_body(message);
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| {
            h.text
                .split_once(':')
                .unwrap()
                .1
                .replace("\r\n", "")
                .trim()
                .to_owned()
        })
}
