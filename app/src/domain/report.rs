//! The shape of a "You said, we did" report for one statement: which text people were
//! first consulted on, and the drafts between it and the published text, each with the
//! changes it made. The server attaches to each draft the comments answered as acted on
//! in it, which is what links every change to the people behind it.

use super::diff::{list_changes, word_diff};

/// One draft of a statement, in the order they were written.
#[derive(Debug, Clone, Copy)]
pub struct Draft<'a> {
    pub revision_id: i64,
    pub created_at: i64,
    pub body: &'a str,
}

/// A draft made after the consulted text, up to and including the published one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The draft's number in the statement's whole history, as the history page counts.
    pub number: usize,
    pub revision_id: i64,
    /// The changes it made to the draft before it, in words ("'choose' replaced by 'decide'").
    pub changes: Vec<String>,
}

/// Where a published statement's story starts and ends in its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Index of the text first consulted on: the newest draft written by the time the
    /// first round opened; for a statement written during the rounds, its first draft.
    pub consulted: usize,
    /// Index of the published draft.
    pub published: usize,
}

impl Period {
    /// `drafts` oldest first. None when the published draft is not among them.
    pub fn find(drafts: &[Draft<'_>], opened_at: i64, published_revision: i64) -> Option<Self> {
        let published = drafts
            .iter()
            .position(|d| d.revision_id == published_revision)?;
        let consulted = drafts[..=published]
            .iter()
            .rposition(|d| d.created_at <= opened_at)
            .unwrap_or(0);
        Some(Self {
            consulted,
            published,
        })
    }

    /// Every draft after the consulted text up to the published one, with what it changed.
    /// A draft that changed nothing (a note-only save) is kept: it may still have answers.
    pub fn steps(&self, drafts: &[Draft<'_>]) -> Vec<Step> {
        (self.consulted + 1..=self.published)
            .map(|i| Step {
                number: i + 1,
                revision_id: drafts[i].revision_id,
                changes: list_changes(&word_diff(drafts[i - 1].body, drafts[i].body))
                    .iter()
                    .map(|c| c.describe())
                    .collect(),
            })
            .collect()
    }
}

/// Where a page of a list ordered statement by statement falls: the statements it
/// reaches and how many of the first one's items come on earlier pages. `listed` is
/// each statement's number of items, in the list's order; `offset` and `size` are the
/// page's. So only those statements' items need ordering to read the page.
pub fn page_span(listed: &[(i64, u64)], offset: u64, size: u64) -> (Vec<i64>, u64) {
    let mut before = 0;
    let mut span = Vec::new();
    let mut skip = 0;
    for &(statement, n) in listed.iter().filter(|(_, n)| *n > 0) {
        let (from, to) = (before, before + n);
        before = to;
        if to <= offset {
            continue;
        }
        if from >= offset + size {
            break;
        }
        if span.is_empty() {
            skip = offset.saturating_sub(from);
        }
        span.push(statement);
    }
    (span, skip)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drafts() -> Vec<Draft<'static>> {
        vec![
            Draft {
                revision_id: 10,
                created_at: 100,
                body: "I choose my support.",
            },
            Draft {
                revision_id: 11,
                created_at: 200,
                body: "I decide my support.",
            },
            Draft {
                revision_id: 12,
                created_at: 300,
                body: "I decide my own support.",
            },
            Draft {
                revision_id: 13,
                created_at: 400,
                body: "I decide my own care.",
            },
        ]
    }

    #[test]
    fn the_consulted_text_is_the_newest_draft_when_the_round_opened() {
        let period = Period::find(&drafts(), 250, 12).unwrap();
        assert_eq!(
            period,
            Period {
                consulted: 1,
                published: 2
            }
        );
    }

    #[test]
    fn a_statement_written_during_the_round_starts_from_its_first_draft() {
        let period = Period::find(&drafts(), 50, 13).unwrap();
        assert_eq!(period.consulted, 0);
    }

    #[test]
    fn drafts_after_the_published_one_are_left_out() {
        let steps = Period::find(&drafts(), 150, 12).unwrap().steps(&drafts());
        let numbers: Vec<_> = steps.iter().map(|s| (s.number, s.revision_id)).collect();
        assert_eq!(numbers, vec![(2, 11), (3, 12)]);
    }

    #[test]
    fn each_step_says_in_words_what_it_changed() {
        let steps = Period::find(&drafts(), 150, 13).unwrap().steps(&drafts());
        assert_eq!(steps[0].changes, vec!["'choose' replaced by 'decide'"]);
        assert_eq!(steps[1].changes, vec!["added 'own'"]);
        assert_eq!(steps[2].changes, vec!["'support' replaced by 'care'"]);
    }

    #[test]
    fn an_unchanged_statement_has_no_steps() {
        let period = Period::find(&drafts(), 500, 13).unwrap();
        assert!(period.steps(&drafts()).is_empty());
    }

    #[test]
    fn a_published_draft_that_is_not_in_the_history_finds_no_period() {
        assert!(Period::find(&drafts(), 150, 99).is_none());
    }

    #[test]
    fn a_page_reaches_the_statements_its_items_are_on_and_skips_what_earlier_pages_showed() {
        let listed = [(1, 70), (2, 0), (3, 10), (4, 25)];
        assert_eq!(page_span(&listed, 0, 50), (vec![1], 0));
        assert_eq!(page_span(&listed, 50, 50), (vec![1, 3, 4], 50));
        assert_eq!(page_span(&listed, 70, 10), (vec![3], 0));
        assert_eq!(page_span(&listed, 75, 50), (vec![3, 4], 5));
        assert_eq!(page_span(&listed, 105, 50), (vec![], 0), "past the end");
        assert_eq!(page_span(&[], 0, 50), (vec![], 0));
    }
}
