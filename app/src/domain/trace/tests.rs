use super::*;

fn span(text: &str, revision_id: i64) -> TracedSpan {
    TracedSpan {
        text: text.to_owned(),
        revision_id,
    }
}

fn joined(spans: &[TracedSpan]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The revision credited with each word (ignoring spacing), in reading order.
fn word_origins(spans: &[TracedSpan]) -> Vec<(String, i64)> {
    spans
        .iter()
        .flat_map(|s| {
            s.text
                .split_whitespace()
                .map(move |word| (word.to_owned(), s.revision_id))
        })
        .collect()
}

fn assert_spans_are_maximal(spans: &[TracedSpan]) {
    for pair in spans.windows(2) {
        assert_ne!(
            pair[0].revision_id, pair[1].revision_id,
            "neighbouring spans from one revision should be one span: {spans:?}"
        );
    }
    assert!(spans.iter().all(|s| !s.text.is_empty()), "{spans:?}");
}

#[test]
fn no_revisions_trace_to_nothing() {
    assert!(trace_words(&[]).is_empty());
    assert!(introduced_by(&[]).is_empty());
}

#[test]
fn a_single_revision_owns_all_its_words() {
    let spans = trace_words(&[(7, "I choose where I live.")]);
    assert_eq!(spans, vec![span("I choose where I live.", 7)]);
    assert!(introduced_by(&[(7, "I choose where I live.")]).is_empty());
}

#[test]
fn a_word_changed_in_revision_2_belongs_to_revision_2_and_the_rest_to_revision_1() {
    let spans = trace_words(&[(1, "I choose where I live."), (2, "I decide where I live.")]);
    assert_eq!(
        word_origins(&spans),
        vec![
            ("I".into(), 1),
            ("decide".into(), 2),
            ("where".into(), 1),
            ("I".into(), 1),
            ("live.".into(), 1),
        ]
    );
    assert_eq!(joined(&spans), "I decide where I live.");
    assert_spans_are_maximal(&spans);
}

#[test]
fn a_replaced_word_is_its_own_span_and_spaces_stay_with_unchanged_text() {
    let spans = trace_words(&[(1, "I choose where"), (2, "I decide where")]);
    assert_eq!(
        spans,
        vec![span("I ", 1), span("decide", 2), span(" where", 1)]
    );
}

#[test]
fn neighbouring_replaced_words_are_one_phrase() {
    let spans = trace_words(&[(1, "I choose where I live."), (2, "I decide how I live.")]);
    assert_eq!(
        spans,
        vec![span("I ", 1), span("decide how", 2), span(" I live.", 1)]
    );
}

#[test]
fn a_word_added_in_2_and_changed_in_3_belongs_to_3() {
    let revisions = [
        (10, "I choose where I live."),
        (20, "I choose where and how I live."),
        (30, "I choose where and with whom I live."),
    ];
    let origins = word_origins(&trace_words(&revisions));
    assert_eq!(
        origins,
        vec![
            ("I".into(), 10),
            ("choose".into(), 10),
            ("where".into(), 10),
            ("and".into(), 20),
            ("with".into(), 30),
            ("whom".into(), 30),
            ("I".into(), 10),
            ("live.".into(), 10),
        ]
    );
    assert_eq!(
        introduced_by(&revisions),
        vec![
            (20, vec!["and".to_owned()]),
            (30, vec!["with whom".to_owned()])
        ]
    );
}

#[test]
fn a_word_removed_in_2_and_re_added_in_3_belongs_to_3() {
    let revisions = [
        (1, "Support is always safe."),
        (2, "Support is safe."),
        (3, "Support is always safe."),
    ];
    let spans = trace_words(&revisions);
    assert_eq!(
        word_origins(&spans),
        vec![
            ("Support".into(), 1),
            ("is".into(), 1),
            ("always".into(), 3),
            ("safe.".into(), 1),
        ]
    );
    assert_eq!(joined(&spans), "Support is always safe.");
    assert_eq!(
        introduced_by(&revisions),
        vec![(2, vec![]), (3, vec!["always".to_owned()])]
    );
}

#[test]
fn identical_revisions_change_nothing() {
    let text = "People who use services help design them.";
    let spans = trace_words(&[(1, text), (2, text), (3, text)]);
    assert_eq!(spans, vec![span(text, 1)]);
    assert_eq!(
        introduced_by(&[(1, text), (2, text), (3, text)]),
        vec![(2, vec![]), (3, vec![])]
    );
}

#[test]
fn a_revision_that_only_changes_spacing_is_credited_with_nothing() {
    let spans = trace_words(&[
        (1, "I choose  where\tI live."),
        (2, "I choose where I live."),
    ]);
    assert_eq!(spans, vec![span("I choose where I live.", 1)]);
}

#[test]
fn an_added_sentence_takes_the_space_before_it() {
    let spans = trace_words(&[
        (1, "I choose where I live."),
        (2, "I choose where I live. I choose who with."),
    ]);
    assert_eq!(
        spans,
        vec![
            span("I choose where I live.", 1),
            span(" I choose who with.", 2)
        ]
    );
}

#[test]
fn a_changed_comma_is_credited_on_its_own() {
    let revisions = [(1, "Ask me, then act."), (2, "Ask me; then act.")];
    assert_eq!(
        trace_words(&revisions),
        vec![span("Ask me", 1), span(";", 2), span(" then act.", 1)]
    );
    assert_eq!(introduced_by(&revisions), vec![(2, vec![";".to_owned()])]);
}

#[test]
fn welsh_and_gaelic_accents_and_emoji_are_kept_whole() {
    let revisions = [
        (1, "Mae gan bawb hawl i ddewis 🏠"),
        (2, "Mae gan bawb hawl i ddewis ble maen nhw'n byw 🏠"),
        (
            3,
            "Tha còir aig a h-uile duine taghadh: ble maen nhw'n byw 🏠 ❤️ Siân",
        ),
    ];
    let spans = trace_words(&revisions);
    assert_eq!(joined(&spans), revisions[2].1);
    assert_spans_are_maximal(&spans);
    let origins = word_origins(&spans);
    assert!(origins.contains(&("còir".into(), 3)), "{origins:?}");
    assert!(origins.contains(&("maen".into(), 2)), "{origins:?}");
    assert!(origins.contains(&("🏠".into(), 1)), "{origins:?}");
    assert!(origins.contains(&("Siân".into(), 3)), "{origins:?}");
}

#[test]
fn repeated_revision_ids_still_rebuild_the_text() {
    let revisions = [
        (5, "one two"),
        (5, "one two three"),
        (6, "zero one two three"),
    ];
    let spans = trace_words(&revisions);
    assert_eq!(joined(&spans), "zero one two three");
    assert_spans_are_maximal(&spans);
}

/// A small deterministic generator, so edit sequences are random-ish but repeatable.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const VOCAB: [&str; 24] = [
    "I", "choose", "where", "live", "people", "support", "safe", "home", "Siân", "còir", "ddewis",
    "🏠", "❤️", "care", "work", ",", ".", "—", "  ", "\n", "(carers)", "help", "friends", "family",
];

/// A ~40-word statement built from the vocabulary.
fn statement(rng: &mut Lcg, words: usize) -> Vec<String> {
    (0..words)
        .map(|_| VOCAB[rng.below(VOCAB.len())].to_owned())
        .collect()
}

/// Replace, insert or delete a few words, the way an editor redrafts.
fn redraft(rng: &mut Lcg, words: &mut Vec<String>) {
    for _ in 0..1 + rng.below(4) {
        let word = VOCAB[rng.below(VOCAB.len())].to_owned();
        match rng.below(3) {
            0 if !words.is_empty() => {
                let at = rng.below(words.len());
                words[at] = word;
            }
            1 if !words.is_empty() => {
                words.remove(rng.below(words.len()));
            }
            _ => words.insert(rng.below(words.len() + 1), word),
        }
    }
}

fn history(seed: u64, revisions: usize, words: usize) -> Vec<(i64, String)> {
    let mut rng = Lcg(seed);
    let mut current = statement(&mut rng, words);
    let mut out = vec![(100, current.join(" "))];
    for id in 1..revisions as i64 {
        redraft(&mut rng, &mut current);
        out.push((100 + id, current.join(" ")));
    }
    out
}

fn borrowed(history: &[(i64, String)]) -> Vec<(i64, &str)> {
    history
        .iter()
        .map(|(id, text)| (*id, text.as_str()))
        .collect()
}

#[test]
fn spans_always_join_back_into_the_last_text() {
    for seed in 0..40 {
        let history = history(seed, 2 + (seed as usize % 9), 5 + (seed as usize * 7) % 40);
        let revisions = borrowed(&history);
        let spans = trace_words(&revisions);
        let last = revisions.last().unwrap().1;
        assert_eq!(joined(&spans), last, "seed {seed}: {revisions:?}");
        assert_spans_are_maximal(&spans);
        for s in &spans {
            assert!(
                revisions.iter().any(|(id, _)| *id == s.revision_id),
                "seed {seed}: unknown revision in {s:?}"
            );
        }
        // Every piece listed as introduced is really in the final text.
        for (_, pieces) in introduced_by(&revisions) {
            for piece in pieces {
                assert!(
                    last.contains(&piece),
                    "seed {seed}: {piece:?} not in {last:?}"
                );
            }
        }
    }
}

#[test]
fn emptied_and_refilled_texts_still_join_back() {
    let revisions = [
        (1, "Something here."),
        (2, ""),
        (3, "  "),
        (4, "New words."),
    ];
    assert_eq!(trace_words(&revisions), vec![span("New words.", 4)]);
    assert_eq!(trace_words(&revisions[..2]), vec![]);
}

#[test]
fn a_thirty_revision_history_of_a_forty_word_statement_is_traced_whole() {
    // Speed is measured by `cargo bench -p server`, not asserted here.
    let history = history(42, 30, 40);
    let revisions = borrowed(&history);
    let spans = trace_words(&revisions);
    let introduced = introduced_by(&revisions);
    assert_eq!(joined(&spans), history.last().unwrap().1);
    assert_eq!(introduced.len(), 29);
}

#[test]
fn one_walk_gives_the_same_spans_and_introductions_as_the_two_halves() {
    for seed in [1, 7, 42] {
        let history = history(seed, 12, 25);
        let revisions = borrowed(&history);
        let traced = trace(&revisions);
        assert_eq!(traced.spans, trace_words(&revisions));
        assert_eq!(traced.introduced, introduced_by(&revisions));
    }
    assert_eq!(
        trace(&[]),
        Traced {
            spans: vec![],
            introduced: vec![]
        }
    );
}
