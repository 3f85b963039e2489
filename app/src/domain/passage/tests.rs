use super::*;

const TWICE: &str = "I choose where I live and I choose who I live with";

fn passage(text: &str, start: usize, end: usize) -> Passage {
    checked_passage(text, start, end, char_slice(text, start, end).unwrap()).unwrap()
}

/// The character offset of the `nth` (from 0) occurrence of `needle`.
fn nth_offset(text: &str, needle: &str, nth: usize) -> usize {
    let byte = text.match_indices(needle).nth(nth).unwrap().0;
    text[..byte].chars().count()
}

fn quoting(text: &str, needle: &str, nth: usize) -> Passage {
    let start = nth_offset(text, needle, nth);
    passage(text, start, start + needle.chars().count())
}

// --- words -------------------------------------------------------------------------

#[test]
fn words_are_numbered_from_one_with_character_ranges() {
    let found = words("Siân's home, not “a placement”.");
    let texts: Vec<&str> = found.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(texts, vec!["Siân's", "home", "not", "a", "placement"]);
    assert_eq!(found[0].index, 1);
    assert_eq!((found[0].start, found[0].end), (0, 6));
    assert_eq!((found[1].start, found[1].end), (7, 11));
    assert_eq!((found[3].start, found[3].end), (18, 19));
    assert_eq!(found[4].index, 5);
}

#[test]
fn punctuation_standing_alone_is_not_a_word() {
    let texts: Vec<String> = words("Support — at home - co-production !")
        .into_iter()
        .map(|w| w.text)
        .collect();
    assert_eq!(texts, vec!["Support", "at", "home", "co-production"]);
}

#[test]
fn blank_text_has_no_words() {
    assert!(words("  \n ").is_empty());
    assert!(words("").is_empty());
}

// --- passage_from_words ----------------------------------------------------------------

#[test]
fn a_passage_runs_from_the_first_picked_word_to_the_last() {
    let picked = passage_from_words("I choose where I live, and who with.", 2, 5).unwrap();
    assert_eq!(picked.quote, "choose where I live");
    assert_eq!((picked.start, picked.end), (2, 21));
}

#[test]
fn a_passage_can_be_a_single_word() {
    let picked = passage_from_words("I choose where I live.", 5, 5).unwrap();
    assert_eq!(picked.quote, "live");
}

#[test]
fn a_passage_ending_before_it_starts_is_refused() {
    let err = passage_from_words("I choose where I live.", 4, 2).unwrap_err();
    assert_eq!(
        err.0,
        "The passage must end at or after the word it starts at."
    );
}

#[test]
fn word_numbers_out_of_range_are_refused_with_the_range() {
    for (first, last) in [(0, 2), (1, 6), (9, 9)] {
        let err = passage_from_words("I choose where I live.", first, last).unwrap_err();
        assert_eq!(err.0, "Choose words numbered from 1 to 5.");
    }
}

#[test]
fn a_text_without_words_has_no_passage() {
    assert!(passage_from_words(" — ", 1, 1).is_err());
}

// --- checked_passage -------------------------------------------------------------------

#[test]
fn a_range_that_holds_the_quote_is_accepted() {
    let checked = checked_passage("I choose where I live", 2, 8, "choose").unwrap();
    assert_eq!(checked.quote, "choose");
}

#[test]
fn offsets_count_characters_not_bytes() {
    let text = "Siân chooses where Siân lives";
    let checked = checked_passage(text, 5, 12, "chooses").unwrap();
    assert_eq!((checked.start, checked.end), (5, 12));
}

#[test]
fn a_range_whose_text_differs_from_the_quote_is_refused() {
    let err = checked_passage("I decide where I live", 2, 8, "choose").unwrap_err();
    assert!(
        err.0
            .starts_with("The passage you chose does not match the statement's text.")
    );
}

#[test]
fn a_range_beyond_the_text_is_refused() {
    assert!(checked_passage("I choose", 2, 80, "choose").is_err());
    assert!(checked_passage("I choose", 20, 26, "choose").is_err());
}

#[test]
fn an_empty_or_wordless_range_is_refused() {
    assert!(checked_passage("I choose", 3, 3, "").is_err());
    assert!(checked_passage("I choose", 5, 2, "").is_err());
    assert!(checked_passage("I choose", 1, 2, " ").is_err());
}

// --- relocate --------------------------------------------------------------------------

#[test]
fn an_untouched_passage_in_an_identical_text_is_unchanged() {
    let quoted = quoting(TWICE, "I choose", 1);
    assert_eq!(relocate(TWICE, &quoted, TWICE), Located::Unchanged(quoted));
}

#[test]
fn an_edit_after_the_passage_leaves_it_unchanged() {
    let quoted = quoting(TWICE, "I choose", 1);
    let new = "I choose where I live and I choose who I share my home with";
    assert_eq!(relocate(TWICE, &quoted, new), Located::Unchanged(quoted));
}

#[test]
fn the_second_of_two_identical_phrases_stays_the_second_after_an_earlier_edit() {
    let quoted = quoting(TWICE, "I choose", 1);
    let new = "I really choose where I live and I choose who I live with";
    let Located::Moved(moved) = relocate(TWICE, &quoted, new) else {
        panic!("expected the passage to move");
    };
    assert_eq!(moved.start, nth_offset(new, "I choose who", 0));
    assert_eq!(char_slice(new, moved.start, moved.end), Some("I choose"));
}

#[test]
fn the_first_of_two_identical_phrases_stays_the_first_after_a_later_edit() {
    let quoted = quoting(TWICE, "I choose", 0);
    let new = "Today I choose where I live and I choose who I live with";
    let Located::Moved(moved) = relocate(TWICE, &quoted, new) else {
        panic!("expected the passage to move");
    };
    assert_eq!(moved.start, nth_offset(new, "I choose", 0));
}

#[test]
fn edited_quoted_words_are_changed_even_if_the_phrase_occurs_elsewhere() {
    let quoted = quoting(TWICE, "I choose", 1);
    let new = "I choose where I live and I decide who I live with";
    assert_eq!(relocate(TWICE, &quoted, new), Located::Changed);
}

#[test]
fn a_word_inserted_inside_the_passage_changes_it() {
    let text = "I choose where I live.";
    let quoted = quoting(text, "choose where I live", 0);
    assert_eq!(
        relocate(text, &quoted, "I choose freely where I live."),
        Located::Changed
    );
}

#[test]
fn changed_punctuation_inside_the_passage_changes_it() {
    let text = "I choose, where I live.";
    let quoted = quoting(text, "choose, where", 0);
    assert_eq!(
        relocate(text, &quoted, "I choose where I live."),
        Located::Changed
    );
}

#[test]
fn a_deleted_passage_is_changed() {
    let text = "I feel safe. I choose where I live.";
    let quoted = quoting(text, "I feel safe", 0);
    assert_eq!(
        relocate(text, &quoted, "I choose where I live."),
        Located::Changed
    );
}

#[test]
fn a_passage_in_a_rewritten_statement_is_changed() {
    let text = "I'm able to spend time with people important to me.";
    let quoted = quoting(text, "people important to me", 0);
    assert_eq!(
        relocate(
            text,
            &quoted,
            "I see the people who matter to me when I want."
        ),
        Located::Changed
    );
}

#[test]
fn a_moved_sentence_takes_its_passage_with_it() {
    let text = "I feel safe at home. I choose where I live and who I live with.";
    let quoted = quoting(text, "I feel safe", 0);
    let new = "I choose where I live and who I live with. I feel safe at home.";
    let Located::Moved(moved) = relocate(text, &quoted, new) else {
        panic!("expected the passage to move");
    };
    assert_eq!(char_slice(new, moved.start, moved.end), Some("I feel safe"));
}

#[test]
fn a_passage_moves_past_non_ascii_text() {
    let text = "I choose where I live.";
    let quoted = quoting(text, "where I live", 0);
    let new = "I — Siân — choose where I live.";
    let Located::Moved(moved) = relocate(text, &quoted, new) else {
        panic!("expected the passage to move");
    };
    assert_eq!(
        char_slice(new, moved.start, moved.end),
        Some("where I live")
    );
}

#[test]
fn a_passage_that_does_not_match_its_own_revision_is_changed() {
    let wrong = Passage {
        start: 2,
        end: 8,
        quote: "decide".into(),
    };
    assert_eq!(
        relocate("I choose where I live", &wrong, "I choose where I live"),
        Located::Changed
    );
}

#[test]
fn a_passage_into_an_emptied_statement_is_changed() {
    let quoted = quoting(TWICE, "I choose", 0);
    assert_eq!(relocate(TWICE, &quoted, ""), Located::Changed);
}

#[test]
fn a_passage_at_the_very_end_survives_an_edit_at_the_start() {
    let text = "I choose who I live with";
    let quoted = quoting(text, "with", 0);
    let Located::Moved(moved) = relocate(text, &quoted, "Mostly, I choose who I live with") else {
        panic!("expected the passage to move");
    };
    assert_eq!(
        moved.end,
        "Mostly, I choose who I live with".chars().count()
    );
}

// --- highlight -------------------------------------------------------------------------

#[test]
fn highlight_without_passages_is_the_whole_text_unmarked() {
    assert_eq!(
        highlight("I choose", &[]),
        vec![Segment {
            text: "I choose".into(),
            marks: vec![]
        }]
    );
    assert!(highlight("", &[]).is_empty());
}

#[test]
fn overlapping_passages_split_the_text_where_they_start_and_end() {
    let text = "I choose where I live";
    let a = quoting(text, "choose where", 0);
    let b = quoting(text, "where I live", 0);
    let segments = highlight(text, &[(7, a), (9, b)]);
    let shape: Vec<(&str, Vec<usize>)> = segments
        .iter()
        .map(|s| (s.text.as_str(), s.marks.clone()))
        .collect();
    assert_eq!(
        shape,
        vec![
            ("I ", vec![]),
            ("choose ", vec![7]),
            ("where", vec![7, 9]),
            (" I live", vec![9]),
        ]
    );
}

#[test]
fn nested_and_identical_passages_list_every_comment() {
    let text = "I choose where I live";
    let outer = quoting(text, "choose where I", 0);
    let inner = quoting(text, "where", 0);
    let segments = highlight(text, &[(1, outer.clone()), (2, inner), (3, outer)]);
    let marks: Vec<Vec<usize>> = segments.iter().map(|s| s.marks.clone()).collect();
    assert_eq!(
        marks,
        vec![vec![], vec![1, 3], vec![1, 2, 3], vec![1, 3], vec![]]
    );
    assert_eq!(
        segments.iter().map(|s| s.text.as_str()).collect::<String>(),
        text
    );
}

#[test]
fn passages_that_do_not_fit_are_not_drawn() {
    let text = "I choose";
    let beyond = Passage {
        start: 2,
        end: 40,
        quote: "x".into(),
    };
    let empty = Passage {
        start: 3,
        end: 3,
        quote: String::new(),
    };
    assert_eq!(
        highlight(text, &[(1, beyond), (2, empty)]),
        vec![Segment {
            text: text.into(),
            marks: vec![]
        }]
    );
}

#[test]
fn highlight_splits_on_characters_not_bytes() {
    let text = "Siân chooses";
    let name = passage(text, 0, 4);
    let segments = highlight(text, &[(1, name)]);
    assert_eq!(segments[0].text, "Siân");
    assert_eq!(segments[1].text, " chooses");
}
