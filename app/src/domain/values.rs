//! Values: a second axis beside themes. A framework's values (choice and control,
//! belonging and relationships, …) are what its statements prioritise; each statement
//! carries one or more once the framework has any. Checking what an editor chose, and
//! the report's totals by value, are pure and live here.

use super::{Invalid, response::Outcome};
use serde::{Deserialize, Serialize};

/// A value code: 1 to 4 capital letters, like `CC`. It names the value in addresses
/// (`?value=CC`) and in form fields, so it is kept short and plain.
pub fn value_code(raw: &str) -> Result<String, Invalid> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() || code.len() > 4 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Invalid::new(
            "Enter a short code of 1 to 4 letters, like CC",
        ));
    }
    Ok(code)
}

/// The values an editor ticked for a statement, checked against the framework's values
/// (`known`, in the framework's order). A framework without values takes statements
/// without any; once it has values, every statement needs at least one. Returns the
/// chosen codes in the framework's order, each once.
pub fn chosen_values(known: &[&str], ticked: &[&str]) -> Result<Vec<String>, Invalid> {
    if let Some(unknown) = ticked.iter().find(|code| !known.contains(code)) {
        return Err(Invalid::new(format!(
            "There is no value with the code {unknown}. Choose from the list."
        )));
    }
    if !known.is_empty() && ticked.is_empty() {
        return Err(Invalid::new(
            "Choose at least one value this statement is about",
        ));
    }
    Ok(known
        .iter()
        .filter(|code| ticked.contains(code))
        .map(|code| (*code).to_owned())
        .collect())
}

/// One value's line in a version's report: how many statements carry it, how many of
/// those changed since the version before, and what became of the comments on them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueTally {
    pub code: String,
    pub title: String,
    pub statements: usize,
    pub changed: usize,
    pub comments: usize,
    pub incorporated: usize,
    pub partly: usize,
}

impl ValueTally {
    fn new(code: &str, title: &str) -> Self {
        Self {
            code: code.to_owned(),
            title: title.to_owned(),
            statements: 0,
            changed: 0,
            comments: 0,
            incorporated: 0,
            partly: 0,
        }
    }

    fn add_statement(&mut self, changed: bool) {
        self.statements += 1;
        self.changed += usize::from(changed);
    }

    /// `count` comments with `outcome`.
    fn add_comments(&mut self, outcome: Option<Outcome>, count: usize) {
        self.comments += count;
        if outcome == Some(Outcome::Incorporated) {
            self.incorporated += count;
        }
        if outcome == Some(Outcome::Partly) {
            self.partly += count;
        }
    }
}

/// A published statement as the tally needs it.
#[derive(Debug, Clone, Copy)]
pub struct TalliedStatement<'a> {
    pub statement_id: i64,
    /// The codes of the values it carried in this version.
    pub values: &'a [&'a str],
    /// Whether its text differs from the version before (or, in a first version, from
    /// the text first consulted on).
    pub changed: bool,
}

/// Totals by value, in the order of `values` (code, title), and one line for the whole
/// version (`code` empty), from the comments counted by statement and outcome. A
/// statement carrying two values counts under both, so the
/// lines may add up to more than the whole; the whole counts each statement and comment
/// once. Comments on statements the version does not hold (retired ones) count only in
/// the whole.
pub fn tally(
    values: &[(&str, &str)],
    statements: &[TalliedStatement<'_>],
    comments: &[(i64, Option<Outcome>, usize)],
) -> (Vec<ValueTally>, ValueTally) {
    let mut lines: Vec<ValueTally> = values
        .iter()
        .map(|(code, title)| ValueTally::new(code, title))
        .collect();
    let mut whole = ValueTally::new("", "All statements");
    let index = |code: &str| values.iter().position(|(c, _)| *c == code);
    let mut carried: std::collections::HashMap<i64, Vec<usize>> = Default::default();
    for s in statements {
        whole.add_statement(s.changed);
        let mut at: Vec<usize> = s.values.iter().filter_map(|v| index(v)).collect();
        at.sort_unstable();
        at.dedup();
        for &i in &at {
            lines[i].add_statement(s.changed);
        }
        carried.insert(s.statement_id, at);
    }
    for &(statement, outcome, count) in comments {
        whole.add_comments(outcome, count);
        for &i in carried.get(&statement).map_or(&[][..], Vec::as_slice) {
            lines[i].add_comments(outcome, count);
        }
    }
    (lines, whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_codes_are_short_capitals() {
        assert_eq!(value_code(" cc ").unwrap(), "CC");
        assert!(value_code("").is_err());
        assert!(value_code("C1").is_err());
        assert!(value_code("CHOICE").is_err());
    }

    #[test]
    fn a_framework_without_values_takes_statements_without_any() {
        assert_eq!(chosen_values(&[], &[]).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn once_a_framework_has_values_a_statement_needs_one() {
        let error = chosen_values(&["CC", "BR"], &[]).unwrap_err();
        assert_eq!(error.0, "Choose at least one value this statement is about");
    }

    #[test]
    fn chosen_values_keep_the_framework_order_and_come_once() {
        assert_eq!(
            chosen_values(&["CC", "BR", "IP"], &["IP", "CC", "IP"]).unwrap(),
            vec!["CC", "IP"]
        );
    }

    #[test]
    fn a_value_the_framework_does_not_have_is_refused_by_name() {
        let error = chosen_values(&["CC"], &["CC", "ZZ"]).unwrap_err();
        assert!(error.0.contains("ZZ"), "{}", error.0);
        assert!(chosen_values(&[], &["CC"]).is_err());
    }

    #[test]
    fn the_tally_counts_statements_changes_and_answers_under_each_value() {
        let values = [("CC", "Choice and control"), ("BR", "Belonging")];
        let statements = [
            TalliedStatement {
                statement_id: 1,
                values: &["CC", "BR"],
                changed: true,
            },
            TalliedStatement {
                statement_id: 2,
                values: &["CC"],
                changed: false,
            },
            TalliedStatement {
                statement_id: 3,
                values: &[],
                changed: true,
            },
        ];
        // Comments counted by statement and outcome.
        let comments = [
            (1, Some(Outcome::Incorporated), 1),
            (1, Some(Outcome::Partly), 1),
            (2, Some(Outcome::Noted), 1),
            (3, Some(Outcome::Incorporated), 1),
            // On a statement this version no longer holds (retired).
            (9, Some(Outcome::NotIncorporated), 1),
        ];
        let (lines, whole) = tally(&values, &statements, &comments);
        let cc = &lines[0];
        assert_eq!(
            (cc.code.as_str(), cc.statements, cc.changed, cc.comments),
            ("CC", 2, 1, 3)
        );
        assert_eq!((cc.incorporated, cc.partly), (1, 1));
        let br = &lines[1];
        assert_eq!(
            (
                br.statements,
                br.changed,
                br.comments,
                br.incorporated,
                br.partly
            ),
            (1, 1, 2, 1, 1)
        );
        assert_eq!(
            (
                whole.statements,
                whole.changed,
                whole.comments,
                whole.incorporated,
                whole.partly
            ),
            (3, 2, 5, 2, 1)
        );
    }

    #[test]
    fn a_value_no_statement_carries_still_has_its_line_of_noughts() {
        let (lines, whole) = tally(&[("MP", "Meaning and purpose")], &[], &[]);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].statements + lines[0].comments, 0);
        assert_eq!(whole.statements, 0);
    }
}
