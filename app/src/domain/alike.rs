//! Finding comments that say the same thing, so an editor answers them once.
//!
//! Two comments are *alike* when either
//! - their words are near-identical: the same text once normalised (lower case, no
//!   punctuation, single spaces), or a Jaccard similarity of their word 3-shingles of at
//!   least [`THRESHOLD`] — campaign copies with a name changed, a sentence added or a few
//!   typos; or
//! - they ask for the same change to the same words: the same quoted passage and the same
//!   suggested wording, once normalised.
//!
//! Texts shorter than [`MIN_WORDS`] words are only grouped when identical: with a handful
//! of shingles one shared phrase (often the statement's own words, quoted) would make two
//! different comments look alike.
//!
//! **Why 0.7.** Measured by the tests below on a 70-word campaign text: a changed name
//! scores 0.89, an added sentence 0.86, three typos 0.82, a new name and a short added
//! sentence together 0.85; two different comments that both open by quoting the
//! statement's words score 0.22, and unrelated comments near 0. 0.7 leaves room for
//! heavier edits of a campaign (two sentences added, a paragraph cut) while staying far
//! above what different comments score.
//!
//! **Finding candidates without reading every comment.** A statement can hold 1,500
//! comments in a round, so a new comment must not be compared with all of them. Each
//! comment gets a few integer keys, stored in an indexed table: one for its exact
//! normalised text, one for its requested change (when it has a passage and a suggested
//! wording) and [`BANDS`] MinHash band keys (locality-sensitive hashing: [`HASHES`]
//! MinHash values in bands of [`ROWS`]). Comments sharing any key are candidates, and only
//! candidates are compared exactly. With bands of 3, two texts at similarity 0.7 share a
//! band key with probability 1 − (1 − 0.7³)¹⁰ ≈ 0.985, at 0.3 only ≈ 0.24; a campaign copy
//! needs to meet only one of the many members of its group, so a missed pair costs
//! nothing. Hashes are FNV-1a (stable across Rust releases, unlike `DefaultHasher`), so
//! stored keys stay valid.

/// The least Jaccard similarity of word 3-shingles for two texts to be near-identical.
pub const THRESHOLD: f64 = 0.7;
/// The least share of the shorter text's 3-shingles found in the longer one for two
/// texts to be near-identical although one adds a lot: a 40-word campaign text sent with
/// a sentence, a typo and a name of one's own scores under 0.7 by Jaccard against a copy
/// sent plain, yet nearly all of the campaign is in it (measured in the tests below).
pub const CONTAINED: f64 = 0.8;
/// Containment counts only when the shorter text has at least this many shingles (about
/// 22 words): a short text found inside a long one is too often a quote, not a copy.
pub const MIN_CONTAINED_SHINGLES: usize = 20;
/// Texts with fewer words than this group only when identical once normalised.
pub const MIN_WORDS: usize = 10;
/// Words in a shingle.
const SHINGLE: usize = 3;
/// MinHash values per text, in bands of `ROWS`.
pub const HASHES: usize = 30;
pub const ROWS: usize = 3;
pub const BANDS: usize = HASHES / ROWS;

/// What a comment says, as far as grouping is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said<'a> {
    pub body: &'a str,
    pub quote: Option<&'a str>,
    pub suggestion: Option<&'a str>,
}

impl Said<'_> {
    /// The words compared for near-identity: the body and any suggested wording.
    fn words(&self) -> String {
        match self.suggestion {
            Some(s) => normalise(&format!("{} {s}", self.body)),
            None => normalise(self.body),
        }
    }

    /// The change asked for, normalised: the words quoted and the wording suggested.
    fn change(&self) -> Option<(String, String)> {
        let quote = normalise(self.quote?);
        let suggestion = normalise(self.suggestion?);
        (!quote.is_empty() && !suggestion.is_empty()).then_some((quote, suggestion))
    }
}

/// Lower case, letters and digits only (anything else is a space), single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        // Apostrophes join words ("I'm" is "im"), so a curly or straight one reads alike.
        if matches!(c, '\'' | '’' | '‘') {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A good bit mixer (splitmix64's finaliser): one MinHash function per seed.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hashed word 3-shingles of normalised text, sorted and without repeats. A text of
/// fewer than three words is one shingle.
fn shingles(normalised: &str) -> Vec<u64> {
    let words: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<u64> = if words.len() < SHINGLE {
        vec![fnv1a(&[normalised.as_bytes()])]
    } else {
        words
            .windows(SHINGLE)
            .map(|w| fnv1a(&[w[0].as_bytes(), w[1].as_bytes(), w[2].as_bytes()]))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// |A ∩ B| / |A ∪ B| of two sorted sets.
/// How many values two sorted, deduplicated lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// The share of the shorter list found in the longer (0 when the shorter is too short
/// to tell a copy from a quote).
fn containment(a: &[u64], b: &[u64]) -> f64 {
    let shorter = a.len().min(b.len());
    if shorter < MIN_CONTAINED_SHINGLES {
        return 0.0;
    }
    shared(a, b) as f64 / shorter as f64
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let both = shared(a, b);
    both as f64 / (a.len() + b.len() - both) as f64
}

/// What grouping compares of one comment, worked out once.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    words: String,
    word_count: usize,
    shingles: Vec<u64>,
    change: Option<(String, String)>,
}

impl Fingerprint {
    pub fn of(said: &Said<'_>) -> Self {
        let words = said.words();
        let word_count = words.split(' ').filter(|w| !w.is_empty()).count();
        Self {
            shingles: shingles(&words),
            word_count,
            words,
            change: said.change(),
        }
    }

    /// How alike the words are (Jaccard similarity of word 3-shingles), 0 to 1.
    pub fn similarity(&self, other: &Self) -> f64 {
        jaccard(&self.shingles, &other.shingles)
    }

    /// Whether two comments say the same thing (see the module's comment).
    pub fn alike(&self, other: &Self) -> bool {
        if !self.words.is_empty() && self.words == other.words {
            return true;
        }
        if self.change.is_some() && self.change == other.change {
            return true;
        }
        self.word_count >= MIN_WORDS
            && other.word_count >= MIN_WORDS
            && (self.similarity(other) >= THRESHOLD
                || containment(&self.shingles, &other.shingles) >= CONTAINED)
    }

    /// The keys a comment is found by: comments sharing one are compared. `kind` names
    /// the text it was made on, so comments on different texts never share a key.
    pub fn keys(&self, kind: &str) -> Vec<i64> {
        let mut keys = Vec::with_capacity(BANDS + 2);
        if !self.words.is_empty() {
            keys.push(fnv1a(&[b"words", kind.as_bytes(), self.words.as_bytes()]));
        }
        if let Some((quote, suggestion)) = &self.change {
            keys.push(fnv1a(&[
                b"change",
                kind.as_bytes(),
                quote.as_bytes(),
                suggestion.as_bytes(),
            ]));
        }
        if self.word_count >= MIN_WORDS {
            let minimums: Vec<u64> = (0..HASHES as u64)
                .map(|seed| {
                    let salt = mix(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
                    self.shingles
                        .iter()
                        .map(|s| mix(s ^ salt))
                        .min()
                        .unwrap_or(u64::MAX)
                })
                .collect();
            for (band, rows) in minimums.chunks(ROWS).enumerate() {
                let mut bytes = Vec::with_capacity(8 * ROWS + 1);
                bytes.push(band as u8);
                for value in rows {
                    bytes.extend_from_slice(&value.to_le_bytes());
                }
                keys.push(fnv1a(&[b"band", kind.as_bytes(), &bytes]));
            }
        }
        // Stored as SQL integers: the same 64 bits, signed.
        let mut keys: Vec<i64> = keys.into_iter().map(|k| k as i64).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAMPAIGN: &str = "As a member of Carers Together I want this statement to say that \
        unpaid carers must be asked before any change to the support of the person they \
        care for. My name is Alice Brown and I have cared for my son for twelve years. \
        Nobody asked me when his hours were cut, and we found out from a letter. Please \
        write it into the standard so that it cannot happen to other families.";

    fn print(body: &str) -> Fingerprint {
        Fingerprint::of(&Said {
            body,
            quote: None,
            suggestion: None,
        })
    }

    fn similarity(a: &str, b: &str) -> f64 {
        print(a).similarity(&print(b))
    }

    fn share_a_key(a: &str, b: &str) -> bool {
        let (a, b) = (print(a).keys("standard"), print(b).keys("standard"));
        a.iter().any(|k| b.contains(k))
    }

    #[test]
    fn normalising_ignores_case_punctuation_and_spacing() {
        assert_eq!(
            normalise("  I’m ABLE to, decide!!  What   happens\n(to me). "),
            "im able to decide what happens to me"
        );
        assert_eq!(normalise("?!"), "");
    }

    #[test]
    fn a_campaign_copy_with_another_name_is_alike() {
        let copy = CAMPAIGN.replace("Alice Brown", "Mohammed Khan");
        let s = similarity(CAMPAIGN, &copy);
        assert!(s > 0.85, "{s}");
        assert!(print(CAMPAIGN).alike(&print(&copy)));
        assert!(share_a_key(CAMPAIGN, &copy));
    }

    #[test]
    fn a_campaign_copy_with_a_sentence_added_is_alike() {
        let copy =
            format!("{CAMPAIGN} I also think respite should be easier to find in rural areas.");
        let s = similarity(CAMPAIGN, &copy);
        assert!((THRESHOLD..0.9).contains(&s), "{s}");
        assert!(print(CAMPAIGN).alike(&print(&copy)));
        assert!(share_a_key(CAMPAIGN, &copy));
    }

    #[test]
    fn a_campaign_copy_with_typos_is_alike() {
        let copy = CAMPAIGN
            .replace("statement", "statment")
            .replace("support", "suport")
            .replace("families", "familes");
        let s = similarity(CAMPAIGN, &copy);
        assert!((THRESHOLD..0.85).contains(&s), "{s}");
        assert!(print(CAMPAIGN).alike(&print(&copy)));
        assert!(share_a_key(CAMPAIGN, &copy));
    }

    /// A shorter campaign text, as the national data set's campaigns are.
    const SHORT_CAMPAIGN: &str = "I want a named person I can call about my support, who \
        answers within two working days. Too many of us leave messages that nobody returns. \
        Without a time limit this statement will not change anything. Put a time limit in \
        the standard.";

    #[test]
    fn a_short_campaign_sent_with_a_story_and_a_name_is_alike_to_a_plain_copy() {
        let copy = SHORT_CAMPAIGN
            .replace(
                "Too many",
                "I left four messages last month and nobody called back. Too many",
            )
            .replace("anything", "anythign")
            + "\n\nPriya, Leeds";
        let s = similarity(SHORT_CAMPAIGN, &copy);
        assert!(s < THRESHOLD, "too far apart by Jaccard alone: {s}");
        assert!(print(SHORT_CAMPAIGN).alike(&print(&copy)));
        assert!(
            print(&copy).alike(&print(SHORT_CAMPAIGN)),
            "either way round"
        );
        assert!(share_a_key(SHORT_CAMPAIGN, &copy));
    }

    #[test]
    fn a_sentence_quoted_inside_a_longer_comment_is_not_a_copy() {
        let quote = "I want a named person I can call about my support.";
        let long = format!("{quote} {CAMPAIGN}");
        assert!(!print(quote).alike(&print(&long)));
    }

    #[test]
    fn a_copy_with_a_new_name_and_a_new_sentence_is_still_alike() {
        let copy = format!(
            "{} We need this now.",
            CAMPAIGN.replace("Alice Brown", "Jo Smith")
        );
        assert!(
            print(CAMPAIGN).alike(&print(&copy)),
            "{}",
            similarity(CAMPAIGN, &copy)
        );
    }

    #[test]
    fn the_same_text_in_other_case_and_punctuation_is_alike_however_short() {
        assert!(print("Keep it as it is.").alike(&print("keep it as it is")));
        assert!(!print("Keep it as it is.").alike(&print("Keep it as it was.")));
    }

    #[test]
    fn two_comments_quoting_the_statement_but_saying_different_things_are_not_alike() {
        let a = "I'm able to spend time with people important to me is too vague, it \
                 should say how often and who pays for the transport.";
        let b = "I'm able to spend time with people important to me should include my \
                 dog, because she is the most important one in my life.";
        let s = similarity(a, b);
        assert!(s < THRESHOLD, "{s}");
        assert!(!print(a).alike(&print(b)));
    }

    #[test]
    fn short_comments_sharing_a_phrase_are_not_alike() {
        let a = "Spend time with people important to me matters.";
        let b = "Spend time with people important to me is vague.";
        assert!(!print(a).alike(&print(b)));
    }

    #[test]
    fn unrelated_comments_are_far_apart_and_rarely_share_a_key() {
        let a = "The waiting list for an assessment in our area is eighteen months long and \
                 nobody tells you where you are on it.";
        let b = "My personal assistant is wonderful but the agency changes her rota every \
                 week without asking me first.";
        assert!(similarity(a, b) < 0.05);
        assert!(!print(a).alike(&print(b)));
        assert!(!share_a_key(a, b));
    }

    #[test]
    fn the_same_change_to_the_same_words_is_alike_whatever_the_reasons() {
        let a = Fingerprint::of(&Said {
            body: "Choosing is not deciding.",
            quote: Some("choose"),
            suggestion: Some("Decide."),
        });
        let b = Fingerprint::of(&Said {
            body: "People should be in charge of their own lives, which is more than a choice.",
            quote: Some("Choose"),
            suggestion: Some("decide"),
        });
        let other_words = Fingerprint::of(&Said {
            body: "Decide is a stronger word.",
            quote: Some("spend time"),
            suggestion: Some("decide"),
        });
        assert!(a.alike(&b));
        assert!(!a.alike(&other_words));
        let (ka, kb) = (a.keys("standard"), b.keys("standard"));
        assert!(ka.iter().any(|k| kb.contains(k)));
    }

    #[test]
    fn keys_differ_between_the_standard_and_the_easy_read_text() {
        let standard = print(CAMPAIGN).keys("standard");
        let easy_read = print(CAMPAIGN).keys("easy_read");
        assert!(standard.iter().all(|k| !easy_read.contains(k)));
        assert_eq!(standard.len(), BANDS + 1);
    }

    #[test]
    fn keys_are_stable_across_runs() {
        // Stored keys must mean the same thing after a restart or an upgrade.
        assert_eq!(
            print("keep it as it is").keys("standard"),
            print("Keep it, as it is!").keys("standard")
        );
        assert_eq!(fnv1a(&[b"a"]), fnv1a(&[b"a"]));
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }
}
