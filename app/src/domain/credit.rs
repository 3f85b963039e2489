//! Credit for whose words they are: which comments and proposals brought in words still
//! in a published statement, and how those people are named in public.
//!
//! The rule, worked out from the word-level trace (`trace::trace_words`):
//! - every word of the published text has the draft that introduced it (the first draft
//!   introduces all of its own words);
//! - a draft's words are credited, in full, to every comment whose answer says it was
//!   acted on in that draft with an outcome that changed the text (incorporated or partly
//!   incorporated; never "noted" or "not incorporated", even if a draft is linked), and to
//!   every proposal whose `revision_id` is that draft (adopted: its first draft; merged:
//!   the redraft that took its words in);
//! - only words still in the published text count, so words a later draft removed lose
//!   their credit in the versions published after that, while versions published before
//!   keep theirs (credit is stored with the version when it is published);
//! - a word whose letters came from two drafts (a word partly edited) counts for both;
//! - only the standard text is credited. Words of the easy read text are left out: easy
//!   read drafts are mostly the policy team's rewriting of the standard text, and
//!   counting both texts would credit the same suggestion twice.

use super::{
    drafting::{Knowledge, Visibility},
    plural,
    trace::trace_words,
};
use std::collections::{BTreeMap, HashMap};

/// What brought words in: a comment's answer or a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Comment(i64),
    Proposal(i64),
}

/// A comment or proposal and the drafts its words are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub source: Source,
    pub statement_id: i64,
    /// Drafts it was acted on in (for a comment whose answer changed the text) or that
    /// carry its words (for a proposal). The caller leaves out answers that changed
    /// nothing (see [`counts_for_credit`]).
    pub drafts: Vec<i64>,
}

/// Whether an answer's linked drafts bring credit: only when it changed the text.
pub fn counts_for_credit(outcome: super::response::Outcome) -> bool {
    outcome.changed_the_text()
}

/// One statement × source, with how many published words it brought in (always > 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    pub statement_id: i64,
    pub source: Source,
    pub words: i64,
}

/// Credit for one statement: `drafts` are its `(revision id, text)` up to the published
/// draft, oldest first; `contributions` are those on this statement.
pub fn credit_statement(
    statement_id: i64,
    drafts: &[(i64, &str)],
    contributions: &[&Contribution],
) -> Vec<Credit> {
    let words = words_by_draft(drafts);
    let mut credited: BTreeMap<Source, i64> = BTreeMap::new();
    for c in contributions {
        // A source linked to one draft twice still counts that draft's words once.
        let mut drafts = c.drafts.clone();
        drafts.sort_unstable();
        drafts.dedup();
        let total: i64 = drafts.iter().filter_map(|d| words.get(d)).sum();
        if total > 0 {
            *credited.entry(c.source).or_default() += total;
        }
    }
    credited
        .into_iter()
        .map(|(source, words)| Credit {
            statement_id,
            source,
            words,
        })
        .collect()
}

/// Credit for every statement of a version, from every draft and contribution at once
/// (the caller reads each in one query). `drafts` are `(statement id, revision id,
/// text)` in id order per statement, none later than the published draft.
pub fn credit_version(drafts: &[(i64, i64, &str)], contributions: &[Contribution]) -> Vec<Credit> {
    let mut by_statement: BTreeMap<i64, Vec<(i64, &str)>> = BTreeMap::new();
    for (statement, revision, text) in drafts {
        by_statement
            .entry(*statement)
            .or_default()
            .push((*revision, text));
    }
    let mut sources: HashMap<i64, Vec<&Contribution>> = HashMap::new();
    for c in contributions {
        sources.entry(c.statement_id).or_default().push(c);
    }
    by_statement
        .into_iter()
        .flat_map(|(statement, drafts)| {
            let mine = sources.get(&statement).map(Vec::as_slice).unwrap_or(&[]);
            credit_statement(statement, &drafts, mine)
        })
        .collect()
}

/// How many words of the last draft's text each draft introduced. A word is a run of
/// letters between spaces; one whose letters came from two drafts counts for both.
fn words_by_draft(drafts: &[(i64, &str)]) -> HashMap<i64, i64> {
    let mut origins: Vec<(char, i64)> = Vec::new();
    for span in trace_words(drafts) {
        origins.extend(span.text.chars().map(|ch| (ch, span.revision_id)));
    }
    let mut counts: HashMap<i64, i64> = HashMap::new();
    for word in origins.split(|(ch, _)| ch.is_whitespace()) {
        let mut from: Vec<i64> = word.iter().map(|(_, draft)| *draft).collect();
        from.sort_unstable();
        from.dedup();
        for draft in from {
            *counts.entry(draft).or_default() += 1;
        }
    }
    counts
}

/// Who a credited person is, so one person with several credited comments (or a comment
/// and a proposal) on a statement is credited once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Person {
    User(i64),
    /// Someone a facilitator recorded at an event, with no account.
    Participant(i64),
    /// A group view recorded at an event, by its comment.
    Group(i64),
}

/// A credited comment or proposal as its author allowed it to be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credited {
    pub person: Person,
    pub visibility: Visibility,
    /// Their chosen or recorded name ('' when none).
    pub name: String,
    /// The organisation they spoke for, if any.
    pub organisation: Option<String>,
    pub knowledge: Knowledge,
    /// For a group view: how many people at the event said it.
    pub group_agreed: Option<i64>,
    /// The event it was recorded at.
    pub event: Option<String>,
}

/// "someone with lived experience": a person who asked not to be named, by what they know.
pub fn someone_with(knowledge: Knowledge) -> &'static str {
    match knowledge {
        Knowledge::LivedExperience => "someone with lived experience",
        Knowledge::Practice => "someone with practice knowledge",
        Knowledge::Research => "someone drawing on research",
        Knowledge::Organisation => "someone speaking for an organisation",
    }
}

/// The public credit line of a statement ("Sam, someone with lived experience and 2
/// others"), or `None` when nobody's words are credited. Each person is shown as their
/// consent allows: named by name (with the organisation they spoke for), anonymous by
/// their kind of knowledge, policy team only counted. A person credited more than once
/// is shown once, in the most open way one of their credited comments allows (they
/// agreed to that for words that are in the text). Named people come first, in the
/// order given, then groups, then people by kind of knowledge, then the count.
pub fn credit_line(credited: &[Credited]) -> Option<String> {
    let mut people: Vec<&Credited> = Vec::new();
    for c in credited {
        match people.iter_mut().find(|p| p.person == c.person) {
            Some(seen) if openness(c.visibility) > openness(seen.visibility) => *seen = c,
            Some(_) => {}
            None => people.push(c),
        }
    }
    let mut named = Vec::new();
    let mut groups = Vec::new();
    let mut by_knowledge: Vec<String> = Vec::new();
    let mut hidden: i64 = 0;
    for p in people {
        let event = p.event.as_deref().unwrap_or("an event");
        match (p.visibility, p.group_agreed) {
            (Visibility::PolicyTeamOnly, Some(agreed)) => hidden += agreed,
            (Visibility::PolicyTeamOnly, None) => hidden += 1,
            (_, Some(agreed)) => {
                groups.push(format!("{} at {event}", plural(agreed, "person", "people")))
            }
            (Visibility::Named, None) if !p.name.is_empty() => named.push(match &p.organisation {
                Some(org) => format!("{}, for {org}", p.name),
                None => p.name.clone(),
            }),
            (Visibility::Named, None) if matches!(p.person, Person::Participant(_)) => {
                by_knowledge.push(format!("someone at {event}"))
            }
            _ => by_knowledge.push(someone_with(p.knowledge).to_owned()),
        }
    }
    let mut parts = named;
    parts.extend(groups);
    parts.extend(tally(by_knowledge));
    if hidden > 0 {
        parts.push(if parts.is_empty() {
            plural(hidden, "person", "people")
        } else {
            plural(hidden, "other", "others")
        });
    }
    (!parts.is_empty()).then(|| super::list_in_words(&parts))
}

/// "someone with lived experience" twice reads as "2 people with lived experience".
fn tally(phrases: Vec<String>) -> Vec<String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for phrase in phrases {
        match counted.iter_mut().find(|(p, _)| *p == phrase) {
            Some((_, n)) => *n += 1,
            None => counted.push((phrase, 1)),
        }
    }
    counted
        .into_iter()
        .map(|(phrase, n)| match (n, phrase.strip_prefix("someone ")) {
            (1, _) | (_, None) => phrase,
            (n, Some(rest)) => format!("{n} people {rest}"),
        })
        .collect()
}

fn openness(v: Visibility) -> u8 {
    match v {
        Visibility::PolicyTeamOnly => 0,
        Visibility::Anonymous => 1,
        Visibility::Named => 2,
    }
}

/// What a person reads about their own credit: "Your words are in HL-3 (version 2)".
pub fn your_words_are_in(reference: &str, version: i64) -> String {
    format!("Your words are in {reference} (version {version})")
}

#[cfg(test)]
mod tests;
