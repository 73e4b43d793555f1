"use strict";
// The facilitator's phone remote. It follows the console's view of the session over
// Server-Sent Events and presses the projector's keys with POSTs; its secret is an HttpOnly
// cookie the secret link set, so this script never sees it. Text only ever becomes text nodes.
(function () {
  const root = document.documentElement;
  const API = "api/remote/";
  const T = window.TEXTS;
  const plurals = new Intl.PluralRules(root.lang);
  const $ = (id) => document.getElementById(id);
  const banner = $("connection");
  let view = null;
  let clockOffset = 0;
  let source = null;

  function t(key, vars) {
    let text = T[key] || key;
    if (typeof text === "object") text = text[plurals.select(vars.count)] || text.other;
    for (const [name, value] of Object.entries(vars || {})) {
      text = text.split("{" + name + "}").join(String(value));
    }
    return text;
  }

  function clock(seconds) {
    const whole = Math.max(0, Math.ceil(seconds));
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function setBanner(text) {
    banner.textContent = text;
    banner.hidden = !text;
  }

  async function post(path, body) {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), 10000);
    try {
      const reply = await fetch(API + path, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        signal: abort.signal,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = await reply.json();
      if (reply.ok) {
        $("said").textContent = "";
        accept(data);
      } else {
        const code = data.error && data.error.code;
        $("said").textContent = T["error_" + code] || t("phone_remote_not_now");
        if (reply.status === 401 || reply.status === 403) gone();
      }
    } catch (error) {
      $("said").textContent = t("phone_offline");
    } finally {
      clearTimeout(timeout);
    }
  }

  function gone() {
    if (source) source.close();
    source = null;
    setBanner(t("phone_remote_gone"));
    for (const button of document.querySelectorAll("button")) button.disabled = true;
  }

  function showTimer() {
    const el = $("timer");
    const timer = view && view.timer;
    if (!timer || timer.remaining === null || timer.remaining === undefined) {
      el.textContent = "";
      return;
    }
    let left = timer.remaining;
    if (timer.running) left -= (Date.now() + clockOffset) / 1000 - view.now;
    el.textContent = clock(left);
  }

  function held(item) {
    const release = () => post("held", { command: "release", step_id: item.step_id, item_id: item.item_id });
    const reject = () => post("held", { command: "reject", step_id: item.step_id, item_id: item.item_id });
    const li = document.createElement("li");
    const text = document.createElement("p");
    text.className = "answer";
    text.textContent = item.text;
    const step = document.createElement("p");
    step.className = "status";
    step.textContent = item.step_title;
    const actions = document.createElement("div");
    actions.className = "actions";
    for (const [label, act] of [[t("key_release"), release], [t("key_reject"), reject]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.addEventListener("click", act);
      actions.append(button);
    }
    li.append(text, step, actions);
    return li;
  }

  function accept(data) {
    clockOffset = data.now * 1000 - Date.now();
    view = data.view;
    $("title").textContent = view.title;
    $("position").textContent = t("phone_remote_position", { index: view.index + 1, steps: view.steps });
    $("step").textContent = view.step ? view.step.title : "";
    const status = [];
    if (view.status) status.push(t("phone_remote_status_" + view.status));
    if (view.revealed) status.push(t("phone_remote_revealed"));
    if (view.answered !== undefined) status.push(t("phone_remote_answered", { count: view.answered, people: view.participants }));
    $("status").textContent = status.join(" · ");
    $("notes").textContent = view.notes || t("no_notes");
    const items = view.held || [];
    $("held_title").textContent = t("console_held", { count: items.length });
    const list = $("held");
    list.replaceChildren(...items.map(held));
    if (!items.length) {
      const none = document.createElement("li");
      none.textContent = t("console_no_held");
      list.append(none);
    }
    showTimer();
    $("main").setAttribute("aria-busy", "false");
  }

  function listen() {
    source = new EventSource(API + "stream");
    source.addEventListener("view", (event) => {
      setBanner("");
      accept(JSON.parse(event.data));
    });
    source.addEventListener("error", () => {
      // EventSource retries by itself; a refusal (the link revoked) closes it for good.
      if (source && source.readyState === EventSource.CLOSED) gone();
      else setBanner(t("phone_offline"));
    });
  }

  const labels = {
    previous_step: "key_prev",
    next_step: "key_next",
    reveal: "key_reveal",
    lock: "key_lock",
    timer_key: "key_timer",
    add_minute: "key_add_minute",
  };
  for (const [id, key] of Object.entries(labels)) {
    const button = $(id);
    button.textContent = t(key);
    button.addEventListener("click", () => post("key", { key: button.dataset.key }));
  }
  $("notes_title").textContent = t("console_notes");
  document.title = t("phone_remote_title");
  // The countdown is drawn from the last view and the clock: no request is made for it.
  setInterval(showTimer, 500);
  listen();
})();
