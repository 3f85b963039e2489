//! People propose new I statements in their own words while a round is open; others
//! back them ("this is true for me too") and comment on them; editors adopt, merge or
//! decline each with a reason. A decision is an answer like any other: publishing the
//! version that answers a proposal's round is refused while it is still open.

use super::{
    Context, auth,
    clock::now,
    commenting, drafting, lookups, store,
    store::proposals::{Decision, ProposalRow},
};
use crate::{
    domain::{
        SubmissionKey,
        drafting::{self as checks, Knowledge, Visibility},
        format_date, plural,
        proposals::{self, Status},
        response, singular_or_plural, submission_key,
    },
    error::AppError,
    model::{
        DecisionChoices, PROPOSAL_DECISION, PageRequest, Paged, ProposalCommentView, ProposalInput,
        ProposalPageInput, ProposalSummary, ProposalView, ProposalsView, ProposeFormView,
        StatementLink, ThemeChoice,
    },
};
use sqlx::AnyConnection;

pub fn proposals_path(slug: &str) -> String {
    format!("/frameworks/{slug}/proposals")
}

pub fn proposal_path(slug: &str, id: i64) -> String {
    format!("/frameworks/{slug}/proposals/{id}")
}

/// Who proposed it, as their consent allows.
pub fn proposer(row: &ProposalRow) -> Option<String> {
    proposals::proposer_label(
        row.visibility,
        row.knowledge,
        &row.author_name,
        row.organisation_name.as_deref(),
    )
}

/// Policy-team-only proposals are seen by editors and their author, nobody else.
fn may_see(cx: &Context, row: &ProposalRow) -> bool {
    row.visibility != Visibility::PolicyTeamOnly
        || cx.is_editor()
        || cx.viewer.as_ref().is_some_and(|v| v.id == row.author_id)
}

fn summary(row: &ProposalRow) -> ProposalSummary {
    ProposalSummary {
        id: row.id,
        href: proposal_path(&row.framework_slug, row.id),
        theme: ThemeChoice {
            code: row.theme_code.clone(),
            title: row.theme_title.clone(),
        },
        body: row.body.clone(),
        status: row.status,
        backings: row.backings,
        proposer: proposer(row),
        knowledge: row.knowledge,
        statement: row
            .statement_reference
            .as_ref()
            .map(|reference| StatementLink {
                reference: reference.clone(),
                href: format!("/frameworks/{}/statements/{reference}", row.framework_slug),
            }),
        reason: row.reason.clone(),
    }
}

fn themes(rows: Vec<store::frameworks::ThemeRow>) -> Vec<ThemeChoice> {
    rows.into_iter()
        .map(|t| ThemeChoice {
            code: t.code,
            title: t.title,
        })
        .collect()
}

/// The proposal form, on the theme asked for (`?theme=HL`) if any.
pub async fn propose_form(
    cx: &Context,
    slug: &str,
    theme: Option<String>,
) -> Result<ProposeFormView, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let open_round = store::rounds::open_at(&mut conn, framework.id, now())
        .await?
        .map(|r| r.title);
    let organisations = super::lookups::organisations_of(&mut conn, viewer.id).await?;
    Ok(ProposeFormView {
        themes: themes(store::frameworks::themes(&mut conn, framework.id).await?),
        chosen_theme: theme.unwrap_or_default().to_uppercase(),
        organisations,
        jargon: store::jargon::all(&mut conn).await?,
        submission_key: auth::new_secret(),
        open_round,
        framework_slug: framework.slug,
        framework_title: framework.title,
    })
}

/// Save a proposal in the round open now. The same form sent twice makes one proposal.
pub async fn propose(cx: &Context, slug: &str, form: &ProposalInput) -> Result<i64, AppError> {
    let viewer = cx.signed_in()?;
    let key = SubmissionKey::parse(&form.submission_key)?;
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?;
    if let Some((id, author, framework_id)) =
        store::proposals::by_key(&mut tx, key.as_str()).await?
    {
        if author == viewer.id && framework_id == framework.id {
            return Ok(id); // Sent twice: the first one saved it.
        }
        return Err(submission_key::used_elsewhere().into());
    }
    let theme = store::frameworks::themes(&mut tx, framework.id)
        .await?
        .into_iter()
        .find(|t| t.code == form.theme.trim())
        .ok_or_else(|| {
            AppError::Field(
                ProposalInput::THEME.into(),
                "Choose the theme your statement belongs to".into(),
            )
        })?;
    let body =
        checks::statement_text(&form.body).map_err(|e| AppError::field(ProposalInput::BODY, e))?;
    let why = proposals::why(&form.why).map_err(|e| AppError::field(ProposalInput::WHY, e))?;
    let knowledge = Knowledge::parse(&form.knowledge)
        .map_err(|e| AppError::field(ProposalInput::KNOWLEDGE, e))?;
    let visibility = Visibility::parse(&form.visibility)
        .map_err(|e| AppError::field(ProposalInput::VISIBILITY, e))?;
    let organisation = commenting::speaks_for(
        &mut tx,
        viewer,
        &form.on_behalf_of,
        ProposalInput::ON_BEHALF_OF,
        "propose a statement",
    )
    .await?;
    let Some(round) = store::rounds::open_at(&mut tx, framework.id, now()).await? else {
        return Err(AppError::Invalid(
            "New statements can only be proposed while a consultation round is open, and none is open now. Your proposal has not been saved, but everything you typed is still here.".into(),
        ));
    };
    super::flooding::count_one(cx, &mut tx, viewer.id, ProposalInput::BODY).await?;
    let new = store::proposals::NewProposal {
        framework_id: framework.id,
        theme_id: theme.id,
        round_id: round.id,
        author_id: viewer.id,
        organisation_id: organisation,
        body: &body,
        why: &why,
        knowledge,
        visibility,
        submission_key: key.as_str(),
    };
    let id = store::proposals::insert(&mut tx, &new, now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Every proposal of a framework the viewer may see, newest first.
/// How many proposals the list shows at a time.
pub const PROPOSALS_PER_PAGE: u32 = 50;

/// Whose eyes a list of proposals is for (what [`may_see`] checks, as the database
/// filters it).
fn reader(cx: &Context) -> store::comments::Reader {
    store::comments::Reader {
        viewer_id: cx.viewer.as_ref().map(|v| v.id),
        policy_team: cx.is_editor(),
    }
}

/// One page (`page`) of a framework's proposals the viewer may see, newest first.
pub async fn list(cx: &Context, slug: &str, page: Option<&str>) -> Result<ProposalsView, AppError> {
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let total = store::proposals::count_for_framework(&mut conn, framework.id, reader(cx)).await?;
    let page = PageRequest::new(page, PROPOSALS_PER_PAGE).within(total);
    let rows =
        store::proposals::page_for_framework(&mut conn, framework.id, reader(cx), page).await?;
    let round_open = store::rounds::open_at(&mut conn, framework.id, now())
        .await?
        .is_some();
    Ok(ProposalsView {
        proposals: Paged::new(rows.iter().map(summary).collect(), page, total),
        round_open,
        framework_slug: framework.slug,
        framework_title: framework.title,
    })
}

/// How many proposals of a framework the viewer may see, for the framework page's link.
pub async fn count_visible(
    cx: &Context,
    conn: &mut AnyConnection,
    framework_id: i64,
) -> Result<usize, AppError> {
    let n = store::proposals::count_for_framework(conn, framework_id, reader(cx)).await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// A proposal the viewer may see, of this framework.
async fn visible(
    cx: &Context,
    conn: &mut AnyConnection,
    slug: &str,
    id: i64,
) -> Result<(store::frameworks::FrameworkRow, ProposalRow), AppError> {
    let framework = lookups::framework(conn, slug).await?;
    let row = store::proposals::find(conn, id)
        .await?
        .filter(|r| r.framework_id == framework.id && may_see(cx, r))
        .ok_or(AppError::NotFound)?;
    Ok((framework, row))
}

pub async fn page(cx: &Context, slug: &str, id: i64) -> Result<ProposalView, AppError> {
    let mut conn = cx.read().await?;
    let (framework, row) = visible(cx, &mut conn, slug, id).await?;
    let viewer = cx.viewer.as_ref();
    if row.withdrawn_at.is_some() {
        // Its words, its proposer and what others said of it are no longer shown: the
        // page says only that it was withdrawn, to whoever follows an old link.
        return Ok(ProposalView {
            framework_slug: framework.slug,
            framework_title: framework.title,
            why: String::new(),
            date: String::new(),
            signed_in: viewer.is_some(),
            own: viewer.is_some_and(|v| v.id == row.author_id),
            backed: false,
            comments: Vec::new(),
            comment_key: String::new(),
            decide: None,
            withdrawn: true,
            can_withdraw: false,
            summary: ProposalSummary {
                body: String::new(),
                backings: 0,
                proposer: None,
                reason: None,
                statement: None,
                ..summary(&row)
            },
        });
    }
    let backed = match viewer {
        Some(v) => store::proposals::is_backed_by(&mut conn, row.id, v.id).await?,
        None => false,
    };
    let comments = store::proposals::comments(&mut conn, row.id)
        .await?
        .into_iter()
        .filter(|c| {
            c.visibility != Visibility::PolicyTeamOnly
                || cx.is_editor()
                || viewer.is_some_and(|v| v.id == c.author_id)
        })
        .map(|c| ProposalCommentView {
            id: c.id,
            author: proposals::proposer_label(c.visibility, c.knowledge, &c.author_name, None),
            body: c.body,
            date: format_date(c.created_at),
        })
        .collect();
    let decide = if cx.is_editor() && row.status == Status::Open {
        let statements = store::frameworks::current_statements(&mut conn, framework.id)
            .await?
            .into_iter()
            .map(|s| (s.reference, s.body))
            .collect();
        Some(DecisionChoices {
            themes: themes(store::frameworks::themes(&mut conn, framework.id).await?),
            statements,
            values: store::values::for_framework(&mut conn, framework.id)
                .await?
                .into_iter()
                .map(super::values::detail)
                .collect(),
        })
    } else {
        None
    };
    let own = viewer.is_some_and(|v| v.id == row.author_id);
    let can_withdraw =
        own && row.status == Status::Open && round_is_open(&mut conn, row.round_id).await?;
    Ok(ProposalView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        withdrawn: false,
        can_withdraw,
        why: row.why.clone(),
        date: format_date(row.created_at),
        signed_in: viewer.is_some(),
        own,
        backed,
        comments,
        comment_key: auth::new_secret(),
        decide,
        summary: summary(&row),
    })
}

/// An open proposal someone signed in may act on (back, comment), in `conn`.
async fn open_for(
    cx: &Context,
    conn: &mut AnyConnection,
    slug: &str,
    id: i64,
) -> Result<ProposalRow, AppError> {
    let (_, row) = visible(cx, conn, slug, id).await?;
    if row.withdrawn_at.is_some() {
        return Err(withdrawn());
    }
    if row.status != Status::Open {
        return Err(AppError::Invalid(
            "This proposal has been decided, so it no longer takes backing or comments.".into(),
        ));
    }
    Ok(row)
}

/// What is said to anyone who tries to act on a withdrawn proposal: where its page says
/// it was withdrawn, since none of its forms is there any more.
fn withdrawn() -> AppError {
    AppError::Field(
        PROPOSAL_DECISION.into(),
        "This proposal was withdrawn by the person who proposed it, so it no longer takes backing, comments or a decision.".into(),
    )
}

/// Whether the round a proposal was made in is open now.
async fn round_is_open(conn: &mut AnyConnection, round_id: i64) -> Result<bool, AppError> {
    let round = store::rounds::find(conn, round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    Ok(round.opens_at <= at && at < round.closes_at)
}

/// The proposer withdraws their own proposal, while it waits for a decision and its
/// round is open. It then leaves the list, the framework page's count, the publish gate,
/// the report and the emails. Pressing the button twice withdraws it once.
pub async fn withdraw(cx: &Context, slug: &str, id: i64) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?;
    // A withdrawal changes what publishing waits for: it must not interleave with a
    // decision or a version being written, which take the same lock.
    store::frameworks::lock(&mut tx, framework.id).await?;
    let row = store::proposals::find(&mut tx, id)
        .await?
        .filter(|r| r.framework_id == framework.id && may_see(cx, r))
        .ok_or(AppError::NotFound)?;
    if row.author_id != viewer.id {
        return Err(AppError::Invalid(
            "Only the person who proposed a statement can withdraw it.".into(),
        ));
    }
    if row.withdrawn_at.is_some() {
        return Ok(()); // Pressed twice: the first press withdrew it.
    }
    if row.status != Status::Open {
        return Err(AppError::Invalid(format!(
            "This proposal has already been decided ({}), so it can no longer be withdrawn.",
            row.status.label().to_lowercase()
        )));
    }
    if !round_is_open(&mut tx, row.round_id).await? {
        return Err(AppError::Invalid(
            "The round this proposal was made in has closed, so it can no longer be withdrawn."
                .into(),
        ));
    }
    store::proposals::withdraw(&mut tx, row.id, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// "This is true for me too": once per person, never on one's own proposal.
pub async fn back(cx: &Context, slug: &str, id: i64) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let mut tx = cx.write().await?;
    let row = open_for(cx, &mut tx, slug, id).await?;
    if row.author_id == viewer.id {
        return Err(AppError::Invalid(
            "This is your own proposal, so you cannot back it.".into(),
        ));
    }
    store::proposals::back(&mut tx, row.id, viewer.id, now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn take_back(cx: &Context, slug: &str, id: i64) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let mut tx = cx.write().await?;
    let row = open_for(cx, &mut tx, slug, id).await?;
    store::proposals::take_back(&mut tx, row.id, viewer.id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn comment(
    cx: &Context,
    slug: &str,
    id: i64,
    form: &ProposalPageInput,
) -> Result<(), AppError> {
    let viewer = cx.signed_in()?;
    let body = checks::comment_body(&form.comment_body)
        .map_err(|e| AppError::field(ProposalPageInput::COMMENT_BODY, e))?;
    let knowledge = Knowledge::parse(&form.comment_knowledge)
        .map_err(|e| AppError::field(ProposalPageInput::COMMENT_KNOWLEDGE, e))?;
    let visibility = Visibility::parse(&form.comment_visibility)
        .map_err(|e| AppError::field(ProposalPageInput::COMMENT_VISIBILITY, e))?;
    let key = SubmissionKey::parse(&form.comment_key)?;
    let mut tx = cx.write().await?;
    let row = open_for(cx, &mut tx, slug, id).await?;
    let new = store::proposals::NewProposalComment {
        proposal_id: row.id,
        author_id: viewer.id,
        body: &body,
        knowledge,
        visibility,
        submission_key: key.as_str(),
    };
    // Counted only when saved, so the same form sent twice counts once; a refusal rolls
    // the comment back with the rest of the transaction.
    if store::proposals::insert_comment(&mut tx, &new, now()).await? {
        super::flooding::count_one(cx, &mut tx, viewer.id, ProposalPageInput::COMMENT_BODY).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// An editor's decision on a proposal.
pub enum Decide<'a> {
    /// A new statement under the theme with this code, carrying these values.
    Adopt {
        theme: &'a str,
        values: &'a [String],
    },
    /// A new draft of the statement with this reference, in this wording.
    Merge {
        into: &'a str,
        wording: &'a str,
    },
    Decline,
}

impl Decide<'_> {
    fn status(&self) -> Status {
        match self {
            Self::Adopt { .. } => Status::Adopted,
            Self::Merge { .. } => Status::Merged,
            Self::Decline => Status::Declined,
        }
    }
}

/// Decide a proposal, with a reason, in one transaction: adopting makes a statement
/// whose first draft is the proposer's words; merging makes a new draft of an existing
/// statement; both record the draft that carries the words (`revision_id`), which is how
/// credit traces words back to the proposer. A doubled submit of the same decision is
/// one decision. Returns the statement's reference when there is one.
pub async fn decide(
    cx: &Context,
    slug: &str,
    id: i64,
    reason: &str,
    decision: Decide<'_>,
) -> Result<Option<String>, AppError> {
    let editor = cx.editor()?;
    let reason =
        response::reason(reason).map_err(|e| AppError::field(ProposalPageInput::REASON, e))?;
    let mut tx = cx.write().await?;
    let (framework, row) = visible(cx, &mut tx, slug, id).await?;
    // A decision is an answer: it must not interleave with publishing.
    store::frameworks::lock(&mut tx, framework.id).await?;
    if row.withdrawn_at.is_some() {
        return Err(withdrawn());
    }
    if row.status != Status::Open {
        if row.status == decision.status() {
            return Ok(row.statement_reference); // Sent twice: decided already.
        }
        return Err(AppError::Invalid(format!(
            "This proposal has already been decided: {}.",
            row.status.label().to_lowercase()
        )));
    }
    let who = proposer(&row);
    let status = decision.status();
    let (statement, reference, revision) = match decision {
        Decide::Adopt { theme, values } => {
            let theme = store::frameworks::themes(&mut tx, framework.id)
                .await?
                .into_iter()
                .find(|t| t.code == theme)
                .ok_or_else(|| {
                    AppError::Field(
                        ProposalPageInput::ADOPT_THEME.into(),
                        "Choose the theme the new statement goes under".into(),
                    )
                })?;
            let note = proposals::adopted_note(who.as_deref(), row.id);
            let new = store::statements::NewStatement {
                framework_id: framework.id,
                theme_id: theme.id,
                body: &row.body,
                author_id: Some(editor.id),
                note: &note,
                submission_key: None,
            };
            let made = drafting::insert_statement_with_values(&mut tx, &new, values).await?;
            (made.id, made.reference, made.first_revision_id)
        }
        Decide::Merge { into, wording } => {
            let statement =
                store::frameworks::statement(&mut tx, framework.id, &into.to_uppercase())
                    .await?
                    .ok_or_else(|| {
                        AppError::Field(
                            ProposalPageInput::MERGE_INTO.into(),
                            "Choose the statement to merge it into".into(),
                        )
                    })?;
            let body = checks::statement_text(wording)
                .map_err(|e| AppError::field(ProposalPageInput::WORDING, e))?;
            let note = proposals::merged_note(who.as_deref(), row.id);
            let revision = store::statements::NewRevision {
                statement_id: statement.id,
                body: &body,
                author_id: Some(editor.id),
                note: &note,
                submission_key: None,
            };
            // The base is the draft read inside this transaction, so it is never stale.
            let drafted =
                drafting::add_draft(&mut tx, &statement, &revision, statement.revision_id)
                    .await
                    .map_err(|e| match e {
                        AppError::Field(_, message) => {
                            AppError::Field(ProposalPageInput::WORDING.into(), message)
                        }
                        other => other,
                    })?;
            let drafting::Drafted::Saved(revision) = drafted else {
                return Err(AppError::Invalid(
                    "Someone saved a new draft of that statement just now. Reload the page and try again.".into(),
                ));
            };
            (statement.id, statement.reference, revision)
        }
        Decide::Decline => {
            let decided = Decision {
                status,
                statement_id: None,
                revision_id: None,
                reason: &reason,
                decided_by: editor.id,
            };
            still_open(store::proposals::decide(&mut tx, row.id, &decided, now()).await?)?;
            tx.commit().await?;
            return Ok(None);
        }
    };
    let decided = Decision {
        status,
        statement_id: Some(statement),
        revision_id: Some(revision),
        reason: &reason,
        decided_by: editor.id,
    };
    still_open(store::proposals::decide(&mut tx, row.id, &decided, now()).await?)?;
    tx.commit().await?;
    Ok(Some(reference))
}

/// A decision that found the proposal no longer open (withdrawn or decided since it was
/// read) is refused, and everything it did is rolled back with its transaction.
fn still_open(decided: bool) -> Result<(), AppError> {
    if decided {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "This proposal changed while you were deciding: it was withdrawn or decided. Reload the page to see it.".into(),
        ))
    }
}

/// The proposals that still stop the next version: undecided, in the rounds it answers.
pub async fn undecided(
    conn: &mut AnyConnection,
    framework_id: i64,
    at: i64,
) -> Result<Vec<ProposalRow>, sqlx::Error> {
    store::proposals::undecided_awaiting_publication(conn, framework_id, at).await
}

/// Why publishing is refused while proposals wait: "1 proposal still needs a decision".
pub fn refusal(undecided: usize) -> String {
    format!(
        "{} still {} a decision. Everyone who proposed a statement is owed one before publishing.",
        plural(undecided, "proposal", "proposals"),
        singular_or_plural(undecided, "needs", "need"),
    )
}

/// The undecided proposals, as the publish page lists what is missing, with links.
pub async fn missing_decisions(
    conn: &mut AnyConnection,
    framework_id: i64,
    at: i64,
) -> Result<Vec<crate::model::Missing>, sqlx::Error> {
    Ok(undecided(conn, framework_id, at)
        .await?
        .into_iter()
        .map(|p| crate::model::Missing {
            reference: format!("Proposal under {}", p.theme_code),
            author: proposer(&p).unwrap_or_else(|| "A participant".to_owned()),
            excerpt: p.body.chars().take(120).collect(),
            answer_href: proposal_path(&p.framework_slug, p.id),
        })
        .collect())
}

/// Each proposer's proposals for their publication email, by author: what was decided,
/// why, and what the version says of the statement it is in.
pub fn email_items(
    proposed: &[ProposalRow],
    published: &std::collections::HashMap<i64, String>,
) -> std::collections::HashMap<i64, Vec<super::publication_email::ProposalEmailItem>> {
    let mut by_author: std::collections::HashMap<i64, Vec<_>> = Default::default();
    for p in proposed {
        let in_statement = p
            .statement_id
            .filter(|_| p.status.became_a_statement())
            .and_then(|id| published.get(&id));
        by_author.entry(p.author_id).or_default().push(
            super::publication_email::ProposalEmailItem {
                body: p.body.clone(),
                decision: p.status.label().to_owned(),
                reason: p.reason.clone().unwrap_or_default(),
                reference: in_statement.and(p.statement_reference.clone()),
                published_text: in_statement.cloned().unwrap_or_default(),
            },
        );
    }
    by_author
}

/// The signed-in person's own proposals, newest first, with what was decided.
pub async fn mine(cx: &Context) -> Result<Vec<ProposalSummary>, AppError> {
    let viewer = cx.signed_in()?;
    let mut conn = cx.read().await?;
    Ok(store::proposals::by_author(&mut conn, viewer.id)
        .await?
        .iter()
        .map(summary)
        .collect())
}

/// The proposals a published version's rounds decided, as its report shows them.
pub async fn for_report(
    conn: &mut AnyConnection,
    publication_id: i64,
) -> Result<crate::model::ReportProposals, sqlx::Error> {
    let rows = store::proposals::in_publication(conn, publication_id).await?;
    let (private, shown): (Vec<_>, Vec<_>) = rows
        .iter()
        .partition(|r| r.visibility == Visibility::PolicyTeamOnly);
    Ok(crate::model::ReportProposals {
        shown: shown.into_iter().map(summary).collect(),
        policy_team_only: private.len(),
    })
}
