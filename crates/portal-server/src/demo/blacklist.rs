//! Why enterprises are put on the work-safety blacklist, and what follows.
//!
//! Modelled on 《安全生产严重失信主体名单管理办法》 (应急管理部令第11号, 2023):
//! a listing lasts three years; after one year an enterprise that has
//! corrected its conduct may apply to be removed early (credit repair).

use portal_types::blacklist::ListingGround;

/// A ground for listing under the 2023 rules, the particulars (纳入理由) in
/// the authority's words, and a summary of the breach.
pub struct Ground {
    pub ground: ListingGround,
    pub reason: &'static str,
    pub breach: &'static str,
}

pub const GROUNDS: &[Ground] = &[
    Ground {
        ground: ListingGround::RepeatedLargerAccidents,
        reason: "12个月内累计发生2起较大生产安全事故，对事故发生负有责任",
        breach: "{date}，该单位{place}发生一起{accident}较大事故，造成3人死亡；此前12个月内该单位已发生另一起较大生产安全事故。经调查认定，该单位安全生产主体责任不落实，对事故发生负有责任。",
    },
    Ground {
        ground: ListingGround::ConcealedAccident,
        reason: "瞒报生产安全事故",
        breach: "{date}，该单位发生一起{accident}事故，造成{deaths}人死亡，该单位未按规定如实上报，迟报、瞒报事故。",
    },
    Ground {
        ground: ListingGround::Unlicensed,
        reason: "未依法取得安全生产许可证擅自从事生产经营活动",
        breach: "该单位在未取得安全生产许可证的情况下，擅自组织生产经营活动，被依法查处后仍继续从事非法生产经营。",
    },
    Ground {
        ground: ListingGround::DefiedPenalty,
        reason: "有执行能力拒不执行停产停业整顿和罚款的行政处罚决定",
        breach: "该单位被依法处以罚款并责令停产停业整顿后，有能力履行而拒不执行，擅自恢复生产。",
    },
    Ground {
        ground: ListingGround::FalseReports,
        reason: "安全评价机构出具虚假安全评价报告",
        breach: "该机构在未到现场核查的情况下出具安全评价报告，报告所述{hazard}等情况与实际严重不符，构成出具虚假报告。",
    },
];

/// Grounds of the old joint-punishment list (before 2023-10-01), in its
/// words; the breaches are those of [`GROUNDS`] by position.
pub const GROUNDS_2017: &[&str] = &[
    "发生生产安全事故，造成人员死亡，对事故发生负有责任",
    "瞒报、谎报生产安全事故",
    "未依法取得安全生产行政许可擅自从事生产经营活动",
    "拒不执行负有安全生产监督管理职责的部门作出的停产停业整顿等执法决定",
    "承担安全评价、检测、检验工作的机构出具虚假报告",
];

pub const ACCIDENTS: &[&str] = &[
    "高处坠落",
    "物体打击",
    "机械伤害",
    "中毒和窒息",
    "起重伤害",
    "火灾",
    "爆炸",
    "触电",
];

/// The joint punishment measures (联合惩戒措施) applied to every listed enterprise.
pub const MEASURES: &[&str] = &[
    "加大执法检查频次，列为重点监管监察对象",
    "在政府采购、工程招投标、国有土地出让等活动中依法予以限制",
    "限制获得政府财政性资金支持和政策性优惠",
    "在行政审批、资质审核中予以重点审查",
    "不予评优评先，取消相关荣誉称号",
    "通过“信用中国（山东济南）”网站和企业信用信息公示系统向社会公布",
];

pub const EARLY_REMOVAL_REASON: &str =
    "列入满一年，已履行行政处罚决定并完成整改，经申请信用修复，提前移出。";
