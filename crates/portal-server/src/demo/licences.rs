//! Demo administrative licences: one for each enterprise of the licensed
//! industries in the directory (hazardous chemicals, non-coal mining,
//! fireworks), issued over the last four years so that some have expired
//! by themselves, with a few suspended, revoked or cancelled. They go
//! through the same store methods as the editors' import and status
//! changes (checked and audited alike, by the actor `system:demo`).

use chrono::{Days, Months, NaiveDate};
use portal_store::Store;
use portal_store::licences::NewLicence;
use portal_store::staff::{Actor, Audit};
use portal_types::licences::{LicenceKind, LicenceStatus, LicenceStatusChange};
use portal_types::{District, Industry};

use super::words;

/// How many licences the demo has at most.
const MAX_LICENCES: u32 = 400;

/// Loads the demo licences unless they, or any licence, are there.
pub async fn load_if_missing(store: &Store, today: NaiveDate) -> anyhow::Result<()> {
    if !store.demo_licences_missing().await? {
        return Ok(());
    }
    let actor = Actor("system:demo".to_owned());
    let audit = || Audit {
        actor: &actor,
        action: "demo.load",
        target: String::new(),
        before: None,
        after: None,
    };
    let candidates = store.demo_licence_candidates(MAX_LICENCES).await?;
    let licences: Vec<NewLicence> = candidates
        .iter()
        .enumerate()
        .map(|(index, (code, name, industry, district))| {
            licence(index, code, name, *industry, *district, today)
        })
        .collect();
    let ids = store.import_licences(&licences, audit()).await?;
    for (index, (&id, licence)) in ids.iter().zip(&licences).enumerate() {
        let Some((status, note)) = change(index) else {
            continue;
        };
        // A day within the licence's life and not after today.
        let last = licence.valid_until.min(today);
        let on = licence
            .issued_on
            .checked_add_days(Days::new(200))
            .filter(|d| *d <= last)
            .unwrap_or(licence.issued_on);
        let change = LicenceStatusChange {
            status,
            on,
            note: note.to_owned(),
            decision_id: None,
        };
        // A change the rules refuse (an expired licence) is skipped.
        let _ = store
            .change_licence_status(id, &change, today, audit())
            .await?;
    }
    store.mark_demo_licences_loaded().await?;
    Ok(())
}

/// What happened to every few licences after it was issued.
fn change(index: usize) -> Option<(LicenceStatus, &'static str)> {
    match index % 23 {
        5 => Some((
            LicenceStatus::Suspended,
            "因存在重大事故隐患未按期整改，暂扣许可证六个月",
        )),
        11 => Some((
            LicenceStatus::Revoked,
            "不再具备安全生产条件，依法吊销许可证",
        )),
        17 => Some((LicenceStatus::Cancelled, "企业申请终止经营，依申请注销")),
        _ => None,
    }
}

/// The licence of the `index`th candidate.
fn licence(
    index: usize,
    code: &str,
    name: &str,
    industry: Industry,
    district: District,
    today: NaiveDate,
) -> NewLicence {
    let kind = match industry {
        Industry::NonCoalMining => LicenceKind::NonCoalMine,
        Industry::HazardousChemicals if index.is_multiple_of(3) => LicenceKind::ChemicalProduction,
        Industry::HazardousChemicals => LicenceKind::ChemicalTrading,
        _ if index.is_multiple_of(7) => LicenceKind::FireworksProduction,
        _ if index.is_multiple_of(4) => LicenceKind::FireworksWholesale,
        _ => LicenceKind::FireworksRetail,
    };
    // Retail licences run a year; the others three.
    let years = if kind == LicenceKind::FireworksRetail {
        1
    } else {
        3
    };
    // Issued 0–4 years ago, so that some have run out.
    let days_ago = u64::try_from((index * 97) % (4 * 365)).unwrap_or(0) + 1;
    let issued_on = today.checked_sub_days(Days::new(days_ago)).unwrap_or(today);
    let valid_until = issued_on
        .checked_add_months(Months::new(12 * years))
        .and_then(|d| d.pred_opt())
        .unwrap_or(issued_on);
    let year = issued_on.format("%Y");
    let serial = 100 + index;
    let abbreviation = words::district_abbreviation(district);
    let (licence_no, authority, scope) = match kind {
        LicenceKind::NonCoalMine => (
            format!("（鲁）FM安许证字〔{year}〕01{serial:04}号"),
            "山东省应急管理厅".to_owned(),
            "建筑用石料露天开采（生产规模以核定为准）".to_owned(),
        ),
        LicenceKind::ChemicalProduction => (
            format!("（鲁）WH安许证字〔{year}〕01{serial:04}号"),
            "山东省应急管理厅".to_owned(),
            "危险化学品生产（品种、产能见许可证副本）".to_owned(),
        ),
        LicenceKind::FireworksProduction => (
            format!("（鲁）YH安许证字〔{year}〕01{serial:04}号"),
            "山东省应急管理厅".to_owned(),
            "烟花爆竹生产：组合烟花类、喷花类（C级）".to_owned(),
        ),
        LicenceKind::ChemicalTrading => (
            format!("鲁济危化经字〔{year}〕{serial:06}号"),
            words::CITY_AUTHORITY.to_owned(),
            "危险化学品经营（不带储存设施）：汽油、柴油、甲醇、乙醇等，详见许可证副本".to_owned(),
        ),
        LicenceKind::FireworksWholesale => (
            format!("鲁济烟批字〔{year}〕{serial:04}号"),
            words::CITY_AUTHORITY.to_owned(),
            "烟花爆竹批发（含专用仓库储存）".to_owned(),
        ),
        LicenceKind::FireworksRetail => (
            format!("鲁济{abbreviation}烟零字〔{year}〕{serial:04}号"),
            words::district_authority(district),
            "烟花爆竹零售（个人燃放类C、D级产品，限量存放）".to_owned(),
        ),
    };
    NewLicence {
        licence_no,
        kind,
        holder_name: name.to_owned(),
        credit_code: code.to_owned(),
        scope,
        issued_on,
        valid_from: issued_on,
        valid_until,
        authority,
        district,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retail_licence_runs_one_year_to_the_day_before() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let l = licence(
            1,
            "91370102MA3C4DTL4E",
            "某烟花店",
            Industry::Fireworks,
            District::Lixia,
            today,
        );
        assert_eq!(l.kind, LicenceKind::FireworksRetail);
        assert_eq!(
            l.valid_until,
            l.issued_on
                .checked_add_months(Months::new(12))
                .and_then(|d| d.pred_opt())
                .unwrap_or_default()
        );
        assert!(l.licence_no.starts_with("鲁济历下烟零字〔"));
    }
}
