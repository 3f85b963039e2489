use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub statement_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkDetail {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub themes: Vec<ThemeDetail>,
    /// Its values, in order (none until an editor adds them).
    pub values: Vec<ValueDetail>,
    pub round: super::RoundStatus,
    pub can_edit: bool,
    pub settings: super::FrameworkSettings,
    /// How the easy read twins stand, for editors only.
    pub twins: Option<super::TwinOverview>,
    /// The reader's choice of text.
    pub reading: crate::domain::easy_read::TextKind,
    /// How many proposed statements the reader may see.
    pub proposal_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeDetail {
    pub code: String,
    pub title: String,
    pub description: String,
    pub statements: Vec<StatementSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementSummary {
    pub reference: String,
    /// In the reader's choice of text where the statement has it.
    pub text: String,
    /// For easy read readers: why this is not (or not quite) the easy read text.
    pub reading_note: Option<String>,
    /// For editors, when its easy read twin is missing or needs updating.
    pub twin: Option<crate::domain::easy_read::TwinState>,
    /// The codes of the values it carries, in the framework's order.
    pub values: Vec<String>,
}

/// One of a framework's values: a second axis beside its themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueDetail {
    pub code: String,
    pub title: String,
    pub description: String,
}

impl FrameworkDetail {
    pub fn value(&self, code: &str) -> Option<&ValueDetail> {
        self.values
            .iter()
            .find(|v| v.code.eq_ignore_ascii_case(code))
    }

    /// The statements of a theme that carry a value: one cell of the theme by value grid.
    pub fn cell<'a>(&self, theme: &'a ThemeDetail, code: &str) -> Vec<&'a StatementSummary> {
        theme
            .statements
            .iter()
            .filter(|s| s.values.iter().any(|v| v == code))
            .collect()
    }

    /// Every statement carrying a value, in theme order, each with its theme.
    pub fn with_value(&self, code: &str) -> Vec<(&ThemeDetail, &StatementSummary)> {
        self.themes
            .iter()
            .flat_map(|t| self.cell(t, code).into_iter().map(move |s| (t, s)))
            .collect()
    }

    /// Statements carrying no value yet (only possible while values are being added).
    pub fn without_value(&self) -> Vec<(&ThemeDetail, &StatementSummary)> {
        self.themes
            .iter()
            .flat_map(|t| t.statements.iter().map(move |s| (t, s)))
            .filter(|(_, s)| s.values.is_empty())
            .collect()
    }

    /// A statement's value titles, in the framework's order, for reading aloud.
    pub fn value_titles(&self, statement: &StatementSummary) -> Vec<String> {
        self.values
            .iter()
            .filter(|v| statement.values.contains(&v.code))
            .map(|v| v.title.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(reference: &str, values: &[&str]) -> StatementSummary {
        StatementSummary {
            reference: reference.to_owned(),
            text: format!("Text of {reference}"),
            twin: None,
            reading_note: None,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    fn framework() -> FrameworkDetail {
        let value = |code: &str, title: &str| ValueDetail {
            code: code.to_owned(),
            title: title.to_owned(),
            description: String::new(),
        };
        FrameworkDetail {
            twins: None,
            reading: crate::domain::easy_read::TextKind::Standard,
            proposal_count: 0,
            settings: super::super::FrameworkSettings {
                lived_experience_target: 50,
                requires_easy_read: false,
            },
            slug: "f".into(),
            title: "F".into(),
            summary: String::new(),
            themes: vec![
                ThemeDetail {
                    code: "HL".into(),
                    title: "Home".into(),
                    description: String::new(),
                    statements: vec![statement("HL-1", &["CC", "BR"]), statement("HL-2", &[])],
                },
                ThemeDetail {
                    code: "CI".into(),
                    title: "Community".into(),
                    description: String::new(),
                    statements: vec![statement("CI-1", &["BR"])],
                },
            ],
            values: vec![value("CC", "Choice and control"), value("BR", "Belonging")],
            round: super::super::RoundStatus::NonePlanned,
            can_edit: false,
        }
    }

    fn references(found: Vec<(&ThemeDetail, &StatementSummary)>) -> Vec<String> {
        found
            .into_iter()
            .map(|(_, s)| s.reference.clone())
            .collect()
    }

    #[test]
    fn a_grid_cell_holds_the_themes_statements_carrying_the_value() {
        let f = framework();
        let cell: Vec<_> = f
            .cell(&f.themes[0], "BR")
            .iter()
            .map(|s| s.reference.clone())
            .collect();
        assert_eq!(cell, vec!["HL-1"]);
        assert!(f.cell(&f.themes[1], "CC").is_empty());
    }

    #[test]
    fn filtering_by_value_keeps_theme_order_and_statements_with_two_values() {
        let f = framework();
        assert_eq!(references(f.with_value("BR")), vec!["HL-1", "CI-1"]);
        assert_eq!(references(f.with_value("CC")), vec!["HL-1"]);
        assert_eq!(references(f.without_value()), vec!["HL-2"]);
    }

    #[test]
    fn values_are_found_by_code_in_any_case_and_read_by_title() {
        let f = framework();
        assert_eq!(f.value("br").map(|v| v.title.as_str()), Some("Belonging"));
        assert!(f.value("ZZ").is_none());
        assert_eq!(
            f.value_titles(&f.themes[0].statements[0]),
            vec!["Choice and control", "Belonging"]
        );
    }
}
