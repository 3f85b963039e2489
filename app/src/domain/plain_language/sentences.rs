//! Splitting a statement into sentences and words, for the reading-age sums and the
//! sentence advice.

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: [&str; 12] = [
    "e.g", "i.e", "eg", "ie", "etc", "mr", "mrs", "ms", "dr", "st", "approx", "vs",
];

/// Split on . ! ? (and runs like "?!" or "..."), keeping any closing quote or bracket
/// with the sentence. A stop is not an end when it is inside a number ("2.5"), after a
/// known abbreviation or a single-letter initial ("e.g.", "A. N. Other"), or when the
/// next word starts with a small letter. A blank line also ends a sentence, so a list
/// without full stops is not read as one long sentence. Sentences come back trimmed.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c == '\n' && chars.get(i + 1).is_some_and(|&(_, next)| next == '\n') {
            push_trimmed(&mut found, &text[start..at]);
            start = at;
        } else if matches!(c, '.' | '!' | '?') {
            let mut end = i + 1;
            while end < chars.len()
                && matches!(
                    chars[end].1,
                    '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']'
                )
            {
                end += 1;
            }
            let end_byte = chars.get(end).map_or(text.len(), |&(at, _)| at);
            let followed_by_space = chars.get(end).is_none_or(|&(_, next)| next.is_whitespace());
            if followed_by_space
                && !(c == '.' && is_abbreviation(&text[start..at], &text[end_byte..]))
            {
                push_trimmed(&mut found, &text[start..end_byte]);
                start = end_byte;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut found, &text[start..]);
    found
}

fn push_trimmed<'a>(found: &mut Vec<&'a str>, sentence: &'a str) {
    let sentence = sentence.trim();
    if !sentence.is_empty() {
        found.push(sentence);
    }
}

/// Whether the full stop between `before` and `after` belongs to an abbreviation.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    let word = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let next_starts_small = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    let initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic) && word != "i";
    ABBREVIATIONS.contains(&word.as_str()) || initial || next_starts_small
}

/// Words are runs of non-space characters with at least one letter or digit in them,
/// so a dash standing alone is not counted.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Joining words that usually start a second clause. A heuristic, and only advice:
/// "my family and friends" has one idea and one "and", which is why it takes two.
const JOINERS: [&str; 6] = [" and ", " but ", " or ", " because ", " so ", ", which"];

/// Whether a sentence probably holds more than one idea: a semicolon, or two or more
/// joining words. Advisory only, as easy-read guidance is "one idea per sentence" and no
/// rule can tell ideas apart.
pub(crate) fn more_than_one_idea(sentence: &str) -> bool {
    if sentence.contains(';') {
        return true;
    }
    let padded = format!(
        " {} ",
        sentence
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    );
    JOINERS
        .iter()
        .map(|joiner| padded.matches(joiner).count())
        .sum::<usize>()
        >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_full_stops_and_question_and_exclamation_marks() {
        assert_eq!(
            sentences("I feel safe. Do I choose? Yes!  I do"),
            vec!["I feel safe.", "Do I choose?", "Yes!", "I do"]
        );
    }

    #[test]
    fn decimals_do_not_end_a_sentence() {
        assert_eq!(
            sentences("I get 2.5 hours a day. It helps."),
            vec!["I get 2.5 hours a day.", "It helps."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_a_sentence() {
        assert_eq!(
            sentences(
                "I see people, e.g. my friends. Dr. Jones and A. N. Other help. That is all."
            ),
            vec![
                "I see people, e.g. my friends.",
                "Dr. Jones and A. N. Other help.",
                "That is all."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("I said “no.” Then I left..."),
            vec!["I said “no.”", "Then I left..."]
        );
    }

    #[test]
    fn a_sentence_ending_in_i_still_ends() {
        assert_eq!(
            sentences("Who chooses? I. Always."),
            vec!["Who chooses?", "I.", "Always."]
        );
    }

    #[test]
    fn blank_lines_end_a_sentence() {
        assert_eq!(
            sentences("My home\n\nMy friends"),
            vec!["My home", "My friends"]
        );
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n\n ").is_empty());
    }

    #[test]
    fn words_skip_lone_punctuation() {
        assert_eq!(words("I choose — always, I'm sure").count(), 5);
    }

    #[test]
    fn one_joining_word_is_one_idea() {
        assert!(!more_than_one_idea("I see my family and friends."));
    }

    #[test]
    fn two_joining_words_or_a_semicolon_may_be_two_ideas() {
        assert!(more_than_one_idea(
            "I see my family and friends but not often enough."
        ));
        assert!(more_than_one_idea("I feel safe; my home is mine."));
        assert!(more_than_one_idea(
            "I have a home, which I chose, and I like it."
        ));
        assert!(more_than_one_idea("And I choose, or I say no."));
    }
}
