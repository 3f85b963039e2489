//! The knowledge balance: whose knowledge a round's comments draw on (lived experience,
//! practice, research, an organisation's position), as counts and whole-number shares,
//! and whether lived experience is "under-heard" against the framework's target.

use super::{Invalid, drafting::Knowledge};
use serde::{Deserialize, Serialize};

/// The target share of lived experience a new framework starts with, in percent.
pub const DEFAULT_LIVED_EXPERIENCE_TARGET: u8 = 50;

/// How many live comments draw on each kind of knowledge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeCounts {
    pub lived_experience: u64,
    pub practice: u64,
    pub research: u64,
    pub organisation: u64,
}

impl KnowledgeCounts {
    pub fn get(&self, kind: Knowledge) -> u64 {
        match kind {
            Knowledge::LivedExperience => self.lived_experience,
            Knowledge::Practice => self.practice,
            Knowledge::Research => self.research,
            Knowledge::Organisation => self.organisation,
        }
    }

    pub fn add(&mut self, kind: Knowledge, count: u64) {
        let slot = match kind {
            Knowledge::LivedExperience => &mut self.lived_experience,
            Knowledge::Practice => &mut self.practice,
            Knowledge::Research => &mut self.research,
            Knowledge::Organisation => &mut self.organisation,
        };
        *slot += count;
    }

    pub fn total(&self) -> u64 {
        Knowledge::ALL.iter().map(|k| self.get(*k)).sum()
    }

    /// Whether lived experience is below `target_percent` of these comments. With no
    /// comments nothing has been heard from anyone, so nothing is under-heard yet.
    /// Compared exactly (never on a rounded share): 49.9% is below a target of 50%.
    pub fn lived_experience_below(&self, target_percent: u8) -> bool {
        let total = self.total();
        total > 0
            && u128::from(self.lived_experience) * 100
                < u128::from(target_percent) * u128::from(total)
    }
}

/// One kind of knowledge's part of the comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub knowledge: Knowledge,
    pub count: u64,
    /// Whole percent. The four add up to exactly 100 (or are all 0 with no comments).
    pub percent: u8,
    /// The share in thousandths (0 to 1000), for drawing bars more finely than a percent.
    pub per_mille: u16,
}

/// Where a set of comments stands against the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Nobody has commented yet.
    NoComments,
    /// Lived experience is below the target share.
    UnderHeard,
    /// Lived experience is at or above the target share.
    OnTarget,
}

impl Standing {
    /// In words, for tables (never shown by colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Self::NoComments => "No comments yet",
            Self::UnderHeard => "Under-heard: lived experience below the target",
            Self::OnTarget => "At or above the target",
        }
    }
}

/// A set of comments' balance of knowledge: counts, shares and standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub total: u64,
    /// One per kind of knowledge, in the order of [`Knowledge::ALL`].
    pub shares: Vec<Share>,
    pub target_percent: u8,
    pub standing: Standing,
}

impl Balance {
    pub fn new(counts: KnowledgeCounts, target_percent: u8) -> Self {
        let total = counts.total();
        let percents = whole_percents(&Knowledge::ALL.map(|k| counts.get(k)));
        let shares = Knowledge::ALL
            .iter()
            .zip(percents)
            .map(|(kind, percent)| {
                let count = counts.get(*kind);
                Share {
                    knowledge: *kind,
                    count,
                    percent,
                    per_mille: if total == 0 {
                        0
                    } else {
                        // At most 1000, so it fits.
                        (u128::from(count) * 1000 / u128::from(total)) as u16
                    },
                }
            })
            .collect();
        let standing = if total == 0 {
            Standing::NoComments
        } else if counts.lived_experience_below(target_percent) {
            Standing::UnderHeard
        } else {
            Standing::OnTarget
        };
        Self {
            total,
            shares,
            target_percent,
            standing,
        }
    }

    pub fn share(&self, kind: Knowledge) -> Option<&Share> {
        self.shares.iter().find(|s| s.knowledge == kind)
    }

    pub fn lived_experience(&self) -> Option<&Share> {
        self.share(Knowledge::LivedExperience)
    }

    pub fn is_under_heard(&self) -> bool {
        self.standing == Standing::UnderHeard
    }

    /// "3 (25%)", or "0" when there are no comments at all (never "NaN%").
    pub fn count_and_percent(&self, kind: Knowledge) -> String {
        match self.share(kind) {
            Some(share) if self.total > 0 => format!("{} ({}%)", share.count, share.percent),
            _ => "0".to_owned(),
        }
    }
}

/// Whole-number percentages of `counts` that add up to exactly 100 (largest remainder:
/// each gets its rounded-down share, and the points left over go to the largest
/// remainders, earlier kinds first on a tie). All zero when there is nothing to share.
pub fn whole_percents<const N: usize>(counts: &[u64; N]) -> [u8; N] {
    let total: u128 = counts.iter().map(|c| u128::from(*c)).sum();
    let mut percents = [0_u8; N];
    if total == 0 {
        return percents;
    }
    let mut remainders = [(0_u128, 0_usize); N];
    let mut given: u32 = 0;
    for (i, count) in counts.iter().enumerate() {
        let scaled = u128::from(*count) * 100;
        // At most 100, so it fits.
        percents[i] = (scaled / total) as u8;
        given += u32::from(percents[i]);
        remainders[i] = (scaled % total, i);
    }
    // Largest remainder first; on a tie, the kind listed first.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.iter().take((100 - given) as usize) {
        percents[*i] += 1;
    }
    percents
}

/// The lived experience target an editor typed: a whole percent from 0 to 100.
pub fn lived_experience_target(raw: &str) -> Result<u8, Invalid> {
    let message = "Enter the target as a whole number from 0 to 100, like 50";
    let trimmed = raw.trim().trim_end_matches('%').trim();
    match trimmed.parse::<u8>() {
        Ok(n) if n <= 100 => Ok(n),
        _ => Err(Invalid::new(message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(lived: u64, practice: u64, research: u64, organisation: u64) -> KnowledgeCounts {
        KnowledgeCounts {
            lived_experience: lived,
            practice,
            research,
            organisation,
        }
    }

    #[test]
    fn shares_of_thirds_still_add_up_to_one_hundred_percent() {
        assert_eq!(whole_percents(&[1, 1, 1, 0]), [34, 33, 33, 0]);
        assert_eq!(whole_percents(&[2, 2, 2, 0]), [34, 33, 33, 0]);
        assert_eq!(whole_percents(&[1, 1, 1, 1]), [25, 25, 25, 25]);
    }

    #[test]
    fn the_left_over_point_goes_to_the_largest_remainder() {
        // 1/7 = 14.29, 2/7 = 28.57, 4/7 = 57.14: 14 + 28 + 57 = 99, and 28.57 is nearest up.
        assert_eq!(whole_percents(&[1, 2, 4, 0]), [14, 29, 57, 0]);
    }

    #[test]
    fn shares_always_add_up_to_one_hundred_whatever_the_counts() {
        for a in 0..12_u64 {
            for b in 0..12_u64 {
                for c in 0..6_u64 {
                    for d in 0..6_u64 {
                        let p = whole_percents(&[a, b, c, d]);
                        let sum: u32 = p.iter().map(|x| u32::from(*x)).sum();
                        let expected = if a + b + c + d == 0 { 0 } else { 100 };
                        assert_eq!(sum, expected, "{a} {b} {c} {d} gave {p:?}");
                        // No kind with comments is ever shown as more than one point off.
                        let total = (a + b + c + d) as f64;
                        for (count, percent) in [a, b, c, d].iter().zip(p) {
                            if total > 0.0 {
                                let exact = *count as f64 * 100.0 / total;
                                assert!(
                                    (exact - f64::from(percent)).abs() < 1.0,
                                    "{exact} vs {percent}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn no_comments_is_no_comments_yet_not_a_division_by_zero() {
        let balance = Balance::new(KnowledgeCounts::default(), 50);
        assert_eq!(balance.total, 0);
        assert_eq!(balance.standing, Standing::NoComments);
        assert_eq!(balance.standing.label(), "No comments yet");
        assert!(
            balance
                .shares
                .iter()
                .all(|s| s.percent == 0 && s.per_mille == 0)
        );
        assert_eq!(balance.count_and_percent(Knowledge::LivedExperience), "0");
        assert!(!balance.is_under_heard());
    }

    #[test]
    fn lived_experience_below_the_target_is_under_heard() {
        let balance = Balance::new(counts(1, 2, 1, 0), 50);
        assert_eq!(balance.standing, Standing::UnderHeard);
        assert_eq!(
            balance.count_and_percent(Knowledge::LivedExperience),
            "1 (25%)"
        );
        assert_eq!(balance.count_and_percent(Knowledge::Practice), "2 (50%)");
        assert_eq!(balance.lived_experience().map(|s| s.per_mille), Some(250));
    }

    #[test]
    fn lived_experience_exactly_at_the_target_is_not_under_heard() {
        assert_eq!(
            Balance::new(counts(2, 1, 1, 0), 50).standing,
            Standing::OnTarget
        );
        assert_eq!(
            Balance::new(counts(3, 0, 1, 0), 50).standing,
            Standing::OnTarget
        );
    }

    #[test]
    fn the_comparison_is_exact_not_on_the_rounded_share() {
        // 499 of 1000 rounds to 50%, yet is below a target of 50%.
        let balance = Balance::new(counts(499, 501, 0, 0), 50);
        assert_eq!(balance.lived_experience().map(|s| s.percent), Some(50));
        assert!(balance.is_under_heard());
    }

    #[test]
    fn a_target_of_zero_is_never_missed_and_one_hundred_needs_only_lived_experience() {
        assert_eq!(
            Balance::new(counts(0, 5, 0, 0), 0).standing,
            Standing::OnTarget
        );
        assert_eq!(
            Balance::new(counts(9, 1, 0, 0), 100).standing,
            Standing::UnderHeard
        );
        assert_eq!(
            Balance::new(counts(9, 0, 0, 0), 100).standing,
            Standing::OnTarget
        );
    }

    #[test]
    fn counts_are_added_up_by_kind() {
        let mut c = KnowledgeCounts::default();
        c.add(Knowledge::Research, 2);
        c.add(Knowledge::Research, 3);
        c.add(Knowledge::Organisation, 1);
        assert_eq!(c.get(Knowledge::Research), 5);
        assert_eq!(c.total(), 6);
    }

    #[test]
    fn the_target_is_a_whole_percent_from_zero_to_one_hundred() {
        assert_eq!(lived_experience_target("50"), Ok(50));
        assert_eq!(lived_experience_target(" 0 "), Ok(0));
        assert_eq!(lived_experience_target("100"), Ok(100));
        assert_eq!(lived_experience_target("40%"), Ok(40));
        for bad in ["", "101", "-1", "50.5", "half", "1e2", "256"] {
            let error = lived_experience_target(bad).unwrap_err();
            assert_eq!(
                error.0, "Enter the target as a whole number from 0 to 100, like 50",
                "{bad:?}"
            );
        }
    }
}
