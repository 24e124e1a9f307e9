{#- The site's service worker, written to the site root as sw.js by generator/outputs/offline.py (a Jinja template: the
    labels come from labels.py). Its scope is the folder it is in, so it follows site_url's path by itself.
    In the editors' preview (`mkdocs serve`) it is the `preview` variant: it deletes what an earlier worker
    kept and unregisters, so nothing of the preview is ever cached. -#}
/* What We Know So Far: offline reading (generated; see generator/outputs/offline.py).
 *
 * - Pages (HTML): network first, so a reader online never gets a stale page; each page read is kept, with the
 *   time it was saved. Offline, the kept copy is served with a note "You are reading a saved copy from <time>";
 *   a page never kept gets the offline page, which lists the explainers kept on this device.
 * - Versioned assets (a digest in the name: Material's bundle and stylesheet, the share cards, the map sheets):
 *   from the cache first. Other files of the site (our script and stylesheets, data files): network first,
 *   kept for offline.
 * - Never: another origin, anything outside the site's folder, the search index (pagefind/), a request that is
 *   not a GET, this file.
 */
"use strict";
{% if preview %}
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("ce-") === 0; }).map(function (k) {
      return caches.delete(k);
    }));
  }).then(function () { return self.registration.unregister(); }));
});
{% else %}
var PAGES = "ce-pages-{{ version }}";
var ASSETS = "ce-assets-{{ version }}";
var SCOPE = new URL(self.registration.scope);
var OFFLINE = new URL("offline.html", SCOPE).href;
var SAVED = new URL("offline-saved.json", SCOPE).href;  // what the offline page lists: url -> title, time
var LABELS = {{ labels | tojson }};
var VERSIONED = /[./-][0-9a-f]{8,}(\.min)?\.(js|css|png|svg)$/;  // bundle.<hash>.min.js, maps/<digest>.svg

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(PAGES).then(function (cache) { return cache.add(OFFLINE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("ce-") === 0 && k !== PAGES && k !== ASSETS;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function ours(url) {
  return url.origin === SCOPE.origin && url.href.indexOf(SCOPE.href) === 0 &&
    url.pathname.indexOf(SCOPE.pathname + "pagefind/") !== 0 && url.href !== new URL("sw.js", SCOPE).href;
}

function bare(href) {
  var url = new URL(href);
  url.hash = "";
  return url.href;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (!ours(url)) return;  // the browser fetches it as if there were no worker
  var page = request.mode === "navigate" || (request.headers.get("Accept") || "").indexOf("text/html") !== -1;
  event.respondWith(page ? readPage(event, request) : readAsset(request, url));
});

function readPage(event, request) {
  // no-cache: the browser's HTTP cache must not answer for the network (it would, offline, with a copy it still
  // thinks fresh, and the reader would not be told it is a saved one); online, the server confirms or replaces it.
  return fetch(request.url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    if (response.ok && response.type === "basic") {
      event.waitUntil(keepPage(request.url, response.clone()));
    }
    return response;
  }, function () {
    return caches.open(PAGES).then(function (cache) {
      return cache.match(bare(request.url), { ignoreSearch: true }).then(function (kept) {
        if (kept && kept.url !== OFFLINE) return savedCopy(kept);
        return cache.match(OFFLINE).then(function (offline) {
          return offline ? fallback(offline) : Response.error();
        });
      });
    });
  });
}

function keepPage(href, response) {
  var saved = new Date().toISOString();
  return response.text().then(function (html) {
    var headers = new Headers(response.headers);
    headers.set("X-Saved-At", saved);
    var title = (html.match(/<title>([^<]*)<\/title>/) || ["", ""])[1];
    var explainer = html.indexOf('class="ce-stamp ce-lite"') !== -1;
    return caches.open(PAGES).then(function (cache) {
      return cache.put(bare(href), new Response(html, { status: 200, headers: headers })).then(function () {
        return cache.match(SAVED);
      }).then(function (found) {
        return found ? found.json() : {};
      }).then(function (list) {
        list[bare(href)] = { title: title, saved: saved, explainer: explainer };
        return cache.put(SAVED, new Response(JSON.stringify(list), {
          headers: { "Content-Type": "application/json" } }));
      });
    });
  });
}

function readAsset(request, url) {
  return caches.open(ASSETS).then(function (cache) {
    var fresh = function () {
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") cache.put(bare(request.url), response.clone());
        return response;
      });
    };
    if (VERSIONED.test(url.pathname)) {  // its name changes with its bytes: a kept copy is the current one
      return cache.match(bare(request.url)).then(function (kept) { return kept || fresh(); });
    }
    return fresh().catch(function () {
      return cache.match(bare(request.url), { ignoreSearch: true }).then(function (kept) {
        return kept || Response.error();
      });
    });
  });
}

function words(html) {
  var lang = (html.match(/<html[^>]*\slang="([^"]+)"/) || ["", "en"])[1];
  return { lang: lang, t: LABELS[lang] || LABELS.en };
}

function escapeText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// The kept page, with the time it was saved: a <meta> the page's script reads, and the note itself (the page
// reads right without the script; with it, the note offers the current version once the network is back).
function savedCopy(kept) {
  var saved = kept.headers.get("X-Saved-At") || "";
  return kept.text().then(function (html) {
    var w = words(html);
    var time = saved ? new Date(saved).toLocaleString(w.lang, { dateStyle: "long", timeStyle: "short" }) : "";
    var note = '<div class="ce-saved-copy" role="status" data-reload="' + escapeText(w.t.back_online) +
      '" style="padding:.5rem 1rem;background:#fff3cd;color:#3d2e00;border-bottom:1px solid #c9a227;font:1rem/1.4 system-ui,sans-serif">' +
      escapeText(w.t.saved_copy.replace("{time}", time)) + "</div>";
    html = html.replace(/<head>/, '<head><meta name="explainers-saved" content="' + escapeText(saved) + '">')
      .replace(/<body([^>]*)>/, function (body) { return body + note; });
    return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
}

// The offline page served in place of a page never kept: its links are relative to the site's root.
function fallback(offline) {
  return offline.text().then(function (html) {
    return new Response(html.replace(/<head>/, '<head><base href="' + escapeText(SCOPE.href) + '">'), {
      headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
}

// From the pages' script: keep these addresses (the page just read and what it loaded, on a first visit before
// this worker controlled it; or, asked by the reader, an explainer with its text-only file and data).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  var work = data.urls.slice(0, 200).map(function (href) {
    var url;
    try { url = new URL(href, SCOPE); } catch (e) { return Promise.resolve(false); }
    if (!ours(url)) return Promise.resolve(false);
    // What the page loaded is in the browser's HTTP cache: kept from there, not downloaded a second time.
    return fetch(url.href, { cache: "force-cache" }).then(function (response) {
      if (!response.ok || response.type !== "basic") return false;
      var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
      if (html) return keepPage(url.href, response).then(function () { return true; });
      return caches.open(ASSETS).then(function (cache) { return cache.put(bare(url.href), response); })
        .then(function () { return true; });
    }, function () { return false; });
  });
  event.waitUntil(Promise.all(work).then(function (done) {
    if (event.ports && event.ports[0]) event.ports[0].postMessage({ kept: done.filter(Boolean).length });
  }));
});
{% endif %}
