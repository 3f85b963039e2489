//! The checker's easy read mode: the rules easy read guidance gives, each a simple
//! heuristic that points at something to look at again, never a refusal.
//!
//! - **Sentences over 15 words.**
//! - **More than one idea**: a semicolon; a word that starts a second clause ("but",
//!   "because", "which", "although", "unless", "while", "whereas"); "and", "or", "so" or
//!   "then" straight before a subject ("and I", "or they"), which joins two clauses
//!   rather than two things ("my family and friends" is one idea); or, as in the
//!   standard mode, two or more joining words.
//! - **Jargon**: the same list as the standard mode.
//! - **Passive voice**: a form of "be" (also "I'm", "it's"…), perhaps with "not", "being"
//!   or an adverb between, followed by a past participle: a word ending in "-ed" (less a
//!   short list of feelings that are adjectives, like "tired" or "worried") or a common
//!   irregular one ("given", "told", "seen"…). "I am supported by staff" is flagged;
//!   "Staff support me" is what easy read prefers.
//! - **Numbers written as words**: "three" should be "3". "One" is left alone: it is more
//!   often a word ("the one I like", "one day") than a count.

/// Words that almost always start a second clause.
const CLAUSE_STARTERS: [&str; 7] = [
    "but", "because", "which", "although", "unless", "while", "whereas",
];
/// Words that join two clauses when a subject follows them.
const CLAUSE_JOINERS: [&str; 4] = ["and", "or", "so", "then"];
const SUBJECTS: [&str; 11] = [
    "i", "you", "he", "she", "it", "we", "they", "people", "staff", "someone", "my",
];

/// Forms of "be", including the usual contractions.
const BE: [&str; 20] = [
    "am", "is", "are", "was", "were", "be", "been", "being", "i'm", "you're", "we're", "they're",
    "it's", "he's", "she's", "that's", "isn't", "aren't", "wasn't", "weren't",
];
/// Words that may sit between "be" and its participle ("I am not asked", "I am always
/// told").
const BETWEEN: [&str; 9] = [
    "not",
    "being",
    "always",
    "often",
    "never",
    "sometimes",
    "usually",
    "also",
    "still",
];
/// "-ed" words that after "be" describe a feeling or state rather than something done to
/// someone.
const ED_ADJECTIVES: [&str; 20] = [
    "tired",
    "worried",
    "scared",
    "excited",
    "bored",
    "married",
    "pleased",
    "interested",
    "ashamed",
    "relaxed",
    "confused",
    "annoyed",
    "surprised",
    "embarrassed",
    "frightened",
    "stressed",
    "tied",
    "red",
    "bed",
    "need",
];
const IRREGULAR_PARTICIPLES: [&str; 40] = [
    "given",
    "taken",
    "written",
    "chosen",
    "spoken",
    "seen",
    "done",
    "made",
    "told",
    "paid",
    "kept",
    "left",
    "heard",
    "held",
    "brought",
    "bought",
    "found",
    "sent",
    "shown",
    "known",
    "put",
    "let",
    "cut",
    "met",
    "sold",
    "taught",
    "understood",
    "forgotten",
    "driven",
    "eaten",
    "fallen",
    "forgiven",
    "hidden",
    "beaten",
    "broken",
    "stolen",
    "woken",
    "born",
    "hurt",
    "built",
];

const NUMBER_WORDS: [(&str, u32); 28] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
];

fn number_value(word: &str) -> Option<u32> {
    NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| *n)
}

/// A word that is a number: "three" (3), "twenty-two" (22). "One" on its own is not
/// counted (see the module's rules).
fn number(word: &str) -> Option<u32> {
    match word.split_once('-') {
        Some((tens, unit)) => {
            let (tens, unit) = (number_value(tens)?, number_value(unit)?);
            (tens >= 20 && tens % 10 == 0 && unit < 10).then_some(tens + unit)
        }
        None if word == "one" => None,
        None => number_value(word),
    }
}

/// A sentence's words, lower case, with curly apostrophes made straight and the
/// punctuation around them removed.
fn plain_words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–'))
        .map(|w| {
            w.replace('’', "'")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether an easy read sentence probably holds more than one idea (see the module's
/// rules).
pub(crate) fn more_than_one_idea(sentence: &str) -> bool {
    if sentence.contains(';') || super::sentences::more_than_one_idea(sentence) {
        return true;
    }
    let words = plain_words(sentence);
    // A sentence that opens with "because" or "but" is one idea continued; look after it.
    words
        .iter()
        .skip(1)
        .any(|w| CLAUSE_STARTERS.contains(&w.as_str()))
        || words.windows(2).any(|pair| {
            CLAUSE_JOINERS.contains(&pair[0].as_str()) && SUBJECTS.contains(&pair[1].as_str())
        })
}

fn is_participle(word: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&word)
        || (word.len() > 4
            && word.ends_with("ed")
            && !word.ends_with("eed")
            && !ED_ADJECTIVES.contains(&word))
}

/// The first passive phrase in a sentence ("am supported", "was not told"), if any.
pub(crate) fn passive(sentence: &str) -> Option<String> {
    let words = plain_words(sentence);
    for (i, word) in words.iter().enumerate() {
        if !BE.contains(&word.as_str()) {
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && j <= i + 2 && BETWEEN.contains(&words[j].as_str()) {
            j += 1;
        }
        if words.get(j).is_some_and(|w| is_participle(w)) {
            return Some(words[i..=j].join(" "));
        }
    }
    None
}

/// Numbers written as words in a sentence, each with its digits: ("three", "3").
pub(crate) fn number_words(sentence: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for word in plain_words(sentence) {
        if let Some(n) = number(&word)
            && !found.iter().any(|(seen, _)| *seen == word)
        {
            found.push((word, n.to_string()));
        }
    }
    found
}

/// Easy read sentences: each line on its own (easy read puts one sentence to a line,
/// often without a full stop), then the sentences within a line.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    text.lines().flat_map(super::sentences::sentences).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_things_joined_by_and_are_one_idea() {
        assert!(!more_than_one_idea("I see my family and friends."));
        assert!(!more_than_one_idea("Because I choose."));
    }

    #[test]
    fn two_clauses_joined_are_more_than_one_idea() {
        for sentence in [
            "I feel safe and I can choose.",
            "I go out because I like it.",
            "I have a home which I chose.",
            "I like my home but it is cold.",
            "I can stay or they can come to me.",
            "I feel safe; my home is mine.",
        ] {
            assert!(more_than_one_idea(sentence), "{sentence}");
        }
    }

    #[test]
    fn be_with_a_past_participle_is_passive() {
        assert_eq!(
            passive("I am supported by staff.").as_deref(),
            Some("am supported")
        );
        assert_eq!(passive("I was not told.").as_deref(), Some("was not told"));
        assert_eq!(
            passive("I’m always asked first.").as_deref(),
            Some("i'm always asked")
        );
        assert_eq!(passive("My views are heard.").as_deref(), Some("are heard"));
    }

    #[test]
    fn active_sentences_and_feelings_are_not_passive() {
        for sentence in [
            "Staff support me.",
            "I am tired.",
            "I am happy at home.",
            "I need help.",
            "It is red.",
            "I was worried.",
        ] {
            assert_eq!(passive(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn numbers_written_as_words_are_found_with_their_digits() {
        assert_eq!(
            number_words("I see three friends, twenty-two times a year."),
            vec![
                ("three".to_owned(), "3".to_owned()),
                ("twenty-two".to_owned(), "22".to_owned()),
            ]
        );
        assert!(number_words("I see 3 friends. The one I like.").is_empty());
    }

    #[test]
    fn each_line_is_a_sentence_even_without_a_full_stop() {
        assert_eq!(
            sentences("I choose my home\nI choose who I live with. It is mine."),
            vec![
                "I choose my home",
                "I choose who I live with.",
                "It is mine."
            ]
        );
    }
}
