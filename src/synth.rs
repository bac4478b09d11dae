//! Realistic synthetic units for benchmarks, deterministic from a seed: any number of 项 rows
//! (catalogue codes first, then named codes under known 款), full 经济分类, prior-year figures,
//! reasons, 三公, procurement, vehicles and 绩效 projects. Every generated unit is balanced and
//! passes `check` without errors.

use std::fmt::Write;

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_add(0x9E37_79B9_7F4A_7C15))
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// The 项 codes for `n` rows: the catalogue's 项 first, then named codes under known 款.
fn codes(n: usize) -> Vec<(String, Option<String>)> {
    let mut v: Vec<(String, Option<String>)> =
        crate::catalogue::codes_like(crate::catalogue::Classification::Function, 7)
            .into_iter()
            .filter(|c| crate::catalogue::reserved_fund(c).is_none())
            .map(|c| (c.to_string(), None))
            .collect();
    let sections = [
        "20106", "20805", "21011", "21013", "21015", "21099", "22102", "21201", "22001", "21101",
    ];
    'outer: for s in sections {
        for k in 30..100 {
            if v.len() >= n {
                break 'outer;
            }
            let code = format!("{s}{k:02}");
            if crate::catalogue::name_of(crate::catalogue::Classification::Function, &code).is_none() {
                v.push((code.clone(), Some(format!("合成科目{code}"))));
            }
        }
    }
    v.truncate(n);
    v
}

/// A balanced unit with `items` 项 rows and `projects` 绩效 projects, in YAML.
pub fn unit_yaml(seed: u64, items: usize, projects: usize) -> String {
    let mut r = Rng::new(seed);
    let mut y = String::with_capacity(items * 300 + projects * 1500 + 4000);
    let _ = writeln!(y, "unit:\n  name: 合成单位{seed}\n  year: 2024\n  nature: 行政");
    y.push_str("  duties:\n");
    for i in 0..5 {
        let _ = writeln!(y, "    - 负责第{i}项职责，组织实施有关政策并开展监督检查。");
    }
    y.push_str("  offices: [办公室, 业务科, 财务科]\n  staff: {authorized_admin: 20, actual: 18, active: 16, retired: 2}\n");
    let rows = codes(items);
    let mut amounts = Vec::with_capacity(rows.len());
    for _ in &rows {
        let personnel = r.below(3_000_000);
        let public = r.below(400_000);
        let project = if r.below(3) == 0 { r.below(2_000_000) } else { 0 };
        let other = if r.below(5) == 0 { r.below(100_000) } else { 0 };
        amounts.push((personnel, public, project, other));
    }
    y.push_str("income:\n");
    for ((code, name), (p, q, j, o)) in rows.iter().zip(&amounts) {
        let name = name.as_ref().map(|n| format!(", name: {n}")).unwrap_or_default();
        let _ = writeln!(
            y,
            "  - {{code: {code}{name}, general: {}, other: {}}}",
            cents(p + q + j),
            cents(*o)
        );
    }
    y.push_str("expenditure:\n");
    for ((code, name), (p, q, j, o)) in rows.iter().zip(&amounts) {
        let _ = writeln!(y, "  - code: {code}");
        if let Some(n) = name {
            let _ = writeln!(y, "    name: {n}");
        }
        let _ = writeln!(
            y,
            "    general: {{personnel: {}, public: {}, project: {}}}",
            cents(*p),
            cents(*q),
            cents(*j)
        );
        let _ = writeln!(y, "    other: {{basic: {}}}", cents(*o));
        let total = p + q + j;
        let budget = total + r.below(total / 5 + 1);
        let _ = writeln!(y, "    budget: {{initial: {}}}", cents(budget));
        let _ = writeln!(y, "    purpose: 保障机构正常运转和业务开展。");
        let _ = writeln!(y, "    change_reason: 人员变动和业务量变化。");
        let _ = writeln!(y, "    budget_reason: 年中追加和严格控制支出。");
    }
    let personnel: u64 = amounts.iter().map(|a| a.0).sum();
    let public: u64 = amounts.iter().map(|a| a.1).sum();
    let econ_personnel = [
        "30101", "30102", "30103", "30107", "30108", "30110", "30112", "30113", "30302",
    ];
    let econ_public = [
        "30201", "30202", "30207", "30211", "30217", "30228", "30231", "30299",
    ];
    y.push_str("basic_by_economic:\n");
    for (list, total) in [(&econ_personnel[..], personnel), (&econ_public[..], public)] {
        let mut left = total;
        for (i, code) in list.iter().enumerate() {
            let part = if i + 1 == list.len() { left } else { left / 3 };
            left -= part;
            let _ = writeln!(y, "  - {{code: {code}, amount: {}}}", cents(part));
        }
    }
    let _ = writeln!(
        y,
        "balances:\n  opening: {{general: {0}}}\n  closing: {{general: {0}}}",
        cents(r.below(500_000))
    );
    let s: Vec<u64> = (0..4).map(|_| r.below(50_000)).collect();
    y.push_str("sangong:\n");
    for (i, k) in ["abroad", "vehicle_purchase", "vehicle_running", "reception"]
        .iter()
        .enumerate()
    {
        let _ = writeln!(
            y,
            "  {k}: {{budget_initial: {}, actual: {}, change_reason: 严格执行规定。, budget_reason: 厉行节约。}}",
            cents(s[i] + 5_000),
            cents(s[i])
        );
    }
    let _ = writeln!(
        y,
        "  vehicles_held: 2\n  vehicles_bought: 1\n  reception_batches: 12\n  reception_people: 80"
    );
    let _ = writeln!(
        y,
        "  change_reason: 严格执行中央八项规定。\n  budget_reason: 厉行节约。"
    );
    let _ = writeln!(
        y,
        "operating_costs: {{amount: {}, change_reason: 压减一般性支出。}}",
        cents(public)
    );
    let goods = r.below(300_000);
    let _ = writeln!(
        y,
        "procurement: {{goods: {}, services: 100.00, sme: {}, small_micro: 0}}",
        cents(goods),
        cents(goods / 2)
    );
    let _ = writeln!(
        y,
        "assets: {{vehicles_total: 2, vehicles_enforcement: 2, equipment_over_million: 0}}"
    );
    y.push_str("performance:\n  summary: [本单位建立了预算绩效管理制度。]\n  projects:\n");
    for p in 0..projects {
        let _ = writeln!(
            y,
            "    - name: 合成项目{p}\n      fiscal: {{initial: 10.00, full: 10.00, actual: 9.50}}"
        );
        let _ = writeln!(
            y,
            "      funds_weight: 10\n      funds_score: 9.5\n      goal: 完成年度任务。\n      achieved: 基本完成。\n      indicators:"
        );
        for (l1, l2, w) in [
            ("产出指标", "数量指标", 25),
            ("产出指标", "质量指标", 25),
            ("效益指标", "社会效益指标", 30),
            ("满意度指标", "服务对象满意度指标", 10),
        ] {
            let _ = writeln!(
                y,
                "        - {{level1: {l1}, level2: {l2}, level3: 指标{p}, target: ≥95%, actual: 96%, weight: {w}, score: {w}}}"
            );
        }
        let _ = writeln!(y, "      score: 99.5");
    }
    y.push_str("previous:\n  totals:\n");
    let _ = writeln!(
        y,
        "    general: {}",
        cents(amounts.iter().map(|a| a.0 + a.1 + a.2).sum::<u64>() * 9 / 10)
    );
    y.push_str("    general_items:\n");
    for ((code, _), (p, q, j, _)) in rows.iter().zip(&amounts) {
        let _ = writeln!(
            y,
            "      - {{code: {code}, amount: {}}}",
            cents((p + q + j) * (80 + r.below(40)) / 100)
        );
    }
    y.push_str("reasons: {total_change: 人员和项目变化。, general_change: 人员和项目变化。, fiscal_change: 人员和项目变化。, fiscal_budget: 年中追加。, general_budget: 年中追加。}\n");
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_units_are_deterministic_and_clean() {
        assert_eq!(unit_yaml(7, 30, 3), unit_yaml(7, 30, 3));
        assert_ne!(unit_yaml(7, 30, 3), unit_yaml(8, 30, 3));
        for (items, projects) in [(5, 0), (60, 2), (300, 20)] {
            let text = unit_yaml(1, items, projects);
            let loaded = crate::load::load_str("synth.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
            let ctx = crate::derive::derive(&loaded);
            let findings = crate::audit::audit(&loaded, &ctx);
            let errors: Vec<_> = findings
                .iter()
                .filter(|f| f.severity == crate::audit::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
            assert_eq!(ctx.text.general.items.len(), items);
        }
    }
}
