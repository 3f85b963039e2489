//! The personal "what became of what you said" email, in plain text and HTML, with an
//! easy read version. Changes are written out in words, never shown by colour alone.
//!
//! The words are in `app/templates/email/publication.{txt,html}`. askama compiles them
//! in and escapes everything put into the `.html` one, so a comment cannot add markup.

use crate::domain::diff::{self, WordDiff};
use askama::Template;

pub struct EmailItem {
    pub reference: String,
    pub quote: Option<String>,
    pub body: String,
    pub outcome_label: String,
    pub reason: String,
    /// From the text they commented on to the published text.
    pub diff: WordDiff,
    /// The published easy read text for someone who chose easy read, where the version
    /// has one; otherwise the published standard text.
    pub published_text: String,
    /// They chose easy read, but the version has no easy read text of this statement.
    pub no_easy_read: bool,
    /// They said an earlier comment still matters: the round they first said it in.
    pub first_said_in: Option<String>,
    /// An editor's personal line to them, beside an answer they share with others.
    pub personal_line: Option<String>,
}

impl EmailItem {
    /// How the statement changed since they commented, one change a line, in words.
    fn changes_in_words(&self) -> Vec<String> {
        diff::list_changes(&self.diff)
            .iter()
            .map(|c| c.describe())
            .collect()
    }
}

/// One of the person's proposals and what was decided.
pub struct ProposalEmailItem {
    pub body: String,
    /// "Adopted as a new statement", "Not taken forward"…
    pub decision: String,
    pub reason: String,
    /// Adopted or merged: the statement it is in, and what the version says of it.
    pub reference: Option<String>,
    pub published_text: String,
}

pub struct PublicationEmail<'a> {
    pub name: &'a str,
    pub framework_title: &'a str,
    pub version: i64,
    pub report_url: &'a str,
    pub contributions_url: &'a str,
    pub easy_read: bool,
    pub items: &'a [EmailItem],
    pub proposals: &'a [ProposalEmailItem],
    /// "Your words are in HL-3 (version 2)": each statement whose published text has
    /// words their comments brought in.
    pub your_words: &'a [String],
    /// For someone a facilitator recorded, who has no account: the event where they
    /// spoke. They are told why they get the email, and not pointed to an account page.
    pub recorded_at: Option<&'a str>,
    /// The link that stops these emails with no sign-in (also in the email's
    /// `List-Unsubscribe` header); empty where there is none.
    pub unsubscribe_url: &'a str,
}

impl PublicationEmail<'_> {
    /// What they did, in words: "your comments", "your proposal", "your comment and
    /// your proposal".
    pub fn what_you_did(&self) -> String {
        what_you_did(self.items.len(), self.proposals.len())
    }

    /// Why they get the email: "you commented", "you proposed a statement", or both.
    pub fn because_you(&self) -> &'static str {
        match (self.items.is_empty(), self.proposals.len()) {
            (false, 0) | (true, 0) => "you commented",
            (true, 1) => "you proposed a statement",
            (true, _) => "you proposed statements",
            (false, 1) => "you commented and proposed a statement",
            (false, _) => "you commented and proposed statements",
        }
    }
}

/// "your comment", "your comments", "your proposal", "your proposals", or a comment
/// part and a proposal part joined by "and".
pub fn what_you_did(comments: usize, proposals: usize) -> String {
    let comments = match comments {
        0 => None,
        1 => Some("your comment"),
        _ => Some("your comments"),
    };
    let proposals = match proposals {
        0 => None,
        1 => Some("your proposal"),
        _ => Some("your proposals"),
    };
    match (comments, proposals) {
        (Some(comments), Some(proposals)) => format!("{comments} and {proposals}"),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => "what you said".to_owned(),
    }
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "email/publication.txt")]
struct PublicationText<'a> {
    email: &'a PublicationEmail<'a>,
}

impl PublicationText<'_> {
    /// A row of dashes as long as the heading, so plain text shows where a comment starts.
    fn underline(&self, heading: &str) -> String {
        "-".repeat(heading.chars().count())
    }
}

#[derive(Template)]
#[template(path = "email/publication.html")]
struct PublicationHtml<'a> {
    subject: &'a str,
    email: &'a PublicationEmail<'a>,
}

pub fn render(email: &PublicationEmail<'_>) -> Rendered {
    let subject = format!(
        "What happened to {} on {} (version {})",
        email.what_you_did(),
        email.framework_title,
        email.version
    );
    // Rendering only fails when a value's `Display` does, and these are strings and
    // numbers written into a `String`, which cannot fail.
    let text = PublicationText { email }
        .render()
        .expect("the publication email's text renders");
    let html = PublicationHtml {
        subject: &subject,
        email,
    }
    .render()
    .expect("the publication email's HTML renders");
    Rendered {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> EmailItem {
        EmailItem {
            reference: "CI-1".into(),
            quote: Some("people important to".into()),
            body: "Say friends <too>.".into(),
            outcome_label: "Incorporated".into(),
            reason: "We added friends.".into(),
            diff: diff::word_diff("I see family.", "I see family and friends."),
            published_text: "I see family and friends.".into(),
            no_easy_read: false,
            first_said_in: None,
            personal_line: None,
        }
    }

    /// Two comments: one quoting the words it is about, whose statement changed in two
    /// places; one with markup and an ampersand in every field a person or editor wrote,
    /// on a statement that did not change.
    fn two_items() -> Vec<EmailItem> {
        vec![
            EmailItem {
                reference: "CI-1".into(),
                quote: Some("people important to".into()),
                body: "Say friends, and when I want.".into(),
                outcome_label: "Incorporated".into(),
                reason: "People asked to choose who and when.".into(),
                diff: diff::word_diff(
                    "I'm able to see people important to me.",
                    "I'm able to see family and friends important to me, when I want.",
                ),
                published_text: "I'm able to see family and friends important to me, when I want."
                    .into(),
                no_easy_read: false,
                first_said_in: None,
                personal_line: None,
            },
            EmailItem {
                reference: "HL-3 <b>".into(),
                quote: None,
                body: "Staff & carers <script>alert('hi')</script> \"listen\".".into(),
                outcome_label: "Not incorporated".into(),
                reason: "Kept as it is: <i>listen</i> & act is already there.".into(),
                diff: diff::word_diff("Staff listen & act.", "Staff listen & act."),
                published_text: "Staff listen & act.".into(),
                // Shown only in the easy read email: this statement has no easy read text.
                no_easy_read: true,
                first_said_in: None,
                personal_line: None,
            },
        ]
    }

    fn email<'a>(name: &'a str, easy_read: bool, items: &'a [EmailItem]) -> PublicationEmail<'a> {
        PublicationEmail {
            name,
            framework_title: "National Care Service standards",
            version: 2,
            report_url: "https://our-words.example/frameworks/ncs/versions/2/report",
            contributions_url: "https://our-words.example/account/contributions",
            easy_read,
            items,
            proposals: &[],
            your_words: &[],
            recorded_at: None,
            unsubscribe_url: "https://our-words.example/unsubscribe/u7.c2lnbmVk",
        }
    }

    /// The whole email as a person's mail program would show its parts.
    fn snapshot_text(rendered: &Rendered) -> String {
        format!("Subject: {}\n\n{}", rendered.subject, rendered.text)
    }

    #[test]
    fn the_email_quotes_the_comment_says_what_happened_and_why_and_lists_changes_in_words() {
        let items = [item()];
        let email = render(&PublicationEmail {
            name: "Sam",
            framework_title: "Standards",
            version: 2,
            report_url: "http://x/report",
            contributions_url: "http://x/account/contributions",
            easy_read: false,
            items: &items,
            proposals: &[],
            your_words: &[],
            recorded_at: None,
            unsubscribe_url: "",
        });
        assert_eq!(
            email.subject,
            "What happened to your comment on Standards (version 2)"
        );
        assert!(email.text.contains("Hello Sam,"));
        assert!(
            email
                .text
                .contains("About the words: \"people important to\"")
        );
        assert!(email.text.contains("What we did: Incorporated."));
        assert!(email.text.contains("Why: We added friends."));
        assert!(
            email.text.contains("- added 'and friends'"),
            "{}",
            email.text
        );
        assert!(
            email.html.contains("Say friends &#60;too&#62;.") && !email.html.contains("<too>"),
            "user text is escaped in HTML: {}",
            email.html
        );
        assert!(
            email.text.contains("Say friends <too>."),
            "plain text is not HTML, so it is not escaped"
        );
    }

    #[test]
    fn the_easy_read_version_is_shorter_and_leaves_out_the_change_list() {
        let items = [item()];
        let base = PublicationEmail {
            name: "",
            framework_title: "Standards",
            version: 1,
            report_url: "r",
            contributions_url: "c",
            easy_read: false,
            items: &items,
            proposals: &[],
            your_words: &[],
            recorded_at: None,
            unsubscribe_url: "",
        };
        let full = render(&base);
        let easy = render(&PublicationEmail {
            easy_read: true,
            ..base
        });
        assert!(easy.text.len() < full.text.len());
        assert!(!easy.text.contains("How the statement changed"));
        assert!(!easy.html.contains("How the statement changed"));
        assert!(!easy.html.contains("<ul>"));
        assert!(easy.text.contains("Hello,"));
    }

    #[test]
    fn a_proposer_reads_what_was_decided_why_and_what_the_statement_now_says() {
        let proposals = [
            ProposalEmailItem {
                body: "I can get to my <allotment>.".into(),
                decision: "Adopted as a new statement".into(),
                reason: "Nothing covered this.".into(),
                reference: Some("HL-5".into()),
                published_text: "I can get to my allotment.".into(),
            },
            ProposalEmailItem {
                body: "I choose my bedtime.".into(),
                decision: "Not taken forward".into(),
                reason: "HL-2 already says this.".into(),
                reference: None,
                published_text: String::new(),
            },
        ];
        let rendered = render(&PublicationEmail {
            proposals: &proposals,
            ..email("Sam", false, &[])
        });
        let text = &rendered.text;
        assert!(
            text.contains(
                "Your proposal 1\n---------------\nYou proposed: \"I can get to my <allotment>.\""
            ),
            "{text}"
        );
        assert!(text.contains("What we decided: Adopted as a new statement.\nWhy: Nothing covered this.\nIt is in HL-5, which now says: \"I can get to my allotment.\""), "{text}");
        assert!(
            text.contains("What we decided: Not taken forward.\nWhy: HL-2 already says this.\n"),
            "{text}"
        );
        assert_eq!(
            text.matches("It is in").count(),
            1,
            "a declined proposal is in no statement"
        );
        assert!(
            rendered.html.contains("&#60;allotment&#62;") && !rendered.html.contains("<allotment>")
        );
    }

    #[test]
    fn the_standard_email_reads_word_for_word_with_what_people_wrote_escaped_in_html() {
        let items = two_items();
        let your_words = ["Your words are in CI-1 (version 2)".to_owned()];
        let rendered = render(&PublicationEmail {
            your_words: &your_words,
            ..email("Sam", false, &items)
        });
        insta::assert_snapshot!("standard_text", snapshot_text(&rendered));
        insta::assert_snapshot!("standard_html", rendered.html);
    }

    #[test]
    fn the_easy_read_email_reads_word_for_word() {
        let items = two_items();
        let rendered = render(&email("Sam", true, &items));
        insta::assert_snapshot!("easy_read_text", snapshot_text(&rendered));
        insta::assert_snapshot!("easy_read_html", rendered.html);
    }

    #[test]
    fn someone_recorded_at_an_event_is_told_why_they_get_it_and_not_sent_to_an_account_page() {
        let items = [item()];
        let your_words = ["Your words are in CI-1 (version 2)".to_owned()];
        let rendered = render(&PublicationEmail {
            your_words: &your_words,
            recorded_at: Some("the Dundee workshop"),
            contributions_url: "",
            ..email("Morag", false, &items)
        });
        assert!(
            rendered
                .text
                .contains("Your words are in CI-1 (version 2).")
        );
        assert!(!rendered.text.contains("account page"));
        insta::assert_snapshot!("recorded_at_an_event_text", snapshot_text(&rendered));
        insta::assert_snapshot!("recorded_at_an_event_html", rendered.html);
    }

    #[test]
    fn the_subject_and_opening_say_what_the_person_did() {
        assert_eq!(what_you_did(1, 0), "your comment");
        assert_eq!(what_you_did(3, 0), "your comments");
        assert_eq!(what_you_did(0, 1), "your proposal");
        assert_eq!(what_you_did(0, 2), "your proposals");
        assert_eq!(what_you_did(2, 1), "your comments and your proposal");
        let items = two_items();
        let proposals = proposals();
        let both = render(&PublicationEmail {
            proposals: &proposals[..1],
            ..email("Sam", false, &items)
        });
        assert_eq!(
            both.subject,
            "What happened to your comments and your proposal on National Care Service standards (version 2)"
        );
        assert!(
            both.text
                .contains("so here is what became of your comments and your proposal, and why."),
            "{}",
            both.text
        );
        assert!(
            both.text
                .contains("because you commented and proposed a statement."),
            "{}",
            both.text
        );
        let easy = render(&PublicationEmail {
            proposals: &proposals[..1],
            ..email("Sam", true, &[])
        });
        assert!(
            easy.text.contains("Thank you for your proposal."),
            "{}",
            easy.text
        );
        assert!(!easy.text.contains("comment"), "{}", easy.text);
    }

    /// One proposal adopted and one declined, and no comments at all.
    fn proposals() -> Vec<ProposalEmailItem> {
        vec![
            ProposalEmailItem {
                body: "I can get to my allotment every week.".into(),
                decision: "Adopted as a new statement".into(),
                reason: "Nothing covered this.".into(),
                reference: Some("HL-5".into()),
                published_text: "I can get to my allotment every week.".into(),
            },
            ProposalEmailItem {
                body: "I choose my bedtime.".into(),
                decision: "Not taken forward".into(),
                reason: "HL-2 already says this.".into(),
                reference: None,
                published_text: String::new(),
            },
        ]
    }

    #[test]
    fn someone_who_only_proposed_reads_about_their_proposals_not_comments() {
        let proposals = proposals();
        let rendered = render(&PublicationEmail {
            proposals: &proposals,
            ..email("Sam", false, &[])
        });
        assert!(!rendered.text.contains("comment"), "{}", rendered.text);
        insta::assert_snapshot!("proposal_only_text", snapshot_text(&rendered));
        insta::assert_snapshot!("proposal_only_html", rendered.html);
        let easy = render(&PublicationEmail {
            proposals: &proposals[..1],
            ..email("Sam", true, &[])
        });
        insta::assert_snapshot!("proposal_only_easy_read_text", snapshot_text(&easy));
    }

    #[test]
    fn a_comment_that_still_matters_says_where_it_was_first_said() {
        let items = [EmailItem {
            first_said_in: Some("Winter consultation".into()),
            ..item()
        }];
        let rendered = render(&email("Sam", false, &items));
        assert!(
            rendered.text.contains(
                "You said this still matters to you; you first said it in Winter consultation.\nYour words: \"Say friends <too>.\""
            ),
            "{}",
            rendered.text
        );
        assert!(
            !rendered.text.contains("You said: "),
            "not told as a fresh comment"
        );
        insta::assert_snapshot!("still_matters_text", snapshot_text(&rendered));
        insta::assert_snapshot!("still_matters_html", rendered.html);
        let easy = render(&email("Sam", true, &items));
        assert!(
            easy.text.contains(
                "You said this still matters to you. You first said it in Winter consultation.\nYour words: Say friends <too>."
            ),
            "{}",
            easy.text
        );
        insta::assert_snapshot!("still_matters_easy_read_text", snapshot_text(&easy));
    }

    #[test]
    fn a_personal_line_follows_the_answer_it_goes_with() {
        let items = [EmailItem {
            personal_line: Some("Thank you, Sam, for telling us about <your> son.".into()),
            ..item()
        }];
        let rendered = render(&email("Sam", false, &items));
        assert!(
            rendered.text.contains(
                "Why: We added friends.\nA note for you: Thank you, Sam, for telling us about <your> son.\n"
            ),
            "{}",
            rendered.text
        );
        assert!(
            rendered.html.contains("us about &#60;your&#62; son")
                && !rendered.html.contains("<your>"),
            "escaped in HTML"
        );
        insta::assert_snapshot!("personal_line_text", snapshot_text(&rendered));
        insta::assert_snapshot!("personal_line_html", rendered.html);
        let easy = render(&email("Sam", true, &items));
        assert!(
            easy.text.contains("A note for you: Thank you, Sam"),
            "{}",
            easy.text
        );
    }

    #[test]
    fn a_person_with_no_name_is_greeted_with_hello_alone() {
        let items = [item()];
        let rendered = render(&email("", false, &items));
        insta::assert_snapshot!("no_name_text", snapshot_text(&rendered));
        insta::assert_snapshot!("no_name_html", rendered.html);
    }
}
