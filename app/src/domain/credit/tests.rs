use super::*;

fn comment(id: i64, drafts: &[i64]) -> Contribution {
    Contribution {
        source: Source::Comment(id),
        statement_id: 1,
        drafts: drafts.to_vec(),
    }
}

fn credit(drafts: &[(i64, &str)], contributions: &[Contribution]) -> Vec<(Source, i64)> {
    let refs: Vec<&Contribution> = contributions.iter().collect();
    credit_statement(1, drafts, &refs)
        .into_iter()
        .map(|c| (c.source, c.words))
        .collect()
}

const FIRST: &str = "I see people important to me.";
const SECOND: &str = "I see family and friends important to me.";

#[test]
fn a_comment_acted_on_in_a_draft_is_credited_with_the_words_that_draft_brought_in() {
    // "family and friends" replaces "people": three words.
    let credits = credit(&[(10, FIRST), (11, SECOND)], &[comment(5, &[11])]);
    assert_eq!(credits, vec![(Source::Comment(5), 3)]);
}

#[test]
fn words_a_later_draft_removed_lose_their_credit() {
    let third = "I see people important to me.";
    let credits = credit(
        &[(10, FIRST), (11, SECOND), (12, third)],
        &[comment(5, &[11])],
    );
    assert_eq!(credits, vec![]);
}

#[test]
fn only_the_words_still_there_count() {
    // The third draft keeps "friends" but drops "family and".
    let third = "I see friends important to me.";
    let credits = credit(
        &[(10, FIRST), (11, SECOND), (12, third)],
        &[comment(5, &[11])],
    );
    assert_eq!(credits, vec![(Source::Comment(5), 1)]);
}

#[test]
fn every_comment_acted_on_in_a_draft_gets_its_words() {
    let credits = credit(
        &[(10, FIRST), (11, SECOND)],
        &[comment(5, &[11]), comment(6, &[11]), comment(7, &[10])],
    );
    // Comment 7 is linked to the first draft, whose words are the rest of the text.
    assert_eq!(
        credits,
        vec![
            (Source::Comment(5), 3),
            (Source::Comment(6), 3),
            (Source::Comment(7), 5)
        ]
    );
}

#[test]
fn a_comment_linked_to_no_draft_or_to_a_draft_whose_words_are_gone_gets_nothing() {
    let credits = credit(
        &[(10, FIRST), (11, "I see people important to me!")],
        &[comment(5, &[]), comment(6, &[99])],
    );
    assert_eq!(credits, vec![]);
}

#[test]
fn only_answers_that_changed_the_text_count_for_credit() {
    use crate::domain::response::Outcome;
    assert!(counts_for_credit(Outcome::Incorporated));
    assert!(counts_for_credit(Outcome::Partly));
    assert!(!counts_for_credit(Outcome::Noted));
    assert!(!counts_for_credit(Outcome::NotIncorporated));
}

#[test]
fn a_proposal_is_credited_with_the_words_of_the_draft_that_carries_them() {
    let proposal = Contribution {
        source: Source::Proposal(3),
        statement_id: 1,
        drafts: vec![10],
    };
    let credits = credit(&[(10, FIRST), (11, SECOND)], &[proposal]);
    // Of the six words of the first draft, "people" was later replaced.
    assert_eq!(credits, vec![(Source::Proposal(3), 5)]);
}

#[test]
fn a_draft_linked_twice_counts_once() {
    let credits = credit(&[(10, FIRST), (11, SECOND)], &[comment(5, &[11, 11])]);
    assert_eq!(credits, vec![(Source::Comment(5), 3)]);
}

#[test]
fn a_version_credits_each_statement_from_its_own_drafts() {
    let drafts = [
        (1, 10, FIRST),
        (1, 11, SECOND),
        (2, 20, "I am safe."),
        (2, 21, "I am safe at home."),
    ];
    let contributions = [
        comment(5, &[11]),
        Contribution {
            source: Source::Comment(8),
            statement_id: 2,
            drafts: vec![21],
        },
    ];
    let credits = credit_version(&drafts, &contributions);
    assert_eq!(
        credits,
        vec![
            Credit {
                statement_id: 1,
                source: Source::Comment(5),
                words: 3
            },
            Credit {
                statement_id: 2,
                source: Source::Comment(8),
                words: 2
            },
        ]
    );
}

fn person(id: i64, visibility: Visibility, name: &str, knowledge: Knowledge) -> Credited {
    Credited {
        person: Person::User(id),
        visibility,
        name: name.to_owned(),
        organisation: None,
        knowledge,
        group_agreed: None,
        event: None,
    }
}

#[test]
fn each_person_is_shown_as_their_consent_allows() {
    let line = credit_line(&[
        person(1, Visibility::Named, "Sam", Knowledge::Practice),
        person(2, Visibility::Anonymous, "Ali", Knowledge::LivedExperience),
        person(3, Visibility::PolicyTeamOnly, "Jo", Knowledge::Research),
        person(4, Visibility::PolicyTeamOnly, "Kim", Knowledge::Research),
    ]);
    assert_eq!(
        line.as_deref(),
        Some("Sam, someone with lived experience and 2 others")
    );
    assert!(!line.unwrap().contains("Ali"));
}

#[test]
fn one_person_with_several_credited_comments_is_credited_once() {
    let line = credit_line(&[
        person(1, Visibility::Named, "Sam", Knowledge::Practice),
        person(1, Visibility::Named, "Sam", Knowledge::Practice),
        person(2, Visibility::PolicyTeamOnly, "Jo", Knowledge::Research),
        person(2, Visibility::PolicyTeamOnly, "Jo", Knowledge::Research),
    ]);
    assert_eq!(line.as_deref(), Some("Sam and 1 other"));
}

#[test]
fn a_representative_is_named_with_their_organisation() {
    let mut sam = person(1, Visibility::Named, "Sam", Knowledge::Organisation);
    sam.organisation = Some("Inclusion Scotland".into());
    assert_eq!(
        credit_line(&[sam]).as_deref(),
        Some("Sam, for Inclusion Scotland")
    );
}

#[test]
fn people_at_events_are_shown_by_group_or_as_recorded() {
    let group = Credited {
        person: Person::Group(9),
        visibility: Visibility::Anonymous,
        name: String::new(),
        organisation: None,
        knowledge: Knowledge::LivedExperience,
        group_agreed: Some(8),
        event: Some("the Dundee workshop".into()),
    };
    let unnamed = Credited {
        person: Person::Participant(4),
        visibility: Visibility::Named,
        name: String::new(),
        event: Some("the Dundee workshop".into()),
        group_agreed: None,
        ..group.clone()
    };
    let anonymous = Credited {
        person: Person::Participant(5),
        visibility: Visibility::Anonymous,
        ..unnamed.clone()
    };
    let named = Credited {
        person: Person::Participant(6),
        name: "Morag".into(),
        ..unnamed.clone()
    };
    assert_eq!(
        credit_line(&[group, unnamed, anonymous, named]).as_deref(),
        Some(
            "Morag, 8 people at the Dundee workshop, someone at the Dundee workshop and someone with lived experience"
        )
    );
}

#[test]
fn several_anonymous_people_with_the_same_knowledge_are_counted_together() {
    let line = credit_line(&[
        person(1, Visibility::Anonymous, "", Knowledge::LivedExperience),
        person(2, Visibility::Anonymous, "", Knowledge::LivedExperience),
    ]);
    assert_eq!(line.as_deref(), Some("2 people with lived experience"));
}

#[test]
fn only_hidden_people_are_counted_and_nobody_means_no_line() {
    assert_eq!(
        credit_line(&[person(
            1,
            Visibility::PolicyTeamOnly,
            "Jo",
            Knowledge::Research
        )])
        .as_deref(),
        Some("1 person")
    );
    assert_eq!(credit_line(&[]), None);
}
