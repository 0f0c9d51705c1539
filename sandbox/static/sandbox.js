// The /sandbox page: shows the emulated chats and makes the emulated people act.
// Plain JavaScript, no build step. Message HTML comes from the server, built from
// Telegram entities (sandbox/render.py): every other string goes in as text.
"use strict";

(function () {
  const ui = {
    customer: { id: null, replyTo: null, shown: "" },
    staff: { agentId: null, groupId: null, forum: null, topic: null, topicsSeen: {}, replyTo: null, shown: "" },
    lastNotice: null,
    state: null,
  };

  const $ = (selector) => document.querySelector(selector);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  async function post(path, body) {
    const options = { method: "POST", headers: { "X-Sandbox": "1" } };
    if (body instanceof FormData) options.body = body;
    else {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch("/sandbox/api/" + path, options);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = (data.error && data.error.message) || response.statusText;
      toast("⚠ " + message, true);
      throw new Error(message);
    }
    return data;
  }

  function toast(text, alert, who) {
    const box = el("div", { className: "toast" + (alert ? " alert" : ""), "data-testid": "toast" });
    if (who) box.append(el("b", { text: who + ": " }));
    box.append(document.createTextNode(text));
    $("#toasts").append(box);
    setTimeout(() => box.remove(), alert ? 6000 : 3500);
  }

  // -- rendering --------------------------------------------------------------------

  function time(seconds) {
    if (!seconds) return "";
    const date = new Date(seconds * 1000);
    return date.toTimeString().slice(0, 5);
  }

  function messageNode(message, pane, mine) {
    if (message.service) {
      return el("div", { className: "service", "data-testid": "service" }, el("span", { text: message.service }));
    }
    const bubble = el("div", {
      className: "msg " + (mine ? "out" : "in") + (message.is_bot ? " bot" : ""),
      "data-testid": "message",
      "data-message-id": message.id,
      title: "Click to reply to this message",
    });
    if (pane === "staff" || !message.is_bot) {
      if (!mine) bubble.append(el("div", { className: "sender", text: message.from_name }));
    }
    if (message.reply_to) {
      bubble.append(
        el("div", { className: "quote" },
          el("b", { text: message.reply_to.from_name }),
          el("span", { text: message.reply_to.snippet })));
    }
    if (message.photo) {
      bubble.append(el("img", { className: "photo", src: message.photo, alt: "photo", "data-testid": "photo" }));
    }
    if (message.document) {
      const size = message.document.size ? " (" + Math.ceil(message.document.size / 1024) + " KB)" : "";
      bubble.append(el("a", {
        className: "document", href: message.document.url, download: message.document.name,
        text: "📄 " + message.document.name + size, "data-testid": "document",
      }));
    }
    if (message.html) {
      const text = el("div", { className: "text" });
      text.innerHTML = message.html; // built from entities on the server, escaped there
      bubble.append(text);
    }
    bubble.append(el("div", { className: "meta" },
      message.edited ? el("span", { className: "edited", text: "edited", "data-testid": "edited" }) : null,
      el("span", { text: time(message.date) })));
    bubble.addEventListener("click", (event) => {
      if (event.target.closest("a, button")) return;
      setReply(pane, message);
    });
    const wrap = el("div", { className: "line " + (mine ? "out" : "in") }, bubble);
    if (message.keyboard.length) {
      const keyboard = el("div", { className: "keyboard", "data-testid": "keyboard" });
      for (const row of message.keyboard) {
        const line = el("div", { className: "krow" });
        for (const button of row) {
          if (button.url) {
            line.append(el("a", { className: "kbtn", href: button.url, target: "_blank", rel: "noopener noreferrer", text: button.text + " ↗" }));
            continue;
          }
          const node = el("button", { type: "button", className: "kbtn", text: button.text, "data-testid": "button" });
          node.disabled = !button.data;
          node.addEventListener("click", () => press(pane, message, button.data));
          line.append(node);
        }
        keyboard.append(line);
      }
      wrap.append(keyboard);
    }
    return wrap;
  }

  function fill(container, messages, pane, mineId) {
    const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
    container.replaceChildren(...messages.map((m) => messageNode(m, pane, m.from_id === mineId)));
    if (!messages.length) container.append(el("div", { className: "empty", text: "No messages yet." }));
    if (nearBottom || !container.dataset.scrolled) {
      container.scrollTop = container.scrollHeight;
      container.dataset.scrolled = "1";
    }
  }

  function currentCustomer() {
    const customers = ui.state.customers;
    return customers.find((c) => c.id === ui.customer.id) || customers[0];
  }

  function renderCustomer() {
    const state = ui.state;
    const customer = currentCustomer();
    ui.customer.id = customer.id;
    const tabs = $("#customer-tabs");
    tabs.replaceChildren(...state.customers.map((c) => {
      const tab = el("button", {
        type: "button", className: "tab" + (c.id === customer.id ? " active" : ""),
        text: c.name + " (" + (c.language || "?") + ")", "data-testid": "customer-tab",
      });
      tab.addEventListener("click", () => { ui.customer.id = c.id; ui.customer.shown = ""; setReply("customer", null); render(); });
      return tab;
    }));
    $("#customer-language").value = customer.language || "en";
    $("#customer-title").textContent = customer.name + " ↔ " + state.bot.name + " (private chat)";
    const key = customer.id + JSON.stringify(customer.messages);
    if (key !== ui.customer.shown) {
      ui.customer.shown = key;
      fill($("#customer-messages"), customer.messages, "customer", customer.id);
    }
  }

  function renderStaff() {
    const state = ui.state;
    const select = $("#agent-select");
    if (select.options.length !== state.agents.length) {
      select.replaceChildren(...state.agents.map((a) => el("option", {
        value: a.id, text: a.name + (a.role === "admin" ? " (admin)" : "") + " — " + a.departments.join(", "),
      })));
    }
    if (ui.staff.agentId === null) ui.staff.agentId = state.agents[0].id;
    select.value = String(ui.staff.agentId);
    if (ui.staff.forum !== state.forum) {
      // The desk switched mode: show its staff chat now.
      ui.staff.forum = state.forum;
      ui.staff.groupId = state.group.id;
      ui.staff.topic = null;
    }
    const group = state.groups.find((g) => g.id === ui.staff.groupId) || state.group;
    $("#forum-switch").checked = state.forum;
    $("#group-tabs").replaceChildren(...state.groups.map((g) => {
      const tab = el("button", {
        type: "button", className: "tab" + (g.id === group.id ? " active" : ""),
        text: g.title + (g.staff ? " ★" : ""), "data-testid": "group-tab",
        title: g.staff ? "The desk's staff chat: new tickets come here" : "Tickets opened before the switch live here",
      });
      tab.addEventListener("click", () => { ui.staff.groupId = g.id; ui.staff.topic = null; ui.staff.shown = ""; setReply("staff", null); render(); });
      return tab;
    }));
    $("#staff-title").textContent = group.title + (group.is_forum ? " — forum: a topic per ticket" : " — reply mode: the conversation threads under each card");
    const topics = $("#topics");
    let messages = group.messages;
    if (group.is_forum) {
      topics.hidden = false;
      if (ui.staff.topic !== null && !group.topics.some((t) => t.id === ui.staff.topic)) ui.staff.topic = null;
      // A ticket's topic that just appeared opens by itself while you look at General.
      const known = ui.staff.topicsSeen[group.id];
      const fresh = known ? group.topics.filter((t) => !known.has(t.id)) : [];
      ui.staff.topicsSeen[group.id] = new Set(group.topics.map((t) => t.id));
      if (ui.staff.topic === null && fresh.length) ui.staff.topic = fresh[fresh.length - 1].id;
      const entries = [{ id: null, name: "General" }, ...group.topics];
      topics.replaceChildren(...entries.map((t) => {
        const item = el("button", {
          type: "button", className: "topic" + (t.id === ui.staff.topic ? " active" : "") + (t.closed ? " closed" : ""),
          text: (t.id === null ? "# " : "💬 ") + t.name + (t.closed ? " 🔒" : ""), "data-testid": "topic",
        });
        item.addEventListener("click", () => { ui.staff.topic = t.id; ui.staff.shown = ""; setReply("staff", null); render(); });
        return item;
      }));
      messages = messages.filter((m) => (m.thread_id || null) === ui.staff.topic);
    } else {
      topics.hidden = true;
      ui.staff.topic = null;
    }
    const key = group.id + ":" + ui.staff.topic + ":" + ui.staff.agentId + JSON.stringify(messages);
    if (key !== ui.staff.shown) {
      ui.staff.shown = key;
      fill($("#staff-messages"), messages, "staff", ui.staff.agentId);
    }
  }

  function renderNotices() {
    const notices = ui.state.notices;
    const last = notices.length ? notices[notices.length - 1].index : -1;
    if (ui.lastNotice === null) { ui.lastNotice = last; return; }
    const names = new Map();
    for (const c of ui.state.customers) names.set(c.id, c.name);
    for (const a of ui.state.agents) names.set(a.id, a.name);
    for (const notice of notices) {
      if (notice.index > ui.lastNotice) toast(notice.text, notice.alert, names.get(notice.user_id));
    }
    ui.lastNotice = Math.max(ui.lastNotice, last);
  }

  function render() {
    const state = ui.state;
    if (!state) return;
    const clock = state.clock;
    const offset = clock.offset_minutes;
    const parts = [];
    if (offset >= 1440) parts.push(Math.floor(offset / 1440) + " d");
    if (offset % 1440 >= 60) parts.push(Math.floor((offset % 1440) / 60) + " h");
    if (offset % 60) parts.push((offset % 60) + " min");
    const shift = parts.length ? " (+" + parts.join(" ") + ")" : "";
    $("#clock").textContent = clock.now.replace("T", " ").slice(0, 16) + " UTC" + shift;
    renderCustomer();
    renderStaff();
    renderNotices();
  }

  // -- acting ------------------------------------------------------------------------

  function setReply(pane, message) {
    const form = $("#" + pane + "-composer");
    const box = form.querySelector(".replying");
    ui[pane].replyTo = message ? message.id : null;
    box.hidden = !message;
    if (message) {
      const snippet = message.photo ? "📷 Photo" : (message.document ? "📄 " + message.document.name : "");
      // DOMParser runs nothing (no scripts, no image loads): only the text is wanted.
      const text = new DOMParser().parseFromString(message.html || "", "text/html").body.textContent;
      box.querySelector(".replying-text").textContent =
        "↩ Reply to " + message.from_name + ": " + (text || snippet).slice(0, 80);
      form.querySelector(".text").focus();
    }
  }

  function actor(pane) {
    return pane === "customer"
      ? { user_id: ui.customer.id, chat_id: ui.customer.id }
      : { user_id: ui.staff.agentId, chat_id: ui.staff.groupId || ui.state.group.id };
  }

  async function press(pane, message, data) {
    await post("press", { ...actor(pane), message_id: message.id, data }).catch(() => {});
  }

  async function sendText(pane) {
    const form = $("#" + pane + "-composer");
    const input = form.querySelector(".text");
    const text = input.value;
    if (!text.trim()) return;
    const body = { ...actor(pane), text };
    if (ui[pane].replyTo) body.reply_to = ui[pane].replyTo;
    if (pane === "staff" && ui.staff.topic !== null) body.thread_id = ui.staff.topic;
    try {
      await post("send", body);
      input.value = "";
      setReply(pane, null);
    } catch (error) { /* shown as a toast */ }
  }

  async function sendFile(pane, input) {
    const file = input.files[0];
    if (!file) return;
    const form = new FormData();
    const who = actor(pane);
    form.append("user_id", who.user_id);
    form.append("chat_id", who.chat_id);
    if (ui[pane].replyTo) form.append("reply_to", ui[pane].replyTo);
    if (pane === "staff" && ui.staff.topic !== null) form.append("thread_id", ui.staff.topic);
    const caption = $("#" + pane + "-composer .text");
    if (caption.value.trim()) form.append("caption", caption.value);
    form.append("file", file, file.name);
    try {
      await post("upload", form);
      caption.value = "";
      setReply(pane, null);
    } catch (error) { /* shown as a toast */ }
    input.value = "";
  }

  function wire() {
    for (const pane of ["customer", "staff"]) {
      const form = $("#" + pane + "-composer");
      form.addEventListener("submit", (event) => { event.preventDefault(); sendText(pane); });
      form.querySelector(".file").addEventListener("change", (event) => sendFile(pane, event.target));
      form.querySelector(".cancel-reply").addEventListener("click", () => setReply(pane, null));
    }
    $("#agent-select").addEventListener("change", (event) => {
      ui.staff.agentId = Number(event.target.value);
      ui.staff.shown = "";
      render();
    });
    $("#customer-language").addEventListener("change", async (event) => {
      const talked = currentCustomer().messages.length > 0;
      await post("language", { user_id: ui.customer.id, language: event.target.value }).catch(() => {});
      if (talked) {
        // As in Telegram: the bot reads the app's language at the first contact only.
        toast("The bot keeps the language it saw at the first contact: press 🌐 Language in its menu to switch.", false);
      }
    });
    $("#add-customer").addEventListener("click", async () => {
      const name = window.prompt("First name of the new customer", "Maria");
      if (!name) return;
      const language = $("#customer-language").value;
      const added = await post("customers", { first_name: name, language }).catch(() => null);
      if (added) { ui.customer.id = added.id; ui.customer.shown = ""; }
    });
    $("#forum-switch").addEventListener("change", (event) => {
      post("forum", { forum: event.target.checked }).catch(() => { event.target.checked = !event.target.checked; });
    });
    for (const button of document.querySelectorAll("[data-minutes]")) {
      button.addEventListener("click", () => post("time", { minutes: Number(button.dataset.minutes) }).catch(() => {}));
    }
  }

  function listen() {
    const live = $("#live");
    const source = new EventSource("/sandbox/api/events");
    source.onopen = () => { live.textContent = "● live"; live.className = "live on"; };
    source.onerror = () => { live.textContent = "● reconnecting"; live.className = "live off"; };
    source.onmessage = (event) => {
      ui.state = JSON.parse(event.data);
      render();
      document.body.dataset.version = String(ui.state.version);
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    wire();
    listen();
  });
})();
