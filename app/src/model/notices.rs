//! What a form route says happened, carried to the page it redirects to as `?saved=…`
//! (so it shows without JavaScript): one enum, written by the routes and read by the
//! pages, so a code and its words are never typed in two places.

/// A change that was saved, named in the address the form redirects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Comment,
    CommentChanged,
    CommentWithdrawn,
    Redraft,
    StatementMoved,
    StatementRetired,
    Framework,
    ThemeAdded,
    ThemeChanged,
    ThemeMoved,
    RoundAdded,
    RoundClosed,
    RoundReopened,
    Answer,
    Name,
    EmailChoices,
    PersonAdded,
    Roles,
    MembershipAdded,
    MembershipRemoved,
    OrganisationAdded,
    ValueAdded,
    ValueChanged,
    ValueMoved,
    StatementValues,
    EasyRead,
    StillFits,
    Proposal,
    Backed,
    BackingTakenBack,
    ProposalComment,
    ProposalDecided,
    ProposalWithdrawn,
    EventAdded,
    Recorded,
    RecordedWithdrawn,
    RecordedCorrected,
    GroupAnswered,
    SplitOut,
    PersonalLine,
    Reported,
    Moderated,
}

impl Saved {
    pub const ALL: [Saved; 42] = [
        Self::Comment,
        Self::CommentChanged,
        Self::CommentWithdrawn,
        Self::Redraft,
        Self::StatementMoved,
        Self::StatementRetired,
        Self::Framework,
        Self::ThemeAdded,
        Self::ThemeChanged,
        Self::ThemeMoved,
        Self::RoundAdded,
        Self::RoundClosed,
        Self::RoundReopened,
        Self::Answer,
        Self::Name,
        Self::EmailChoices,
        Self::PersonAdded,
        Self::Roles,
        Self::MembershipAdded,
        Self::MembershipRemoved,
        Self::OrganisationAdded,
        Self::ValueAdded,
        Self::ValueChanged,
        Self::ValueMoved,
        Self::StatementValues,
        Self::EasyRead,
        Self::StillFits,
        Self::Proposal,
        Self::Backed,
        Self::BackingTakenBack,
        Self::ProposalComment,
        Self::ProposalDecided,
        Self::ProposalWithdrawn,
        Self::EventAdded,
        Self::Recorded,
        Self::RecordedWithdrawn,
        Self::RecordedCorrected,
        Self::GroupAnswered,
        Self::SplitOut,
        Self::PersonalLine,
        Self::Reported,
        Self::Moderated,
    ];

    /// The code in the address. Kept stable: people bookmark and share addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Comment => "comment",
            Self::CommentChanged => "comment-changed",
            Self::CommentWithdrawn => "withdrawn",
            Self::Redraft => "redraft",
            Self::StatementMoved => "moved",
            Self::StatementRetired => "retired",
            Self::Framework => "framework",
            Self::ThemeAdded => "theme",
            Self::ThemeChanged => "theme-update",
            Self::ThemeMoved => "theme-moved",
            Self::RoundAdded => "round-added",
            Self::RoundClosed => "closed",
            Self::RoundReopened => "reopened",
            Self::Answer => "answer",
            Self::Name => "name",
            Self::EmailChoices => "preferences",
            Self::PersonAdded => "added",
            Self::Roles => "roles",
            Self::MembershipAdded => "membership",
            Self::MembershipRemoved => "removed",
            Self::OrganisationAdded => "organisation",
            Self::ValueAdded => "value",
            Self::ValueChanged => "value-update",
            Self::ValueMoved => "value-moved",
            Self::StatementValues => "statement-values",
            Self::EasyRead => "easy-read",
            Self::StillFits => "still-fits",
            Self::Proposal => "proposal",
            Self::Backed => "backed",
            Self::BackingTakenBack => "backing-taken-back",
            Self::ProposalComment => "proposal-comment",
            Self::ProposalDecided => "decided",
            Self::ProposalWithdrawn => "proposal-withdrawn",
            Self::EventAdded => "event",
            Self::Recorded => "recorded",
            Self::RecordedWithdrawn => "recorded-withdrawn",
            Self::RecordedCorrected => "recorded-corrected",
            Self::GroupAnswered => "group-answered",
            Self::SplitOut => "split-out",
            Self::PersonalLine => "personal-line",
            Self::Reported => "reported",
            Self::Moderated => "moderated",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// What the page says, in a status message a screen reader announces.
    pub fn message(self) -> &'static str {
        match self {
            Self::Comment => "Thank you. Your comment has been saved.",
            Self::CommentChanged => "Your comment has been changed.",
            Self::CommentWithdrawn => "Your comment has been withdrawn.",
            Self::Redraft => "The new draft has been saved.",
            Self::StatementMoved => "The statement has been moved.",
            Self::StatementRetired => "The statement has been retired. Its history is kept.",
            Self::Framework => "Saved.",
            Self::ThemeAdded => "Theme added.",
            Self::ThemeChanged => "Theme saved.",
            Self::ThemeMoved => "Theme moved.",
            Self::RoundAdded => "The round has been added.",
            Self::RoundClosed => "The round has been closed.",
            Self::RoundReopened => "The round is open again.",
            Self::Answer => "Answer saved.",
            Self::Name => "Your name has been saved.",
            Self::EmailChoices => "Your easy read and email choices have been saved.",
            Self::PersonAdded => "Person added.",
            Self::Roles => "Roles saved.",
            Self::MembershipAdded => "Organisation added.",
            Self::MembershipRemoved => "Organisation removed.",
            Self::OrganisationAdded => "Organisation added.",
            Self::ValueAdded => "Value added.",
            Self::ValueChanged => "Value saved.",
            Self::ValueMoved => "Value moved.",
            Self::StatementValues => "The statement's values have been saved.",
            Self::EasyRead => "The easy read version has been saved.",
            Self::StillFits => {
                "The easy read version is marked as up to date: it still fits the main text."
            }
            Self::Proposal => {
                "Thank you. Your proposal has been saved. Editors will decide on it before the next version is published."
            }
            Self::Backed => "You have said this is true for you too.",
            Self::BackingTakenBack => "You no longer back this proposal.",
            Self::ProposalComment => "Thank you. Your comment has been saved.",
            Self::ProposalDecided => "The decision has been saved.",
            Self::ProposalWithdrawn => "Your proposal has been withdrawn.",
            Self::EventAdded => "The event has been recorded. Now record what people said there.",
            Self::Recorded => "Recorded. It is now with the policy team, like any other comment.",
            Self::RecordedWithdrawn => "What you recorded has been withdrawn.",
            Self::RecordedCorrected => {
                "Your correction has been saved. Any answer it already had is kept."
            }
            Self::GroupAnswered => {
                "Answer saved for everyone in the group. Each person will be told in their own email."
            }
            Self::SplitOut => {
                "The comment has been taken out of the group. Answer it on its own from the list."
            }
            Self::PersonalLine => "Personal line saved.",
            Self::Reported => {
                "Thank you. Your report has been sent to the moderators, who will look at it before the next version is published."
            }
            Self::Moderated => "Done. The comment's author will be told by email.",
        }
    }

    /// `path?saved=code` (or `&saved=` when the path has a query already), plus an
    /// optional `#fragment`.
    pub fn redirect(self, path: &str, fragment: &str) -> String {
        let joiner = if path.contains('?') { '&' } else { '?' };
        let hash = if fragment.is_empty() { "" } else { "#" };
        format!("{path}{joiner}saved={}{hash}{fragment}", self.as_str())
    }

    /// A whole address (`path?query#fragment`) with this notice added to its query.
    pub fn redirect_to_linked(self, href: &str) -> String {
        let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
        self.redirect(path, fragment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_reads_back_from_its_code_and_codes_are_distinct() {
        for saved in Saved::ALL {
            assert_eq!(Saved::parse(saved.as_str()), Some(saved));
        }
        let mut codes: Vec<_> = Saved::ALL.iter().map(|s| s.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Saved::ALL.len());
        assert_eq!(Saved::parse("nonsense"), None);
    }

    #[test]
    fn the_redirect_keeps_an_existing_query_and_adds_the_fragment() {
        assert_eq!(
            Saved::Answer.redirect("/r/1/comments?statement=CI-1", "comment-7"),
            "/r/1/comments?statement=CI-1&saved=answer#comment-7"
        );
        assert_eq!(Saved::Name.redirect("/account", ""), "/account?saved=name");
        assert_eq!(
            Saved::SplitOut.redirect_to_linked("/r/1/comments?comment=7#comment-7"),
            "/r/1/comments?comment=7&saved=split-out#comment-7"
        );
    }
}
