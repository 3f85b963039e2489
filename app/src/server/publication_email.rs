//! The personal "what became of what you said" email, in plain text and HTML, with an
//! easy read version. Changes are written out in words, never shown by colour alone.

use super::mail::html_escape;
use crate::domain::diff::{self, WordDiff};

pub struct EmailItem {
    pub reference: String,
    pub quote: Option<String>,
    pub body: String,
    pub outcome_label: String,
    pub reason: String,
    /// From the text they commented on to the published text.
    pub diff: WordDiff,
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
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn changes_in_words(item: &EmailItem) -> Vec<String> {
    diff::list_changes(&item.diff)
        .iter()
        .map(|c| c.describe())
        .collect()
}

pub fn render(email: &PublicationEmail<'_>) -> Rendered {
    let greeting = if email.name.is_empty() {
        "Hello,".to_owned()
    } else {
        format!("Hello {},", email.name)
    };
    let subject = format!(
        "What happened to your comments on {} (version {})",
        email.framework_title, email.version
    );
    let mut text = String::new();
    let mut html = String::new();
    let p = |html: &mut String, s: &str| html.push_str(&format!("<p>{}</p>", html_escape(s)));
    text.push_str(&format!("{greeting}\n\n"));
    p(&mut html, &greeting);
    let intro = if email.easy_read {
        format!(
            "Thank you for your comments. We have now published version {}. Here is what we did with what you said.",
            email.version
        )
    } else {
        format!(
            "Thank you for taking part. We have published version {} of {}. You gave us your time and your words, so here is what became of each of your comments, and why.",
            email.version, email.framework_title
        )
    };
    text.push_str(&format!("{intro}\n\n"));
    p(&mut html, &intro);
    for (n, item) in email.items.iter().enumerate() {
        let heading = format!("Your comment {} on {}", n + 1, item.reference);
        text.push_str(&format!(
            "{heading}\n{}\n",
            "-".repeat(heading.chars().count())
        ));
        html.push_str(&format!("<h2>{}</h2>", html_escape(&heading)));
        if let Some(quote) = &item.quote {
            let line = format!("About the words: \"{quote}\"");
            text.push_str(&format!("{line}\n"));
            p(&mut html, &line);
        }
        let said = if email.easy_read {
            format!("You said: {}", item.body)
        } else {
            format!("You said: \"{}\"", item.body)
        };
        text.push_str(&format!("{said}\n"));
        p(&mut html, &said);
        let what = format!("What we did: {}.", item.outcome_label);
        let why = format!("Why: {}", item.reason);
        text.push_str(&format!("{what}\n{why}\n"));
        html.push_str(&format!("<p><strong>{}</strong></p>", html_escape(&what)));
        p(&mut html, &why);
        let changes = changes_in_words(item);
        if !email.easy_read {
            if changes.is_empty() {
                let none = "The statement has not changed since you commented.";
                text.push_str(&format!("{none}\n"));
                p(&mut html, none);
            } else {
                text.push_str("How the statement changed since you commented:\n");
                html.push_str("<p>How the statement changed since you commented:</p><ul>");
                for change in &changes {
                    text.push_str(&format!("- {change}\n"));
                    html.push_str(&format!("<li>{}</li>", html_escape(change)));
                }
                html.push_str("</ul>");
            }
        }
        let now_reads = format!("It now says: \"{}\"", item.published_text);
        text.push_str(&format!("{now_reads}\n\n"));
        p(&mut html, &now_reads);
    }
    let links = format!(
        "Read the full report: {}\nSee everything you said: {}",
        email.report_url, email.contributions_url
    );
    text.push_str(&format!("{links}\n\n"));
    html.push_str(&format!(
        "<p><a href=\"{}\">Read the full report</a></p><p><a href=\"{}\">See everything you said</a></p>",
        html_escape(email.report_url),
        html_escape(email.contributions_url)
    ));
    let close = "You get this email because you commented. To stop these emails, change your choice on your account page.";
    text.push_str(&format!("{close}\n\nOur Words\n"));
    p(&mut html, close);
    p(&mut html, "Our Words");
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family: Arial, sans-serif; font-size: 19px; line-height: 1.5;\">{html}</body></html>",
        html_escape(&subject)
    );
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
        }
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
        });
        assert_eq!(
            email.subject,
            "What happened to your comments on Standards (version 2)"
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
            email.html.contains("Say friends &lt;too&gt;."),
            "user text is escaped in HTML"
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
        };
        let full = render(&base);
        let easy = render(&PublicationEmail {
            easy_read: true,
            ..base
        });
        assert!(easy.text.len() < full.text.len());
        assert!(!easy.text.contains("How the statement changed"));
        assert!(easy.text.contains("Hello,"));
    }
}
