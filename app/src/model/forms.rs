//! What the forms send: the name of every field and the value of every button, written
//! once here and used by the page that renders the form, the route that reads it and the
//! service that names a field in an error, so the three can never disagree.

/// A form's fields as a struct of strings (what a browser sends), with a constant per
/// field holding its name, made from the field itself: `CommentInput::BODY == "body"`.
macro_rules! form_fields {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* $field:ident => $constant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            $($(#[$field_meta])* pub $field: String,)*
        }

        impl $name {
            $(pub const $constant: &'static str = stringify!($field);)*
        }
    };
}

/// The buttons (or hidden `action` field) of a form that does more than one thing.
macro_rules! form_actions {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $value:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),*];

            /// The value the page gives the button, and the route reads back.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)*
                }
            }

            /// The action a form asked for, or `None` for a value no page sends.
            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|a| a.as_str() == raw)
            }
        }
    };
}

/// The name of the field every `*Action` travels in.
pub const ACTION: &str = "action";

/// The redraft form's hidden field saying which page of comments it showed, so a
/// preview or a refused save comes back to the same page with what was typed.
pub const REDRAFT_COMMENTS_PAGE: &str = "comments_page";

form_fields! {
    /// A comment, new or changed.
    pub struct CommentInput {
        /// The draft the person read and commented on.
        revision_id => REVISION_ID,
        body => BODY,
        suggestion => SUGGESTION,
        knowledge => KNOWLEDGE,
        visibility => VISIBILITY,
        /// Empty for "myself", or the id of an organisation they represent.
        on_behalf_of => ON_BEHALF_OF,
        /// "whole" or "part".
        passage => PASSAGE,
        /// 1-based word numbers, when a part is chosen.
        first_word => FIRST_WORD,
        last_word => LAST_WORD,
        submission_key => SUBMISSION_KEY,
    }
}

form_fields! {
    /// A new consultation round.
    pub struct RoundInput {
        title => TITLE,
        introduction => INTRODUCTION,
        /// YYYY-MM-DD, as a date field sends it.
        opens => OPENS,
        closes => CLOSES,
        /// The round to close or open again.
        round_id => ROUND_ID,
        /// YYYY-MM-DD: the new closing date of a round opened again.
        reopen_until => REOPEN_UNTIL,
    }
}

form_fields! {
    /// One answer from the round's list: which comment, and the list's filters to come
    /// back to (the outcome and reason are named by the comment: [`AnswerFieldNames`]).
    pub struct AnswerInput {
        comment_id => COMMENT_ID,
        filters => FILTERS,
        /// Set when the answer is for a whole group of alike comments (`comment_id` is
        /// then the member shown, whose field names the form uses).
        group_id => GROUP_ID,
        /// The list's page to come back to.
        page => PAGE,
    }
}

form_fields! {
    /// The forms on a group's page: the one answer, splitting a member out, and a
    /// personal line to one member (the answer's and the line's fields are named by the
    /// comment: [`AnswerFieldNames`]).
    pub struct AlikeInput {
        comment_id => COMMENT_ID,
        /// The group page's page to come back to.
        page => PAGE,
    }
}

form_actions! {
    /// The buttons on a group's page.
    pub enum AlikeAction {
        Answer = "answer-group",
        Split = "split",
        PersonalLine = "personal-line",
    }
}

form_fields! {
    /// A framework's own details, new or changed.
    pub struct FrameworkInput {
        title => TITLE,
        summary => SUMMARY,
        /// Whole percent, 0 to 100: below it, lived experience is shown as under-heard.
        /// (Only the edit page sends it; a new framework starts at the default.)
        lived_experience_target => LIVED_EXPERIENCE_TARGET,
        /// "yes" when ticked.
        requires_easy_read => REQUIRES_EASY_READ,
    }
}

form_fields! {
    /// A new theme.
    pub struct ThemeInput {
        /// 1 to 4 letters; statements in the theme are numbered with it (HL-3).
        code => CODE,
        theme_title => THEME_TITLE,
        description => DESCRIPTION,
    }
}

/// A theme's fields on the edit page, named by the theme's code, so one page can hold
/// every theme's form.
pub struct ThemeFieldNames;

impl ThemeFieldNames {
    pub fn title(code: &str) -> String {
        format!("theme-title-{code}")
    }

    pub fn description(code: &str) -> String {
        format!("theme-description-{code}")
    }
}

form_fields! {
    /// A new value of a framework (the second axis beside themes).
    pub struct ValueInput {
        /// 1 to 4 letters; it names the value in addresses (`?value=CC`).
        value_code => VALUE_CODE,
        value_title => VALUE_TITLE,
        value_description => VALUE_DESCRIPTION,
    }
}

/// A value's fields, named by the value's code, so one page can hold every value's form
/// and every statement form its value checkboxes.
pub struct ValueFieldNames;

impl ValueFieldNames {
    /// The checkboxes of a statement's values: their error (and the first box's id).
    pub const CHOSEN: &'static str = "values";

    pub fn title(code: &str) -> String {
        format!("value-title-{code}")
    }

    pub fn description(code: &str) -> String {
        format!("value-description-{code}")
    }

    /// A statement's checkbox for this value: sent as "yes" when ticked.
    pub fn chosen(code: &str) -> String {
        format!("value-{code}")
    }

    /// The codes ticked in a submitted form, from its fields by name.
    pub fn ticked<'a>(fields: impl IntoIterator<Item = (&'a String, &'a String)>) -> Vec<String> {
        fields
            .into_iter()
            .filter(|(_, v)| v.as_str() == "yes")
            .filter_map(|(name, _)| name.strip_prefix("value-"))
            // Codes are capital letters only, so a value's title or description field
            // ("value-title-CC") is never read as a tick.
            .filter(|code| !code.is_empty() && code.chars().all(|c| c.is_ascii_uppercase()))
            .map(str::to_owned)
            .collect()
    }
}

form_fields! {
    /// A new statement, or a new draft of one.
    pub struct StatementInput {
        body => BODY,
        /// Why the draft was made, or where the words came from.
        note => NOTE,
        submission_key => SUBMISSION_KEY,
        /// The draft a redraft started from.
        base_revision_id => BASE_REVISION_ID,
    }
}

form_fields! {
    /// A new easy read draft (sent as multipart, with the picture file beside these).
    pub struct EasyReadInput {
        body => BODY,
        note => NOTE,
        /// What the picture shows, for people who cannot see it.
        picture_alt => PICTURE_ALT,
        /// [`PictureChoice`]: keep the current picture or remove it.
        picture_choice => PICTURE_CHOICE,
        submission_key => SUBMISSION_KEY,
        /// The easy read draft the editor started from (empty: there was none).
        base_easy_read_id => BASE_EASY_READ_ID,
        /// The main draft the editor wrote the easy read text for.
        main_revision_id => MAIN_REVISION_ID,
    }
}

impl EasyReadInput {
    /// The file field: a PNG or JPEG picture, optional.
    pub const PICTURE: &'static str = "picture";
}

form_fields! {
    /// "It still fits": the two drafts the editor saw, confirmed to go together, and the
    /// page to go back to.
    pub struct StillFitsInput {
        main_revision_id => MAIN_REVISION_ID,
        easy_read_id => EASY_READ_ID,
        /// [`StillFitsFrom`]: the page the button was on.
        back => BACK,
    }
}

form_fields! {
    /// Where a statement goes: a theme, and a place in it (1 = first).
    pub struct PlacementInput {
        theme => THEME,
        place => PLACE,
    }
}

form_fields! {
    /// A word for the plain-language checker to flag, with a plainer one.
    pub struct JargonInput {
        term => TERM,
        plainer => PLAINER,
    }
}

form_fields! {
    /// Someone's own name and email choices.
    pub struct AccountInput {
        display_name => DISPLAY_NAME,
        /// "yes" when ticked.
        easy_read => EASY_READ,
        email_opt_out => EMAIL_OPT_OUT,
    }
}

form_fields! {
    /// The admin's forms about a person: adding them, their roles, their organisations.
    pub struct PersonInput {
        email => EMAIL,
        /// "yes" when ticked.
        editor => EDITOR,
        admin => ADMIN,
        facilitator => FACILITATOR,
        moderator => MODERATOR,
        organisation_id => ORGANISATION_ID,
    }
}

form_fields! {
    pub struct OrganisationInput {
        name => NAME,
    }
}

form_fields! {
    /// Asking for a sign-in link, and using it.
    pub struct SignInInput {
        email => EMAIL,
        token => TOKEN,
        /// The page to come back to once signed in.
        return_to => RETURN_TO,
    }
}

form_fields! {
    pub struct PublishInput {
        /// What changed, in a sentence or two.
        summary => SUMMARY,
    }
}

/// An answer's two fields, named by the comment they answer, so one page can hold many.
pub struct AnswerFieldNames;

impl AnswerFieldNames {
    pub fn outcome(comment_id: i64) -> String {
        format!("outcome-{comment_id}")
    }

    pub fn reason(comment_id: i64) -> String {
        format!("reason-{comment_id}")
    }

    /// An editor's personal line to the person behind one comment.
    pub fn personal_line(comment_id: i64) -> String {
        format!("personal-line-{comment_id}")
    }
}

form_actions! {
    pub enum CommentAction {
        Save = "save",
        /// Show the plain-language advice on the suggested wording, saving nothing.
        Check = "check",
        Withdraw = "withdraw",
    }
}

form_actions! {
    pub enum StatementAction {
        Save = "save",
        Check = "check",
    }
}

form_actions! {
    pub enum RedraftAction {
        Save = "save",
        Preview = "preview",
    }
}

form_actions! {
    pub enum EasyReadAction {
        Save = "save",
        Preview = "preview",
    }
}

form_actions! {
    /// What a redraft of the easy read text does with the current picture (a new file
    /// chosen replaces it).
    pub enum PictureChoice {
        Keep = "keep",
        Remove = "remove",
    }
}

form_actions! {
    /// The pages with an "It still fits" button, to go back to.
    pub enum StillFitsFrom {
        Statement = "statement",
        Redraft = "redraft",
        EasyRead = "easy-read",
    }
}

form_actions! {
    pub enum RoundAction {
        Create = "create",
        Close = "close",
        Reopen = "reopen",
    }
}

form_actions! {
    /// The framework's edit page: its own details, and its themes.
    pub enum FrameworkAction {
        Framework = "framework",
        AddTheme = "theme",
        ChangeTheme = "theme-update",
        ThemeUp = "theme-up",
        ThemeDown = "theme-down",
    }
}

form_actions! {
    /// The framework's values page: add a value, change one, move one.
    pub enum ValueAction {
        Add = "value-add",
        Change = "value-update",
        Up = "value-up",
        Down = "value-down",
    }
}

form_actions! {
    pub enum ManageAction {
        Move = "move",
        Retire = "retire",
    }
}

form_actions! {
    pub enum PersonAction {
        Roles = "roles",
        AddMembership = "add-membership",
        RemoveMembership = "remove-membership",
    }
}

form_actions! {
    pub enum AccountAction {
        Name = "name",
        EmailChoices = "preferences",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_constant_is_the_name_the_struct_reads() {
        assert_eq!(CommentInput::BODY, "body");
        assert_eq!(CommentInput::ON_BEHALF_OF, "on_behalf_of");
        assert_eq!(RoundInput::OPENS, "opens");
        assert_eq!(ThemeFieldNames::title("HL"), "theme-title-HL");
        assert_eq!(AnswerFieldNames::outcome(7), "outcome-7");
    }

    #[test]
    fn ticked_values_are_read_from_their_checkboxes_only() {
        let fields: std::collections::BTreeMap<String, String> = [
            ("value-CC", "yes"),
            ("value-BR", ""),
            ("value-title-IP", "yes"),
            ("body", "yes"),
            ("value-MP", "yes"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(ValueFieldNames::ticked(&fields), vec!["CC", "MP"]);
        assert_eq!(ValueFieldNames::chosen("CC"), "value-CC");
    }

    #[test]
    fn every_action_reads_back_from_its_value_and_others_are_refused() {
        for action in FrameworkAction::ALL {
            assert_eq!(FrameworkAction::parse(action.as_str()), Some(*action));
        }
        assert_eq!(
            CommentAction::parse("withdraw"),
            Some(CommentAction::Withdraw)
        );
        assert_eq!(CommentAction::parse("delete-everything"), None);
    }
}

form_fields! {
    /// A proposal for a new statement.
    pub struct ProposalInput {
        /// The theme's code.
        theme => THEME,
        body => BODY,
        why => WHY,
        knowledge => KNOWLEDGE,
        visibility => VISIBILITY,
        /// Empty for "myself", or the id of an organisation they represent.
        on_behalf_of => ON_BEHALF_OF,
        submission_key => SUBMISSION_KEY,
    }
}

form_actions! {
    /// The proposal form's buttons.
    pub enum ProposeAction {
        Send = "send",
        /// Show the plain-language advice without JavaScript, keeping what was typed.
        Check = "check",
    }
}

form_fields! {
    /// What is sent from a proposal's page: a comment, or an editor's decision.
    pub struct ProposalPageInput {
        comment_body => COMMENT_BODY,
        comment_knowledge => COMMENT_KNOWLEDGE,
        comment_visibility => COMMENT_VISIBILITY,
        comment_key => COMMENT_KEY,
        /// The decision's reason, in plain words.
        reason => REASON,
        /// Adopting: the theme's code.
        adopt_theme => ADOPT_THEME,
        /// Merging: the statement's reference and its new wording.
        merge_into => MERGE_INTO,
        wording => WORDING,
    }
}

form_actions! {
    /// The buttons on a proposal's page.
    pub enum ProposalAction {
        Back = "back",
        TakeBack = "take-back",
        Comment = "comment",
        Adopt = "adopt",
        Merge = "merge",
        Decline = "decline",
        /// The proposer takes their proposal back while it waits for a decision.
        Withdraw = "withdraw",
    }
}

form_fields! {
    /// A new event a facilitator held. How people took part is one checkbox per
    /// `domain::events::Way`, named by [`EventInput::way_field`].
    pub struct EventInput {
        /// The framework's slug: its open round is the one the event feeds.
        framework => FRAMEWORK,
        name => NAME,
        /// YYYY-MM-DD, as a date field sends it.
        held_on => HELD_ON,
        place => PLACE,
        /// How many people took part (optional).
        people_count => PEOPLE_COUNT,
        /// Empty, or the id of an organisation the facilitator belongs to.
        organisation_id => ORGANISATION_ID,
        submission_key => SUBMISSION_KEY,
    }
}

impl EventInput {
    /// The checkbox for one way people took part ("yes" when ticked).
    pub fn way_field(way: crate::domain::events::Way) -> String {
        format!("way-{}", way.as_str())
    }
}

form_fields! {
    /// What was said at an event: one person's comment or a group view.
    pub struct RecordInput {
        /// The statement's reference.
        statement => STATEMENT,
        body => BODY,
        suggestion => SUGGESTION,
        knowledge => KNOWLEDGE,
        /// One person's comment: how it may be shown (named, anonymous, policy team only).
        visibility => VISIBILITY,
        /// One person's comment: their name, if they gave it.
        person_name => PERSON_NAME,
        /// One person's comment: `domain::events::HearBack::as_str`.
        hear_back => HEAR_BACK,
        email => EMAIL,
        postal_address => POSTAL_ADDRESS,
        /// "yes" when they asked for easy read.
        easy_read => EASY_READ,
        /// A group view: how many agreed, of how many present.
        agreed => AGREED,
        present => PRESENT,
        /// "whole" or "part": about the whole statement or some of its words.
        passage => PASSAGE,
        /// 1-based word numbers, when a part is chosen.
        first_word => FIRST_WORD,
        last_word => LAST_WORD,
        /// The statement (reference) and draft whose words the form offered: the word
        /// numbers count in that draft.
        words_of => WORDS_OF,
        revision_id => REVISION_ID,
        /// "yes" from the "Choose words" button: show the chosen statement's words,
        /// keeping everything typed (the two steps work without JavaScript).
        choose_words => CHOOSE_WORDS,
        submission_key => SUBMISSION_KEY,
        /// The recorded comment to withdraw.
        comment_id => COMMENT_ID,
    }
}

form_actions! {
    /// The forms on an event's page.
    pub enum RecordAction {
        Person = "person",
        Group = "group",
        Withdraw = "withdraw",
    }
}

form_fields! {
    /// Reporting a comment to the moderators.
    pub struct ReportInput {
        /// One of the report kinds (`domain::moderation::ReportKind`).
        kind => KIND,
        note => NOTE,
        submission_key => SUBMISSION_KEY,
    }
}

form_fields! {
    /// A moderator's decision on a comment: take out the whole comment ("whole") or some
    /// of its words ("part", from `first_word` to `last_word`), with a reason and a note;
    /// or leave it as written.
    pub struct ModerateInput {
        passage => PASSAGE,
        first_word => FIRST_WORD,
        last_word => LAST_WORD,
        reason => REASON,
        note => NOTE,
        /// The public text's state the page was made from.
        shown_version => SHOWN_VERSION,
        submission_key => SUBMISSION_KEY,
    }
}

form_actions! {
    /// The moderation page's two buttons.
    pub enum ModerateAction {
        Remove = "remove",
        Dismiss = "dismiss",
    }
}
