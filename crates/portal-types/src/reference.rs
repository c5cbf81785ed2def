//! Reference data of the city: its districts and the industries its policy names.
//!
//! On the wire both are short ASCII slugs (`"lixia"`, `"hazardous-chemicals"`),
//! stable across languages and safe in URLs; names are given in both languages.

use serde::{Deserialize, Serialize};

slug_enum! {
    /// A district (区县) or functional area (功能区) of Jinan.
    District {
        Lixia = ("lixia", "历下区", "Lixia District"),
        Shizhong = ("shizhong", "市中区", "Shizhong District"),
        Huaiyin = ("huaiyin", "槐荫区", "Huaiyin District"),
        Tianqiao = ("tianqiao", "天桥区", "Tianqiao District"),
        Licheng = ("licheng", "历城区", "Licheng District"),
        Changqing = ("changqing", "长清区", "Changqing District"),
        Zhangqiu = ("zhangqiu", "章丘区", "Zhangqiu District"),
        Jiyang = ("jiyang", "济阳区", "Jiyang District"),
        Laiwu = ("laiwu", "莱芜区", "Laiwu District"),
        Gangcheng = ("gangcheng", "钢城区", "Gangcheng District"),
        Pingyin = ("pingyin", "平阴县", "Pingyin County"),
        Shanghe = ("shanghe", "商河县", "Shanghe County"),
        /// 济南高新技术产业开发区.
        HighTech = ("high-tech-zone", "高新区", "High-Tech Zone"),
        /// 南部山区.
        SouthernMountains = ("southern-mountains", "南部山区", "Southern Mountain Area"),
        /// 济南新旧动能转换起步区.
        StartingArea = ("starting-area", "起步区", "Starting Area"),
    }
}

impl District {
    /// The administrative division code (行政区划代码); functional areas have none.
    pub fn division_code(self) -> Option<&'static str> {
        match self {
            District::Lixia => Some("370102"),
            District::Shizhong => Some("370103"),
            District::Huaiyin => Some("370104"),
            District::Tianqiao => Some("370105"),
            District::Licheng => Some("370112"),
            District::Changqing => Some("370113"),
            District::Zhangqiu => Some("370114"),
            District::Jiyang => Some("370115"),
            District::Laiwu => Some("370116"),
            District::Gangcheng => Some("370117"),
            District::Pingyin => Some("370124"),
            District::Shanghe => Some("370126"),
            District::HighTech | District::SouthernMountains | District::StartingArea => None,
        }
    }

    /// Whether this is a functional area (功能区) rather than a district or county.
    pub fn is_functional_area(self) -> bool {
        self.division_code().is_none()
    }
}

slug_enum! {
    /// An industry named by the city's work-safety policy.
    Industry {
        HazardousChemicals = ("hazardous-chemicals", "危险化学品", "Hazardous chemicals"),
        NonCoalMining = ("non-coal-mining", "非煤矿山", "Non-coal mining"),
        Fireworks = ("fireworks", "烟花爆竹", "Fireworks"),
        Construction = ("construction", "建筑施工", "Construction"),
        Transport = ("transport", "交通运输", "Transport"),
        Metallurgy = ("metallurgy", "金属冶炼", "Metal smelting"),
        CivilExplosives = ("civil-explosives", "民用爆炸物品", "Civil explosives"),
        IndustryAndTrade = ("industry-and-trade", "工贸", "Industry and trade"),
        /// 城市运行: gas, lifts, amusement rides.
        CityOperations = ("city-operations", "城市运行", "City operations (gas, lifts, rides)"),
        CrowdedPlaces = ("crowded-places", "人员密集场所", "Crowded places"),
    }
}

slug_enum! {
    /// A kind of administrative penalty (处罚类别) under the Administrative Penalty Law.
    PenaltyCategory {
        Warning = ("warning", "警告", "Warning"),
        Fine = ("fine", "罚款", "Fine"),
        Confiscation = ("confiscation", "没收违法所得、没收非法财物", "Confiscation of illegal gains or property"),
        Suspension = ("suspension", "责令停产停业", "Order to suspend production or business"),
        Licence = ("licence", "暂扣或者吊销许可证件", "Licence suspended or revoked"),
        Closure = ("closure", "责令关闭", "Order to close"),
    }
}

impl PenaltyCategory {
    /// This category's bit in a set of categories stored as one integer.
    pub fn bit(self) -> u32 {
        let index = PenaltyCategory::ALL
            .iter()
            .position(|&c| c == self)
            .unwrap_or_default();
        1 << index
    }

    /// The categories whose bits are set in `mask`, in statutory order.
    pub fn from_mask(mask: u32) -> Vec<PenaltyCategory> {
        PenaltyCategory::ALL
            .iter()
            .copied()
            .filter(|c| mask & c.bit() != 0)
            .collect()
    }

    /// The bits of a set of categories.
    pub fn mask_of(categories: &[PenaltyCategory]) -> u32 {
        categories.iter().fold(0, |mask, c| mask | c.bit())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_district_round_trips_through_its_slug() {
        for &d in District::ALL {
            assert_eq!(District::from_slug(d.slug()), Some(d));
            let json = serde_json::to_string(&d).expect("serialisable");
            assert_eq!(json, format!("\"{}\"", d.slug()));
        }
    }

    #[test]
    fn jinan_has_twelve_districts_and_three_functional_areas() {
        let functional = District::ALL
            .iter()
            .filter(|d| d.is_functional_area())
            .count();
        assert_eq!(District::ALL.len(), 15);
        assert_eq!(functional, 3);
    }

    #[test]
    fn division_codes_are_those_of_jinan() {
        assert_eq!(District::Lixia.division_code(), Some("370102"));
        assert_eq!(District::Shanghe.division_code(), Some("370126"));
        for d in District::ALL {
            if let Some(code) = d.division_code() {
                assert!(code.starts_with("3701"), "{code}");
            }
        }
    }

    #[test]
    fn every_industry_round_trips_through_its_slug() {
        for &i in Industry::ALL {
            assert_eq!(Industry::from_slug(i.slug()), Some(i));
        }
        assert_eq!(Industry::from_slug("nuclear"), None);
    }

    #[test]
    fn penalty_categories_round_trip_through_a_bit_mask() {
        let set = [PenaltyCategory::Fine, PenaltyCategory::Confiscation];
        let mask = PenaltyCategory::mask_of(&set);
        assert_eq!(mask, 0b110);
        assert_eq!(PenaltyCategory::from_mask(mask), set.to_vec());
        let distinct: std::collections::BTreeSet<u32> =
            PenaltyCategory::ALL.iter().map(|c| c.bit()).collect();
        assert_eq!(distinct.len(), PenaltyCategory::ALL.len());
    }
}
