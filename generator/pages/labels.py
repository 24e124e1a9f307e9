"""Words the pages print around the editors' text, per page language."""

from __future__ import annotations

from ..format import schema as s

LABELS = {
    "en": {
        "dir": "ltr",
        "date_time": "{time}, {date}",
        "what_we_know": "What We Know So Far",
        "timeline": "Timeline",
        "background": "Background",
        "unknowns": "What we don't know",
        "sources": "Sources",
        "corrections": "Corrections",
        "published": "Published",
        "updated": "Updated",
        "circa": "c.",
        "key_event": "Key event",
        "fatalities": "Fatalities",
        "fatalities_range": "range {low}–{high}",
        "according_to": "according to",
        "where": "Where",
        "who": "Who",
        "type": "Type",
        "claims": "Claims",
        "tags": "Tags",
        "legend": "How we label claims",
        "event_sources": "Sources",
        "no_corrections": "No corrections have been made to this page.",
        "event_count": "{count} events",
        "event_count_one": "{count} event",
        "explainers": "Explainers",
        "no_explainers": "No explainers yet.",
        "permalink": "Link to this event",
        "correction_on": "Correction to",
        "content_problems": "This preview has content problems",
        "untranslated": "not yet translated",
        "language_name": "English",
        "map": "Map",
        "map_title": "Where the events happened",
        "map_desc": "A map of {places} places, where {events} happened; most events first:",
        "map_near": "near it",
        "map_region": "a region",
        "map_places": "Places on the map",
        "map_more": "{count} more places here: see the list of places",
        "map_key": "A dot marks a place, sized by its events; a dashed ring, near it; a shaded area, a region.",
        "map_unmapped": "Events without a location ({count}) are not on the map.",
        "map_credit": "Land and borders: Natural Earth ({scale}, public domain); borders for orientation only.",
        "other_languages": "Also in:",
        "list_separator": ", ",
        "statuses": {"confirmed": "Confirmed", "reported": "Reported", "unverified": "Unverified",
                     "disputed": "Disputed", "denied": "Denied"},
        "status_help": {k: v.capitalize() for k, v in s.CLAIM_STATUSES.items()},
        "types": {"battle": "Battle", "explosion": "Explosion/remote violence",
                  "violence-against-civilians": "Violence against civilians", "protest": "Protest",
                  "riot": "Riot", "strategic-development": "Strategic development", "statement": "Statement"},
    },
    "ar": {
        "dir": "rtl",
        "date_time": "{date}، {time}",
        "what_we_know": "ما نعرفه حتى الآن",
        "timeline": "التسلسل الزمني",
        "background": "الخلفية",
        "unknowns": "ما لا نعرفه",
        "sources": "المصادر",
        "corrections": "التصحيحات",
        "published": "نُشر",
        "updated": "حُدّث",
        "circa": "نحو",
        "key_event": "حدث رئيسي",
        "fatalities": "القتلى",
        "fatalities_range": "بين {low} و{high}",
        "according_to": "بحسب",
        "where": "المكان",
        "who": "الأطراف",
        "type": "النوع",
        "claims": "الادعاءات",
        "tags": "الوسوم",
        "legend": "كيف نصنّف الادعاءات",
        "event_sources": "المصادر",
        "no_corrections": "لم تُجرَ أي تصحيحات على هذه الصفحة.",
        "event_count": "عدد الأحداث: {count}",
        "event_count_one": "عدد الأحداث: {count}",
        "explainers": "الشروحات",
        "no_explainers": "لا توجد شروحات بعد.",
        "permalink": "رابط هذا الحدث",
        "correction_on": "تصحيح بشأن",
        "content_problems": "في هذه المعاينة مشكلات في المحتوى",
        "untranslated": "لم يُترجم بعد",
        "language_name": "العربية",
        "map": "الخريطة",
        "map_title": "أين وقعت الأحداث",
        "map_desc": "خريطة لـ{places} أماكن وقعت فيها الأحداث ({events})، الأكثر أحداثاً أولاً:",
        "map_near": "بالقرب منه",
        "map_region": "منطقة",
        "map_places": "الأماكن على الخريطة",
        "map_more": "أماكن أخرى هنا ({count}): انظر قائمة الأماكن",
        "map_key": "تشير النقطة إلى مكان، وحجمها بعدد أحداثه؛ والحلقة المتقطعة إلى محيطه؛ والمساحة المظللة إلى منطقة.",
        "map_unmapped": "الأحداث التي لا موقع لها ({count}) ليست على الخريطة.",
        "map_credit": "اليابسة والحدود من Natural Earth، ملكية عامة، بمقياس {scale}؛ الحدود للاسترشاد فقط.",
        "other_languages": "متوفر أيضاً بـ:",
        "list_separator": "، ",
        "statuses": {"confirmed": "مؤكد", "reported": "منسوب", "unverified": "غير متحقق منه",
                     "disputed": "متنازع عليه", "denied": "نُفي"},
        "status_help": {"confirmed": "تحققنا منه بشكل مستقل", "reported": "منسوب إلى مصدر ولم يُتحقق منه بشكل مستقل",
                        "unverified": "متداول ولم يمكن التحقق منه", "disputed": "يعترض عليه طرف آخر",
                        "denied": "نفاه الطرف المعني"},
        "types": {"battle": "معركة", "explosion": "انفجار/عنف عن بعد", "violence-against-civilians": "عنف ضد المدنيين",
                  "protest": "احتجاج", "riot": "شغب", "strategic-development": "تطور استراتيجي",
                  "statement": "تصريح"},
    },
}


# Developing stories and the record of change (changes.py): merged into LABELS.
CHANGE_LABELS = {
    "en": {
        "developing": "Developing story",
        "last_updated": "last updated",
        "coverage_ended": "Live coverage ended",
        "latest": "Latest",
        "changes": "Changes to this page",
        "no_changes": "None since it was first published.",
        "change_kinds": {"added": "Added", "updated": "Updated", "status": "Claim status changed",
                         "corrected": "Corrected", "page-corrected": "Correction to the text",
                         "retracted": "Retracted"},
        "retracted": "Retracted",
        "retracted_note": "This event was retracted; it is kept here so the record shows what was published.",
        "claim_permalink": "Link to this claim",
        "arrow": "→",
        "status_history": "How its status changed",
        "archived": "archived copy",
        "captured": "captured",
        "sha256": "SHA-256 of the captured file",
        "feed_titles": {"updated": "Updated: {title}", "corrected": "Correction: {title}",
                        "status": "Claim status changed: {title}", "retracted": "Retracted: {title}"},
        "feed_status": "{old} → {new}",
        # a cut feed's subtitle (feeds.py): where the entries it leaves out are
        "feed_rest": "The newest {shown} of {total} entries; every event is at {url}",
    },
    "ar": {
        "developing": "قصة متطورة",
        "last_updated": "آخر تحديث",
        "coverage_ended": "انتهت التغطية المباشرة",
        "latest": "آخر المستجدات",
        "changes": "التغييرات على هذه الصفحة",
        "no_changes": "لا تغييرات منذ نشرها أول مرة.",
        "change_kinds": {"added": "أُضيف", "updated": "حُدّث", "status": "تغيّر تصنيف الادعاء",
                         "corrected": "صُحّح", "page-corrected": "تصحيح للنص", "retracted": "سُحب"},
        "retracted": "مسحوب",
        "retracted_note": "سُحب هذا الحدث؛ أبقيناه هنا ليبقى السجل شاهداً على ما نُشر.",
        "claim_permalink": "رابط هذا الادعاء",
        "arrow": "←",  # the change reads right to left
        "status_history": "كيف تغيّر تصنيفه",
        "archived": "نسخة مؤرشفة",
        "captured": "حُفظت في",
        "sha256": "بصمة SHA-256 للملف المحفوظ",
        "feed_titles": {"updated": "حُدّث: {title}", "corrected": "تصحيح: {title}",
                        "status": "تغيّر تصنيف ادعاء: {title}", "retracted": "سُحب: {title}"},
        "feed_status": "{old} ← {new}",
        "feed_rest": "أحدث {shown} من أصل {total} مدخلاً؛ كل الأحداث في {url}",
    },
}
# Readers on a bad network (lite.py, sharecards.py, offline.py): merged into LABELS.
READER_LABELS = {
    "en": {"text_only": "Text-only version", "lite_edition": "Text-only edition",
           "lite_full": "Full version (map, search)", "lite_index": "Text-only editions", "lite_home": "Home",
           "lite_statuses": "How we label claims:", "card_updated": "Updated {date}",
           "card_published": "Published {date}", "card_alt": "{title}. {site}, {stamp}. A map of the events' places.",
           "save_offline": "Save for offline reading", "saved_offline": "Saved on this device",
           "saved_copy": "You are reading a saved copy from {time}.",
           "back_online": "You are back online: reload for the latest version.",
           "offline_title": "You are offline", "offline_saved": "Explainers saved on this device:",
           "offline_none": "No explainer is saved on this device yet. Open one while online, or use “Save for "
                           "offline reading” on it.", "offline_lite": "Text-only editions"},
    "ar": {"text_only": "نسخة نصية فقط", "lite_edition": "النسخة النصية",
           "lite_full": "النسخة الكاملة (الخريطة والبحث)", "lite_index": "النسخ النصية", "lite_home": "الرئيسية",
           "lite_statuses": "كيف نصنّف الادعاءات:", "card_updated": "حُدّث {date}",
           "card_published": "نُشر {date}", "card_alt": "{title}. {site}، {stamp}. خريطة لأماكن الأحداث.",
           "save_offline": "احفظ للقراءة دون اتصال", "saved_offline": "محفوظ على هذا الجهاز",
           "saved_copy": "أنت تقرأ نسخة محفوظة من {time}.",
           "back_online": "عاد الاتصال: أعد تحميل الصفحة لقراءة أحدث نسخة.",
           "offline_title": "أنت غير متصل", "offline_saved": "الشروحات المحفوظة على هذا الجهاز:",
           "offline_none": "لم يُحفظ أي شرح على هذا الجهاز بعد. افتح شرحاً وأنت متصل، أو اختر «احفظ للقراءة دون اتصال».",
           "offline_lite": "النسخ النصية"},
}
for _lang, _words in [*CHANGE_LABELS.items(), *READER_LABELS.items()]:
    LABELS[_lang].update(_words)
del _lang, _words

# The Data section, the archive and the other generated pages.
DATA_LABELS = {
    "en": {"data": "Data", "intro": "The events on this page as data, free to reuse with credit:",
           "csv": "CSV (ACLED columns)", "geojson": "GeoJSON (map)",
           "timeline": "TimelineJS JSON (key events, newest 200)",
           "atom": "Atom feed", "json": "JSON Feed", "embed": "Embed this timeline:",
           "archive": "All events", "events_of": "Events", "in": "in",
           "archive_intro": "Every event on the site, one page per month; each line links to the event in the "
                            "explainer that tells its story.",
           "archive_parts": "Months", "archive_nav": "Archive months",
           "year_only": "{year}, month not given", "year_only_short": "Month not given", "tag_title": "Tag: {name}",
           "newest_of": "The newest {shown} of {total} events.",
           "key_and_newest_of": "The key events and the newest {shown} of {total} events.",
           "full_timeline": "The full timeline"},
    "ar": {"data": "البيانات", "intro": "أحداث هذه الصفحة بصيغ قابلة لإعادة الاستخدام مع ذكر المصدر:",
           "csv": "CSV (أعمدة ACLED)", "geojson": "GeoJSON (خريطة)",
           "timeline": "TimelineJS JSON (الأحداث الرئيسية وأحدث 200)",
           "atom": "موجز Atom", "json": "موجز JSON", "embed": "لتضمين هذا التسلسل الزمني:",
           "archive": "كل الأحداث", "events_of": "الأحداث", "in": "في",
           "archive_intro": "كل أحداث الموقع، صفحة لكل شهر؛ كل سطر يحيل إلى الحدث في الشرح الذي يروي قصته.",
           "archive_parts": "الأشهر", "archive_nav": "أشهر الأرشيف",
           "year_only": "{year}، دون شهر محدد", "year_only_short": "دون شهر محدد", "tag_title": "الوسم: {name}",
           "newest_of": "أحدث الأحداث: {shown} من {total}.",
           "key_and_newest_of": "الأحداث الرئيسية وأحدث الأحداث: {shown} من {total}.",
           "full_timeline": "التسلسل الزمني الكامل"},
}


class Labels(dict):
    """A language's labels; templates read them as `t.timeline`. Jinja tries an attribute before an item, and a
    plain dict would raise (and catch) an AttributeError for each of the dozen labels in every event."""

    __slots__ = ()

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


_LABELS = {lang: Labels(words) for lang, words in LABELS.items()}


_DATA_LABELS = {lang: Labels(words) for lang, words in DATA_LABELS.items()}


def labels_for(lang: str) -> Labels:
    return _LABELS.get(lang, _LABELS["en"])


def data_labels_for(lang: str) -> Labels:
    return _DATA_LABELS.get(lang, _DATA_LABELS["en"])
