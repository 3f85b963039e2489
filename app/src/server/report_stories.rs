//! Each statement's story in a version's "You said, we did" report: the text first
//! consulted on, each draft since with what it changed, and the comments acted on in
//! each. Read for the statements asked for only: the report page tells the stories of
//! the statements whose comments it lists (a few), the downloads every one.

use super::{credit, reports::comment_anchor, reports::public_author, store};
use crate::{
    domain::{
        diff,
        drafting::Visibility,
        easy_read::TextKind,
        format_date,
        report::{Draft, Period},
    },
    model::{CommentLink, Landing, ReportStatement, ReportStep, text_query},
};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// What the stories of some of a version's statements are told from, in five queries
/// whose size grows with those statements only.
pub struct Stories {
    history: Vec<store::statements::HistoryRow>,
    easy_read_history: Vec<store::statements::HistoryRow>,
    /// The comments acted on in a draft, by statement, oldest first.
    acted: HashMap<i64, Vec<store::comments::CommentRow>>,
    /// Every draft a comment's answer names, by comment (only answered comments that
    /// changed a draft are here: the few behind each change).
    acted_in: HashMap<i64, Vec<i64>>,
    /// Each draft of each statement: its statement, text and number in that text.
    drafts: HashMap<i64, (i64, TextKind, usize)>,
    credit_lines: HashMap<i64, String>,
}

/// What every story shares: the version and when its first round opened.
pub struct Telling<'a> {
    pub slug: &'a str,
    /// The version's address (`/frameworks/{slug}/versions/{n}`).
    pub version_path: &'a str,
    pub opened_at: i64,
    pub reading: TextKind,
}

impl Stories {
    /// The drafts, acted-on comments and credit lines of `statement_ids` (a version's).
    pub async fn read(
        conn: &mut AnyConnection,
        publication_id: i64,
        statement_ids: &[i64],
    ) -> Result<Self, sqlx::Error> {
        let history =
            store::statements::history_of_statements(conn, TextKind::Standard, statement_ids)
                .await?;
        let easy_read_history =
            store::statements::history_of_statements(conn, TextKind::EasyRead, statement_ids)
                .await?;
        let mut acted: HashMap<i64, Vec<store::comments::CommentRow>> = HashMap::new();
        for c in store::reports::acted_on(conn, publication_id, statement_ids).await? {
            acted.entry(c.statement_id).or_default().push(c);
        }
        let mut acted_in: HashMap<i64, Vec<i64>> = HashMap::new();
        for (comment, revision) in
            store::comments::acted_in_for_statements(conn, publication_id, statement_ids).await?
        {
            acted_in.entry(comment).or_default().push(revision);
        }
        let credit_lines =
            credit::lines_for_statements(conn, publication_id, statement_ids).await?;
        // Each draft's statement, text and number, for where comments landed.
        let mut drafts: HashMap<i64, (i64, TextKind, usize)> = HashMap::new();
        for (kind, rows) in [
            (TextKind::Standard, &history),
            (TextKind::EasyRead, &easy_read_history),
        ] {
            let mut number: HashMap<i64, usize> = HashMap::new();
            for h in rows {
                let n = number.entry(h.statement_id).or_default();
                *n += 1;
                drafts.insert(h.id, (h.statement_id, kind, *n));
            }
        }
        Ok(Self {
            history,
            easy_read_history,
            acted,
            acted_in,
            drafts,
            credit_lines,
        })
    }

    fn acted_in_of(&self, comment: i64) -> &[i64] {
        self.acted_in.get(&comment).map_or(&[][..], Vec::as_slice)
    }

    /// Where a public comment landed: the drafts its answer names, each a link to the
    /// trace of the text it was made on, in draft order.
    pub fn landed(&self, c: &store::comments::CommentRow, trace_path: &str) -> Vec<Landing> {
        let mut landed: Vec<Landing> = self
            .acted_in_of(c.id)
            .iter()
            .filter_map(|revision| self.drafts.get(revision))
            .filter(|(statement, _, _)| *statement == c.statement_id)
            .map(|&(_, kind, draft)| Landing {
                draft,
                href: format!("{trace_path}{}#draft-{draft}", text_query(kind)),
            })
            .collect();
        landed.sort_by_key(|l| l.draft);
        landed
    }

    /// One statement's story (read by [`Stories::read`]), its comments left empty; its
    /// credit line is taken, so tell each statement once. `private_comments` and
    /// `values` are the version's, about this statement.
    pub fn tell(
        &mut self,
        telling: &Telling<'_>,
        s: &store::publications::PublishedStatement,
        private_comments: usize,
        values: Vec<String>,
    ) -> ReportStatement {
        let shown = super::reports::shown_published(telling.reading, s);
        let rows: Vec<&store::statements::HistoryRow> = match shown.kind {
            TextKind::Standard => &self.history,
            TextKind::EasyRead => &self.easy_read_history,
        }
        .iter()
        .filter(|h| h.statement_id == s.statement_id)
        .collect();
        let drafts: Vec<Draft<'_>> = rows
            .iter()
            .map(|h| Draft {
                revision_id: h.id,
                created_at: h.created_at,
                body: &h.body,
            })
            .collect();
        let period = Period::find(&drafts, telling.opened_at, shown.revision_id);
        let first = period
            .as_ref()
            .map_or(shown.text, |p| drafts[p.consulted].body)
            .to_owned();
        let trace_path = format!("{}/statements/{}/trace", telling.version_path, s.reference);
        let behind_changes = self
            .acted
            .get(&s.statement_id)
            .map_or(&[][..], Vec::as_slice);
        let is_private =
            |c: &store::comments::CommentRow| c.visibility == Visibility::PolicyTeamOnly;
        let steps = period
            .map(|p| p.steps(&drafts))
            .unwrap_or_default()
            .into_iter()
            .map(|step| {
                let behind: Vec<_> = behind_changes
                    .iter()
                    .filter(|c| self.acted_in_of(c.id).contains(&step.revision_id))
                    .collect();
                let row = rows[step.number - 1];
                ReportStep {
                    draft: step.number,
                    date: format_date(row.created_at),
                    note: row.note.clone(),
                    changes: step.changes,
                    because_of: behind
                        .iter()
                        .filter(|c| !is_private(c))
                        .map(|c| CommentLink {
                            anchor: comment_anchor(c.id),
                            author: public_author(c).to_string(),
                        })
                        .collect(),
                    private_because_of: behind.iter().filter(|c| is_private(c)).count(),
                    more_because_of: 0,
                }
            })
            .collect();
        let word_diff = diff::word_diff(&first, shown.text);
        ReportStatement {
            shown: shown.kind,
            reading_note: shown.note.clone(),
            picture: shown.picture.clone(),
            published_easy_read_text: s.easy_read_body.clone(),
            standard_text: s.body.clone(),
            reference: s.reference.clone(),
            theme_title: s.theme_title.clone(),
            statement_path: format!("/frameworks/{}/statements/{}", telling.slug, s.reference),
            changes: changes_between(&word_diff),
            diff: word_diff,
            steps,
            first_text: first,
            published_text: shown.text.to_owned(),
            private_comments,
            values,
            credit: self.credit_lines.remove(&s.statement_id),
            comments: Vec::new(),
            trace_path,
        }
    }
}

/// The changes a word diff makes, in words, as the report lists them.
pub fn changes_between(word_diff: &diff::WordDiff) -> Vec<String> {
    diff::list_changes(word_diff)
        .iter()
        .map(|c| c.describe())
        .collect()
}
