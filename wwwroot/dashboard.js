// The Swarms web dashboard: plain JavaScript over the SignalR client (lib/signalr), no build step.
// Protocol (DESIGN.md §6): POST api/negotiate -> {url, accessToken}; connect; POST api/runs/{id}/subscribe
// {connectionId, after} -> the logged events after `after`; the rest arrive live as events([...]).
// Events are applied strictly in seq order (a run's seqs are 1..N without gaps): duplicates are dropped, early ones wait
// for the gap to fill, and a gap that stays is read from GET api/runs/{id}/events?after=N.
"use strict";
(() => {
  const code = new URLSearchParams(location.search).get("code");
  const $ = (id) => document.getElementById(id);
  const GAP_WAIT_MS = 1500;
  const QUIET_CHECK_MS = 5000; // a run silent this long is read from the log (a lost last message leaves no gap)

  let connection = null;
  let connecting = null;
  let run = null;

  async function api(method, path, body) {
    const headers = {};
    if (code) headers["x-functions-key"] = code;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error((json && json.detail) || `${method} ${path}: HTTP ${response.status}`);
    return json;
  }

  function showError(message) {
    const el = $("error");
    el.textContent = message || "";
    el.hidden = !message;
  }

  function banner(on) { $("banner").hidden = !on; }

  // ---- run state -----------------------------------------------------------------------------------------------
  function openRun(id) {
    run = { id, applied: 0, pending: new Map(), agents: new Map(), startedAt: null, endedAt: null, tokens: 0, gapTimer: null, heardAt: Date.now() };
    $("run").hidden = false;
    $("runTitle").textContent = id;
    setStatus($("runStatus"), "waiting");
    $("runTokens").textContent = "0";
    $("agents").replaceChildren();
    $("final").hidden = true;
    $("finalOutput").textContent = "";
    history.replaceState(null, "", `${location.pathname}${location.search}#run=${encodeURIComponent(id)}`);
    subscribe().catch((e) => showError(e.message));
  }

  function receive(events) {
    if (!run || !Array.isArray(events)) return;
    if (events.length > 0) run.heardAt = Date.now();
    for (const evt of events) {
      if (evt.runId !== run.id || evt.seq <= run.applied || run.pending.has(evt.seq)) continue; // not ours, or seen
      run.pending.set(evt.seq, evt);
    }
    drain();
  }

  function drain() {
    while (run.pending.has(run.applied + 1)) {
      const evt = run.pending.get(run.applied + 1);
      run.pending.delete(evt.seq);
      run.applied = evt.seq;
      apply(evt);
    }
    if (run.pending.size > 0 && !run.gapTimer) {
      const id = run.id;
      run.gapTimer = setTimeout(async () => {
        if (!run || run.id !== id) return;
        run.gapTimer = null;
        if (run.pending.size === 0) return;
        try { receive(await api("GET", `api/runs/${encodeURIComponent(id)}/events?after=${run.applied}`)); }
        catch (e) { showError(e.message); }
      }, GAP_WAIT_MS);
    }
  }

  function agent(name) {
    let a = run.agents.get(name);
    if (!a) {
      const el = $("agentTemplate").content.firstElementChild.cloneNode(true);
      el.dataset.agent = name;
      el.querySelector(".agent-name").textContent = name;
      $("agents").append(el);
      a = { el, attempt: 0, text: el.querySelector(".agent-text") };
      run.agents.set(name, a);
    }
    return a;
  }

  function setStatus(el, status) {
    el.textContent = status;
    el.className = `${el.className.split(" ").filter((c) => !["waiting", "running", "retrying", "completed", "failed"].includes(c)).join(" ")} ${status}`;
  }

  function apply(evt) {
    switch (evt.type) {
      case "RunStarted":
        run.startedAt = Date.parse(evt.timestamp);
        setStatus($("runStatus"), "running");
        for (const name of evt.agents || []) agent(name);
        break;
      case "AgentStarted": {
        // A new attempt (or a new turn) replaces what the agent streamed before.
        const a = agent(evt.agent);
        a.attempt = evt.attempt;
        a.text.textContent = "";
        a.el.querySelector(".agent-attempt").textContent = String(evt.attempt);
        setStatus(a.el.querySelector(".agent-status"), "running");
        break;
      }
      case "TextDelta": {
        const a = agent(evt.agent);
        if (evt.attempt === a.attempt) a.text.append(evt.delta);
        break;
      }
      case "AgentCompleted": {
        const a = agent(evt.agent);
        setStatus(a.el.querySelector(".agent-status"), "completed");
        const u = evt.usage || {};
        a.el.querySelector(".agent-usage").textContent = `tokens ${u.inputTokens ?? 0} in / ${u.outputTokens ?? 0} out`;
        run.tokens += u.totalTokens ?? 0;
        $("runTokens").textContent = String(run.tokens);
        break;
      }
      case "AgentFailed": {
        const a = agent(evt.agent);
        setStatus(a.el.querySelector(".agent-status"), evt.willRetry ? "retrying" : "failed");
        break;
      }
      case "ApprovalRequested":
        setStatus(agent(evt.agent).el.querySelector(".agent-status"), "waiting");
        break;
      case "RunCompleted":
      case "RunFailed":
        run.endedAt = Date.parse(evt.timestamp);
        setStatus($("runStatus"), evt.type === "RunCompleted" ? "completed" : "failed");
        $("final").hidden = false;
        $("finalOutput").textContent = evt.type === "RunCompleted" ? evt.output : evt.error;
        break;
    }
  }

  setInterval(async () => {
    if (!run || run.endedAt !== null || Date.now() - run.heardAt < QUIET_CHECK_MS) return;
    run.heardAt = Date.now();
    try { receive(await api("GET", `api/runs/${encodeURIComponent(run.id)}/events?after=${run.applied}`)); } catch { /* next time */ }
  }, 1000);

  setInterval(() => {
    if (!run || run.startedAt === null) return;
    const end = run.endedAt ?? Date.now();
    $("runElapsed").textContent = (Math.max(0, end - run.startedAt) / 1000).toFixed(1);
  }, 100);

  // ---- connection ----------------------------------------------------------------------------------------------
  async function connect() {
    const negotiated = await api("POST", "api/negotiate");
    const c = new signalR.HubConnectionBuilder()
      .withUrl(negotiated.url, { accessTokenFactory: () => negotiated.accessToken })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(250 * 2 ** ctx.previousRetryCount, 4000) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    c.on("events", receive);
    c.onreconnecting(() => banner(true));
    c.onreconnected(() => { banner(false); subscribe().catch((e) => showError(e.message)); });
    c.onclose(() => { connection = null; banner(true); setTimeout(reconnectAfterClose, 1000); });
    await c.start();
    connection = c;
    banner(false);
  }

  // After a connection that had closed is replaced, the new one joins the open run's group again.
  function reconnectAfterClose() {
    ensureConnected().then(() => subscribe()).catch((e) => showError(e.message));
  }

  // Connects (negotiate, start), retrying until it works; one attempt at a time.
  function ensureConnected() {
    if (connection) return Promise.resolve();
    if (!connecting) {
      connecting = (async () => {
        for (let delay = 500; ; delay = Math.min(delay * 2, 4000)) {
          try { await connect(); break; } catch { banner(true); await new Promise((r) => setTimeout(r, delay)); }
        }
      })().finally(() => { connecting = null; });
    }
    return connecting;
  }

  // Joins the run's group and applies what was logged after the last event applied.
  async function subscribe() {
    if (!run) return;
    await ensureConnected();
    const id = run.id;
    const events = await api("POST", `api/runs/${encodeURIComponent(id)}/subscribe`, { connectionId: connection.connectionId, after: run.applied });
    if (run && run.id === id) receive(events);
  }

  // ---- page ----------------------------------------------------------------------------------------------------
  $("start").addEventListener("submit", async (e) => {
    e.preventDefault();
    showError("");
    try {
      const started = await api("POST", `api/swarms/${encodeURIComponent($("swarm").value)}/runs`, { task: $("task").value });
      openRun(started.id);
    } catch (err) { showError(err.message); }
  });

  $("open").addEventListener("submit", (e) => {
    e.preventDefault();
    showError("");
    openRun($("runId").value.trim());
  });

  (async () => {
    try {
      const swarms = await api("GET", "api/swarms");
      for (const s of swarms) {
        const option = document.createElement("option");
        option.value = s.name;
        option.textContent = `${s.name} (${s.kind}, ${s.agents.length} agents)`;
        $("swarm").append(option);
      }
    } catch (e) { showError(e.message); }
    ensureConnected().catch(() => {});
    const fromHash = /^#run=(.+)$/.exec(location.hash);
    if (fromHash) openRun(decodeURIComponent(fromHash[1]));
  })();
})();
