//! The additions: content juesuan can print that a jurisdiction's template does not have (the
//! 类 budget-completion rates in 五（二）, the 预决算差异率 paragraph in 四, the year-over-year
//! clauses in 二/三/六, the charts). Each profile declares its defaults in
//! `profiles/<name>/additions.toml`; a unit overrides any of them in `settings.additions`
//! ([`crate::input::Additions`]). A profile without the file prints them all (as the central
//! template does).

use crate::input::Additions;
use serde::{Deserialize, Serialize};

/// Which additions a report prints: the profile's defaults with the unit's choices applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileAdditions {
    /// 五（二）: each 类 against its budget ("分类来看：……").
    pub category_completion: bool,
    /// 四: actual against budget with the 预决算差异率 ("与预算相比，……").
    pub deviation_rate: bool,
    /// 二、三、六: the clause against last year ("比上年增加……").
    pub yoy_clauses: bool,
    /// The charts of the HTML report.
    pub charts: bool,
}

impl Default for ProfileAdditions {
    /// Everything on: a profile that declares nothing prints what the central profile prints.
    fn default() -> Self {
        ProfileAdditions {
            category_completion: true,
            deviation_rate: true,
            yoy_clauses: true,
            charts: true,
        }
    }
}

impl ProfileAdditions {
    /// The profile's defaults with the unit's own choices (`settings.additions`) applied.
    pub fn with(self, unit: &Additions) -> ProfileAdditions {
        ProfileAdditions {
            category_completion: unit.category_completion.unwrap_or(self.category_completion),
            deviation_rate: unit.deviation_rate.unwrap_or(self.deviation_rate),
            yoy_clauses: unit.yoy_clauses.unwrap_or(self.yoy_clauses),
            charts: unit.charts.unwrap_or(self.charts),
        }
    }
}

/// Parses `profiles/<name>/additions.toml`; an error names the file's line and what is expected.
pub fn parse(text: &str) -> Result<ProfileAdditions, String> {
    super::parse_toml(
        text,
        "应写 category_completion、deviation_rate、yoy_clauses、charts 四项，每项 true 或 false",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_units_choice_overrides_the_profiles_default() {
        let off = parse(
            "category_completion = false\ndeviation_rate = false\nyoy_clauses = false\ncharts = false\n",
        )
        .unwrap();
        let unit = Additions {
            yoy_clauses: Some(true),
            ..Additions::default()
        };
        let got = off.with(&unit);
        assert!(got.yoy_clauses && !got.charts && !got.deviation_rate && !got.category_completion);
        assert_eq!(
            ProfileAdditions::default().with(&Additions::default()),
            ProfileAdditions::default()
        );
    }

    #[test]
    fn a_bad_file_names_its_line() {
        let e = parse("category_completion = false\ncharts = \"no\"\n").unwrap_err();
        assert!(e.contains("第 2 行"), "{e}");
        let e = parse("yoy = true\n").unwrap_err();
        assert!(e.contains("yoy"), "{e}");
    }
}
