/* Visitor tally: count taps at once, send them in the background, keep them when offline.
 *
 * Every tap gets its own key (a UUID) and waits in localStorage until the server has
 * answered. A tap sent twice (a retry after a lost answer, another tab flushing the same
 * queue) carries the same key, and the server counts a key only once. Without this script
 * the form still works: it posts, and the page reloads with the new count.
 */
(function () {
  "use strict";
  var STORE = "treff.tally.queue.v1";
  var form = document.querySelector("form[data-tally-tap]");
  if (!form || !window.fetch || !window.localStorage || !window.FormData) {
    return;
  }
  var output = document.getElementById("tally-total");
  var pending = document.querySelector("[data-tally-pending]");
  // Not form.action: the form has an input named "action", which shadows that property.
  var url = window.location.pathname;
  var confirmed = parseInt(output.getAttribute("data-total"), 10) || 0;
  var sending = false;
  var offline = false;

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join("-");
  }

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE)) || [];
    } catch (error) {
      return [];
    }
  }

  function save(queue) {
    window.localStorage.setItem(STORE, JSON.stringify(queue));
  }

  function drop(key) {
    save(load().filter(function (tap) { return tap.key !== key; }));
  }

  function waitingHere() {
    return load().filter(function (tap) { return tap.url === url; }).length;
  }

  function render(message) {
    var waiting = waitingHere();
    output.textContent = String(confirmed + waiting);
    output.setAttribute("data-waiting", String(waiting));
    var text = message || "";
    if (!text && waiting && offline) {
      text = (waiting === 1 ? form.getAttribute("data-pending-one")
        : form.getAttribute("data-pending-many").replace("%(count)s", waiting)) +
        " " + form.getAttribute("data-offline");
    }
    pending.textContent = text;
    pending.hidden = !text;
  }

  function csrfToken() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function flush() {
    if (sending) {
      return;
    }
    var queue = load();
    if (!queue.length) {
      offline = false;
      render();
      return;
    }
    var tap = queue[0];
    var body = new URLSearchParams(tap.data);
    // The token of this page: a queued tap may be older than the last login.
    body.set("csrfmiddlewaretoken", csrfToken());
    sending = true;
    fetch(tap.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (response.ok && data && typeof data.total === "number") {
          drop(tap.key);
          offline = false;
          if (tap.url === url) {
            confirmed = data.total;
          }
          return "";
        }
        if (response.status === 400 || response.status === 404) {
          // Refused for good (e.g. a day in the future): keeping it would retry forever.
          drop(tap.key);
          var errors = (data && data.errors) || [];
          return form.getAttribute("data-refused") + " " + errors.join(" ");
        }
        // Logged out, a server error, a proxy page: keep the tap and try again later.
        throw new Error("not counted yet");
      });
    }).then(function (message) {
      sending = false;
      render(message);
      if (!message) {
        flush();
      }
    }).catch(function () {
      sending = false;
      offline = true;
      render();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var key = uuid();
    data.set("key", key);
    var entries = [];
    data.forEach(function (value, name) { entries.push([name, value]); });
    var queue = load();
    queue.push({ url: url, key: key, data: entries });
    save(queue);
    // As after a reload without this script: the next visitor starts undescribed.
    Array.prototype.forEach.call(
      form.querySelectorAll("input[type=radio][value='']"),
      function (radio) { radio.checked = true; }
    );
    render();
    flush();
  });

  window.addEventListener("online", flush);
  window.addEventListener("storage", function () { render(); });
  window.setInterval(flush, 10000);
  render();
  flush();
}());
