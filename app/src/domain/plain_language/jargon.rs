//! Social-care jargon and plainer words for it. Kept as data, so editors can add to the
//! list (the server stores it); this is the starting list.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JargonEntry {
    pub term: String,
    pub plainer: String,
}

/// The starting list. Terms people with lived experience commonly use themselves are
/// left out on purpose, even if professionals coined them: "care plan", "direct
/// payments" and "personal assistant" name real things people have and ask for by name,
/// and the point of an I statement is people's own language.
pub fn default_jargon() -> Vec<JargonEntry> {
    [
        ("service user", "person"),
        ("package of care", "support"),
        ("care package", "support"),
        ("comply", "follow"),
        ("facilitate", "help"),
        ("signpost", "tell me about / point me to"),
        ("stakeholder", "people involved"),
        ("person-centred", "built around me"),
        ("outcome", "what matters to me"),
        ("utilise", "use"),
        ("utilize", "use"),
        ("in order to", "to"),
        ("respite", "a break"),
        ("domiciliary care", "care at home"),
        ("safeguarding", "keeping me safe"),
        ("capacity", "being able to make a decision"),
        ("multi-disciplinary", "different workers together"),
        ("commissioning", "arranging and paying for support"),
        ("eligibility", "whether I can get support"),
        ("assessment", "talking with me about what I need"),
        ("co-production", "working together as equals"),
        ("holistic", "all of my life"),
        ("empower", "help me to"),
        ("intervention", "support"),
        ("provision", "support"),
        ("reablement", "support to get my skills back"),
        ("placement", "where I live"),
        ("statutory", "by law"),
        ("prior to", "before"),
        ("commence", "start"),
        ("ensure", "make sure"),
        ("regarding", "about"),
    ]
    .into_iter()
    .map(|(term, plainer)| JargonEntry {
        term: term.to_owned(),
        plainer: plainer.to_owned(),
    })
    .collect()
}

/// Lowercase words joined by single spaces, padded with a space at each end, so a
/// phrase is found only as whole words by searching for " phrase ". Hyphens count as
/// spaces (so "person centred" matches "person-centred") and curly apostrophes as
/// straight ones.
fn normalise(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == '’' { '\'' } else { c };
        if c.is_alphanumeric() || c == '\'' {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The entries whose term appears in the text, case-insensitively and as whole words
/// (plain plurals count: "service users", "outcomes"), in the order they first appear,
/// each once.
pub(crate) fn find(text: &str, jargon: &[JargonEntry]) -> Vec<JargonEntry> {
    let text = normalise(text);
    let mut found: Vec<(usize, &JargonEntry)> = Vec::new();
    for entry in jargon {
        let term = normalise(&entry.term);
        let term = term.trim();
        if term.is_empty()
            || found
                .iter()
                .any(|(_, seen)| normalise(&seen.term).trim() == term)
        {
            continue;
        }
        let first = [format!(" {term} "), format!(" {term}s ")]
            .iter()
            .filter_map(|needle| text.find(needle.as_str()))
            .min();
        if let Some(at) = first {
            found.push((at, entry));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, entry)| entry.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        find(text, &default_jargon())
            .into_iter()
            .map(|e| e.term)
            .collect()
    }

    #[test]
    fn the_default_list_has_plainer_words_for_at_least_twenty_terms() {
        let list = default_jargon();
        assert!(list.len() >= 20);
        assert!(
            list.iter()
                .all(|e| !e.term.is_empty() && !e.plainer.is_empty())
        );
        let service_user = list.iter().find(|e| e.term == "service user").unwrap();
        assert_eq!(service_user.plainer, "person");
    }

    #[test]
    fn terms_are_found_whatever_their_case() {
        assert_eq!(
            terms("Staff will FACILITATE my choices"),
            vec!["facilitate"]
        );
    }

    #[test]
    fn only_whole_words_match() {
        assert!(terms("I am ensured; my capacity-building").contains(&"capacity".to_owned()));
        assert!(terms("My respiteful day").is_empty());
        assert!(terms("I want to outcompete").is_empty());
    }

    #[test]
    fn phrases_match_across_spacing_and_line_breaks() {
        assert_eq!(
            terms("I get a package\n of   care"),
            vec!["package of care"]
        );
        assert_eq!(terms("In order to live well"), vec!["in order to"]);
    }

    #[test]
    fn hyphens_and_spaces_are_interchangeable() {
        assert_eq!(
            terms("My support is person centred"),
            vec!["person-centred"]
        );
        assert_eq!(terms("Real co production"), vec!["co-production"]);
    }

    #[test]
    fn plain_plurals_match() {
        assert_eq!(
            terms("Service users set the outcomes"),
            vec!["service user", "outcome"]
        );
    }

    #[test]
    fn found_terms_are_listed_once_in_reading_order() {
        assert_eq!(
            terms("Respite helps. We facilitate respite and facilitate more."),
            vec!["respite", "facilitate"]
        );
    }

    #[test]
    fn an_editor_added_term_is_found() {
        let mut list = default_jargon();
        list.push(JargonEntry {
            term: "Care Act".into(),
            plainer: "the law about care".into(),
        });
        let found = find("Under the care act I can ask", &list);
        assert_eq!(found[0].plainer, "the law about care");
    }

    #[test]
    fn blank_terms_never_match() {
        let list = vec![JargonEntry {
            term: " - ".into(),
            plainer: "x".into(),
        }];
        assert!(find("any text - here", &list).is_empty());
    }
}
