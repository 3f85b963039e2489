//! The email telling a comment's author what a moderator did to it, written when the
//! outbox sends it (like a version's emails, see `publication_mail`) from the action it
//! is about. Its words are in `app/templates/email/moderation.{txt,html}`.

use super::{
    AppState, clock,
    mail::SendFailure,
    publication_email::Rendered,
    store::{
        self,
        moderation::{EmailFacts, WordsFor},
    },
};
use crate::domain::moderation::ModerationAction;
use askama::Template;

pub struct ModerationEmail<'a> {
    pub name: &'a str,
    pub reference: &'a str,
    pub framework_title: &'a str,
    pub action: ModerationAction,
    /// The reason in words ("personal information").
    pub reason: &'a str,
    /// Their comment as they wrote it.
    pub original: &'a str,
    /// The words taken out, for a redaction.
    pub removed: Option<&'a str>,
    /// What everyone else reads now.
    pub shown: &'a str,
    pub contributions_url: &'a str,
    /// Their round is still open, so they can change the comment.
    pub can_edit: bool,
}

impl ModerationEmail<'_> {
    fn what(&self) -> &'static str {
        match self.action {
            ModerationAction::Hidden => {
                "A moderator has hidden your comment from public view. The policy team can still read it and will still answer it, and you will still hear what became of it."
            }
            ModerationAction::Redacted => {
                "A moderator has taken some words of your comment out of public view. The policy team can still read all of it and will answer it as you wrote it."
            }
            ModerationAction::Dismissed => {
                "A moderator has read your comment again, and everyone can now read it as you wrote it."
            }
        }
    }
}

#[derive(Template)]
#[template(path = "email/moderation.txt")]
struct ModerationText<'a> {
    email: &'a ModerationEmail<'a>,
}

#[derive(Template)]
#[template(path = "email/moderation.html")]
struct ModerationHtml<'a> {
    subject: &'a str,
    email: &'a ModerationEmail<'a>,
}

pub fn render(email: &ModerationEmail<'_>) -> Rendered {
    let subject = format!(
        "A moderator changed how your comment on {} is shown",
        email.reference
    );
    // Strings written into a `String`: rendering cannot fail.
    let text = ModerationText { email }
        .render()
        .expect("the moderation email's text renders");
    let html = ModerationHtml {
        subject: &subject,
        email,
    }
    .render()
    .expect("the moderation email's HTML renders");
    Rendered {
        subject,
        text,
        html,
    }
}

fn email_of<'a>(facts: &'a EmailFacts, contributions_url: &'a str) -> ModerationEmail<'a> {
    ModerationEmail {
        name: &facts.author_name,
        reference: &facts.reference,
        framework_title: &facts.framework_title,
        action: facts.action,
        reason: facts.reason.map_or("it reads as written", |r| r.words()),
        // The author's own words, to the author's own address.
        original: facts.words.body(WordsFor::PolicyTeamOrAuthor),
        removed: facts.removed_words.as_deref(),
        shown: facts.words.shown_body(),
        contributions_url,
        can_edit: clock::now() < facts.round_closes_at,
    }
}

/// The email for moderator action `action_id`, as it reads now. Trouble reading the
/// database is tried again later; an action no longer there is given up.
pub async fn write(state: &AppState, action_id: i64) -> Result<Rendered, SendFailure> {
    let read = async {
        let mut conn = state.db.pool.acquire().await?;
        store::moderation::email_facts(&mut conn, action_id).await
    };
    let facts = read.await.map_err(|error: sqlx::Error| {
        SendFailure::Transient(format!(
            "the email could not be written: reading the comment from the database failed ({error})"
        ))
    })?;
    let facts = facts.ok_or_else(|| {
        SendFailure::Permanent(
            "the email could not be written: the comment it is about is no longer there".into(),
        )
    })?;
    let contributions_url = state.config.absolute_url("/account/contributions");
    Ok(render(&email_of(&facts, &contributions_url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(action: ModerationAction, removed: Option<&'static str>) -> ModerationEmail<'static> {
        ModerationEmail {
            name: "Sam <b>",
            reference: "HL-1",
            framework_title: "Standards & more",
            action,
            reason: "personal information",
            original: "My neighbour Jane Smith cannot get help.",
            removed,
            shown: "My neighbour [removed: personal information] cannot get help.",
            contributions_url: "https://example.org/account/contributions",
            can_edit: true,
        }
    }

    fn snapshot_text(rendered: &Rendered) -> String {
        format!("Subject: {}\n\n{}", rendered.subject, rendered.text)
    }

    #[test]
    fn the_author_is_told_which_words_were_removed_why_and_what_others_read() {
        let rendered = render(&email(ModerationAction::Redacted, Some("Jane Smith")));
        insta::assert_snapshot!("moderation_redacted_text", snapshot_text(&rendered));
        insta::assert_snapshot!("moderation_redacted_html", rendered.html);
    }

    #[test]
    fn the_author_of_a_hidden_comment_is_told_it_will_still_be_answered() {
        let rendered = render(&email(ModerationAction::Hidden, None));
        assert!(rendered.text.contains("will still answer it"));
        insta::assert_snapshot!("moderation_hidden_text", snapshot_text(&rendered));
    }
}
