/* Offline reading, the pages' side (the worker is sw.js at the site root, generator/outputs/offline.py).
 *
 * Registers the worker with the site's folder as its scope (found from this script's own address, so it
 * follows site_url's path); asks it to keep the page being read and what the page loaded (on a first visit the
 * worker did not yet see them); on an explainer, a "Save for offline reading" button that also keeps its
 * text-only edition and its data files; on a saved copy, once the network is back, the note offers the current
 * version; on the offline page, the list of the explainers kept on this device.
 *
 * Progressive enhancement only: without JavaScript, or without service workers, nothing here happens and
 * nothing is missing from the pages. Loaded with `defer`.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.caches) return;
  var root = new URL("..", script.src);  // this file is assets/explainers-offline.js
  var served = Boolean(navigator.serviceWorker.controller);  // the worker saw this page load (it may claim it later)

  function here() {
    var url = new URL(location.href);
    url.hash = "";
    return url.href;
  }

  function loaded() {  // what this page fetched from the site: stylesheets, scripts, images, map sheets
    return performance.getEntriesByType("resource").map(function (entry) { return entry.name; })
      .filter(function (name) { return name.indexOf(root.href) === 0 && name.indexOf("/pagefind/") === -1; });
  }

  function keep(worker, urls) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      worker.postMessage({ type: "keep", urls: urls }, [channel.port2]);
    });
  }

  function saveButton(worker) {
    var lite = document.querySelector("a.ce-lite");
    if (!lite || !lite.dataset.save) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ce-stamp ce-save";
    button.textContent = lite.dataset.save;
    button.addEventListener("click", function () {
      button.disabled = true;
      var data = Array.prototype.map.call(document.querySelectorAll('a[href*="/data/"]'), function (a) {
        return a.href;
      });
      keep(worker, [here(), lite.href].concat(loaded(), data)).then(function () {
        button.textContent = lite.dataset.saved;
      });
    });
    lite.insertAdjacentElement("afterend", button);
  }

  function savedNote() {
    var note = document.querySelector(".ce-saved-copy");
    if (!note) return;
    window.addEventListener("online", function () {
      var link = document.createElement("a");
      link.href = here();
      link.textContent = note.dataset.reload;
      note.textContent = "";
      note.appendChild(link);
    });
  }

  function savedList() {
    var list = document.getElementById("ce-saved-list");
    if (!list) return;
    caches.keys().then(function (keys) {
      var name = keys.filter(function (k) { return k.indexOf("ce-pages-") === 0; })[0];
      return name ? caches.open(name).then(function (cache) {
        return cache.match(new URL("offline-saved.json", root).href);
      }) : null;
    }).then(function (found) {
      return found ? found.json() : {};
    }).then(function (saved) {
      var urls = Object.keys(saved).filter(function (url) { return saved[url].explainer; }).sort(function (a, b) {
        return saved[b].saved < saved[a].saved ? -1 : 1;  // newest first
      });
      if (!urls.length) {
        var none = document.createElement("li");
        none.textContent = list.dataset.none;
        list.appendChild(none);
      }
      urls.forEach(function (url) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = url;
        link.textContent = saved[url].title;  // text, never markup: the title is the page's own
        var when = document.createElement("span");
        when.className = "m";
        when.textContent = " " + new Date(saved[url].saved).toLocaleString(document.documentElement.lang);
        item.appendChild(link);
        item.appendChild(when);
        list.appendChild(item);
      });
    });
  }

  savedNote();
  savedList();
  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    var worker = registration.active;
    if (!worker || document.querySelector(".ce-saved-copy") || document.getElementById("ce-saved-list")) return;
    // A page the worker served is kept already; one read before it was installed is fetched once more (from
    // the browser's cache, mostly), so that the first explainer a reader opens is there offline too.
    if (!served) keep(worker, [here()].concat(loaded()));
    saveButton(worker);
  }).catch(function () { /* no worker (a private window, a file: address): the page reads as it is */ });
})();
