use super::*;

const BASE: &str = "I choose where I live and who I live with.";

fn clean(merged: Merged) -> String {
    match merged {
        Merged::Clean(text) => text,
        other => panic!("expected a clean merge, got {other:?}"),
    }
}

#[test]
fn edits_to_different_words_merge_cleanly() {
    let ours = "I decide where I live and who I live with.";
    let theirs = "I choose where I live and who I live with, always.";
    assert_eq!(
        clean(three_way(BASE, ours, theirs)),
        "I decide where I live and who I live with, always."
    );
}

#[test]
fn first_and_last_word_edits_merge_cleanly() {
    let base = "I choose my support";
    assert_eq!(
        clean(three_way(base, "We choose my support", "I choose my care")),
        "We choose my care"
    );
}

#[test]
fn edits_in_the_same_sentence_a_few_words_apart_merge_cleanly() {
    // A line-based merge would clash here: the whole statement is one line.
    let ours = "I choose where I live and who I share my home with.";
    let theirs = "I decide where I live and who I live with.";
    assert_eq!(
        clean(three_way(BASE, ours, theirs)),
        "I decide where I live and who I share my home with."
    );
}

#[test]
fn identical_edits_merge_cleanly() {
    let edited = "I decide where I live and who I live with.";
    assert_eq!(clean(three_way(BASE, edited, edited)), edited);
}

#[test]
fn the_same_word_changed_on_both_sides_merges_cleanly() {
    let ours = "I decide where I live and who I live with!";
    let theirs = "I decide where I live and who I live with.";
    assert_eq!(clean(three_way(BASE, ours, theirs)), ours);
}

#[test]
fn an_unchanged_side_yields_the_other() {
    let edited = "I decide where I live.";
    assert_eq!(clean(three_way(BASE, BASE, edited)), edited);
    assert_eq!(clean(three_way(BASE, edited, BASE)), edited);
    assert_eq!(clean(three_way(BASE, BASE, BASE)), BASE);
}

#[test]
fn different_edits_to_the_same_word_conflict_in_plain_words() {
    let ours = "I decide where I live and who I live with.";
    let theirs = "I pick where I live and who I live with.";
    assert_eq!(
        three_way(BASE, ours, theirs),
        Merged::Conflicted {
            text:
                "I [[their version: pick | your version: decide]] where I live and who I live with."
                    .into(),
            conflicts: 1
        }
    );
}

#[test]
fn a_conflict_and_a_clean_edit_both_come_through() {
    let ours = "I decide where I live and who I live with.";
    let theirs = "I pick where I live and who I live with, always.";
    let Merged::Conflicted { text, conflicts } = three_way(BASE, ours, theirs) else {
        panic!("expected a conflict");
    };
    assert_eq!(conflicts, 1);
    assert!(text.ends_with("who I live with, always."), "{text}");
    assert!(text.contains("[[their version: pick | your version: decide]]"));
}

#[test]
fn each_clash_is_counted() {
    let ours = "I decide where I stay and who I live with.";
    let theirs = "I pick where I reside and who I live with.";
    let Merged::Conflicted { text, conflicts } = three_way(BASE, ours, theirs) else {
        panic!("expected conflicts");
    };
    assert_eq!(conflicts, 2, "{text}");
}

#[test]
fn a_deletion_against_an_edit_shows_the_removal() {
    let ours = "I choose where I live.";
    let theirs = "I choose where I live and who I share my home with.";
    let Merged::Conflicted { text, .. } = three_way(BASE, ours, theirs) else {
        panic!("expected a conflict");
    };
    assert!(text.contains("your version: (removed)"), "{text}");
    assert!(text.starts_with("I choose where I live"), "{text}");
}

#[test]
fn conflict_markers_are_found_until_resolved() {
    let Merged::Conflicted { text, .. } = three_way(
        BASE,
        "I decide where I live and who I live with.",
        "I pick where I live and who I live with.",
    ) else {
        panic!("expected a conflict");
    };
    assert!(has_conflict_markers(&text));
    assert!(!has_conflict_markers("I decide where I live [[sic]]."));
}

#[test]
fn non_ascii_text_merges_by_words() {
    let base = "Siân chooses her café.";
    assert_eq!(
        clean(three_way(
            base,
            "Siân picks her café.",
            "Siân chooses her own café."
        )),
        "Siân picks her own café."
    );
}

#[test]
fn empty_texts_merge() {
    assert_eq!(clean(three_way("", "", "")), "");
    assert_eq!(clean(three_way("", "I choose.", "")), "I choose.");
}
