//! Translations: Simplified Chinese first, English second.
//!
//! Every piece of interface text is a field of [`Strings`]; [`zh::STRINGS`] and
//! [`en::STRINGS`] fill them all, so a text missing in either language is a
//! compile error, and switching costs a pointer swap. Text that takes values
//! is a function field.

mod en;
mod zh;

use leptos::prelude::*;

pub use portal_types::money::group_digits;

use crate::prefs;

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese, the default.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language, which the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The text of the interface in this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &zh::STRINGS,
            Lang::En => &en::STRINGS,
        }
    }

    fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The current language, shared through the component tree.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

const STORAGE_KEY: &str = "portal.lang";

impl I18n {
    /// The current language (tracked).
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// The interface text in the current language (tracked).
    pub fn t(self) -> &'static Strings {
        self.lang.get().strings()
    }

    /// Switches the language and remembers the choice in this browser.
    pub fn set(self, lang: Lang) {
        self.lang.set(lang);
        prefs::store(STORAGE_KEY, lang.tag());
    }
}

/// Provides the language remembered in this browser (Chinese if none).
pub fn provide_i18n() -> I18n {
    let lang = prefs::load(STORAGE_KEY)
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::Zh);
    let i18n = I18n {
        lang: RwSignal::new(lang),
    };
    provide_context(i18n);
    i18n
}

/// The language context provided by [`provide_i18n`].
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(provide_i18n)
}

/// Every text of the interface.
pub struct Strings {
    pub site_name: &'static str,
    pub site_owner: &'static str,
    pub skip_to_content: &'static str,
    pub main_navigation: &'static str,
    pub nav_home: &'static str,
    pub nav_enforcement: &'static str,
    pub nav_report: &'static str,
    pub nav_education: &'static str,
    pub nav_blacklist: &'static str,
    /// The switch's visible label: the name of the *other* language, in itself.
    pub language_switch: &'static str,
    /// What the switch does, for screen readers.
    pub language_switch_label: &'static str,
    pub large_text: &'static str,
    pub demo_banner: &'static str,

    pub footer_hotline: &'static str,
    pub footer_hotline_detail: &'static str,
    pub footer_api: &'static str,
    pub footer_owner: &'static str,
    pub footer_note: &'static str,

    pub loading: &'static str,
    pub retry: &'static str,
    pub error_network: &'static str,
    pub error_server: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_parts_heading: &'static str,
    pub home_figures_heading: &'static str,
    pub figure_published_decisions: &'static str,
    pub figure_fines: &'static str,
    pub figure_blacklisted: &'static str,
    pub figure_enterprises: &'static str,
    pub figures_as_of: fn(&str) -> String,
    pub count_decisions: fn(u64) -> String,
    pub count_enterprises: fn(u64) -> String,
    pub amount_yuan: fn(u64) -> String,
    pub home_hotline_heading: &'static str,
    pub home_hotline_text: &'static str,

    pub enforcement_summary: &'static str,
    pub report_summary: &'static str,
    pub education_summary: &'static str,
    pub blacklist_summary: &'static str,

    pub enforcement_intro: &'static str,
    pub enforcement_sections: &'static [(&'static str, &'static str)],
    pub report_intro: &'static str,
    pub report_sections: &'static [(&'static str, &'static str)],
    pub education_intro: &'static str,
    pub education_sections: &'static [(&'static str, &'static str)],
    pub blacklist_intro: &'static str,
    pub blacklist_sections: &'static [(&'static str, &'static str)],
    pub coming_soon: &'static str,
    pub legal_basis_heading: &'static str,
    pub enforcement_basis: &'static str,
    pub report_basis: &'static str,
    pub education_basis: &'static str,
    pub blacklist_basis: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub not_found_home: &'static str,
}
