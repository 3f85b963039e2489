//! An advisory plain-language check for I statements, shown to anyone drafting or
//! suggesting a rewording. It never blocks a save: it points at things easy-read
//! guidance warns about (long sentences, several ideas in one, jargon, a high reading
//! age) and at the I statement convention of writing as the person.

mod easy_read;
mod jargon;
mod sentences;
mod syllables;

use serde::{Deserialize, Serialize};

pub use jargon::{JargonEntry, default_jargon};

/// Easy-read guidance: 10 to 15 words a sentence.
pub const MAX_SENTENCE_WORDS: usize = 15;
/// GOV.UK aims at a reading age of 9; we advise 9 to 11 and only speak up above 11.
pub const MAX_READING_AGE: u32 = 11;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceAdvice {
    pub text: String,
    pub words: usize,
    pub too_long: bool,
    pub more_than_one_idea: bool,
    /// Easy read mode: a passive phrase found in it ("am supported").
    #[serde(default)]
    pub passive: Option<String>,
    /// Easy read mode: numbers written as words, with their digits.
    #[serde(default)]
    pub number_words: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    pub first_person: bool,
    pub sentences: Vec<SentenceAdvice>,
    pub words: usize,
    /// Flesch–Kincaid grade level.
    pub grade: f32,
    /// The grade plus 5, as a UK reading age; 0 for empty text.
    pub reading_age: u32,
    /// Flesch reading ease: higher is easier; 60 to 70 is plain English.
    pub reading_ease: f32,
    /// The jargon found, with plainer words, in the order it appears.
    pub jargon: Vec<JargonEntry>,
    /// What to act on, in plain words. Empty for empty text; "This reads clearly." when
    /// there is nothing to act on.
    pub notes: Vec<String>,
    /// Checked against the easy read rules ([`check_easy_read`]).
    #[serde(default)]
    pub easy_read: bool,
}

impl SentenceAdvice {
    /// A sentence's length checks, with whether it holds more than one idea (each mode
    /// judges that its own way); no passive voice or number words noted.
    fn of(sentence: &str, more_than_one_idea: bool) -> Self {
        let words = sentences::words(sentence).count();
        Self {
            text: sentence.to_owned(),
            words,
            too_long: words > MAX_SENTENCE_WORDS,
            more_than_one_idea,
            passive: None,
            number_words: Vec::new(),
        }
    }
}

/// Check a statement against the I statement conventions and easy-read guidance.
pub fn check(text: &str, jargon: &[JargonEntry]) -> Advice {
    let sentences = sentences::sentences(text)
        .into_iter()
        .map(|sentence| SentenceAdvice::of(sentence, sentences::more_than_one_idea(sentence)))
        .collect();
    let mut advice = measure(text, sentences, jargon);
    advice.notes = notes(&advice);
    advice
}

/// Check an easy read text: each line is read as its own sentence, and besides the
/// standard checks it looks for passive voice and numbers written as words, with a
/// stricter test for more than one idea (the rules are in `easy_read`'s documentation).
pub fn check_easy_read(text: &str, jargon: &[JargonEntry]) -> Advice {
    let sentences = easy_read::sentences(text)
        .into_iter()
        .map(|sentence| SentenceAdvice {
            passive: easy_read::passive(sentence),
            number_words: easy_read::number_words(sentence),
            ..SentenceAdvice::of(sentence, easy_read::more_than_one_idea(sentence))
        })
        .collect();
    let mut advice = measure(text, sentences, jargon);
    advice.easy_read = true;
    advice.notes = notes(&advice);
    advice
}

/// The reading figures and jargon, for sentences already split.
fn measure(text: &str, sentences: Vec<SentenceAdvice>, jargon: &[JargonEntry]) -> Advice {
    let sentences: Vec<SentenceAdvice> = sentences.into_iter().filter(|s| s.words > 0).collect();
    let words: usize = sentences.iter().map(|s| s.words).sum();
    let syllables: usize = sentences
        .iter()
        .flat_map(|s| sentences::words(&s.text))
        .map(syllables::syllables)
        .sum();

    let (grade, reading_ease, reading_age) = if words == 0 {
        (0.0, 0.0, 0)
    } else {
        let words_per_sentence = words as f32 / sentences.len() as f32;
        let syllables_per_word = syllables as f32 / words as f32;
        let grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59;
        let ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word;
        // `as` saturates, so even an absurd grade cannot overflow.
        let age = (grade + 5.0).round().max(5.0) as u32;
        (grade, ease, age)
    };

    Advice {
        first_person: is_first_person(text),
        sentences,
        words,
        grade,
        reading_age,
        reading_ease,
        jargon: jargon::find(text, jargon),
        notes: Vec::new(),
        easy_read: false,
    }
}

/// I statements are written as the person: they start "I", "I'm", "My", "Me"… We look
/// past leading space and opening quote marks, and "I" must be a capital, since a
/// lowercase "i" is more often the start of another word.
fn is_first_person(text: &str) -> bool {
    let start = text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(')
    });
    let first: String = start
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '\'' | '’'))
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    matches!(
        first.as_str(),
        "I" | "I'm" | "I've" | "I'd" | "I'll" | "My" | "Me"
    )
}

fn notes(advice: &Advice) -> Vec<String> {
    if advice.words == 0 {
        return Vec::new();
    }
    let mut notes = Vec::new();
    if !advice.first_person {
        notes.push(
            "Start with I or My, so it is written from the person's point of view.".to_owned(),
        );
    }
    let single = advice.sentences.len() == 1;
    for (i, sentence) in advice.sentences.iter().enumerate() {
        let which = if single {
            "This sentence".to_owned()
        } else {
            format!("Sentence {}", i + 1)
        };
        if sentence.too_long {
            notes.push(format!(
                "{which} has {} words. Try to keep sentences to {MAX_SENTENCE_WORDS} words or fewer.",
                sentence.words
            ));
        }
        if sentence.more_than_one_idea {
            notes.push(format!(
                "{which} may have more than one idea. Try one idea in each sentence."
            ));
        }
        if let Some(phrase) = &sentence.passive {
            notes.push(format!(
                "{which} may be passive ('{phrase}'). Say who does it, like 'Staff support me'."
            ));
        }
        for (word, digits) in &sentence.number_words {
            notes.push(format!("Write '{word}' as the number {digits}."));
        }
    }
    for entry in &advice.jargon {
        notes.push(format!(
            "'{}' is jargon: try '{}'.",
            entry.term, entry.plainer
        ));
    }
    if advice.reading_age > MAX_READING_AGE {
        notes.push(format!(
            "This reads at about age {}. Aim for age 9 to {MAX_READING_AGE}.",
            advice.reading_age
        ));
    }
    if notes.is_empty() {
        notes.push("This reads clearly.".to_owned());
    }
    // The same word in two sentences ("three" twice) is one thing to change: say it once.
    // A text has a handful of notes, so a linear search beats hashing, and keeps a hash
    // set (and its hasher) out of the wasm this runs in.
    let mut kept: Vec<String> = Vec::with_capacity(notes.len());
    for note in notes {
        if !kept.contains(&note) {
            kept.push(note);
        }
    }
    kept
}

#[cfg(test)]
mod tests;
