use super::*;

fn advise(text: &str) -> Advice {
    check(text, &default_jargon())
}

#[test]
fn a_short_plain_i_statement_reads_clearly() {
    let advice = advise("I choose where I live.");
    assert!(advice.first_person);
    assert_eq!(advice.words, 5);
    assert_eq!(advice.notes, vec!["This reads clearly."]);
    assert!(advice.reading_age <= 9, "{}", advice.reading_age);
    assert!(advice.reading_ease > 80.0, "{}", advice.reading_ease);
}

#[test]
fn i_statement_openings_count_as_first_person() {
    for text in [
        "I choose.",
        "I'm able to spend time with people important to me.",
        "I’ve got support.",
        "I'd like a say.",
        "I'll decide.",
        "My home is mine.",
        "Me and my friends.",
        "  “I choose.”",
    ] {
        assert!(advise(text).first_person, "{text}");
    }
}

#[test]
fn other_openings_are_not_first_person_and_get_a_note() {
    for text in [
        "People choose where they live.",
        "i choose.",
        "Its mine.",
        "Mine is here.",
        "In my home.",
    ] {
        let advice = advise(text);
        assert!(!advice.first_person, "{text}");
        assert!(advice.notes[0].starts_with("Start with I or My"), "{text}");
    }
}

#[test]
fn long_sentences_are_flagged_with_their_number_and_length() {
    let text = "I choose. I choose where I live and who I live with and when I see the people who matter most to me.";
    let advice = advise(text);
    assert_eq!(advice.sentences.len(), 2);
    assert!(!advice.sentences[0].too_long);
    assert!(advice.sentences[1].too_long);
    assert_eq!(advice.sentences[1].words, 21);
    assert!(advice.notes.contains(
        &"Sentence 2 has 21 words. Try to keep sentences to 15 words or fewer.".to_owned()
    ));
}

#[test]
fn fifteen_words_is_not_too_long() {
    let text = "I see my friends and my family at home on most days of every week.";
    let advice = advise(text);
    assert_eq!(advice.words, 15);
    assert!(!advice.sentences[0].too_long);
}

#[test]
fn a_single_sentence_is_called_this_sentence() {
    let advice = advise("I see my family and friends but not often enough.");
    assert!(advice.sentences[0].more_than_one_idea);
    assert!(advice.notes.contains(
        &"This sentence may have more than one idea. Try one idea in each sentence.".to_owned()
    ));
}

#[test]
fn jargon_gets_a_plainer_alternative() {
    let advice = advise("I get help to facilitate my choices.");
    assert_eq!(advice.jargon.len(), 1);
    assert!(
        advice
            .notes
            .contains(&"'facilitate' is jargon: try 'help'.".to_owned())
    );
}

#[test]
fn an_editors_own_jargon_list_is_used() {
    let list = vec![JargonEntry {
        term: "tenancy".into(),
        plainer: "home".into(),
    }];
    let advice = check("I have a tenancy and a package of care.", &list);
    assert_eq!(advice.jargon, list);
}

#[test]
fn a_hard_text_gets_a_reading_age_note() {
    let text = "Multidisciplinary professionals facilitate individualised interventions, \
        ensuring comprehensive consideration of eligibility and organisational accountability.";
    let advice = advise(text);
    assert!(advice.reading_age > 11, "{}", advice.reading_age);
    let note = format!(
        "This reads at about age {}. Aim for age 9 to 11.",
        advice.reading_age
    );
    assert!(advice.notes.contains(&note), "{:?}", advice.notes);
}

#[test]
fn reading_figures_follow_the_flesch_formulas() {
    // 2 sentences, 8 words, 11 syllables (family 3, visits 2): "I choose my home. My family visits me."
    let advice = advise("I choose my home. My family visits me.");
    assert_eq!(advice.words, 8);
    let (wps, spw) = (4.0_f32, 11.0_f32 / 8.0);
    assert!((advice.grade - (0.39 * wps + 11.8 * spw - 15.59)).abs() < 1e-4);
    assert!((advice.reading_ease - (206.835 - 1.015 * wps - 84.6 * spw)).abs() < 1e-3);
}

#[test]
fn reading_age_is_at_least_five() {
    let advice = advise("I go. I see. I do.");
    assert!(advice.grade < 0.0);
    assert_eq!(advice.reading_age, 5);
}

#[test]
fn empty_text_gives_zeros_and_no_notes() {
    for text in ["", "   ", " — . "] {
        let advice = advise(text);
        assert_eq!(advice.words, 0, "{text:?}");
        assert_eq!(advice.grade, 0.0);
        assert_eq!(advice.reading_age, 0);
        assert_eq!(advice.reading_ease, 0.0);
        assert!(advice.sentences.is_empty());
        assert!(advice.notes.is_empty());
        assert!(!advice.first_person);
    }
}

#[test]
fn a_very_long_text_does_not_panic() {
    let text = "I choose where I live and who I live with. ".repeat(2_000);
    let advice = advise(&text);
    assert_eq!(advice.sentences.len(), 2_000);
}

fn advise_easy_read(text: &str) -> Advice {
    check_easy_read(text, &default_jargon())
}

#[test]
fn short_active_easy_read_lines_read_clearly() {
    let advice = advise_easy_read("I choose where I live\nI choose who I live with.");
    assert!(advice.easy_read);
    assert_eq!(advice.sentences.len(), 2);
    assert_eq!(advice.notes, vec!["This reads clearly."]);
}

#[test]
fn easy_read_mode_flags_long_sentences_joined_ideas_jargon_passives_and_number_words() {
    let text = "I am supported by staff.\n\
        I feel safe and I can take risks.\n\
        I see three friends.\n\
        I get respite.\n\
        I can get out and about when I want to with support from people I know well.";
    let advice = advise_easy_read(text);
    let notes = advice.notes;
    for expected in [
        "Sentence 1 may be passive ('am supported'). Say who does it, like 'Staff support me'.",
        "Sentence 2 may have more than one idea. Try one idea in each sentence.",
        "Write 'three' as the number 3.",
        "'respite' is jargon: try 'a break'.",
        "Sentence 5 has 17 words. Try to keep sentences to 15 words or fewer.",
    ] {
        assert!(
            notes.contains(&expected.to_owned()),
            "{expected}\n{notes:#?}"
        );
    }
}

#[test]
fn the_standard_mode_does_not_flag_passives_or_number_words() {
    let advice = advise("I am supported by three people.");
    assert!(!advice.easy_read);
    assert_eq!(advice.sentences[0].passive, None);
    assert!(advice.sentences[0].number_words.is_empty());
    assert_eq!(advice.notes, vec!["This reads clearly."]);
}

#[test]
fn the_same_number_word_in_two_sentences_is_noted_once() {
    let advice = advise_easy_read("I see three friends.\nThree people help me.");
    let notes: Vec<_> = advice
        .notes
        .iter()
        .filter(|n| n.contains("'three'"))
        .collect();
    assert_eq!(notes, vec!["Write 'three' as the number 3."]);
}
