/* The reader's side of an explainer's timeline: filters (actor, place, type, claim status, key events, text)
 * kept in the URL so a filtered view can be shared, a visible count, the background collapsed, a copy-link
 * button and the claims' links on the card the reader points at or tabs into, and arriving at an event's
 * permalink scrolls to it and highlights it.
 *
 * Progressive enhancement only: the page is complete without this file. Everything here is built from what
 * the server rendered (the event <li>'s data-* attributes and the labels printed in it), so it works in every
 * page language. Plain JavaScript, no framework; re-run by Material's `document$` on instant navigation.
 *
 * Speed (2,000 events, every filter change under 100 ms): the index is read from the DOM once; a filter writes
 * a class only where the page changes (a day with nothing left is hidden whole, and in the days shown only the
 * events whose state changed are touched), "no filter" is one class on the container (`ce-timeline--filtered`),
 * so showing everything again touches one element, and the address is updated just after the paint
 * (history.replaceState alone cost more than the rest). Day sections and the long lists below the timeline use
 * `content-visibility: auto` (explainers.css), so only what is on screen is laid out.
 */
(function () {
  "use strict";

  var PARAMS = ["actor", "place", "type", "status", "key", "text"];
  var STATUS_ORDER = ["confirmed", "reported", "unverified", "disputed", "denied"];

  // Words the controls need; the page's own words (types, statuses, names) come from its HTML.
  var STRINGS = {
    en: {
      filters: "Filter the timeline",
      text: "Search the events",
      actor: "Actor", allActors: "All actors",
      place: "Place", allPlaces: "All places",
      type: "Type", allTypes: "All types",
      status: "Claim status", allStatuses: "Any status",
      key: "Key events only",
      reset: "Show all events",
      count: function (shown, total) {
        return shown + " of " + total + (total === 1 ? " event" : " events");
      },
      empty: "No events match these filters.",
      copy: "Copy link",
      copied: "Link copied",
      copyName: "Copy link to this event: {title}",
      claimLink: "Link to this claim",
      copyFailed: "Could not copy: the event's link is now in the address bar.",
      showBackground: "Show the background ({count})",
      hideBackground: "Hide the background",
      cleared: "Filters cleared to show the linked event.",
      newBadge: "Changed since your last visit",
      newNotice: function (count) {
        return count === 1 ? "1 event changed since your last visit:" : count + " events changed since your last visit:";
      },
      newFirst: "go to the first"
    },
    ar: {
      filters: "تصفية التسلسل الزمني",
      text: "البحث في الأحداث",
      actor: "الطرف", allActors: "كل الأطراف",
      place: "المكان", allPlaces: "كل الأماكن",
      type: "النوع", allTypes: "كل الأنواع",
      status: "حالة الادعاء", allStatuses: "أي حالة",
      key: "الأحداث الرئيسية فقط",
      reset: "عرض كل الأحداث",
      count: function (shown, total) {
        return "الأحداث المعروضة: " + shown + " من " + total;
      },
      empty: "لا توجد أحداث تطابق عوامل التصفية هذه.",
      copy: "نسخ الرابط",
      copied: "نُسخ الرابط",
      copyName: "نسخ الرابط إلى هذا الحدث: {title}",
      claimLink: "رابط هذا الادعاء",
      copyFailed: "تعذّر النسخ: رابط الحدث الآن في شريط العنوان.",
      showBackground: "عرض الخلفية ({count})",
      hideBackground: "إخفاء الخلفية",
      cleared: "أُزيلت عوامل التصفية لعرض الحدث المطلوب.",
      newBadge: "تغيّر منذ زيارتك الأخيرة",
      newNotice: function (count) {
        return "أحداث تغيّرت منذ زيارتك الأخيرة: " + count + "؛";
      },
      newFirst: "انتقل إلى أولها"
    }
  };

  var uid = 0;
  var timelines = [];  // the main timeline(s) of the current page, with their filter state

  function langOf(el) {
    var holder = el.closest("[lang]");
    return ((holder && holder.getAttribute("lang")) || document.documentElement.lang || "en").toLowerCase();
  }

  function stringsFor(lang) {
    return STRINGS[lang.split("-")[0]] || STRINGS.en;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function words(value) {
    return value ? value.split(/\s+/).filter(Boolean) : [];
  }

  // Case, accents and Arabic vowel marks do not matter to the text filter.
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "").toLowerCase();
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) {
      if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The name printed in a .ce-place or one of .ce-actors' links, and its native-script name (a <bdi>), if any.
  function nameOf(node) {
    var native = node.querySelector("bdi");
    var nativeText = native ? native.textContent.trim() : "";
    var name = node.textContent;
    if (nativeText) name = name.replace(nativeText, "");
    return { name: name.replace(/\s+/g, " ").trim(), native: nativeText };
  }

  function optionLabel(names, lang) {
    if (!names.native || names.native === names.name) return names.name;
    // On a page in another language than English, the native-script name usually is the reader's own.
    return lang.split("-")[0] === "en" ? names.name + " (" + names.native + ")"
                                       : names.native + " (" + names.name + ")";
  }

  // Live region for short announcements (copied, filters cleared).
  function announce(text) {
    var region = document.getElementById("ce-announcer");
    if (!region) {
      region = el("div", { id: "ce-announcer", "class": "ce-visually-hidden", role: "status", "aria-live": "polite" });
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  /* Filtering ------------------------------------------------------------------------------------------- */

  function indexTimeline(container) {
    var days = [];
    var items = [];
    var sections = container.querySelectorAll(".ce-day");
    for (var d = 0; d < sections.length; d++) {
      var day = { el: sections[d], out: false, shown: 0, first: items.length, end: 0 };
      days.push(day);
      var lis = sections[d].querySelectorAll("li.ce-event");
      for (var i = 0; i < lis.length; i++) {
        var li = lis[i];
        items.push({
          el: li, day: day, out: false, match: true, text: null,
          type: li.getAttribute("data-type") || "",
          place: li.getAttribute("data-place") || "",
          actors: words(li.getAttribute("data-actors")),
          statuses: statusesOf(li),
          key: li.classList.contains("ce-event--key"),
          retracted: li.hasAttribute("data-retracted")  // shown, marked, but not counted
        });
      }
      day.end = items.length;  // its events are items[first .. end)
    }
    return { days: days, items: items };
  }

  // The claims' statuses, each once, from their badges (the card prints no list of them).
  function statusesOf(li) {
    var badges = li.querySelectorAll("article > .ce-claims > li > .ce-badge");
    var found = [];
    for (var i = 0; i < badges.length; i++) {
      var match = /(?:^|\s)ce-badge--(\w+)/.exec(badges[i].className);
      if (match && found.indexOf(match[1]) < 0) found.push(match[1]);
    }
    return found;
  }

  // The options each select offers: value -> {label, count}, from the labels the server printed.
  function collectOptions(items, lang) {
    var options = { actor: {}, place: {}, type: {}, status: {} };
    function add(kind, value, label) {
      if (!value) return;
      var entry = options[kind][value] || (options[kind][value] = { label: label || value, count: 0 });
      if (!entry.label || entry.label === value) entry.label = label || value;
      entry.count++;
    }
    items.forEach(function (item) {
      if (item.retracted) return;
      var li = item.el;
      var type = li.querySelector(".ce-type");
      add("type", item.type, type && type.textContent.trim());
      var place = li.querySelector(".ce-place");
      add("place", item.place, place && optionLabel(nameOf(place), lang));
      var actors = li.querySelector(".ce-actors");
      var actorNodes = actors ? actors.children : [];
      item.actors.forEach(function (actor, n) {
        add("actor", actor, actorNodes[n] && optionLabel(nameOf(actorNodes[n]), lang));
      });
      item.statuses.forEach(function (status) {
        var badge = li.querySelector(".ce-badge--" + status);
        add("status", status, badge && badge.textContent.trim());
      });
    });
    return options;
  }

  function buildSelect(name, label, anyLabel, entries, order, lang) {
    var id = "ce-filter-" + name + "-" + (++uid);
    var field = el("div", { "class": "ce-field ce-field--" + name });
    field.appendChild(el("label", { "for": id }, label));
    var select = el("select", { id: id, name: name });
    select.appendChild(el("option", { value: "" }, anyLabel));
    var values = Object.keys(entries);
    if (order) {
      values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    } else {
      var collator = new Intl.Collator(lang);
      values.sort(function (a, b) { return collator.compare(entries[a].label, entries[b].label); });
    }
    values.forEach(function (value) {
      select.appendChild(el("option", { value: value }, entries[value].label + " (" + entries[value].count + ")"));
    });
    field.appendChild(select);
    return { field: field, control: select };
  }

  function readState(params) {
    var state = {};
    PARAMS.forEach(function (name) { state[name] = params.get(name) || ""; });
    state.key = state.key === "1" || state.key === "true" ? "1" : "";
    return state;
  }

  function isActive(state) {
    return PARAMS.some(function (name) { return state[name]; });
  }

  function matcher(state) {
    var terms = state.text ? fold(state.text).split(/\s+/).filter(Boolean) : [];
    return function (item) {
      if (state.key && !item.key) return false;
      if (state.type && item.type !== state.type) return false;
      if (state.place && item.place !== state.place) return false;
      if (state.actor && item.actors.indexOf(state.actor) < 0) return false;
      if (state.status && item.statuses.indexOf(state.status) < 0) return false;
      if (terms.length) {
        if (item.text === null) item.text = fold(item.el.textContent);
        for (var t = 0; t < terms.length; t++) {
          if (item.text.indexOf(terms[t]) < 0) return false;
        }
      }
      return true;
    };
  }

  function applyFilters(tl) {
    var state = tl.state;
    var active = isActive(state);
    var items = tl.items, days = tl.days;
    var shown = tl.total;
    if (active) {
      var matches = matcher(state);
      var i, d, item, day;
      shown = 0;
      for (d = 0; d < days.length; d++) days[d].shown = 0;
      for (i = 0; i < items.length; i++) {
        item = items[i];
        item.match = matches(item);
        if (item.match) { if (!item.retracted) shown++; item.day.shown++; }
      }
      // Writes only where the page changes: a day with nothing left is hidden whole, its events left as they
      // are (they are synced when the day shows again), and in the days shown only the events whose state
      // changed are written to.
      for (d = 0; d < days.length; d++) {
        day = days[d];
        var out = day.shown === 0;
        if (out !== day.out) {
          day.out = out;
          day.el.classList.toggle("ce-out", out);
        }
        if (out) continue;
        for (i = day.first; i < day.end; i++) {
          item = items[i];
          if (item.match === item.out) {  // out, but matches; or in, but does not
            item.out = !item.match;
            item.el.classList.toggle("ce-out", item.out);
          }
        }
      }
    }
    // Without a filter, one class on the container shows everything: the items' own classes stay as they were.
    if (active !== tl.filtered) {
      tl.filtered = active;
      tl.container.classList.toggle("ce-timeline--filtered", active);
    }
    var count = tl.t.count(shown, tl.total);
    if (count !== tl.count.textContent) tl.count.textContent = count;
    tl.empty.hidden = shown !== 0;
    tl.reset.disabled = !active;
    tl.shown = shown;
    if (tl.map) updateMap(tl);
  }

  function syncControls(tl) {
    ["actor", "place", "type", "status", "text"].forEach(function (name) {
      var control = tl.controls[name];
      if (!control) return;
      if (control.tagName === "SELECT" && state(tl, name) && !control.querySelector('option[value="' + CSS.escape(state(tl, name)) + '"]')) {
        tl.state[name] = "";  // a value this page does not have (an old or edited link): ignore it
      }
      control.value = state(tl, name);
    });
    tl.controls.key.checked = tl.state.key === "1";
  }

  function state(tl, name) {
    return tl.state[name] || "";
  }

  // A filter change shows at once; the address follows a moment later (URL_DELAY), once per pause in typing:
  // history.replaceState cost more than the rest of a filter change on a 2,000-event page.
  var URL_DELAY = 150;

  function scheduleUrl(tl) {
    if (tl.urlTimer) window.clearTimeout(tl.urlTimer);
    tl.urlTimer = window.setTimeout(function () { writeUrl(tl); }, URL_DELAY);
  }

  function flushUrls() {
    timelines.forEach(function (tl) { if (tl.urlTimer) writeUrl(tl); });
  }

  function writeUrl(tl) {
    if (tl.urlTimer) { window.clearTimeout(tl.urlTimer); tl.urlTimer = 0; }
    if (!tl.container.isConnected) return;  // the page is gone (instant navigation): its state with it
    var params = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) {
      if (tl.state[name]) params.set(name, tl.state[name]); else params.delete(name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function setupFilters(container) {
    var lang = langOf(container);
    var t = stringsFor(lang);
    var index = indexTimeline(container);
    if (!index.items.length) return null;
    // Fold the events' text for the text filter while the reader is still reading, not on the first keystroke.
    (window.requestIdleCallback || function (run) { return window.setTimeout(run, 200); })(function () {
      index.items.forEach(function (item) {
        if (item.text === null) item.text = fold(item.el.textContent);
      });
    });
    var options = collectOptions(index.items, lang);

    var form = el("form", { "class": "ce-filters", role: "search", "aria-label": t.filters });
    var grid = el("div", { "class": "ce-filters__fields" });
    var controls = {};

    var textId = "ce-filter-text-" + (++uid);
    var textField = el("div", { "class": "ce-field ce-field--text" });
    textField.appendChild(el("label", { "for": textId }, t.text));
    controls.text = el("input", { id: textId, name: "text", type: "search", autocomplete: "off", spellcheck: "false" });
    textField.appendChild(controls.text);
    grid.appendChild(textField);

    [["actor", t.actor, t.allActors, null], ["place", t.place, t.allPlaces, null],
     ["type", t.type, t.allTypes, null], ["status", t.status, t.allStatuses, STATUS_ORDER]].forEach(function (spec) {
      if (!Object.keys(options[spec[0]]).length) return;
      var built = buildSelect(spec[0], spec[1], spec[2], options[spec[0]], spec[3], lang);
      controls[spec[0]] = built.control;
      grid.appendChild(built.field);
    });
    form.appendChild(grid);

    var row = el("div", { "class": "ce-filters__row" });
    var keyId = "ce-filter-key-" + (++uid);
    var keyField = el("div", { "class": "ce-field ce-field--key" });
    controls.key = el("input", { id: keyId, name: "key", type: "checkbox", role: "switch" });
    keyField.appendChild(controls.key);
    keyField.appendChild(el("label", { "for": keyId }, t.key));
    row.appendChild(keyField);
    var count = el("p", { "class": "ce-filters__count", role: "status", "aria-live": "polite" });
    row.appendChild(count);
    var reset = el("button", { type: "button", "class": "ce-button ce-filters__reset" }, t.reset);
    row.appendChild(reset);
    form.appendChild(row);

    var empty = el("p", { "class": "ce-timeline__empty" }, t.empty);
    empty.hidden = true;
    container.parentNode.insertBefore(form, container);
    container.parentNode.insertBefore(empty, container.nextSibling);

    var tl = {
      container: container, form: form, controls: controls, count: count, empty: empty, reset: reset, t: t,
      items: index.items, days: index.days, state: readState(new URLSearchParams(window.location.search)),
      total: index.items.filter(function (item) { return !item.retracted; }).length
    };

    function update(name, value) {
      if (tl.state[name] === value) return;
      tl.state[name] = value;
      applyFilters(tl);
      scheduleUrl(tl);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target === controls.key) update("key", target.checked ? "1" : "");
      else if (target.tagName === "SELECT") update(target.name, target.value);
    });
    controls.text.addEventListener("input", function () { update("text", controls.text.value.trim()); });
    reset.addEventListener("click", function () {
      clearFilters(tl);
      controls.text.focus();
    });

    syncControls(tl);
    applyFilters(tl);
    return tl;
  }

  function clearFilters(tl) {
    PARAMS.forEach(function (name) { tl.state[name] = ""; });
    syncControls(tl);
    applyFilters(tl);
    writeUrl(tl);
  }

  /* Locator map (theme/explainers/map.html) ---------------------------------------------------------------- */
  // Without this the markers link to the places' pages. With it, a marker filters the timeline by its place (in
  // the address, like the other filters: its href says so, for a new tab too); an event under the pointer or in
  // focus highlights its marker; markers whose place has no event the filters leave are hidden.

  function setupMap(root, tl) {
    var figure = root.querySelector("figure.ce-map");
    if (!figure || !tl || !tl.controls.place) return;
    var markers = {};
    var links = figure.querySelectorAll("a.ce-map__marker[data-place]");
    for (var i = 0; i < links.length; i++) {
      var place = links[i].getAttribute("data-place");
      links[i].setAttribute("href", "?place=" + encodeURIComponent(place) + "#timeline");
      markers[place] = { el: links[i], out: false };
    }
    tl.map = { markers: markers, active: null };
    figure.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.ce-map__marker[data-place]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;  // a new tab: its href
      event.preventDefault();
      tl.state.place = link.getAttribute("data-place");
      syncControls(tl);
      applyFilters(tl);
      writeUrl(tl);
      var heading = document.getElementById("timeline") || tl.form;
      heading.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
      if (tl.controls.place) tl.controls.place.focus({ preventScroll: true });
    });
    function highlightFrom(target) {
      var li = target && target.closest ? target.closest("li.ce-event") : null;
      var entry = li ? markers[li.getAttribute("data-place") || ""] : null;
      var marker = entry ? entry.el : null;
      if (marker === tl.map.active) return;
      if (tl.map.active) tl.map.active.classList.remove("ce-map__marker--active");
      tl.map.active = marker;
      if (marker) marker.classList.add("ce-map__marker--active");
    }
    tl.container.addEventListener("mouseover", function (event) { highlightFrom(event.target); });
    tl.container.addEventListener("mouseleave", function () { highlightFrom(null); });
    tl.container.addEventListener("focusin", function (event) { highlightFrom(event.target); });
    tl.container.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !tl.container.contains(event.relatedTarget)) highlightFrom(null);
    });
    updateMap(tl);
  }

  // Called by applyFilters: only the markers whose state changed are written to.
  function updateMap(tl) {
    var left = {};
    if (tl.filtered) {
      for (var i = 0; i < tl.items.length; i++) {
        if (tl.items[i].match && tl.items[i].place) left[tl.items[i].place] = true;
      }
    }
    for (var place in tl.map.markers) {
      var marker = tl.map.markers[place];
      var out = tl.filtered && !left[place];
      if (out !== marker.out) {
        marker.out = out;
        marker.el.classList.toggle("ce-map__marker--out", out);
      }
    }
  }

  /* Background, collapsed until asked for ----------------------------------------------------------------- */

  function setupBackground(container) {
    var t = stringsFor(langOf(container));
    var count = container.querySelectorAll("li.ce-event").length;
    if (!container.id) container.id = "ce-background-" + (++uid);
    var button = el("button", {
      type: "button", "class": "ce-button ce-toggle", "aria-expanded": "false", "aria-controls": container.id
    });
    function set(open) {
      container.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? t.hideBackground : fill(t.showBackground, { count: count });
    }
    button.addEventListener("click", function () { set(container.hidden); });
    container.parentNode.insertBefore(button, container);
    container.classList.add("ce-collapsible");
    set(false);
    container.ceOpen = function () { set(true); };
  }

  /* Permalinks ------------------------------------------------------------------------------------------------
   * A card's headline links to the card, and each claim has its id, without this script. What a reader uses to
   * take a link away is added only to the card they point at or tab into, so a long timeline carries none of
   * it: one copy button, moved from card to card, and the claims' own links, made once per card when first
   * wanted. A badge gets its tooltip from the page's legend the same way. */

  var tools = null;  // the shared box holding the copy button; in the card last pointed at or tabbed into

  function toolsFor(card) {
    var t = stringsFor(langOf(card));
    if (!tools) {
      tools = el("div", { "class": "ce-event__tools" });
      tools.appendChild(el("button", { type: "button", "class": "ce-button ce-copy" }));
    }
    var copy = tools.firstChild;
    var title = card.querySelector("article > h4");
    copy.textContent = t.copy;
    copy.classList.remove("ce-copy--done");
    copy.setAttribute("aria-label", fill(t.copyName, { title: title ? title.textContent.trim() : card.id }));
    copy.setAttribute("data-target", card.id);
    return tools;
  }

  function claimLinks(card) {
    if (card.ceClaimLinks) return;
    card.ceClaimLinks = true;
    var label = stringsFor(langOf(card)).claimLink;
    var claims = card.querySelectorAll("article > .ce-claims > li[id]");
    for (var i = 0; i < claims.length; i++) {
      claims[i].appendChild(document.createTextNode(" "));
      claims[i].appendChild(el("a", {
        "class": "ce-permalink ce-permalink--claim", href: "#" + claims[i].id, "aria-label": label
      }, "#"));
    }
  }

  function badgeTitle(badge) {
    if (badge.hasAttribute("title")) return;
    var match = /(?:^|\s)ce-badge--(\w+)/.exec(badge.className);
    var entry = match && document.querySelector(".ce-legend .ce-badge--" + match[1]);
    var help = entry && entry.closest("div") && entry.closest("div").querySelector("dd");
    badge.setAttribute("title", help ? help.textContent.trim() : "");
  }

  function onCardReached(event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var badge = target.closest(".ce-claims .ce-badge");
    if (badge) badgeTitle(badge);
    var card = target.closest("li.ce-event[id]");
    if (!card) return;
    claimLinks(card);
    var article = card.querySelector(":scope > article");
    if (!article || (tools && tools.parentNode === article)) return;
    // The button keeps its card while it has the focus: the pointer passing over another card does not take it.
    if (tools && tools.contains(document.activeElement) && event.type !== "focusin") return;
    article.appendChild(toolsFor(card));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { "class": "ce-visually-hidden", readonly: "", "aria-hidden": "true" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function onCopyClick(event) {
    var button = event.target.closest && event.target.closest(".ce-copy");
    if (!button) return;
    var id = button.getAttribute("data-target");
    var t = stringsFor(langOf(button));
    var url = window.location.origin + window.location.pathname + "#" + id;
    copyText(url).then(function () {
      button.textContent = t.copied;
      button.classList.add("ce-copy--done");
      announce(t.copied);
      window.setTimeout(function () {
        button.textContent = t.copy;
        button.classList.remove("ce-copy--done");
      }, 2500);
    }, function () {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search + "#" + id);
      announce(t.copyFailed);
    });
  }

  /* Arriving at an event's permalink ------------------------------------------------------------------------ */

  function reveal(target) {
    if (!target) return;
    // A collapsed background holding the target (or the heading right before it) opens.
    var collapsed = target.closest(".ce-collapsible");
    if (!collapsed && target.matches("h2, h3")) {
      var next = target.nextElementSibling;
      while (next && !next.classList.contains("ce-collapsible") && !next.matches("h1, h2, h3")) {
        next = next.nextElementSibling;
      }
      if (next && next.classList.contains("ce-collapsible")) next.ceOpen();
    }
    if (collapsed && collapsed.hidden && collapsed.ceOpen) collapsed.ceOpen();
    if (!target.matches("li.ce-event")) return;
    // An event a filter hides: the filters give way to the link.
    timelines.forEach(function (tl) {
      if (tl.container.contains(target) && target.closest(".ce-out") && isActive(tl.state)) {
        clearFilters(tl);
        announce(tl.t.cleared);
      }
    });
    var previous = document.querySelectorAll(".ce-event--highlight");
    for (var i = 0; i < previous.length; i++) previous[i].classList.remove("ce-event--highlight");
    target.classList.add("ce-event--highlight");
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
  }

  function revealHash() {
    var hash = window.location.hash.slice(1);
    if (!hash) return;
    var id;
    try { id = decodeURIComponent(hash); } catch (e) { id = hash; }
    reveal(document.getElementById(id));
  }

  /* Wiring -------------------------------------------------------------------------------------------------- */

  function init() {
    var main = document.querySelector(".md-content") || document.body;
    if (main.getAttribute("data-ce-ready") === "true") return;
    main.setAttribute("data-ce-ready", "true");
    timelines = [];
    var start = window.performance ? performance.now() : 0;
    var backgrounds = main.querySelectorAll(".ce-timeline--background");
    for (var b = 0; b < backgrounds.length; b++) setupBackground(backgrounds[b]);
    var mains = main.querySelectorAll(".ce-timeline--timeline");
    for (var m = 0; m < mains.length; m++) {
      var tl = setupFilters(mains[m]);
      if (tl) timelines.push(tl);
    }
    setupMap(main, timelines[0]);
    markChanges(main);
    watchCoverage(main);
    document.documentElement.classList.add("ce-js");
    revealHash();
    if (window.performance && performance.mark) {
      performance.mark("ce-ready");
      window.ceTimeline = {
        initMs: performance.now() - start, timelines: timelines.length,
        urlPending: function () { return timelines.some(function (tl) { return !!tl.urlTimer; }); }
      };
    }
  }

  // Developing stories ---------------------------------------------------------------------------------------

  // New since the reader's last visit: the newest change the page showed them is kept in this browser only
  // (localStorage: no cookie, nothing sent anywhere). A first visit marks nothing; later, each card whose
  // data-changed is newer than that gets a badge, and the page a line that links to the first of them.
  // Compared with the page's own times, not the reader's clock, which may be wrong.
  function markChanges(main) {
    var cards = main.querySelectorAll("li.ce-event[data-changed]");
    var timeline = main.querySelector(".ce-timeline--timeline");
    if (!timeline) return;
    var key = "ce-seen:" + window.location.pathname;
    var newest = 0, last = null, i;
    for (i = 0; i < cards.length; i++) newest = Math.max(newest, Date.parse(cards[i].getAttribute("data-changed")) || 0);
    try {
      last = window.localStorage.getItem(key);
      if (last === null || newest > Number(last)) window.localStorage.setItem(key, String(newest));
    } catch (e) {
      return;  // storage blocked: nothing to compare with, and nothing shown
    }
    if (last === null || !isFinite(Number(last))) return;
    var t = stringsFor(langOf(timeline)), fresh = [];
    for (i = 0; i < cards.length; i++) {
      var card = cards[i];
      if ((Date.parse(card.getAttribute("data-changed")) || 0) <= Number(last)) continue;
      card.classList.add("ce-event--new");
      var when = card.querySelector("article > p");
      if (when) when.appendChild(el("span", { "class": "ce-new-badge" }, t.newBadge));
      if (card.id) fresh.push(card);
    }
    if (!fresh.length) return;
    var notice = el("p", { "class": "ce-new-notice", role: "status" }, t.newNotice(fresh.length) + " ");
    notice.appendChild(el("a", { href: "#" + fresh[0].id }, t.newFirst));
    var before = main.querySelector(".ce-live") || timeline.parentNode.querySelector(".ce-filters") || timeline;
    before.parentNode.insertBefore(notice, before.classList.contains("ce-live") ? before.nextSibling : before);
  }

  // A live page read after its coverage_end (built before it, or left open): the banner says coverage ended.
  function watchCoverage(main) {
    var banner = main.querySelector(".ce-live[data-coverage-end]");
    if (!banner) return;
    var end = Date.parse(banner.getAttribute("data-coverage-end"));
    function turn() {
      var on = banner.querySelector(".ce-live__on"), off = banner.querySelector(".ce-live__off");
      if (on) on.hidden = true;
      if (off) off.hidden = false;
      banner.classList.add("ce-live--ended");
    }
    var wait = end - Date.now();
    if (!isFinite(wait)) return;
    if (wait <= 0) turn();
    else if (wait < 2147483647) window.setTimeout(turn, wait);  // setTimeout's longest wait (about 24 days)
  }

  document.addEventListener("click", onCopyClick);
  document.addEventListener("focusin", onCardReached);
  document.addEventListener("pointerover", onCardReached);
  window.addEventListener("hashchange", revealHash);
  window.addEventListener("pagehide", flushUrls);  // leaving (or a reload) before the address caught up
  // A click on a link to the event already in the address bar fires no hashchange: highlight it again.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link && link.getAttribute("href") === window.location.hash) {
      window.setTimeout(revealHash, 0);
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
