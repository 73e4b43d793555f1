"use strict";
// The phone page. It follows the session over Server-Sent Events and sends whole answers as
// POSTs with an idempotency key, so a retry after a lost reply is never counted twice.
// Participant text only ever reaches the page as text nodes (textContent / append of strings).
(function () {
  const root = document.documentElement;
  const ROOM = root.dataset.room;
  const API = "api/" + ROOM + "/";
  const main = document.getElementById("main");
  const bar = { workshop: document.getElementById("workshop"), me: document.getElementById("me") };
  const banner = document.getElementById("connection");

  // The session's words from the one catalogue (static/i18n/{lang}.js, loaded before this).
  const T = window.TEXTS;
  const plurals = new Intl.PluralRules(root.lang);
  let view = null;
  let clockOffset = 0;
  let shown = "";
  let shownFull = "";
  let shownStep = null;
  let dirty = false;
  let outbox = null;
  let sendState = null;
  let statusEl = null;
  let timerEl = null;
  let heard = null;
  let source = null;
  let queueTimer = null;

  // A plural entry holds one text per CLDR category; the browser's Intl.PluralRules picks the
  // one `vars.count` takes, by the same CLDR rules the projector's Babel uses.
  function t(key, vars) {
    let text = T[key] || key;
    if (typeof text === "object") text = text[plurals.select(vars.count)] || text.other;
    for (const [name, value] of Object.entries(vars || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else if (name === "text") el.textContent = value;
      else if (name === "value" || name === "checked" || name === "disabled") el[name] = value;
      else el.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined && child !== false) el.append(child);
    }
    return el;
  }

  let uid = 0;
  function id(prefix) {
    uid += 1;
    return prefix + uid;
  }

  function newKey() {
    // crypto.randomUUID needs a secure context; phones reach us over plain http on the LAN.
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function codePoints(text) {
    return [...text].length;
  }

  async function call(path, body) {
    // A request lost on a bad network would otherwise hang for minutes before it can be retried.
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 10000);
    const options = { credentials: "same-origin", cache: "no-store", signal: abort.signal };
    if (body !== undefined) {
      options.method = "POST";
      options.headers = { "Content-Type": "application/json" };
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, options);
    } finally {
      clearTimeout(timeout);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    return { status: response.status, data: data, retryAfter: response.headers.get("Retry-After") };
  }

  function refusal(data) {
    const error = (data && data.error) || {};
    const key = "error_" + error.code;
    if (T[key]) return t(key, error.detail);
    return error.message || "?";
  }

  function setBanner(text) {
    banner.hidden = !text;
    banner.textContent = text || "";
  }

  // -- connection ------------------------------------------------------------------------------

  async function boot() {
    setBanner("");
    let reply;
    try {
      reply = await call("me");
      if (reply.status === 401) reply = await call("join", {});
    } catch (err) {
      setBanner(t("phone_offline"));
      setTimeout(boot, 3000);
      return;
    }
    if (reply.status === 200 || reply.status === 201) {
      accept(reply.data);
      listen();
    } else if (reply.status === 404) {
      message(t("phone_gone"));
    } else if (reply.status === 429 && !view) {
      waitTurn(reply);
    } else if (reply.status >= 500 || reply.status === 429) {
      setBanner(t("phone_offline"));
      setTimeout(boot, 3000);
    } else {
      message(refusal(reply.data));
    }
  }

  // A new phone over the join limit has a place in the queue (a cookie the server set) and the
  // seconds until its turn: it says so and counts down, then asks again by itself.
  function waitTurn(reply) {
    const detail = (reply.data && reply.data.error && reply.data.error.detail) || {};
    let left = Math.max(1, Math.ceil(Number(detail.wait || reply.retryAfter) || 3));
    const clock = h("p", { class: "timer", role: "timer" });
    const show = () => {
      clock.textContent = t(detail.queued ? "phone_queue_wait" : "phone_busy_wait", { seconds: left });
    };
    show();
    main.replaceChildren(
      h("p", { class: "notice", role: "status", text: t(detail.queued ? "phone_queue" : "phone_busy") }),
      clock,
    );
    main.setAttribute("aria-busy", "false");
    clearInterval(queueTimer);
    queueTimer = setInterval(() => {
      left -= 1;
      if (left > 0) {
        show();
        return;
      }
      clearInterval(queueTimer);
      clock.textContent = t("phone_connecting");
      boot();
    }, 1000);
  }

  function listen() {
    if (source) source.close();
    source = new EventSource(API + "stream");
    source.addEventListener("view", (event) => {
      setBanner("");
      accept(JSON.parse(event.data));
    });
    source.addEventListener("error", () => {
      setBanner(t("phone_offline"));
      // EventSource retries by itself unless the server refused it (e.g. not joined any more).
      if (source && source.readyState === EventSource.CLOSED) {
        source = null;
        setTimeout(boot, 3000);
      }
    });
  }

  function message(text) {
    main.replaceChildren(h("p", { class: "notice", text: text }));
    main.setAttribute("aria-busy", "false");
  }

  // -- rendering -------------------------------------------------------------------------------

  function accept(data) {
    clockOffset = data.now * 1000 - Date.now();
    view = data.view;
    bar.workshop.textContent = view.workshop;
    bar.me.textContent = t("phone_you", { name: view.me.name });
    const step = view.step;
    // Only what changes the controls redraws them: a reveal, a timer or a new name must not
    // wipe a draft (the name is shown in the bar, and the name field already holds it).
    const layout = JSON.stringify(step && { ...step, answer: 0, timer: 0, revealed: 0, results: 0 });
    const full = JSON.stringify([layout, step && step.answer]);
    if (layout !== shown) {
      if (!step || !outbox || outbox.step !== step.id) dirty = false;
      draw();
      if (step && step.id !== shownStep) focusTitle();
      // What was said of another step's time ("Time's up") is not true of this one.
      if ((step && step.id) !== shownStep) announcer.textContent = "";
      shownStep = step && step.id;
    } else if (full !== shownFull && !dirty) {
      draw();
    }
    shown = layout;
    shownFull = full;
    tick();
    showResults(step);
  }

  function draw() {
    const step = view.step;
    // The countdown changes every second, so it is not live: `announceTime` speaks instead.
    timerEl = h("p", { class: "timer", role: "timer", "aria-live": "off", hidden: true });
    statusEl = h("p", { class: "status", role: "status", "aria-live": "polite" });
    const parts = [];
    if (!step) {
      parts.push(h("p", { class: "notice", text: t("phone_wait_start") }), renameForm());
    } else {
      const locked = step.status === "locked";
      // A step being prepared takes no answers yet: the phone says so instead of a form.
      const preparing = step.status === "preparing";
      const waiting = t(step.kind === "levels" ? "phone_preparing_ladder" : "phone_preparing");
      parts.push(
        h("p", { class: "muted", text: t("phone_step_of", { n: step.index + 1, total: step.count }) }),
        h("h1", { text: step.title }),
        timerEl,
        locked ? h("p", { class: "locked", text: t("phone_locked") }) : null,
        preparing
          ? h("p", { class: "notice preparing", role: "status", text: waiting })
          : (KINDS[step.kind] || KINDS.lobby)(step, locked),
        resultsEl,
      );
    }
    main.replaceChildren(...parts.flat(Infinity).filter(Boolean));
    main.setAttribute("aria-busy", "false");
    if (sendState && step && sendState.step === step.id) showStatus(sendState.text, sendState.bad);
  }

  function focusTitle() {
    // Screen readers announce the new step, and the page starts at its top.
    const title = main.querySelector("h1");
    if (!title) return;
    title.setAttribute("tabindex", "-1");
    title.focus();
  }

  function showStatus(text, bad) {
    sendState = view.step ? { step: view.step.id, text: text, bad: bad } : null;
    if (!statusEl) return;
    statusEl.textContent = text;
    statusEl.className = bad ? "status bad" : "status";
  }

  function tick() {
    const step = view && view.step;
    if (!timerEl || !step || !step.timer) {
      if (timerEl) timerEl.hidden = true;
      return;
    }
    const timer = step.timer;
    const left = timer.running
      ? Math.max(0, timer.deadline * 1000 - (Date.now() + clockOffset)) / 1000
      : timer.remaining || 0;
    const whole = Math.ceil(left);
    const time = Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
    timerEl.hidden = false;
    timerEl.textContent = t(timer.running ? "phone_time_left" : "phone_time_paused", { time: time });
    announceTime(step.id, whole);
  }

  // A screen reader hears the timer twice: when it passes one minute left and when it ends
  // (again after the facilitator adds time), never each second.
  function announceTime(stepId, whole) {
    const before = heard && heard.step === stepId ? heard.left : null;
    heard = { step: stepId, left: whole };
    // Time added: what was said ("Time's up") is not true any more.
    if (before !== null && whole > before) announcer.textContent = "";
    if (before === null || whole >= before) return;
    if (whole === 0) announcer.textContent = t("phone_time_up");
    else if (before > 60 && whole <= 60) announcer.textContent = t("phone_time_one_minute");
  }

  // -- sending ---------------------------------------------------------------------------------

  function submit(payload) {
    if (outbox && outbox.retry) clearTimeout(outbox.retry);
    outbox = { step: view.step.id, key: newKey(), payload: payload, tries: 0, retry: null };
    attempt(outbox);
  }

  async function attempt(item) {
    showStatus(t("phone_sending"), false);
    let reply = null;
    try {
      reply = await call("answer", { step: item.step, key: item.key, payload: item.payload });
    } catch (err) {
      reply = null;
    }
    if (outbox !== item) return;
    if (reply && reply.status === 200) {
      outbox = null;
      dirty = false;
      // Sent: what started from an earlier round's answer is this round's answer now.
      for (const el of main.querySelectorAll(".earlier, .earlier-mark")) el.remove();
      // Held by the word filter: kept, but shown to the room only once the facilitator agrees.
      const held = reply.data && reply.data.held && reply.data.held.length > 0;
      showStatus(t(held ? "phone_received_held" : "phone_received"), false);
      return;
    }
    if (!reply || reply.status >= 500 || reply.status === 429) {
      item.tries += 1;
      const wait = reply && reply.retryAfter
        ? Number(reply.retryAfter) * 1000
        : Math.min(10000, 500 * 2 ** item.tries);
      showStatus(reply && reply.status === 429 ? refusal(reply.data) : t("phone_retrying"), true);
      item.retry = setTimeout(() => {
        if (outbox === item && view.step && view.step.id === item.step) attempt(item);
      }, wait);
      return;
    }
    outbox = null;
    showStatus(refusal(reply.data), true);
  }

  function sendButton(step, locked, payload) {
    return h(
      "div",
      { class: "actions" },
      h("button", {
        type: "button",
        class: "primary",
        disabled: locked,
        text: step.answer ? t("phone_update") : t("phone_send"),
        onclick: () => submit(payload()),
      }),
      statusEl,
    );
  }

  function edited() {
    dirty = true;
    if (sendState && sendState.text === t("phone_received")) showStatus("", false);
  }

  // -- pieces ----------------------------------------------------------------------------------

  function counter(input, max) {
    const el = h("p", { class: "counter", id: id("c") });
    function update() {
      const n = codePoints(input.value);
      el.textContent = t(n > max ? "phone_over" : "phone_chars", { n: n, max: max });
      el.classList.toggle("bad", n > max);
      input.setAttribute("aria-invalid", n > max ? "true" : "false");
    }
    input.setAttribute("aria-describedby", el.id);
    input.addEventListener("input", update);
    update();
    return el;
  }

  // `names` (optional) are what a screen reader calls each option when its label alone would
  // not say it ("3 of 5 for Leadership" rather than "3"); the first `inRow` options (a rating's
  // numbers) share one row of equal buttons. A label is a text, or nodes (a text and a mark);
  // `onchange` gets the option's index and its input.
  function choices(legend, type, labels, isChecked, locked, onchange, names, inRow) {
    const name = id("g");
    const options = labels.map((label, index) =>
      h(
        "label",
        { class: "option" },
        h("input", {
          type: type,
          name: name,
          value: String(index),
          checked: isChecked(index),
          disabled: locked,
          "aria-label": names ? names[index] : null,
          onchange: (event) => {
            edited();
            onchange(index, event.target);
          },
        }),
        // With a name of its own, the shown "3" is not read out a second time.
        typeof label === "string"
          ? h("span", { text: label, "aria-hidden": names ? "true" : null })
          : h("span", {}, label),
      ),
    );
    const row = inRow ? h("div", { class: "numbers" }, options.slice(0, inRow)) : null;
    return h(
      "fieldset",
      { class: "choices" },
      h("legend", { text: legend }),
      row ? [row, options.slice(inRow)] : options,
    );
  }

  // Stackable votes (dots, campaign votes): +/- per option and how many are left.
  function budget(keys, labels, spent, total, locked, words, extra) {
    const left = h("p", { class: "left", "aria-live": "polite" });
    const rows = [];
    function used() {
      return Object.values(spent).reduce((a, b) => a + b, 0);
    }
    function refresh() {
      left.textContent = t(words.left, { n: total - used(), total: total });
      for (const row of rows) {
        const n = spent[row.key] || 0;
        row.count.textContent = "●".repeat(n) + " " + t(words.on, { count: n });
        row.minus.disabled = locked || n === 0;
        row.plus.disabled = locked || used() >= total;
      }
    }
    function change(key, by) {
      const n = (spent[key] || 0) + by;
      if (n > 0) spent[key] = n;
      else delete spent[key];
      edited();
      refresh();
    }
    const list = keys.map((key, index) => {
      const row = {
        key: key,
        count: h("span", { class: "count" }),
        minus: h("button", {
          type: "button",
          class: "round",
          "aria-label": t(words.remove, { option: labels[index] }),
          text: "−",
          onclick: () => change(key, -1),
        }),
        plus: h("button", {
          type: "button",
          class: "round",
          "aria-label": t(words.add, { option: labels[index] }),
          text: "+",
          onclick: () => change(key, 1),
        }),
      };
      rows.push(row);
      return h(
        "li",
        { class: "budget" },
        extra ? extra(index) : h("span", { class: "label", text: labels[index] }),
        h("div", { class: "stepper" }, row.minus, row.count, row.plus),
      );
    });
    refresh();
    return [left, h("ul", { class: "plain" }, list)];
  }

  function planBlock(plan) {
    if (!plan) return null;
    const rows = [
      [t("purpose"), plan.purpose],
      [t("goal"), plan.goal],
      [t("period"), plan.start + " – " + plan.end],
      [t("owner"), plan.owner],
      [t("followup"), plan.followup],
    ];
    return h(
      "section",
      { class: "plan" },
      h("h2", { text: t("campaign") + ": " + plan.title }),
      h("dl", {}, rows.map(([term, value]) => [h("dt", { text: term }), h("dd", { text: value })])),
    );
  }

  // The catalogue's words for where a level came from (`domain.service_card.LevelOrigin`).
  const ORIGIN = {
    agreed: "level_origin_agreed",
    draft: "level_origin_draft",
    confirmed: "level_origin_confirmed",
    changed: "level_origin_changed",
  };

  // As `domain.service_card.origin_words` says it: "agreed 2026-11-02", "draft from …".
  function originWords(origin) {
    if (origin.kind === "agreed" && origin.on === null) return t("level_origin_agreed_earlier");
    return t(ORIGIN[origin.kind], { date: origin.on || "" });
  }

  // `noRung` is what an area without a rung says: not agreed yet, or (locked) no common level;
  // `marks`: whether each level says where it came from (a card carrying earlier levels).
  function levelList(levels, noRung = "phone_not_agreed", marks = true) {
    return h(
      "ul",
      { class: "levels" },
      levels.map((area) =>
        h(
          "li",
          {},
          h("strong", { text: area.name }),
          h("span", { text: area.rung === null ? t(noRung) : area.rung }),
          marks && area.origin ? h("span", { class: "origin", text: " (" + originWords(area.origin) + ")" }) : null,
        ),
      ),
    );
  }

  // The group's levels a follow-up looks back on, headed as agreed or as a draft.
  function previousLevels(levels) {
    if (!levels.length) return null;
    const draft = levels.some((area) => area.origin && area.origin.kind === "draft");
    return h(
      "section",
      { class: "previous-levels" },
      h("h2", { text: t(draft ? "previous_levels_draft" : "previous_levels") }),
      levelList(levels, "phone_no_common_level", false),
    );
  }

  function consensusLine(check) {
    if (!check) return null;
    const text = t("card_consensus_" + check.status, { threshold: check.threshold, below: check.below });
    return h("p", { class: "consensus " + check.status, text: text });
  }

  function renameForm() {
    const input = h("input", {
      id: id("n"),
      value: view.me.name,
      maxlength: String(view.me.name_max),
      autocomplete: "nickname",
    });
    const note = h("p", { class: "status", role: "status", "aria-live": "polite" });
    async function save(event) {
      event.preventDefault();
      note.textContent = t("phone_sending");
      note.className = "status";
      let reply = null;
      try {
        reply = await call("rename", { name: input.value });
      } catch (err) {
        reply = null;
      }
      if (reply && reply.status === 200) {
        note.textContent = t("phone_name_saved");
        accept(reply.data);
      } else {
        note.textContent = reply ? refusal(reply.data) : t("phone_offline");
        note.className = "status bad";
      }
    }
    return h(
      "form",
      { class: "rename", onsubmit: save },
      h("label", { for: input.id, text: t("phone_name_label") }),
      input,
      h("button", { type: "submit", text: t("phone_name_save") }),
      note,
    );
  }

  function saveCardLink() {
    // The server draws the card as an image, so a phone keeps the same card the projector
    // exports, and it saves without any script-made download.
    return h("a", {
      class: "button",
      href: API + "card.png",
      download: "service-card-" + ROOM + ".png",
      text: t("phone_save_card"),
    });
  }

  function calendarLink() {
    // The campaign's period and follow-up day as a calendar file the phone's calendar opens.
    return h("a", {
      class: "button",
      href: API + "campaign.ics",
      download: "campaign-" + ROOM + ".ics",
      text: t("phone_add_to_calendar"),
    });
  }

  // -- results on the phone --------------------------------------------------------------------
  // A revealed step's view has the projector's result (`step.results`): numbers by option index,
  // item, area or card id, named here from the step's own texts (so in the phone's language).
  // One region below the form, kept across redraws; rebuilt only when the result changed, then a
  // short polite status says so instead of a screen reader reading the tables again.
  const decimal = new Intl.NumberFormat(root.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const resultsStatus = h("p", { id: "phone-results-status", class: "results-status", role: "status", "aria-live": "polite" });
  const resultsBody = h("div", { id: "phone-results-body" });
  const resultsEl = h("section", { id: "phone-results", class: "results" }, resultsStatus, resultsBody);
  let resultsKey = "";
  let resultsStep = null;

  function showResults(step) {
    const r = (step && step.results) || null;
    const key = JSON.stringify([step && step.id, r]);
    if (key === resultsKey) return;
    resultsKey = key;
    // "Updated" only for a change of the result already shown; a first reveal says it is here.
    const again = r !== null && resultsStep === step.id;
    resultsStep = r && step.id;
    if (r) resultsEl.setAttribute("aria-labelledby", "phone-results-title");
    else resultsEl.removeAttribute("aria-labelledby");
    const title = r && h("h2", { id: "phone-results-title", text: t("phone_results_title") });
    resultsBody.replaceChildren(...[title, r && RESULTS[r.kind] && RESULTS[r.kind](step, r)].flat(Infinity).filter(Boolean));
    const count = r && (r.kind === "prompt" ? r.total : r.responses);
    if (!r) announce("", null, false);
    else if (again) announce(t("phone_results_updated", { count: count }), count, true);
    else announce(t("phone_results_shown"), null, false);
  }

  // While answers pour in, the result changes every second: an update is said at most every
  // ANNOUNCE_EVERY ms (the newest one), so nobody writing an answer is talked over. `count` is
  // the number the text gives (null: none); `statusCount` the one the status shows now.
  const ANNOUNCE_EVERY = 10000;
  let announcedAt = 0;
  let announceTimer = null;
  let statusCount = null;
  function announce(text, count, update) {
    clearTimeout(announceTimer);
    const say = () => {
      announcedAt = Date.now();
      statusCount = count;
      resultsStatus.textContent = text;
    };
    const wait = update ? announcedAt + ANNOUNCE_EVERY - Date.now() : 0;
    if (wait <= 0) {
      say();
      return;
    }
    // The body shows the new result at once: an older count must not stand above it while
    // the new one waits to be said (emptying a live region is not read out).
    if (statusCount !== null && statusCount !== count) {
      statusCount = null;
      resultsStatus.textContent = "";
    }
    announceTimer = setTimeout(say, wait);
  }

  // A number cell: its text, and a bar (value of most) for the eye only.
  function num(text, value, most) {
    const bar = h("span", { class: "result-bar", "aria-hidden": "true" });
    bar.style.setProperty("--share", Math.round((100 * value) / Math.max(1, most)) + "%");
    return h("td", { class: "num" }, h("span", { text: String(text) }), bar);
  }

  // A table whose rows are [row heading (text or nodes), ...cells (a `num` or a text)]; `heads`
  // the column headings, or null.
  function resultsTable(caption, heads, rows) {
    const cell = (c) => (c instanceof Node ? c : h("td", { text: String(c) }));
    return h(
      "table",
      { class: "results-table" },
      h("caption", { text: caption }),
      heads && h("thead", {}, h("tr", {}, heads.map((text) => h("th", { scope: "col", text })))),
      h("tbody", {}, rows.map(([head, ...cells]) => h("tr", {}, h("th", { scope: "row" }, head), cells.map(cell)))),
    );
  }

  const list = (texts) => h("ul", { class: "result-list" }, texts.map((text) => h("li", { text })));
  const note = (key, vars) => h("p", { class: "muted", text: t(key, vars) });
  const inRound = (text, r) => text + (r.round > 1 ? " · " + t("round", { n: r.round }) : "");
  const answered = (r) => t("phone_results_answered", { count: r.responses });
  const COUNT = "phone_results_count";

  const RESULTS = {
    choice: (step, r) =>
      resultsTable(answered(r), [t("phone_results_option"), t(COUNT)], step.options.map((option, i) => [
        String.fromCharCode(65 + i) + ". " + option,
        num(t("phone_results_percent", { count: r.counts[i], n: r.shares[i] }), r.counts[i], r.responses),
      ])),

    // One small table per item, a row per figure: five columns would not fit a phone.
    scale: (step, r) => [
      h("p", { class: "result-note", text: t("phone_results_scale", { min: r.min, max: r.max }) }),
      r.items.map((item, i) => {
        const f = (value, key) => (value === null ? "–" : key ? t(key, { value: decimal.format(value) }) : decimal.format(value));
        const rows = [
          [t("phone_results_mean"), f(item.mean)],
          [t("phone_results_spread"), f(item.spread, "phone_results_spread_value")],
          [t("phone_results_range"), item.lowest === null ? "–" : t("phone_results_range_value", { low: item.lowest, high: item.highest })],
          [t(COUNT), item.responses],
          [t("phone_results_ratings"), item.counts.map((n, k) => r.min + k + ": " + n).join(" · ")],
        ];
        if (item.previous !== null) rows.push([t("phone_results_previous"), f(item.previous)]);
        return resultsTable(step.items[i], null, rows);
      }),
    ],

    vote: (step, r) => {
      const most = Math.max(...r.options.map((o) => o.dots));
      return resultsTable(inRound(t("phone_results_dots_caption"), r), [t("phone_results_option"), t("phone_results_dots")],
        r.options.map((o) => [o.place + ". " + step.options[o.option], num(t("dots", { count: o.dots }), o.dots, most)]));
    },

    campaign: (step, r) => {
      const titles = Object.fromEntries(step.cards.map((card) => [card.id, card.title]));
      const most = Math.max(...r.shortlist.map((c) => c.votes));
      return resultsTable(t("phone_results_shortlist"), [t("phone_results_card"), t("phone_results_votes")],
        r.shortlist.map((c) => [c.place + ". " + titles[c.card_id], num(t("votes", { count: c.votes }), c.votes, most)]));
    },

    // Per area its ladder, the most ambitious rung first as on the projector.
    levels: (step, r) => [
      r.round > 1 ? h("p", { class: "muted", text: t("round", { n: r.round }) }) : null,
      r.areas.map((a) => {
        const area = step.areas.find((x) => x.id === a.id) || { name: a.id, rungs: [] };
        const rows = area.rungs.map((rung, i) => {
          const marks = [
            i === a.locked ? "phone_results_locked_level" : i === a.level ? "phone_results_group_level" : "",
            i === a.aspiration ? "phone_results_aspiration" : "",
            i === a.last_time ? "phone_results_last_time" : "",
          ];
          const accepts = a.accepts[i] || 0;
          // The marks in the row's heading: two columns fit a phone at any text size.
          const said = marks.filter(Boolean).map((k) => t(k)).join(", ");
          const head = [i + 1 + ". " + rung, said ? h("span", { class: "result-marks", text: " · " + said }) : null];
          return [head, num(accepts, accepts, a.responses)];
        });
        const heads = [t("phone_results_rung"), t("phone_results_accepts")];
        return [
          resultsTable(area.name + " · " + answered(a), heads, rows.reverse()),
          a.none ? note("phone_results_no_rung", { count: a.none }) : a.responses && a.level === null ? note("phone_results_no_level") : null,
        ];
      }),
    ],

    consensus: (step, r) => [
      resultsTable(inRound(t("phone_results_fist"), r), [t("phone_results_fingers_head"), t(COUNT)],
        r.counts.map((c) => [t("phone_results_fingers", { count: c.fingers }), num(c.count, c.count, r.responses)])),
      h("p", { class: "result-verdict", text: !r.responses ? t("phone_results_waiting") : r.agreed
        ? t("phone_results_agreed", { threshold: r.threshold })
        : t("phone_results_below", { count: r.below, threshold: r.threshold }) }),
      r.reasons.length ? [h("h3", { text: t("phone_results_reasons", { threshold: r.threshold }) }), list(r.reasons)] : null,
      r.reasons_held ? note("phone_results_reasons_held", { count: r.reasons_held }) : null,
      r.earlier.length ? list(r.earlier.map((e) => t("phone_results_earlier", { n: e.round, responses: e.responses, below: e.below, threshold: r.threshold }))) : null,
    ],

    // The anonymous wall, newest first, under each column's heading if the step has columns.
    prompt: (step, r) => {
      const item = (e) => h("li", { class: e.highlighted ? "highlighted" : null },
        e.highlighted ? h("strong", { text: t("phone_results_highlighted") + ": " }) : null, e.text,
        e.count > 1 ? h("span", { class: "muted", text: " " + t("phone_results_same", { count: e.count }) }) : null);
      const wall = (column) => {
        const mine = r.items.filter((e) => column === null || e.column === column);
        return mine.length ? h("ul", { class: "result-list wall" }, mine.map(item)) : null;
      };
      return [
        h("p", { text: r.total ? t("phone_results_wall", { count: r.total }) : t("phone_results_waiting") }),
        step.columns.length ? step.columns.map((name, i) => wall(i) && [h("h3", { text: name }), wall(i)]) : wall(null),
        r.more ? note("phone_results_more", { count: r.more }) : null,
      ];
    },

    followup: (step, r) => [
      resultsTable(answered(r), [t("phone_results_reached"), t(COUNT)],
        r.reached.map((x) => [t("reached_" + x.reached), num(x.count, x.count, r.responses)])),
      r.changed.length ? [h("h3", { text: step.changed_question }), list(r.changed)] : null,
      r.more ? note("phone_results_more", { count: r.more }) : null,
    ],
  };

  // -- one view per step kind ------------------------------------------------------------------

  const KINDS = {
    lobby(step) {
      return [
        step.text ? h("p", { class: "text", text: step.text }) : null,
        h("p", { class: "notice", text: t("phone_lobby_in") }),
        h("p", { text: t(step.names_exported ? "phone_exports_names" : "phone_exports_anonymous") }),
        renameForm(),
      ];
    },

    prompt(step, locked) {
      const given = (step.answer && step.answer.answers) || [];
      const slots = [];
      const slot = (column, text, label) => {
        const area = h("textarea", {
          id: id("a"),
          rows: "2",
          value: text,
          disabled: locked,
          oninput: edited,
        });
        slots.push({ text: area, column });
        return h(
          "div",
          { class: "slot" },
          h("label", { for: area.id, text: label }),
          area,
          counter(area, step.max_length),
        );
      };
      let fields;
      if (step.columns.length) {
        // One set of fields under each column's heading: where an answer is written says which
        // column it is for, so nothing lands in a column by default.
        const share = Math.max(1, Math.floor(step.max_answers / step.columns.length));
        fields = step.columns.map((name, column) => {
          const mine = given.filter((answer) => answer.column === column);
          const count = Math.max(share, mine.length);
          const parts = [];
          for (let i = 0; i < count; i++) {
            // The column is in the field's own name: a screen reader says it with every field.
            const label = t("phone_column_answer", { column: name, n: i + 1 });
            parts.push(slot(column, mine[i] ? mine[i].text : "", label));
          }
          return h("fieldset", { class: "column" }, h("legend", { text: name }), parts);
        });
      } else {
        fields = [];
        for (let i = 0; i < step.max_answers; i++) {
          fields.push(slot(0, given[i] ? given[i].text : "", t("phone_answer_n", { n: i + 1 })));
        }
      }
      return [
        h("p", { class: "question", text: step.question }),
        fields,
        sendButton(step, locked, () => ({
          answers: slots
            .filter((entry) => entry.text.value.trim())
            .map((entry) => ({ text: entry.text.value, column: entry.column })),
        })),
      ];
    },

    choice(step, locked) {
      const picked = new Set((step.answer && step.answer.options) || []);
      const low = step.min_choices;
      const high = step.max_choices;
      // The deck's limit in the legend ("Choose up to 3"), where it is less than every option.
      const legend = !step.multiple
        ? t("phone_choose_one")
        : low > 1
          ? t("phone_choose_between", { low: low, high: high })
          : high < step.options.length
            ? t("phone_choose_up_to", { limit: high })
            : t("phone_choose_many");
      return [
        h("p", { class: "question", text: step.question }),
        choices(
          legend,
          step.multiple ? "checkbox" : "radio",
          step.options,
          (i) => picked.has(i),
          locked,
          (i, input) => {
            if (!step.multiple) picked.clear();
            if (picked.has(i) && step.multiple) picked.delete(i);
            else if (picked.size >= high) {
              // One tick over the deck's limit is undone at once, with the refusal's words.
              input.checked = false;
              showStatus(t("error_too_many_choices", { limit: high }), true);
              return;
            } else picked.add(i);
            if (sendState && sendState.bad) showStatus("", false);
          },
        ),
        sendButton(step, locked, () => ({ options: [...picked].sort((a, b) => a - b) })),
      ];
    },

    scale(step, locked) {
      const ratings = step.items.map((_, i) => (step.answer ? step.answer.ratings[i] : null));
      const values = [];
      for (let v = step.min; v <= step.max; v++) values.push(v);
      const labels = values.map(String);
      labels.push(t("phone_skip"));
      const names = (item) => [
        ...values.map((value) => t("phone_rate_value", { value: value, max: step.max, item: item })),
        t("phone_skip_item", { item: item }),
      ];
      return [
        h("p", { class: "question", text: step.question }),
        step.min_label || step.max_label
          ? h("p", {
              class: "muted",
              text: step.min + " = " + step.min_label + " · " + step.max + " = " + step.max_label,
            })
          : null,
        step.items.map((item, row) =>
          h(
            "div",
            { class: "scale" },
            choices(
              item,
              "radio",
              labels,
              (i) =>
                i === values.length
                  ? ratings[row] === null && !!step.answer
                  : ratings[row] === values[i],
              locked,
              (i) => {
                ratings[row] = i === values.length ? null : values[i];
              },
              names(item),
              values.length,
            ),
          ),
        ),
        sendButton(step, locked, () => ({ ratings: ratings })),
      ];
    },

    vote(step, locked) {
      const spent = { ...((step.answer && step.answer.dots) || {}) };
      const keys = step.options.map((_, i) => String(i));
      const words = {
        left: "phone_dots_left",
        on: "dots",
        add: "phone_add_dot",
        remove: "phone_remove_dot",
      };
      return [
        h("p", { class: "question", text: step.question }),
        budget(keys, step.options, spent, step.dots, locked, words),
        sendButton(step, locked, () => ({ dots: spent })),
      ];
    },

    levels(step, locked) {
      // A later round starts from this phone's earlier answer (until it answers this one),
      // marked as that round's: it counts in this round only once sent.
      const earlier = !step.answer && step.earlier;
      const picks = { ...((step.answer || earlier || {}).rungs || {}) };
      const mark = (text, rung, area) =>
        earlier && earlier.rungs[area.id] === rung
          ? [text, " ", h("span", { class: "earlier-mark", text: "(" + t("phone_levels_earlier_mark", { n: earlier.round }) + ")" })]
          : text;
      return [
        h("p", { class: "question", text: step.question }),
        step.round > 1 ? h("p", { class: "muted", text: t("round", { n: step.round }) }) : null,
        step.levels ? levelList(step.levels) : h("p", { class: "muted", text: t("phone_levels_hint") }),
        earlier ? h("p", { class: "notice earlier", text: t("phone_levels_earlier", { n: earlier.round }) }) : null,
        step.areas.map((area) => {
          // As the wall reads: the highest rung on top, "none of these" at the bottom.
          const order = area.rungs.map((_, i) => area.rungs.length - 1 - i).concat([-1]);
          const labels = order.map((r) =>
            mark(r === -1 ? t("phone_levels_none") : r + 1 + ". " + area.rungs[r], r, area),
          );
          return choices(
            area.name,
            "radio",
            labels,
            (i) => picks[area.id] === order[i],
            locked,
            (i) => {
              picks[area.id] = order[i];
            },
          );
        }),
        sendButton(step, locked, () => ({ rungs: picks })),
      ];
    },

    consensus(step, locked) {
      let fist = step.answer ? step.answer.fist : null;
      // Below the threshold, what would bring this person up to it: sent without a name.
      const reason = h("textarea", {
        id: id("r"),
        rows: "2",
        value: (step.answer && step.answer.reason) || "",
        disabled: locked,
        oninput: edited,
      });
      const reasonBox = h(
        "div",
        { class: "reason", hidden: !(fist !== null && fist < step.threshold) },
        h("label", { for: reason.id, text: t("phone_reason", { threshold: step.threshold }) }),
        reason,
        counter(reason, step.reason_max),
      );
      return [
        step.levels.length
          ? h("section", {}, h("h2", { text: t("phone_fist_levels") }), levelList(step.levels))
          : null,
        h("p", { class: "question", text: step.question }),
        step.round > 1 ? h("p", { class: "muted", text: t("round", { n: step.round }) }) : null,
        h("p", { class: "muted", text: t("phone_fist_hint", { threshold: step.threshold }) }),
        h(
          "div",
          { class: "fist" },
          choices(
            step.question,
            "radio",
            ["0", "1", "2", "3", "4", "5"],
            (i) => fist === i,
            locked,
            (i) => {
              fist = i;
              reasonBox.hidden = fist >= step.threshold;
            },
            [0, 1, 2, 3, 4, 5].map((n) =>
              t("phone_fist_value", { value: n, question: step.question }),
            ),
            6,
          ),
        ),
        reasonBox,
        sendButton(step, locked, () =>
          fist !== null && fist < step.threshold && reason.value.trim()
            ? { fist: fist, reason: reason.value.trim() }
            : { fist: fist },
        ),
      ];
    },

    campaign(step, locked) {
      const spent = { ...((step.answer && step.answer.votes) || {}) };
      const keys = step.cards.map((card) => card.id);
      const titles = step.cards.map((card) => card.title);
      const words = {
        left: "phone_votes_left",
        on: "votes",
        add: "phone_add_vote",
        remove: "phone_remove_vote",
      };
      // Compact: the title and one line of what to do; the rest (and the whole line) on expanding.
      const cardBody = (i) => {
        const card = step.cards[i];
        return h(
          "article",
          { class: "card" },
          h("h2", { text: card.title }),
          h("p", { class: "card-line", text: card.do }),
          h(
            "details",
            {},
            // Every card has one: its name says which card, for a list of a page's controls.
            h("summary", {
              text: t("phone_more"),
              "aria-label": t("phone_more_about", { card: card.title }),
            }),
            h(
              "dl",
              {},
              h("dt", { text: t("purpose") }),
              h("dd", { text: card.purpose }),
              h("dt", { text: t("goal") }),
              h("dd", { text: card.goal }),
              h("dt", { text: t("period") }),
              h("dd", { text: t("weeks", { count: card.weeks }) }),
            ),
            card.tags.length ? h("p", { class: "muted", text: card.tags.join(" · ") }) : null,
          ),
        );
      };
      return [
        step.plan ? [h("p", { class: "notice", text: t("phone_chosen") }), planBlock(step.plan)] : null,
        h("p", { class: "question", text: step.question }),
        step.cards.length < step.deck_size
          ? h("p", { class: "muted", text: t("phone_deck_narrowed", { count: step.cards.length, total: step.deck_size }) })
          : null,
        budget(keys, titles, spent, step.votes, locked, words, cardBody),
        sendButton(step, locked, () => ({ votes: spent })),
      ];
    },

    summary(step) {
      const card = step.card;
      return [
        step.text ? h("p", { class: "text", text: step.text }) : null,
        h(
          "section",
          { class: "service-card", "aria-label": t("service_card") },
          h("h2", { text: t("service_card") }),
          card.draft ? h("p", { class: "draft", text: t("phone_card_draft") }) : null,
          h("p", { class: "muted", text: card.title }),
          card.areas.length
            ? levelList(card.areas, card.locked ? "phone_no_common_level" : "phone_not_agreed")
            : h("p", { text: t("no_levels_yet") }),
          consensusLine(card.consensus),
          planBlock(card.campaign),
        ),
        saveCardLink(),
        card.campaign ? calendarLink() : null,
      ];
    },

    followup(step, locked) {
      const options = ["yes", "partly", "no"];
      let reached = step.answer ? step.answer.reached : null;
      const area = h("textarea", {
        id: id("f"),
        rows: "3",
        value: step.answer ? step.answer.changed : "",
        disabled: locked,
        oninput: edited,
      });
      return [
        planBlock(step.campaign),
        step.not_started
          ? h("p", { class: "notice", text: t("followup_not_started", { start: step.campaign.start }) })
          : null,
        previousLevels(step.levels),
        choices(
          step.question,
          "radio",
          options.map((o) => t("reached_" + o)),
          (i) => reached === options[i],
          locked,
          (i) => {
            reached = options[i];
          },
        ),
        h("label", { for: area.id, text: step.changed_question }),
        area,
        counter(area, step.changed_max),
        sendButton(step, locked, () => ({ reached: reached, changed: area.value.trim() })),
      ];
    },
  };

  // -- display: larger text, high contrast ------------------------------------------------------

  // Each is a class on <html> that style.css follows, remembered on this phone, switched by a
  // real toggle button (aria-pressed) in the bar.
  function remembered(name) {
    try {
      return window.localStorage.getItem("workshop-" + name) === "on";
    } catch (err) {
      return false; // storage refused (a private window): the switch still works for this page
    }
  }

  function remember(name, on) {
    try {
      window.localStorage.setItem("workshop-" + name, on ? "on" : "off");
    } catch (err) {
      // nothing to keep it in: it lasts as long as the page
    }
  }

  function displaySwitch(name, key) {
    const on = remembered(name);
    root.classList.toggle(name, on);
    const button = h("button", {
      type: "button",
      class: "toggle",
      "aria-pressed": String(on),
      text: t(key),
    });
    button.addEventListener("click", () => {
      const now = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(now));
      root.classList.toggle(name, now);
      remember(name, now);
    });
    return button;
  }

  document
    .querySelector(".bar")
    .append(
      h(
        "div",
        { class: "display" },
        displaySwitch("large-text", "phone_large_text"),
        displaySwitch("high-contrast", "phone_high_contrast"),
      ),
    );
  // Outside <main>, which every redraw replaces: a live region must stay to be heard.
  const announcer = h("p", { class: "sr-only", "aria-live": "polite" });
  document.body.append(announcer);

  setInterval(tick, 1000);
  boot();
})();
