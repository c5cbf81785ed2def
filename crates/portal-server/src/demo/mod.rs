//! Deterministic demonstration records for Jinan.
//!
//! The same seed and the same `today` give the same records, byte for byte.
//! Enterprises carry valid credit codes (with a valid organisation code
//! inside); decisions carry the whole disclosure field set and read like real
//! ones, written from the violations in [`violations`]; some enterprises are on
//! the blacklist. Dates spread over the years before `today`, so some decisions
//! are already past their disclosure deadline and some listings have ended.

mod blacklist;
pub(crate) mod enforcement;
pub(crate) mod licences;
pub(crate) mod violations;
mod words;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use chrono::{Datelike, Days, NaiveDate, Utc};
use portal_types::blacklist::{ListRegime, ListingGround, rules};
use portal_types::money::yuan_in_capitals;
use portal_types::{CreditCode, District, Industry, PenaltyCategory};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use portal_store::clock::{china_time, today_in_china};
pub use portal_store::records::{DemoAmendment, DemoDecision, DemoEnterprise, DemoListing};
use portal_store::{DemoState, Store};
use violations::{Details, Violation};

/// The seed of the demo data. Changing it changes every record.
pub const SEED: u64 = 0x004A_494E_414E_2018;

/// How many records to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSize {
    /// Enterprises in the directory (at least 10).
    pub enterprises: u32,
    /// Penalty decisions.
    pub decisions: u32,
}

/// Loads demo data into the store unless it already holds records.
/// An interrupted earlier load is cleared and redone.
pub async fn load_if_empty(store: &Store, size: &DemoSize) -> anyhow::Result<()> {
    match store.demo_state().await? {
        DemoState::Complete | DemoState::RealRecords => return Ok(()),
        DemoState::Interrupted => {
            tracing::warn!("an earlier demo data load was interrupted; starting again");
            store.clear_demo_data().await?;
        }
        DemoState::Empty => {}
    }
    let started = Instant::now();
    let today = today_in_china();
    tracing::info!(
        enterprises = size.enterprises,
        decisions = size.decisions,
        %today,
        "loading demo data"
    );
    let mut generator = Generator::new(SEED, today, *size);
    store.begin_demo_load(SEED, today).await?;
    for chunk in generator.enterprises().chunks(5_000) {
        store.insert_demo_enterprises(chunk).await?;
    }
    let mut loaded = 0u32;
    while let Some(batch) = generator.next_decisions(5_000) {
        store.insert_demo_decisions(&batch).await?;
        loaded += u32::try_from(batch.len()).unwrap_or(u32::MAX);
        if loaded % 100_000 < 5_000 && size.decisions >= 100_000 {
            tracing::info!(loaded, "demo decisions loaded so far");
        }
    }
    store.insert_demo_listings(&generator.listings()).await?;
    store.finish_demo_load().await?;
    tracing::info!(elapsed = ?started.elapsed(), "demo data loaded");
    Ok(())
}

/// Generates the demo records.
pub struct Generator {
    rng: ChaCha8Rng,
    today: NaiveDate,
    size: DemoSize,
    enterprises: Vec<DemoEnterprise>,
    /// Days before `today` of the decisions still to generate, oldest last.
    pending_days: Vec<u16>,
    /// The next number of each authority's decisions, by year.
    numbers: HashMap<(String, i32), u32>,
}

impl Generator {
    /// A generator of `size` records dated up to `today`.
    pub fn new(seed: u64, today: NaiveDate, size: DemoSize) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let enterprises = generate_enterprises(&mut rng, today, size.enterprises.max(10));
        // Decisions span the last two years; generated oldest first so that
        // each authority numbers its decisions in date order.
        let mut pending_days: Vec<u16> = (0..size.decisions)
            .map(|_| rng.random_range(0..730))
            .collect();
        pending_days.sort_unstable();
        Self {
            rng,
            today,
            size,
            enterprises,
            pending_days,
            numbers: HashMap::new(),
        }
    }

    /// The enterprises of the directory.
    pub fn enterprises(&self) -> &[DemoEnterprise] {
        &self.enterprises
    }

    /// The next `n` decisions in date order, or `None` when all were given.
    pub fn next_decisions(&mut self, n: usize) -> Option<Vec<DemoDecision>> {
        if self.pending_days.is_empty() {
            return None;
        }
        let mut batch = Vec::with_capacity(n);
        while batch.len() < n {
            let Some(days_ago) = self.pending_days.pop() else {
                break;
            };
            let decided_on = self.today - Days::new(u64::from(days_ago));
            batch.push(self.decision(decided_on));
        }
        Some(batch)
    }

    /// The blacklist: about one enterprise in forty, listed over the last four years.
    pub fn listings(&mut self) -> Vec<DemoListing> {
        let count = (self.size.enterprises.max(10) / 40).max(5) as usize;
        let chosen: Vec<DemoEnterprise> = self
            .enterprises
            .choose_multiple(&mut self.rng, count)
            .cloned()
            .collect();
        chosen
            .into_iter()
            .enumerate()
            .map(|(index, enterprise)| self.listing(&enterprise, index == 0))
            .collect()
    }

    fn decision(&mut self, decided_on: NaiveDate) -> DemoDecision {
        let rng = &mut self.rng;
        let enterprise = self
            .enterprises
            .choose(rng)
            .cloned()
            .unwrap_or_else(|| generate_enterprises(rng, self.today, 1).remove(0));
        let violation = pick_violation(rng, enterprise.industry);
        let city_level = rng.random_bool(0.15);
        let closure = violation.categories.contains(&PenaltyCategory::Closure);
        let authority = if closure {
            words::district_government(enterprise.district)
        } else if city_level {
            words::CITY_AUTHORITY.to_owned()
        } else {
            words::district_authority(enterprise.district)
        };
        let year = decided_on.year();
        let number = self
            .numbers
            .entry((authority.clone(), year))
            .and_modify(|n| *n += 1)
            .or_insert(1);
        let decision_no = if closure {
            format!(
                "济{}政罚〔{year}〕{number}号",
                words::district_abbreviation(enterprise.district)
            )
        } else if city_level {
            format!("济应急罚〔{year}〕{number}号")
        } else {
            format!(
                "济{}应急罚〔{year}〕{number}号",
                words::district_abbreviation(enterprise.district)
            )
        };
        let rng = &mut self.rng;
        let inspected_on = decided_on - Days::new(rng.random_range(20..60));
        let facts = write_facts(rng, violation, &enterprise, &authority, inspected_on);
        let (fine_yuan, confiscated_yuan) = amounts(rng, violation);
        let content = penalty_content(violation, &enterprise.name, fine_yuan, confiscated_yuan);
        let serious = violation.categories.iter().any(|c| {
            matches!(
                c,
                PenaltyCategory::Suspension | PenaltyCategory::Licence | PenaltyCategory::Closure
            )
        });
        // Ordinary penalties stay public for one year, serious ones for three.
        let disclosure_until = decided_on + Days::new(if serious { 3 * 365 } else { 365 });
        let revocation = if rng.random_bool(0.006) {
            let on = decided_on + Days::new(rng.random_range(30..180));
            (on <= self.today).then(|| {
                let reason = violations::REVOCATION_REASONS
                    .choose(rng)
                    .copied()
                    .unwrap_or_default();
                (on, reason.to_owned())
            })
        } else {
            None
        };
        let published_at = decided_on
            .and_hms_opt(9, 0, 0)
            .and_then(|t| t.and_local_timezone(china_time()).single())
            .map(|t| t.with_timezone(&Utc) + chrono::Duration::days(rng.random_range(1..7)))
            .unwrap_or_else(Utc::now);
        let legal_representative = enterprise.legal_representative.clone();
        let amendment = if rng.random_bool(0.006) {
            let amended_at = published_at + chrono::Duration::days(rng.random_range(3..40));
            (amended_at.with_timezone(&china_time()).date_naive() <= self.today).then(|| {
                if fine_yuan > 0 && rng.random_bool(0.5) {
                    let wrong = yuan_in_capitals(fine_yuan + 1_000);
                    DemoAmendment {
                        amended_at,
                        reason: "更正处罚内容中大写金额与小写金额不一致的笔误".to_owned(),
                        changes: vec![(
                            "penalty_content".to_owned(),
                            content.replacen(&yuan_in_capitals(fine_yuan), &wrong, 1),
                            content.clone(),
                        )],
                    }
                } else {
                    DemoAmendment {
                        amended_at,
                        reason: "更正法定代表人姓名的笔误".to_owned(),
                        changes: vec![(
                            "legal_representative".to_owned(),
                            person_name(rng),
                            legal_representative.clone(),
                        )],
                    }
                }
            })
        } else {
            None
        };
        DemoDecision {
            decision_no,
            credit_code: enterprise.credit_code.clone(),
            party_name: enterprise.name.clone(),
            legal_representative: enterprise.legal_representative.clone(),
            violation_type: violation.kind.to_owned(),
            facts,
            violated_provisions: violation.violated.to_owned(),
            legal_basis: violation.basis.to_owned(),
            penalty_categories: violation.categories.to_vec(),
            penalty_content: content,
            fine_fen: i64::try_from(fine_yuan * 100).unwrap_or(i64::MAX),
            confiscated_fen: i64::try_from(confiscated_yuan * 100).unwrap_or(i64::MAX),
            decided_on,
            authority,
            disclosure_until,
            district: enterprise.district,
            industry: enterprise.industry,
            revocation,
            published_at,
            amendment,
        }
    }

    /// One listing; a `recent` one (the first, so that even the smallest
    /// demo has a current listing) dates from the last ten months.
    fn listing(&mut self, enterprise: &DemoEnterprise, recent: bool) -> DemoListing {
        let rng = &mut self.rng;
        let which = rng.random_range(0..blacklist::GROUNDS.len());
        let ground = &blacklist::GROUNDS[which];
        let days_ago = if recent {
            rng.random_range(10..300)
        } else {
            rng.random_range(10..4 * 365)
        };
        let listed_on = self.today - Days::new(days_ago);
        let incident_on = listed_on - Days::new(rng.random_range(30..200));
        let breach = ground
            .breach
            .replace("{date}", &chinese_date(incident_on))
            .replace(
                "{place}",
                Details::PLACES.choose(rng).copied().unwrap_or("生产车间"),
            )
            .replace(
                "{accident}",
                blacklist::ACCIDENTS
                    .choose(rng)
                    .copied()
                    .unwrap_or("机械伤害"),
            )
            .replace("{deaths}", &rng.random_range(1..4).to_string())
            .replace(
                "{hazard}",
                Details::HAZARDS.choose(rng).copied().unwrap_or_default(),
            );
        // The old list's entries keep its words; both lists run three years.
        let (ground_kind, reason) = if ListRegime::of(listed_on) == ListRegime::JointPunishment2017
        {
            (
                ListingGround::JointPunishment2017,
                blacklist::GROUNDS_2017[which % blacklist::GROUNDS_2017.len()],
            )
        } else {
            (ground.ground, ground.reason)
        };
        let expected_removal_on = rules::term_end(listed_on);
        let earliest = rules::earliest_early_removal(listed_on);
        let removal = if !recent
            && earliest <= self.today
            && expected_removal_on > self.today
            && rng.random_bool(0.25)
        {
            let span = (self.today - earliest).num_days().max(1);
            let on = earliest + Days::new(u64::try_from(rng.random_range(0..span)).unwrap_or(0));
            Some((on, blacklist::EARLY_REMOVAL_REASON.to_owned()))
        } else {
            None
        };
        DemoListing {
            credit_code: enterprise.credit_code.clone(),
            ground: ground_kind,
            reason: reason.to_owned(),
            breach_summary: breach,
            authority: if rng.random_bool(0.5) {
                words::CITY_AUTHORITY.to_owned()
            } else {
                words::district_authority(enterprise.district)
            },
            listed_on,
            expected_removal_on,
            measures: blacklist::MEASURES
                .iter()
                .map(|m| (*m).to_owned())
                .collect(),
            removal,
        }
    }
}

fn pick_violation(rng: &mut ChaCha8Rng, industry: Industry) -> &'static Violation {
    let candidates: Vec<&Violation> = violations::VIOLATIONS
        .iter()
        .filter(|v| v.industries.is_empty() || v.industries.contains(&industry))
        .collect();
    candidates
        .choose_weighted(rng, |v| v.weight)
        .copied()
        .unwrap_or(&violations::VIOLATIONS[0])
}

fn write_facts(
    rng: &mut ChaCha8Rng,
    violation: &Violation,
    enterprise: &DemoEnterprise,
    authority: &str,
    inspected_on: NaiveDate,
) -> String {
    let opening = violations::OPENINGS
        .choose(rng)
        .copied()
        .unwrap_or_default();
    let finding = violation.findings.choose(rng).copied().unwrap_or_default();
    let evidence = violations::EVIDENCE
        .choose(rng)
        .copied()
        .unwrap_or_default();
    let earlier = inspected_on - Days::new(rng.random_range(30..90));
    let deadline = earlier + Days::new(15);
    let (post, ppe) = Details::PROTECTIVE_EQUIPMENT
        .choose(rng)
        .copied()
        .unwrap_or(("打磨", "防尘口罩"));
    let text = format!("{opening}{finding}。{evidence}");
    text.replace("{date}", &chinese_date(inspected_on))
        .replace("{earlier}", &chinese_date(earlier))
        .replace("{deadline}", &chinese_date(deadline))
        .replace("{authority}", authority)
        .replace("{party}", &enterprise.name)
        .replace("{address}", &enterprise.address)
        .replace("{n}", &chinese_count(rng.random_range(2..9)))
        .replace("{staff}", &rng.random_range(35..480).to_string())
        .replace("{person}", &format!("{}某", surname(rng)))
        .replace(
            "{operation}",
            Details::SPECIAL_OPERATIONS
                .choose(rng)
                .copied()
                .unwrap_or_default(),
        )
        .replace(
            "{place}",
            Details::PLACES.choose(rng).copied().unwrap_or_default(),
        )
        .replace(
            "{equipment}",
            Details::EQUIPMENT.choose(rng).copied().unwrap_or_default(),
        )
        .replace(
            "{work}",
            Details::DANGEROUS_WORK
                .choose(rng)
                .copied()
                .unwrap_or_default(),
        )
        .replace(
            "{hazard}",
            Details::HAZARDS.choose(rng).copied().unwrap_or_default(),
        )
        .replace(
            "{level}",
            ["一", "二", "三", "四"]
                .choose(rng)
                .copied()
                .unwrap_or("三"),
        )
        .replace("{boxes}", &rng.random_range(20..400).to_string())
        .replace("{post}", post)
        .replace("{ppe}", ppe)
}

fn surname(rng: &mut ChaCha8Rng) -> &'static str {
    words::SURNAMES.choose(rng).copied().unwrap_or("王")
}

/// The fine and the confiscated amount, in yuan.
fn amounts(rng: &mut ChaCha8Rng, violation: &Violation) -> (u64, u64) {
    let (low, high) = violation.fine_range;
    let fine = if high == 0 {
        0
    } else {
        // Round to the thousand, as decisions do.
        let steps = (high - low) / 1_000;
        low + rng.random_range(0..=steps) * 1_000
    };
    let confiscated = if violation
        .categories
        .contains(&PenaltyCategory::Confiscation)
    {
        rng.random_range(800..30_000)
    } else {
        0
    };
    (fine, confiscated)
}

fn penalty_content(violation: &Violation, party: &str, fine: u64, confiscated: u64) -> String {
    let mut parts = Vec::new();
    for category in violation.categories {
        match category {
            PenaltyCategory::Fine => parts.push(format!(
                "处罚款人民币{}（¥{}元）",
                yuan_in_capitals(fine),
                fine
            )),
            PenaltyCategory::Confiscation => parts.push(format!(
                "没收非法经营的烟花爆竹及违法所得人民币{}（¥{}元）",
                yuan_in_capitals(confiscated),
                confiscated
            )),
            PenaltyCategory::Suspension => parts.push("责令停产停业整顿".to_owned()),
            PenaltyCategory::Closure => parts.push("予以关闭".to_owned()),
            PenaltyCategory::Licence => parts.push("提请有关部门依法吊销其有关证照".to_owned()),
            PenaltyCategory::Warning => parts.push("给予警告".to_owned()),
        }
    }
    format!(
        "依据{}的规定，决定对{party}{}。",
        violation.basis,
        parts.join("，")
    )
}

fn generate_enterprises(rng: &mut ChaCha8Rng, today: NaiveDate, count: u32) -> Vec<DemoEnterprise> {
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    let mut out = Vec::with_capacity(count as usize);
    while out.len() < count as usize {
        let district = *District::ALL.choose(rng).unwrap_or(&District::Lixia);
        let industry = *Industry::ALL
            .choose(rng)
            .unwrap_or(&Industry::IndustryAndTrade);
        let individual = rng.random_bool(0.08);
        let name = enterprise_name(rng, district, industry, individual);
        if !names.insert(name.clone()) {
            continue;
        }
        let code = credit_code(rng, district, individual);
        if !codes.insert(code.clone()) {
            continue;
        }
        let registered_on = today - Days::new(rng.random_range(400..9_000));
        let former_name = (!individual && rng.random_bool(0.05)).then(|| {
            let former = enterprise_name(rng, district, industry, false);
            let until = registered_on + Days::new(rng.random_range(100..380));
            (former, until.min(today))
        });
        out.push(DemoEnterprise {
            credit_code: code,
            legal_representative: person_name(rng),
            address: format!(
                "济南市{}{}{}号",
                district.name_zh(),
                words::ROADS.choose(rng).copied().unwrap_or("经十路"),
                rng.random_range(1..3000)
            ),
            name,
            district,
            industry,
            registered_on,
            former_name,
        });
    }
    out
}

fn enterprise_name(
    rng: &mut ChaCha8Rng,
    district: District,
    industry: Industry,
    individual: bool,
) -> String {
    if individual {
        let shop = words::shop_words(industry)
            .choose(rng)
            .copied()
            .unwrap_or("加工厂");
        return format!(
            "{}{}{}记{}",
            district.name_zh(),
            words::TRADE_NAME_CHARACTERS
                .choose(rng)
                .copied()
                .unwrap_or("鑫"),
            words::SURNAMES.choose(rng).copied().unwrap_or("王"),
            shop
        );
    }
    let prefix = match rng.random_range(0..10) {
        0..=5 => "济南".to_owned(),
        6..=8 => "山东".to_owned(),
        _ => format!("济南市{}", district.name_zh()),
    };
    let trade: String = (0..2)
        .map(|_| {
            words::TRADE_NAME_CHARACTERS
                .choose(rng)
                .copied()
                .unwrap_or("鑫")
        })
        .collect();
    let business = words::business_words(industry)
        .choose(rng)
        .copied()
        .unwrap_or("商贸");
    let form = match rng.random_range(0..20) {
        0..=11 => "有限公司",
        12..=17 => "有限责任公司",
        _ => "股份有限公司",
    };
    format!("{prefix}{trade}{business}{form}")
}

fn person_name(rng: &mut ChaCha8Rng) -> String {
    let surname = words::SURNAMES.choose(rng).copied().unwrap_or("王");
    let given_length = if rng.random_bool(0.7) { 2 } else { 1 };
    let given: String = (0..given_length)
        .map(|_| {
            words::GIVEN_NAME_CHARACTERS
                .choose(rng)
                .copied()
                .unwrap_or("伟")
        })
        .collect();
    format!("{surname}{given}")
}

/// A credit code as the registration authority of `district` would issue it:
/// `9` (market regulation) + `1` enterprise or `2` individual business, the
/// division code, a nine-character organisation code with its own GB 11714
/// check character, and the GB 32100 check character.
fn credit_code(rng: &mut ChaCha8Rng, district: District, individual: bool) -> CreditCode {
    let division = district.division_code().unwrap_or("370100");
    let category = if individual { '2' } else { '1' };
    let alphabet = portal_types::credit_code::ALPHABET;
    let body: String = if rng.random_bool(0.7) {
        // Codes issued since 2015 start their organisation code with MA.
        let tail: String = (0..6)
            .map(|_| char::from(*alphabet.choose(rng).unwrap_or(&b'0')))
            .collect();
        format!("MA{tail}")
    } else {
        (0..8)
            .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
            .collect()
    };
    let organisation = format!("{body}{}", organisation_check(&body));
    let first17 = format!("9{category}{division}{organisation}");
    CreditCode::from_body(&first17).expect("generated code bodies use only the alphabet")
}

/// The check character of a GB 11714 organisation code body (8 characters).
fn organisation_check(body: &str) -> char {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(36).unwrap_or(0) * w)
        .sum();
    match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).unwrap_or('0'),
    }
}

/// `2025年3月7日`.
pub fn chinese_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

fn chinese_count(n: u32) -> String {
    ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九"]
        .get(n as usize)
        .map_or_else(|| n.to_string(), |s| (*s).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    const SMALL: DemoSize = DemoSize {
        enterprises: 200,
        decisions: 1_000,
    };

    fn all_decisions(generator: &mut Generator) -> Vec<DemoDecision> {
        let mut all = Vec::new();
        while let Some(batch) = generator.next_decisions(300) {
            all.extend(batch);
        }
        all
    }

    #[test]
    fn the_same_seed_and_day_give_the_same_records() {
        let mut a = Generator::new(SEED, day(2026, 11, 28), SMALL);
        let mut b = Generator::new(SEED, day(2026, 11, 28), SMALL);
        assert_eq!(a.enterprises(), b.enterprises());
        assert_eq!(all_decisions(&mut a), all_decisions(&mut b));
        assert_eq!(a.listings(), b.listings());
    }

    #[test]
    fn every_enterprise_has_a_valid_credit_code_and_a_unique_name() {
        let generator = Generator::new(SEED, day(2026, 11, 28), SMALL);
        let mut names = HashSet::new();
        for enterprise in generator.enterprises() {
            assert_eq!(
                CreditCode::parse(enterprise.credit_code.as_str()),
                Ok(enterprise.credit_code.clone())
            );
            assert!(names.insert(enterprise.name.clone()), "{}", enterprise.name);
        }
    }

    #[test]
    fn organisation_codes_inside_credit_codes_pass_their_own_check() {
        let generator = Generator::new(SEED, day(2026, 11, 28), SMALL);
        for enterprise in generator.enterprises() {
            let organisation = &enterprise.credit_code.as_str()[8..17];
            let (body, check) = organisation.split_at(8);
            assert_eq!(check.chars().next(), Some(organisation_check(body)));
        }
    }

    #[test]
    fn credit_codes_carry_the_division_of_the_district() {
        let generator = Generator::new(SEED, day(2026, 11, 28), SMALL);
        for enterprise in generator.enterprises() {
            let expected = enterprise.district.division_code().unwrap_or("370100");
            assert_eq!(enterprise.credit_code.division_code(), expected);
        }
    }

    #[test]
    fn decisions_have_the_whole_disclosure_field_set() {
        let mut generator = Generator::new(SEED, day(2026, 11, 28), SMALL);
        for decision in all_decisions(&mut generator) {
            assert!(
                decision.decision_no.ends_with('号'),
                "{}",
                decision.decision_no
            );
            assert!(!decision.party_name.is_empty());
            assert!(!decision.legal_representative.is_empty());
            assert!(decision.facts.contains(&decision.party_name));
            assert!(!decision.facts.contains('{'), "{}", decision.facts);
            assert!(decision.legal_basis.starts_with('《'));
            assert!(decision.violated_provisions.starts_with('《'));
            assert!(!decision.penalty_categories.is_empty());
            assert!(decision.penalty_content.contains(&decision.legal_basis));
            assert!(decision.disclosure_until > decision.decided_on);
            assert!(!decision.authority.is_empty());
        }
    }

    #[test]
    fn decision_numbers_are_unique_and_dates_lie_in_the_last_two_years() {
        let today = day(2026, 11, 28);
        let mut generator = Generator::new(SEED, today, SMALL);
        let decisions = all_decisions(&mut generator);
        assert_eq!(decisions.len(), 1_000);
        let numbers: HashSet<&str> = decisions.iter().map(|d| d.decision_no.as_str()).collect();
        assert_eq!(numbers.len(), decisions.len());
        for d in &decisions {
            assert!(d.decided_on <= today && d.decided_on > today - Days::new(731));
        }
    }

    #[test]
    fn fines_lie_within_the_range_the_law_sets() {
        let mut generator = Generator::new(SEED, day(2026, 11, 28), SMALL);
        for decision in all_decisions(&mut generator) {
            let violation = violations::VIOLATIONS
                .iter()
                .find(|v| v.kind == decision.violation_type)
                .expect("a known violation");
            let yuan = u64::try_from(decision.fine_fen / 100).expect("non-negative");
            assert!(yuan >= violation.fine_range.0 && yuan <= violation.fine_range.1);
            if yuan > 0 {
                assert!(decision.penalty_content.contains(&yuan_in_capitals(yuan)));
            }
        }
    }

    #[test]
    fn some_decisions_are_past_their_disclosure_deadline_and_some_are_not() {
        let today = day(2026, 11, 28);
        let mut generator = Generator::new(SEED, today, SMALL);
        let decisions = all_decisions(&mut generator);
        let public = decisions
            .iter()
            .filter(|d| d.disclosure_until >= today)
            .count();
        assert!(public > 300 && public < 900, "{public} of 1000 public");
    }

    #[test]
    fn listings_last_three_years_and_end_early_only_after_twelve_months() {
        let today = day(2026, 11, 28);
        let mut generator = Generator::new(SEED, today, SMALL);
        let listings = generator.listings();
        assert!(!listings.is_empty());
        for listing in &listings {
            assert_eq!(
                listing.expected_removal_on,
                rules::term_end(listing.listed_on)
            );
            if let Some((removed_on, _)) = &listing.removal {
                assert!(*removed_on <= today);
                assert!(*removed_on >= rules::earliest_early_removal(listing.listed_on));
                assert!(*removed_on < listing.expected_removal_on);
            }
        }
    }

    #[test]
    fn listings_before_october_2023_are_of_the_old_list_and_after_it_of_the_closed_list() {
        let mut generator = Generator::new(
            SEED,
            day(2026, 11, 28),
            DemoSize {
                enterprises: 2_000,
                ..SMALL
            },
        );
        for listing in generator.listings() {
            assert!(listing.ground.applies_on(listing.listed_on), "{listing:?}");
        }
    }

    #[test]
    fn writes_dates_the_chinese_way() {
        assert_eq!(chinese_date(day(2025, 3, 7)), "2025年3月7日");
    }
}
