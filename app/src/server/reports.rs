//! Published versions as people read them: the version itself, its "You said, we did"
//! report (HTML, CSV, JSON) and the trace of each statement, each built in a fixed number
//! of queries. Each commenter's consent is respected: policy-team-only comments appear
//! as counts.

use super::{
    Context, credit,
    lookups::publication,
    report_stories::{Stories, Telling, changes_between},
    store, values,
};
use crate::{
    domain::{
        byline::{ANONYMOUS_REPRESENTATIVE, Byline},
        diff,
        drafting::Knowledge,
        drafting::Visibility,
        easy_read::TextKind,
        format_date,
        proposals::{self, Status as ProposalStatus},
        report,
        response::Outcome,
        trace,
    },
    error::AppError,
    model::{
        Count, Landing, ListQuery, NO_EASY_READ_YET, PageRequest, Paged, PictureView,
        ProposalOrigin, PublicationHeader, PublicationView, PublishedEasyRead, PublishedTheme,
        ReportComment, ReportFilters, ReportListedComment, ReportPageView, ReportStatement,
        ReportStatementLine, ReportView, TraceComments, TraceSpan, TraceStep, TraceView,
    },
};
use sqlx::AnyConnection;
use std::collections::HashMap;

pub fn header(
    slug: &str,
    title: &str,
    p: &store::publications::PublicationRow,
) -> PublicationHeader {
    PublicationHeader {
        framework_slug: slug.to_owned(),
        framework_title: title.to_owned(),
        version: p.version,
        summary: p.summary.clone(),
        published_label: format_date(p.published_at),
    }
}

/// A version's statements by theme, in the reader's choice of text where the version
/// has it.
pub async fn publication_page(
    cx: &Context,
    slug: &str,
    version: i64,
) -> Result<PublicationView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let mut themes: Vec<PublishedTheme> = Vec::new();
    let mut easy_read = Vec::new();
    let mut lines = credit::lines_for_publication(&mut conn, publication.id).await?;
    let mut credits = Vec::new();
    for s in store::publications::statements(&mut conn, publication.id).await? {
        if let Some(line) = lines.remove(&s.statement_id) {
            credits.push((s.reference.clone(), line));
        }
        let shown = shown_published(cx.reading, &s);
        let text = shown.text.to_owned();
        if cx.reading == TextKind::EasyRead {
            easy_read.push(PublishedEasyRead {
                reference: s.reference.clone(),
                picture: shown.picture.clone(),
                note: shown.note.clone(),
            });
        }
        match themes.last_mut() {
            Some(theme) if theme.title == s.theme_title => {
                theme.statements.push((s.reference, text))
            }
            _ => themes.push(PublishedTheme {
                title: s.theme_title,
                statements: vec![(s.reference, text)],
            }),
        }
    }
    Ok(PublicationView {
        header: header(&framework.slug, &framework.title, &publication),
        themes,
        can_edit: cx.is_editor_or_admin(),
        reading: cx.reading,
        easy_read,
        credits,
    })
}

/// Which of a published statement's texts a reader sees, and what they are told.
pub struct ShownPublished<'a> {
    pub kind: TextKind,
    pub revision_id: i64,
    pub text: &'a str,
    pub picture: Option<PictureView>,
    pub note: Option<String>,
}

/// The version's easy read text for a reader who chose it, where the version has one;
/// otherwise its standard text (with a note for an easy read reader).
pub fn shown_published(
    reading: TextKind,
    s: &store::publications::PublishedStatement,
) -> ShownPublished<'_> {
    match (
        reading,
        s.easy_read_revision_id,
        s.easy_read_body.as_deref(),
    ) {
        (TextKind::EasyRead, Some(revision_id), Some(body)) => ShownPublished {
            kind: TextKind::EasyRead,
            revision_id,
            text: body,
            picture: PictureView::of(s.easy_read_picture_id, &s.easy_read_picture_alt),
            note: None,
        },
        (reading, _, _) => ShownPublished {
            kind: TextKind::Standard,
            revision_id: s.revision_id,
            text: &s.body,
            picture: None,
            note: (reading == TextKind::EasyRead).then(|| NO_EASY_READ_YET.to_owned()),
        },
    }
}

/// How many comments the report page lists at a time.
pub const REPORT_COMMENTS_PER_PAGE: u32 = 50;

/// How many of the comments behind one draft the report page names; the rest are counted.
pub const NAMED_BECAUSE_OF: usize = 10;

/// One statement's comments, counted.
#[derive(Debug, Clone, Default)]
pub struct StatementCounts {
    /// Every live comment (public or not) by outcome, in `Outcome::ALL` order, then
    /// those not answered.
    pub by_outcome: [u64; 5],
    pub private: u64,
}

impl StatementCounts {
    pub fn total(&self) -> u64 {
        self.by_outcome.iter().sum()
    }
}

fn outcome_slot(outcome: Option<Outcome>) -> usize {
    outcome
        .and_then(|o| Outcome::ALL.iter().position(|x| *x == o))
        .unwrap_or(Outcome::ALL.len())
}

/// The version's comments counted: in all, by outcome, the changes by kind of
/// knowledge, and by statement.
#[derive(Default)]
struct Tally {
    total_comments: usize,
    by_outcome: HashMap<&'static str, i64>,
    changes_by_knowledge: HashMap<&'static str, i64>,
    counts: HashMap<i64, StatementCounts>,
    /// `(statement, outcome, comments)`, for the totals by value.
    answered: Vec<(i64, Option<Outcome>, usize)>,
}

impl Tally {
    fn of(
        counted: &[store::reports::CommentCount],
        by_knowledge: &[store::reports::KnowledgeCount],
    ) -> Self {
        let mut tally = Self::default();
        for row in counted {
            let n = usize::try_from(row.comments).unwrap_or(0);
            tally.total_comments += n;
            *tally
                .by_outcome
                .entry(row.outcome.map_or("Not answered", |o| o.label()))
                .or_default() += row.comments;
            let line = tally.counts.entry(row.statement_id).or_default();
            line.by_outcome[outcome_slot(row.outcome)] += n as u64;
            line.private += u64::try_from(row.private).unwrap_or(0);
            tally.answered.push((row.statement_id, row.outcome, n));
        }
        for row in by_knowledge {
            if row.outcome.is_some_and(|o| o.changed_the_text()) {
                *tally
                    .changes_by_knowledge
                    .entry(row.knowledge.label())
                    .or_default() += row.comments;
            }
        }
        tally
    }
}

/// What the report says of a version as a whole and of each statement without its
/// story, read in a fixed number of queries whose size does not grow with the round
/// (counts come from the database): where the page and the downloads both start.
struct Version {
    slug: String,
    header: PublicationHeader,
    publication_id: i64,
    statements: Vec<store::publications::PublishedStatement>,
    rounds: Vec<String>,
    /// When the first round it answers opened: what its statements' stories start from.
    opened_at: i64,
    published_values: Vec<store::values::PublishedValue>,
    previous: Option<(i64, HashMap<i64, String>)>,
    proposals: crate::model::ReportProposals,
    tally: Tally,
}

impl Version {
    async fn read(conn: &mut AnyConnection, slug: &str, version: i64) -> Result<Self, AppError> {
        let (framework, publication) = publication(conn, slug, version).await?;
        let statements = store::publications::statements(conn, publication.id).await?;
        let rounds = store::rounds::for_publication(conn, publication.id).await?;
        let counted = store::reports::counts(conn, publication.id).await?;
        let by_knowledge = store::reports::counts_by_knowledge(conn, publication.id).await?;
        let published_values = store::values::for_publication(conn, publication.id).await?;
        let previous = values::previous_version_texts(conn, framework.id, version).await?;
        let proposals = super::proposing::for_report(conn, publication.id).await?;
        Ok(Self {
            header: header(&framework.slug, &framework.title, &publication),
            slug: framework.slug,
            publication_id: publication.id,
            statements,
            opened_at: rounds.first().map_or(0, |r| r.opens_at),
            rounds: rounds.into_iter().map(|r| r.title).collect(),
            published_values,
            previous,
            proposals,
            tally: Tally::of(&counted, &by_knowledge),
        })
    }

    /// Each statement's text first consulted on, in the text its story is told in (the
    /// published text where the version has no draft of it): one row a statement, so
    /// whether each changed is known without reading every draft.
    async fn firsts(
        &self,
        conn: &mut AnyConnection,
        reading: TextKind,
    ) -> Result<Vec<String>, sqlx::Error> {
        let mut consulted: HashMap<i64, store::reports::ConsultedRow> =
            store::reports::consulted(conn, self.publication_id, self.opened_at)
                .await?
                .into_iter()
                .map(|c| (c.statement_id, c))
                .collect();
        Ok(self
            .statements
            .iter()
            .map(|s| {
                let shown = shown_published(reading, s);
                let row = consulted.remove(&s.statement_id);
                match shown.kind {
                    TextKind::Standard => row.and_then(|r| r.standard),
                    TextKind::EasyRead => row.and_then(|r| r.easy_read),
                }
                .unwrap_or_else(|| shown.text.to_owned())
            })
            .collect())
    }

    /// Whether each statement's published text (in `reading`) is not `firsts`' text.
    fn changed_from_first(&self, firsts: &[String], reading: TextKind) -> Vec<bool> {
        self.statements
            .iter()
            .zip(firsts)
            .map(|(s, first)| *first != shown_published(reading, s).text)
            .collect()
    }

    /// One statement's story, from `stories` (which must hold it).
    fn story(
        &self,
        stories: &mut Stories,
        version_path: &str,
        reading: TextKind,
        s: &store::publications::PublishedStatement,
    ) -> ReportStatement {
        let telling = Telling {
            slug: &self.slug,
            version_path,
            opened_at: self.opened_at,
            reading,
        };
        let private = self
            .tally
            .counts
            .get(&s.statement_id)
            .map_or(0, |c| c.private as usize);
        let values = self
            .published_values
            .iter()
            .filter(|v| v.statement_id == s.statement_id)
            .map(|v| v.value_title.clone())
            .collect();
        stories.tell(&telling, s, private, values)
    }

    /// The report, telling `statements` (none, on the page). `changed_from_first[i]`:
    /// whether statement `i`'s published text is not the text first consulted on.
    fn view(
        self,
        reading: TextKind,
        statements: Vec<ReportStatement>,
        changed_from_first: &[bool],
    ) -> ReportView {
        let by_value = values::totals(
            &self.published_values,
            &self.statements,
            changed_from_first,
            self.previous.as_ref(),
            &self.tally.answered,
        );
        let count = |map: &HashMap<&'static str, i64>, labels: &[&'static str]| {
            labels
                .iter()
                .map(|l| Count {
                    label: (*l).to_owned(),
                    count: map.get(l).copied().unwrap_or(0),
                })
                .collect::<Vec<_>>()
        };
        ReportView {
            reading,
            header: self.header,
            rounds: self.rounds,
            total_comments: self.tally.total_comments,
            by_outcome: count(&self.tally.by_outcome, &Outcome::ALL.map(|o| o.label())),
            changes_by_knowledge: count(
                &self.tally.changes_by_knowledge,
                &Knowledge::ALL.map(|k| k.label()),
            ),
            by_value,
            statements,
            proposals: self.proposals,
        }
    }
}

/// The whole "You said, we did" report of a version, for the downloads: every
/// statement's story (in a fixed number of queries), without its comments, which the
/// downloads stream.
pub struct ReportSummary {
    /// The report, each statement's `comments` left empty.
    pub view: ReportView,
    pub publication_id: i64,
    /// `view.statements[i]` is the statement with id `statement_ids[i]`.
    pub statement_ids: Vec<i64>,
    stories: Stories,
}

impl ReportSummary {
    /// A public comment as the report shows it, with where it landed.
    pub fn comment(&self, c: &store::comments::CommentRow) -> ReportComment {
        listed_comment(&self.stories, &self.view.header.path(), c)
    }
}

/// A public comment of a statement whose story `stories` holds, with where it landed.
fn listed_comment(
    stories: &Stories,
    version_path: &str,
    c: &store::comments::CommentRow,
) -> ReportComment {
    let trace_path = format!("{version_path}/statements/{}/trace", c.reference);
    public_comment(c, stories.landed(c, &trace_path))
}

/// The "You said, we did" summary of a version, every statement's story told in
/// `reading` (its easy read drafts, where the version has an easy read text) or else in
/// its main text. Either way every statement carries its published easy read text for
/// the exports.
pub async fn summary_in(
    cx: &Context,
    slug: &str,
    version: i64,
    reading: TextKind,
) -> Result<ReportSummary, AppError> {
    let mut conn = cx.read().await?;
    let found = Version::read(&mut conn, slug, version).await?;
    let statement_ids: Vec<i64> = found.statements.iter().map(|s| s.statement_id).collect();
    let mut stories = Stories::read(&mut conn, found.publication_id, &statement_ids).await?;
    drop(conn);
    let version_path = found.header.path();
    let statements: Vec<ReportStatement> = found
        .statements
        .iter()
        .map(|s| found.story(&mut stories, &version_path, reading, s))
        .collect();
    let changed_from_first: Vec<bool> = statements
        .iter()
        .map(|r| r.first_text != r.published_text)
        .collect();
    let publication_id = found.publication_id;
    Ok(ReportSummary {
        view: found.view(reading, statements, &changed_from_first),
        publication_id,
        statement_ids,
        stories,
    })
}

/// A version's report without its stories (its totals, by value and proposals), in
/// `reading`: what the by-value download needs, without any statement's drafts.
pub async fn totals_in(
    cx: &Context,
    slug: &str,
    version: i64,
    reading: TextKind,
) -> Result<ReportView, AppError> {
    let mut conn = cx.read().await?;
    let found = Version::read(&mut conn, slug, version).await?;
    let firsts = found.firsts(&mut conn, reading).await?;
    drop(conn);
    let changed_from_first = found.changed_from_first(&firsts, reading);
    Ok(found.view(reading, Vec::new(), &changed_from_first))
}

/// What the report page was asked for: its filters, page and (`comment`) a comment to
/// show, whose page is found when no page is asked for.
#[derive(Debug, Clone, Default)]
pub struct ReportQuery {
    pub statement: String,
    pub theme: String,
    pub outcome: String,
    pub knowledge: String,
    pub page: Option<String>,
    pub comment: Option<i64>,
}

/// The "You said, we did" report page, in the reader's choice of text: the version's
/// totals, a line per statement, and one page of the public comments the filters
/// choose, with the stories of the statements those comments are on (or of the
/// statement chosen), in a fixed number of queries. Only those few stories are read
/// and told: each other statement's line needs only the text it was first consulted on.
pub async fn report_page(
    cx: &Context,
    slug: &str,
    version: i64,
    asked: &ReportQuery,
) -> Result<ReportPageView, AppError> {
    let reading = cx.reading;
    let mut conn = cx.read().await?;
    let found = Version::read(&mut conn, slug, version).await?;
    let firsts = found.firsts(&mut conn, reading).await?;
    // Filters the version does not know are left out, so an old link still lists.
    let statement = found
        .statements
        .iter()
        .find(|s| s.reference.eq_ignore_ascii_case(asked.statement.trim()));
    let mut themes: Vec<(String, String)> = Vec::new();
    for s in &found.statements {
        if !themes.iter().any(|(c, _)| *c == s.theme_code) {
            themes.push((s.theme_code.clone(), s.theme_title.clone()));
        }
    }
    let theme = themes
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(asked.theme.trim()))
        .map(|(code, _)| code.clone())
        .unwrap_or_default();
    let outcome = Outcome::ALL
        .iter()
        .map(|o| o.as_str())
        .chain([store::reports::NOT_ANSWERED])
        .find(|o| *o == asked.outcome)
        .unwrap_or_default()
        .to_owned();
    let knowledge = Knowledge::ALL
        .iter()
        .map(|k| k.as_str())
        .find(|k| *k == asked.knowledge)
        .unwrap_or_default()
        .to_owned();
    let filter = store::reports::ReportFilter {
        reference: statement.map(|s| s.reference.clone()).unwrap_or_default(),
        theme_code: theme,
        outcome,
        knowledge,
    };
    // Counted by statement, so the page's rows are read from the few statements it
    // reaches rather than by ordering every listed comment of the version.
    let listed_on =
        store::reports::listed_by_statement(&mut conn, found.publication_id, &filter).await?;
    let listed: Vec<(i64, u64)> = found
        .statements
        .iter()
        .map(|s| {
            let n = listed_on.get(&s.statement_id).copied().unwrap_or(0);
            (s.statement_id, n)
        })
        .collect();
    let total: u64 = listed.iter().map(|(_, n)| n).sum();
    // A link to one comment opens the page of the one-statement list that holds it.
    let wanted = match (asked.page.as_deref(), asked.comment, statement) {
        (None, Some(comment), Some(_)) => {
            let before =
                store::reports::listed_before(&mut conn, found.publication_id, &filter, comment)
                    .await?;
            PageRequest::holding(before, REPORT_COMMENTS_PER_PAGE)
        }
        (page, _, _) => PageRequest::new(page, REPORT_COMMENTS_PER_PAGE),
    };
    let page = wanted.within(total);
    let offset = u64::try_from(page.offset()).unwrap_or(0);
    let (reached, skip) = report::page_span(&listed, offset, u64::from(page.size));
    let rows = store::reports::page(
        &mut conn,
        found.publication_id,
        &filter,
        &reached,
        (skip, page.size),
    )
    .await?;
    let campaigns: Vec<i64> = rows
        .iter()
        .filter(|c| c.alike_group_id.is_some())
        .map(|c| c.id)
        .collect();
    let said_the_same =
        store::reports::said_the_same(&mut conn, found.publication_id, &filter, &campaigns).await?;
    // The statements whose comments are on this page, in order (or the statement
    // chosen): never more than a page's worth, however many statements.
    let told: Vec<&store::publications::PublishedStatement> = found
        .statements
        .iter()
        .filter(|s| match statement {
            Some(chosen) => chosen.statement_id == s.statement_id,
            None => rows.iter().any(|c| c.statement_id == s.statement_id),
        })
        .collect();
    let told_ids: Vec<i64> = told.iter().map(|s| s.statement_id).collect();
    let mut stories = Stories::read(&mut conn, found.publication_id, &told_ids).await?;
    drop(conn);
    let version_path = found.header.path();
    let stories_told: Vec<ReportStatement> = told
        .iter()
        .map(|s| {
            let mut story = found.story(&mut stories, &version_path, reading, s);
            // The page names the first few comments behind each change and counts the
            // rest (a campaign answered at once can be thousands).
            for step in &mut story.steps {
                step.more_because_of = step.because_of.len().saturating_sub(NAMED_BECAUSE_OF);
                step.because_of.truncate(NAMED_BECAUSE_OF);
            }
            story
        })
        .collect();
    let comments = Paged::new(
        rows.iter()
            .map(|c| ReportListedComment {
                reference: c.reference.clone(),
                comment: ReportComment {
                    others_said_the_same: said_the_same.get(&c.id).copied().unwrap_or(0),
                    ..listed_comment(&stories, &version_path, c)
                },
            })
            .collect(),
        page,
        total,
    );
    let lines = found
        .statements
        .iter()
        .zip(&firsts)
        .map(|(s, first)| {
            let counts = found
                .tally
                .counts
                .get(&s.statement_id)
                .cloned()
                .unwrap_or_default();
            let published = shown_published(reading, s).text;
            ReportStatementLine {
                reference: s.reference.clone(),
                theme_title: s.theme_title.clone(),
                comments: counts.total(),
                by_outcome: counts.by_outcome[..Outcome::ALL.len()].to_vec(),
                private: counts.private,
                changed: !changes_between(&diff::word_diff(first, published)).is_empty(),
            }
        })
        .collect();
    let changed_from_first = found.changed_from_first(&firsts, reading);
    let query = ListQuery::new()
        .with("statement", filter.reference.clone())
        .with("theme", filter.theme_code.clone())
        .with("outcome", filter.outcome.clone())
        .with("knowledge", filter.knowledge.clone());
    Ok(ReportPageView {
        report: found.view(reading, Vec::new(), &changed_from_first),
        lines,
        themes,
        filters: ReportFilters {
            statement: filter.reference,
            theme: filter.theme_code,
            outcome: filter.outcome,
            knowledge: filter.knowledge,
        },
        stories: stories_told,
        comments,
        query,
    })
}

/// "Why does it say this?": each part of a published statement traced to the draft that
/// introduced it, and the comments acted on in that draft.
///
/// `text` (`?text=easy-read`) traces the easy read text; without it, the reader's choice.
/// Comments made on the easy read text are traced to the easy read drafts they changed.
///
/// Only the comments acted on in a draft are read (never every comment on the
/// statement); each draft names the first few of its public ones and counts the rest,
/// and `draft` (`?draft=N`) lists all of one draft's, a page (`page`) at a time.
pub async fn trace(
    cx: &Context,
    slug: &str,
    version: i64,
    reference: &str,
    text: Option<TextKind>,
    draft: Option<usize>,
    page: Option<&str>,
) -> Result<TraceView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, publication) = publication(&mut conn, slug, version).await?;
    let published =
        store::publications::statement(&mut conn, publication.id, &reference.to_uppercase())
            .await?
            .ok_or(AppError::NotFound)?;
    let shown = shown_published(text.unwrap_or(cx.reading), &published);
    let (kind, up_to, picture, reading_note) = (
        shown.kind,
        shown.revision_id,
        shown.picture.clone(),
        shown.note.clone(),
    );
    let revisions: Vec<_> = match kind {
        TextKind::Standard => store::statements::revisions(&mut conn, published.statement_id)
            .await?
            .into_iter()
            .map(|r| (r.id, r.body, r.author_name, r.note, r.created_at))
            .collect::<Vec<_>>(),
        TextKind::EasyRead => store::easy_read::revisions(&mut conn, published.statement_id)
            .await?
            .into_iter()
            .map(|r| (r.id, r.body, r.author_name, r.note, r.created_at))
            .collect(),
    }
    .into_iter()
    .filter(|r| r.0 <= up_to)
    .map(
        |(id, body, author_name, note, created_at)| store::statements::RevisionRow {
            id,
            body,
            author_name,
            note,
            created_at,
        },
    )
    .collect();
    let comments = store::reports::acted_on_statement(&mut conn, published.statement_id).await?;
    // Every draft each answer names, not only the newest: a comment acted on twice shows
    // under both drafts.
    let acted_on =
        store::comments::acted_in_for_statement(&mut conn, published.statement_id).await?;
    let credit =
        credit::line_for_statement(&mut conn, publication.id, published.statement_id).await?;
    let sources = store::proposals::sources_of_statement(&mut conn, published.statement_id).await?;
    drop(conn);
    let origin = |p: &store::proposals::SourceRow| {
        let who = proposals::proposer_in_sentence(
            p.visibility,
            p.knowledge,
            &p.author_name,
            p.organisation_name.as_deref(),
        );
        let href = (p.visibility != Visibility::PolicyTeamOnly)
            .then(|| super::proposing::proposal_path(&framework.slug, p.id));
        (who, href)
    };
    let began_as = sources
        .iter()
        .find(|p| p.status == ProposalStatus::Adopted)
        .map(|p| {
            let (who, href) = origin(p);
            ProposalOrigin {
                text: proposals::began_as(&who, p.version),
                href,
            }
        });
    let draft_of = |id: i64| revisions.iter().position(|r| r.id == id).map(|i| i + 1);
    let pairs: Vec<(i64, &str)> = revisions.iter().map(|r| (r.id, r.body.as_str())).collect();
    let first = revisions.first().map(|r| r.id);
    let traced = trace::trace(&pairs);
    let spans = traced
        .spans
        .into_iter()
        .map(|s| TraceSpan {
            draft: (Some(s.revision_id) != first)
                .then(|| draft_of(s.revision_id))
                .flatten(),
            text: s.text,
        })
        .collect();
    let introduced = traced.introduced;
    // The comments acted on in each draft, oldest first: grouped once, so a busy draft's
    // comments are not looked for among every link for every draft.
    let mut drafts_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (comment, revision) in &acted_on {
        drafts_of.entry(*comment).or_default().push(*revision);
    }
    let mut behind_draft: HashMap<i64, Vec<&store::comments::CommentRow>> = HashMap::new();
    for c in &comments {
        for revision in drafts_of.get(&c.id).map_or(&[][..], Vec::as_slice) {
            behind_draft.entry(*revision).or_default().push(c);
        }
    }
    let steps = revisions
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, r)| TraceStep {
            draft: i + 1,
            author: if r.author_name.is_empty() {
                "The policy team".to_owned()
            } else {
                r.author_name.clone()
            },
            date: format_date(r.created_at),
            note: r.note.clone(),
            introduced: introduced
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, pieces)| pieces.clone())
                .unwrap_or_default(),
            comments: {
                let behind = behind_draft.get(&r.id).map_or(&[][..], Vec::as_slice);
                let public: Vec<_> = behind
                    .iter()
                    .filter(|c| c.visibility != Visibility::PolicyTeamOnly)
                    .collect();
                let total = public.len() as u64;
                let (shown, page) = if draft == Some(i + 1) {
                    let page = PageRequest::new(page, TRACE_COMMENTS_PER_PAGE).within(total);
                    let from = (page.offset() as usize).min(public.len());
                    let to = (from + page.size as usize).min(public.len());
                    (&public[from..to], page)
                } else {
                    let to = public.len().min(TRACE_COMMENTS_NAMED);
                    (
                        &public[..to],
                        PageRequest::first(TRACE_COMMENTS_NAMED as u32),
                    )
                };
                TraceComments {
                    listed: Paged::new(
                        shown
                            .iter()
                            .map(|c| public_comment(c, Vec::new()))
                            .collect(),
                        page,
                        total,
                    ),
                    all_listed: draft == Some(i + 1),
                    private: behind.len() - public.len(),
                }
            },
            from_proposals: sources
                .iter()
                .filter(|p| p.status == ProposalStatus::Merged && p.revision_id == Some(r.id))
                .map(|p| {
                    let (who, href) = origin(p);
                    ProposalOrigin {
                        text: proposals::from_a_proposal(&who),
                        href,
                    }
                })
                .collect(),
        })
        .collect();
    let text = match kind {
        TextKind::EasyRead => published.easy_read_body.clone().unwrap_or_default(),
        TextKind::Standard => published.body.clone(),
    };
    Ok(TraceView {
        header: header(&framework.slug, &framework.title, &publication),
        reference: published.reference,
        text,
        shown: kind,
        reading: cx.reading,
        picture,
        reading_note,
        has_easy_read: published.easy_read_revision_id.is_some(),
        spans,
        steps,
        credit,
        began_as,
    })
}

/// How many of a draft's comments the trace names before "and N more".
pub const TRACE_COMMENTS_NAMED: usize = 20;

/// How many of one draft's comments the trace lists at a time once asked for them all.
pub const TRACE_COMMENTS_PER_PAGE: u32 = 50;

/// The id a comment has on report and trace pages.
pub fn comment_anchor(id: i64) -> String {
    format!("comment-{id}")
}

/// A comment as the public may see it (the caller leaves out policy-team-only ones).
pub fn public_comment(c: &store::comments::CommentRow, landed: Vec<Landing>) -> ReportComment {
    ReportComment {
        anchor: comment_anchor(c.id),
        author: public_author(c),
        knowledge: c.knowledge.label().to_owned(),
        quote: c.quote.clone(),
        // What the public may read: with any words a moderator took out replaced.
        body: c.words.shown_body().to_owned(),
        outcome: c.outcome.map_or("Not answered", |o| o.label()).to_owned(),
        reason: c.reason.clone().unwrap_or_default(),
        landed,
        text_kind: c.text_kind,
        alike_group: c.alike_group_id,
        others_said_the_same: 0,
    }
}

/// How a comment's author may be named in public.
pub fn public_author(c: &store::comments::CommentRow) -> Byline {
    let named = c.visibility == Visibility::Named;
    let organisation = c.organisation_name.as_deref();
    match (named, organisation) {
        (true, _) => Byline::for_organisation(c.author_label(), organisation),
        (false, Some(_)) => Byline::for_organisation(ANONYMOUS_REPRESENTATIVE, organisation),
        // Someone recorded at an event stays unnamed but keeps the event it was said at.
        (false, None) if c.event_id.is_some() => {
            Byline::person(format!("Someone at {}", c.event_label()))
        }
        (false, None) => Byline::person("Anonymous participant"),
    }
}

/// The report's totals by value as CSV: one row per value, then the whole version.
/// `None` when the version's statements carry no values.
pub fn by_value_csv(report: &ReportView) -> Result<Option<String>, AppError> {
    let Some(totals) = &report.by_value else {
        return Ok(None);
    };
    let failed = |e: csv::Error| AppError::internal("writing the report by value as CSV", e);
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // The header is the same for every version, so files can be stacked; what "changed"
    // is measured against is its own column.
    out.write_record([
        "value_code",
        "value",
        "statements",
        "changed",
        "comments",
        "incorporated",
        "partly_incorporated",
        "changed_since",
    ])
    .map_err(failed)?;
    for line in totals.values.iter().chain([&totals.all]) {
        out.write_record([
            line.code.clone(),
            line.title.clone(),
            line.statements.to_string(),
            line.changed.to_string(),
            line.comments.to_string(),
            line.incorporated.to_string(),
            line.partly.to_string(),
            totals.changed_since.clone(),
        ])
        .map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal("writing the report by value as CSV", e))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| AppError::internal("writing the report by value as CSV", e))
}
