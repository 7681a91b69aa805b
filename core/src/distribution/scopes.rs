//! Distribution scopes as data (docs/domain.md §7): who receives which postings, in which view. The
//! standard rule set is `core/data/scopes.json`; an integrator adds a recipient kind (a
//! prefecture's own matching desk) with a rule in the same JSON shape, without a release.

use serde::{Deserialize, Serialize};

use crate::occupation::Occupation;
use crate::views::View;

/// Where a recipient's postings may come from.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Nationwide,
    /// Only postings whose workplace is in the recipient's prefecture.
    OwnPrefecture,
}

impl Region {
    pub const ALL: [Region; 2] = [Region::Nationwide, Region::OwnPrefecture];
}

/// Which occupations a rule covers: `"all"` or a list of codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Occupations {
    All(AllMarker),
    Listed(Vec<Occupation>),
}

/// The string `"all"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllMarker {
    All,
}

impl Occupations {
    pub fn contains(&self, occupation: Occupation) -> bool {
        match self {
            Occupations::All(_) => true,
            Occupations::Listed(list) => list.contains(&occupation),
        }
    }

    /// As a bit set over the 11 occupations.
    pub fn mask(&self) -> u16 {
        Occupation::all()
            .filter(|o| self.contains(*o))
            .fold(0, |m, o| m | (1 << o.rank()))
    }
}

/// One rule: a recipient kind, the view it gets, and its scope.
#[cfg_attr(
    feature = "uniffi",
    derive(uniffi::Record),
    uniffi(name = "DistributionRule")
)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub kind: String,
    pub label_ja: String,
    pub view: View,
    pub occupations: Occupations,
    /// `nursing occupations` — for explanations.
    pub occupations_label: String,
    /// `a nursing occupation` — for explanations (`occupation pharmacist is not …`).
    pub occupation_noun: String,
    pub region: Region,
    /// The recipient carries a `prefecture` (a prefecture, its labour bureau, its nurse centre).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tied_to_prefecture: bool,
    /// The recipient carries a `name` (each placement agency).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub needs_name: bool,
    /// Where the rule comes from (seed section, or the integrator's own note).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub source: String,
}

impl Rule {
    /// The occupations in Japanese: `全職種` or the names joined by ・ (`保健師・助産師・看護師・准看護師`).
    pub fn occupations_ja(&self) -> String {
        match &self.occupations {
            Occupations::All(_) => "全職種".to_owned(),
            Occupations::Listed(list) => {
                let names: Vec<&str> = list.iter().map(|o| o.name_ja()).collect();
                names.join("・")
            }
        }
    }

    /// `都道府県ナースセンター：保健師・助産師・看護師・准看護師（自都道府県内）`.
    pub fn description_ja(&self) -> String {
        let region = match self.region {
            Region::Nationwide => "全国",
            Region::OwnPrefecture => "自都道府県内",
        };
        format!("{}：{}（{}）", self.label_ja, self.occupations_ja(), region)
    }

    /// `prefectural_nurse_center: nursing occupations in its own prefecture`.
    pub fn description(&self) -> String {
        let region = match self.region {
            Region::Nationwide => "nationwide",
            Region::OwnPrefecture => "in its own prefecture",
        };
        format!("{}: {} {}", self.kind, self.occupations_label, region)
    }
}

/// A rule set that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleSetError {
    #[error("the rule set is not valid JSON of rules: {0}")]
    Json(String),
    #[error("two rules for recipient kind {0:?}")]
    DuplicateKind(String),
    #[error(
        "rule {0:?}: a recipient whose region is its own prefecture must be tied to a prefecture"
    )]
    RegionWithoutPrefecture(String),
    #[error("no rule for recipient kind {0:?}")]
    UnknownKind(String),
}

/// The rules of distribution, by recipient kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    #[serde(default)]
    pub source: String,
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The standard rules of docs/domain.md §7 (prefectural medical associations: own prefecture).
    pub fn standard() -> RuleSet {
        Self::standard_ref().clone()
    }

    /// The standard rules, read once per process.
    pub fn standard_ref() -> &'static RuleSet {
        static STANDARD: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        STANDARD.get_or_init(|| {
            // Embedded data, read by `the_standard_rules_read` below: a file that did not read
            // would fail that test, never give an empty rule set that sends nothing to anyone.
            #[allow(clippy::expect_used)]
            RuleSet::from_json(include_str!("../../data/scopes.json"))
                .expect("core/data/scopes.json reads and passes its checks (checked by a test)")
        })
    }

    /// Reads a rule set (the shape of `core/data/scopes.json`) and checks it.
    pub fn from_json(text: &str) -> Result<RuleSet, RuleSetError> {
        let set: RuleSet =
            serde_json::from_str(text).map_err(|e| RuleSetError::Json(e.to_string()))?;
        set.check()?;
        Ok(set)
    }

    fn check(&self) -> Result<(), RuleSetError> {
        for (i, rule) in self.rules.iter().enumerate() {
            if self.rules.iter().skip(i + 1).any(|r| r.kind == rule.kind) {
                return Err(RuleSetError::DuplicateKind(rule.kind.clone()));
            }
            if rule.region == Region::OwnPrefecture && !rule.tied_to_prefecture {
                return Err(RuleSetError::RegionWithoutPrefecture(rule.kind.clone()));
            }
        }
        Ok(())
    }

    /// Adds (or replaces) rules from JSON: `{"rules": [ … ]}` or a single rule object.
    pub fn extend_from_json(&mut self, text: &str) -> Result<(), RuleSetError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| RuleSetError::Json(e.to_string()))?;
        let rules: Vec<Rule> = match value.get("rules") {
            Some(list) => serde_json::from_value(list.clone()),
            None => serde_json::from_value(value).map(|r| vec![r]),
        }
        .map_err(|e| RuleSetError::Json(e.to_string()))?;
        let mut next = self.clone();
        for rule in rules {
            next.rules.retain(|r| r.kind != rule.kind);
            next.rules.push(rule);
        }
        next.check()?;
        *self = next;
        Ok(())
    }

    /// Sets the region of a kind (the prefectural medical associations' region is a setting).
    pub fn with_region(mut self, kind: &str, region: Region) -> Result<RuleSet, RuleSetError> {
        let rule = self
            .rules
            .iter_mut()
            .find(|r| r.kind == kind)
            .ok_or_else(|| RuleSetError::UnknownKind(kind.to_owned()))?;
        rule.region = region;
        self.check()?;
        Ok(self)
    }

    pub fn rule(&self, kind: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.kind == kind)
    }

    pub(crate) fn rule_index(&self, kind: &str) -> Option<usize> {
        self.rules.iter().position(|r| r.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_rules_read() {
        let set = RuleSet::from_json(include_str!("../../data/scopes.json")).unwrap();
        assert!(set.rules.len() >= 10, "{} rules", set.rules.len());
        assert_eq!(RuleSet::standard_ref(), &set);
    }
}
