//! Why enterprises are put on the work-safety blacklist, and what follows.
//!
//! Modelled on 《安全生产严重失信主体名单管理办法》 (应急管理部令第11号, 2023):
//! a listing lasts three years; after one year an enterprise that has
//! corrected its conduct may apply to be removed early (credit repair).

/// A ground for listing (纳入理由) and a summary of the breach.
pub struct Ground {
    pub reason: &'static str,
    pub breach: &'static str,
}

pub const GROUNDS: &[Ground] = &[
    Ground {
        reason: "发生生产安全事故，造成人员死亡，对事故发生负有责任",
        breach: "{date}，该单位{place}发生一起{accident}事故，造成{deaths}人死亡。经调查认定，该单位安全生产主体责任不落实，对事故发生负有责任。",
    },
    Ground {
        reason: "瞒报、谎报生产安全事故",
        breach: "{date}，该单位发生一起{accident}事故，造成{deaths}人死亡，该单位未按规定如实上报，迟报、瞒报事故。",
    },
    Ground {
        reason: "未依法取得安全生产行政许可擅自从事生产经营活动",
        breach: "该单位在未取得安全生产许可证的情况下，擅自组织生产经营活动，被依法查处后仍继续从事非法生产经营。",
    },
    Ground {
        reason: "拒不执行负有安全生产监督管理职责的部门作出的停产停业整顿等执法决定",
        breach: "该单位被依法责令停产停业整顿期间，擅自恢复生产，拒不执行执法决定。",
    },
    Ground {
        reason: "存在重大事故隐患，拒不整改",
        breach: "该单位{hazard}，构成重大事故隐患，经执法机关责令限期整改后拒不整改。",
    },
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
pub const EXPIRY_REMOVAL_REASON: &str = "管理期限届满，依法移出名单。";
