// The page of `notegraph serve` (and of `export --format html`): graphology
// holds the graph the API gives, sigma draws it, ForceAtlas2 lays it out in
// a web worker. Every answer comes from the HTTP API, which asks the same
// questions as the CLI; this file only shows them. An exported page has no
// API: its graph is in the page (the JSON of #notegraph-data) and the
// questions that need the store are left out.
import Graph from "graphology";
import Sigma from "sigma";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";

const KINDS = ["note", "tag", "category", "author", "url", "paper", "event", "date"];
const RELATIONS = ["tagged", "subtag_of", "in_category", "written_by", "links_to", "references",
  "cites", "identifies", "has_event", "on", "within", "involves"];
// Okabe–Ito-like colours, told apart in light and dark mode and by most
// colour-blind readers.
const COLORS = {
  note: "#3b7dd8", tag: "#e8891c", category: "#a45fb8", author: "#1fa39a",
  url: "#8c8f96", paper: "#d64545", event: "#4aa04a", date: "#c9a414", "": "#8c8f96",
};

const $ = (sel) => document.querySelector(sel);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else if (k === "dataset") Object.assign(e.dataset, v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
};

const dataElement = document.getElementById("notegraph-data");
const STATIC = dataElement !== null; // an exported page
const params = new URLSearchParams(location.search);

const state = {
  scope: "all", // "all" or "local"
  center: null, // the node a local graph is around
  depth: 1,
  kinds: new Set(KINDS),
  relations: new Set(RELATIONS),
  hiddenKinds: new Set(), // kinds switched off in the legend
  maxNodes: Number(params.get("max-nodes")) || 0, // 0: the server's default
  selected: null,
  hovered: null,
  neighbors: new Set(),
  pathFrom: null,
  pathTo: null,
  pathNodes: new Set(),
  pathEdges: new Set(),
  seq: 0,
  graphAttrs: {}, // the attributes of the last graph loaded: the cap, what it left out
};

const graph = new Graph({ type: "directed", multi: true, allowSelfLoops: true });
let renderer = null;
let layout = null;
let layoutTimer = 0;

// ---- talking to the API

class APIError extends Error {
  constructor(status, body) {
    super(body.error || `HTTP ${status}`);
    this.status = status;
    this.candidates = body.candidates || [];
  }
}

async function api(path, query = {}) {
  const u = new URL("api/" + path, location.href);
  for (const [k, v] of Object.entries(query)) {
    for (const x of [].concat(v)) if (x !== "" && x !== null && x !== undefined) u.searchParams.append(k, x);
  }
  const res = await fetch(u);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new APIError(res.status, body);
  return body;
}

function banner(msg) {
  const b = $("#banner");
  b.textContent = msg || "";
  b.hidden = !msg;
}

// ---- the graph

// hash turns a string into a number in [0, 1), so a node's first place
// is the same on every load.
function hash(s, seed = 0) {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100000) / 100000;
}

function nodeStyle(key, attrs) {
  const deg = graph.degree(key);
  return {
    color: COLORS[attrs.kind] || COLORS[""],
    size: Math.min(3 + 1.6 * Math.sqrt(deg), 28),
  };
}

// disc gives a node a first place anywhere on a disc the size of the
// graph; sigma needs one as soon as a node is added.
function disc(key, order) {
  const r = Math.sqrt(hash(key, 3)) * Math.sqrt(order) * 6, t = hash(key, 4) * 2 * Math.PI;
  return { x: r * Math.cos(t), y: r * Math.sin(t) };
}

// place moves a node added to a laid-out graph beside a neighbour that
// was there before it, if it has one.
function place(key) {
  for (const n of graph.neighbors(key)) {
    const a = graph.getNodeAttributes(n);
    if (n !== key && !a.fresh) {
      return { x: a.x + (hash(key, 1) - 0.5) * 4, y: a.y + (hash(key, 2) - 0.5) * 4 };
    }
  }
  return null;
}

// merge makes graph hold exactly data (graphology's JSON), keeping the
// places of nodes it had: the live view changes only what changed.
function merge(data) {
  const keep = new Set(data.nodes.map((n) => n.key));
  graph.forEachNode((k) => { if (!keep.has(k)) graph.dropNode(k); });
  const added = [];
  for (const n of data.nodes) {
    if (graph.hasNode(n.key)) {
      const old = graph.getNodeAttributes(n.key);
      graph.replaceNodeAttributes(n.key, { ...n.attributes, x: old.x, y: old.y });
    } else {
      graph.addNode(n.key, { ...n.attributes, ...disc(n.key, data.nodes.length), fresh: true });
      added.push(n.key);
    }
  }
  const edges = new Set(data.edges.map((e) => e.key));
  graph.forEachEdge((k) => { if (!edges.has(k)) graph.dropEdge(k); });
  for (const e of data.edges) {
    if (!graph.hasEdge(e.key)) graph.addDirectedEdgeWithKey(e.key, e.source, e.target, { ...e.attributes });
  }
  if (added.length < graph.order) {
    for (const k of added) {
      const p = place(k);
      if (p) graph.mergeNodeAttributes(k, p);
    }
  }
  for (const k of added) graph.removeNodeAttribute(k, "fresh");
  graph.forEachNode((k, a) => graph.mergeNodeAttributes(k, nodeStyle(k, a)));
  return added.length;
}

// runLayout runs ForceAtlas2 in its worker for a while: longer for a
// bigger graph, briefly after a live change.
function runLayout(ms) {
  if (graph.order === 0) return;
  if (!layout) {
    const settings = forceAtlas2.inferSettings(graph);
    settings.barnesHutOptimize = graph.order > 500;
    try {
      layout = new FA2Layout(graph, { settings });
    } catch (e) {
      // No worker (a page opened from a file in a strict browser): a
      // fixed number of rounds on the main thread.
      forceAtlas2.assign(graph, { iterations: graph.order > 2000 ? 50 : 200, settings });
      return;
    }
  }
  layout.start();
  clearTimeout(layoutTimer);
  layoutTimer = setTimeout(() => layout && layout.stop(), ms);
}

function resetLayout() {
  if (layout) layout.kill();
  layout = null;
}

function graphQuery() {
  const q = {};
  if (state.maxNodes) q["max-nodes"] = state.maxNodes;
  if (state.scope === "local" && state.center) {
    q.from = state.center;
    q.depth = state.depth;
    if (state.kinds.size < KINDS.length) q.kind = [...state.kinds];
    if (state.relations.size < RELATIONS.length) q.relation = [...state.relations];
  }
  return q;
}

// load fetches the graph the view asks for and shows it; fresh starts
// the layout over, else it is a live update of what is shown.
async function load(fresh) {
  let data;
  if (STATIC) {
    data = JSON.parse(dataElement.textContent);
  } else {
    try {
      data = await api("graph", graphQuery());
    } catch (e) {
      banner(e.message);
      return;
    }
  }
  if (fresh) {
    resetLayout();
    graph.clear();
  }
  const added = merge(data);
  if (state.selected && !graph.hasNode(state.selected)) state.neighbors = new Set();
  if (state.selected && graph.hasNode(state.selected)) state.neighbors = new Set(graph.neighbors(state.selected));
  state.graphAttrs = data.attributes || {};
  showCount();
  if (!renderer) startRenderer();
  // A small graph shows every label the label grid has room for; a large
  // one those of its bigger nodes, and more as one zooms in.
  renderer.setSetting("labelRenderedSizeThreshold", graph.order <= 300 ? 1 : 7);
  if (fresh) renderer.getCamera().animatedReset({ duration: 200 }); // also ends a move under way
  renderer.refresh();
  if (fresh) runLayout(Math.min(2000 + graph.order * 2, 8000));
  else if (added) runLayout(800);
}

// showCount says how much of the graph is shown, and when the server's
// cap left nodes out of the whole graph, offers more.
function showCount() {
  const c = $("#count");
  c.textContent = `${graph.order.toLocaleString()} nodes · ${graph.size.toLocaleString()} edges`;
  c.dataset.nodes = graph.order;
  c.dataset.edges = graph.size;
  // The server says when its cap left nodes out.
  const n = $("#notice");
  const attrs = state.graphAttrs;
  const cap = Number(attrs.max_nodes) || 0, total = Number(attrs.total_nodes) || 0;
  if (!STATIC && total > graph.order && cap > 0) {
    const more = Math.min(cap * 2, total);
    n.replaceChildren(
      el("span", {}, `Showing the ${graph.order.toLocaleString()} best-connected of ${total.toLocaleString()} nodes.`),
      el("button", { id: "show-more", onclick: () => { state.maxNodes = more; load(true); } },
        more === total ? "Show all" : `Show ${more.toLocaleString()}`),
    );
    n.hidden = false;
  } else {
    n.hidden = true;
  }
}

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function startRenderer() {
  renderer = new Sigma(graph, $("#sigma"), {
    renderEdgeLabels: false,
    allowInvalidContainer: true, // the graph's tab may be hidden when a live update comes
    defaultEdgeColor: cssVar("--edge"),
    labelColor: { color: cssVar("--fg") },
    labelFont: getComputedStyle(document.body).fontFamily,
    labelSize: 12,
    labelDensity: 0.5,
    labelGridCellSize: 110,
    labelRenderedSizeThreshold: 7,
    zIndex: true,
    hideEdgesOnMove: graph.size > 20000,
    stagePadding: 40,
    defaultDrawNodeHover: drawHover,
    nodeReducer: (key, d) => {
      const res = { ...d };
      if (res.label && res.label.length > 40) res.label = res.label.slice(0, 38) + "…";
      if (state.hiddenKinds.has(d.kind)) { res.hidden = true; return res; }
      const focus = state.pathNodes.size ? state.pathNodes : state.selected ? new Set([state.selected, ...state.neighbors]) : null;
      if (focus && !focus.has(key)) {
        res.color = cssVar("--edge");
        res.label = "";
        res.zIndex = 0;
      } else if (focus) {
        res.forceLabel = focus.size <= 15; // more would overlap: sigma's label grid picks
        res.zIndex = 1;
      }
      if (key === state.selected || key === state.hovered) { res.highlighted = true; res.forceLabel = true; }
      return res;
    },
    edgeReducer: (key, d) => {
      const res = { ...d };
      const [s, t] = graph.extremities(key);
      if (state.hiddenKinds.has(graph.getNodeAttribute(s, "kind")) || state.hiddenKinds.has(graph.getNodeAttribute(t, "kind"))) {
        res.hidden = true;
      } else if (state.pathEdges.size) {
        if (state.pathEdges.has(key)) { res.color = "#d64545"; res.size = 3; res.zIndex = 1; } else res.hidden = true;
      } else if (state.selected) {
        if (s === state.selected || t === state.selected) { res.color = cssVar("--accent"); res.size = 1.5; res.zIndex = 1; }
        else if (state.scope === "local" && state.neighbors.has(s) && state.neighbors.has(t)) res.zIndex = 0;
        else res.hidden = true;
      }
      return res;
    },
  });
  renderer.on("clickNode", ({ node }) => select(node));
  renderer.on("clickStage", () => { if (!state.pathNodes.size) select(null); });
  renderer.on("enterNode", ({ node }) => { state.hovered = node; renderer.refresh({ skipIndexation: true }); });
  renderer.on("leaveNode", () => { state.hovered = null; renderer.refresh({ skipIndexation: true }); });
  renderer.on("afterRender", () => {
    if (graph.order > 0 && document.body.dataset.drawn !== "true") document.body.dataset.drawn = "true";
  });
}

// drawHover draws a highlighted node's label on a box of the theme's card
// colour (sigma's own box is white, which hides a dark theme's labels).
function drawHover(ctx, data, settings) {
  const size = settings.labelSize, pad = 3;
  ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const label = typeof data.label === "string" ? data.label : "";
  const w = label ? ctx.measureText(label).width + 2 * pad : 0;
  const r = data.size + pad;
  ctx.fillStyle = cssVar("--card");
  ctx.shadowBlur = 6;
  ctx.shadowColor = "rgba(0,0,0,0.35)";
  ctx.beginPath();
  ctx.arc(data.x, data.y, r, 0, 2 * Math.PI);
  if (label) ctx.rect(data.x, data.y - size / 2 - pad, r + w + 2, size + 2 * pad);
  ctx.fill();
  ctx.shadowBlur = 0;
  if (label) {
    ctx.fillStyle = cssVar("--fg");
    ctx.fillText(label, data.x + data.size + 3 + pad, data.y + size / 3);
  }
}

function focusNode(key) {
  if (!renderer || !graph.hasNode(key)) return;
  const d = renderer.getNodeDisplayData(key);
  if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, 0.5) }, { duration: 400 });
}

// ---- selection and the side panel

async function select(key, { center = true } = {}) {
  state.selected = key;
  state.neighbors = key && graph.hasNode(key) ? new Set(graph.neighbors(key)) : new Set();
  document.body.dataset.selected = key || "";
  if (renderer) renderer.refresh({ skipIndexation: true });
  if (!key) {
    $("#panel").hidden = true;
    return;
  }
  let reloaded = false;
  if (state.scope === "local" && !STATIC && state.center !== key && !graph.hasNode(key)) {
    state.center = key;
    await load(true);
    reloaded = true;
  } else if (!graph.hasNode(key) && !STATIC) {
    // Not among the nodes shown: show its neighbourhood.
    setScope("local", key);
    await load(true);
    reloaded = true;
  }
  // A graph loaded anew is shown whole; else the camera goes to the node.
  if (center && !reloaded) focusNode(key);
  await showPanel(key);
}

function kindOf(id) {
  const i = id.indexOf(":");
  return i > 0 ? id.slice(0, i) : "";
}

function nodeLink(n) {
  return el("button", { class: "node-link", title: n.id, onclick: () => select(n.id) },
    el("span", { class: "dot", style: `background:${COLORS[n.kind] || COLORS[""]}` }), " ", n.label || n.id);
}

// externalLink is the page outside notegraph a node stands for.
function externalLink(id, attrs) {
  const name = id.slice(id.indexOf(":") + 1);
  if (id.startsWith("paper:arxiv:")) return "https://arxiv.org/abs/" + name.slice(6);
  if (id.startsWith("paper:doi:")) return "https://doi.org/" + name.slice(4);
  if (id.startsWith("url:")) return name;
  return attrs && attrs.url;
}

async function showPanel(key) {
  const panel = $("#panel"), body = $("#panel-body");
  let info;
  if (STATIC) {
    info = localNode(key);
  } else {
    try {
      info = await api("node", { id: key });
    } catch (e) {
      body.replaceChildren(el("p", {}, e.message));
      panel.hidden = false;
      return;
    }
  }
  if (state.selected !== key) return; // another was picked meanwhile
  const n = info; // `show`: id, kind, label, properties, edges
  const attrs = {};
  const dl = el("dl");
  for (const { key: k, value: v } of n.properties || []) {
    attrs[k] = v;
    dl.append(el("dt", {}, k), el("dd", {}, Array.isArray(v) ? v.join(", ") : String(v)));
  }
  const ext = externalLink(n.id, attrs);
  if (ext && /^https?:\/\//.test(ext)) dl.append(el("dt", {}, "open"), el("dd", {}, el("a", { href: ext, target: "_blank", rel: "noopener noreferrer" }, ext)));
  const groups = (n.edges || []).map((g) => el("section", {},
    el("h3", {}, `${g.direction === "in" ? "← " : "→ "}${g.relation} (${g.count})`),
    el("ul", { class: "edges" }, g.nodes.map((m) => el("li", {}, nodeLink(m))),
      g.count > g.nodes.length ? el("li", { class: "muted" }, `… and ${g.count - g.nodes.length} more`) : null)));
  const actions = el("div", { class: "actions" },
    STATIC ? null : el("button", { onclick: () => { setScope("local", n.id); load(true).then(() => select(n.id, { center: false })); } }, "Local graph"),
    el("button", { onclick: () => setPathEnd("from", n) }, "Path from here"),
    el("button", { onclick: () => setPathEnd("to", n) }, "Path to here"));
  const noteBody = el("div", { class: "note-body" });
  body.replaceChildren(...[
    el("h2", { id: "panel-title" }, n.label || n.id),
    el("div", { class: "kind" }, el("span", { class: "dot", style: `background:${COLORS[n.kind] || COLORS[""]}` }), n.kind),
    el("div", { class: "id" }, n.id),
    dl, actions, ...groups,
    n.kind === "note" && !STATIC && attrs.missing !== true && attrs.missing !== "true" ? noteBody : null,
  ].filter((c) => c !== null));
  panel.hidden = false;
  if (n.kind === "note" && !STATIC && attrs.missing !== true && attrs.missing !== "true") {
    try {
      const note = await api("note", { id: n.id });
      if (state.selected !== key) return;
      noteBody.innerHTML = note.html; // rendered by the server, raw HTML escaped
      for (const a of noteBody.querySelectorAll("a[href]")) {
        const href = a.getAttribute("href");
        if (href.startsWith("#") && KINDS.includes(kindOf(href.slice(1)))) {
          a.addEventListener("click", (ev) => { ev.preventDefault(); select(decodeURIComponent(href.slice(1))); });
        } else if (/^https?:/.test(href)) {
          a.target = "_blank";
          a.rel = "noopener noreferrer";
        }
      }
    } catch (e) {
      noteBody.textContent = e.message;
    }
  }
}

// localNode is /api/node's answer (`show`) made from the graph in the
// page, for an exported page.
function localNode(key) {
  const a = graph.getNodeAttributes(key);
  const properties = [];
  for (const [k, v] of Object.entries(a)) {
    if (!["x", "y", "size", "color", "kind", "label", "highlighted", "hidden", "zIndex", "forceLabel"].includes(k)) properties.push({ key: k, value: v });
  }
  const groups = new Map();
  graph.forEachEdge(key, (e, ea, s, t) => {
    const dir = s === key ? "out" : "in";
    const other = dir === "out" ? t : s;
    const gk = ea.relation + " " + dir;
    if (!groups.has(gk)) groups.set(gk, { relation: ea.relation, direction: dir, count: 0, nodes: [] });
    const g = groups.get(gk);
    g.count++;
    if (g.nodes.length < 20) g.nodes.push({ id: other, kind: graph.getNodeAttribute(other, "kind"), label: graph.getNodeAttribute(other, "label") });
  });
  const edges = [...groups.values()].sort((x, y) => (x.direction !== y.direction ? (x.direction === "out" ? -1 : 1) : x.relation < y.relation ? -1 : 1));
  return { id: key, kind: a.kind, label: a.label, properties, edges };
}

// ---- scope, filters, legend

function setScope(scope, center) {
  state.scope = scope;
  if (center) state.center = center;
  document.querySelector(`input[name=scope][value=${scope}]`).checked = true;
  $("#toolbar").classList.toggle("local", scope === "local");
}

function buildToolbar() {
  for (const r of document.querySelectorAll("input[name=scope]")) {
    r.addEventListener("change", () => {
      if (r.value === "local" && !state.selected && !state.center) {
        banner("Pick a node first (search, or click one), then switch to its local graph.");
        setScope("all");
        return;
      }
      banner("");
      setScope(r.value, state.selected || state.center);
      load(true).then(() => r.value === "all" && state.selected && focusNode(state.selected));
    });
  }
  const depth = $("#depth");
  depth.addEventListener("input", () => { $("#depth-value").value = depth.value; });
  depth.addEventListener("change", () => { state.depth = Number(depth.value); load(true); });
  const checks = (box, all, set) => {
    for (const v of all) {
      const cb = el("input", { type: "checkbox", checked: true, value: v });
      cb.addEventListener("change", () => {
        if (cb.checked) set.add(v); else set.delete(v);
        load(true);
      });
      box.append(el("label", { title: v }, cb, " ", v));
    }
  };
  checks($("#kind-filters"), KINDS, state.kinds);
  checks($("#relation-filters"), RELATIONS, state.relations);
  $("#path-from").addEventListener("click", () => state.selected && setPathEnd("from", { id: state.selected, label: graph.hasNode(state.selected) ? graph.getNodeAttribute(state.selected, "label") : state.selected }));
  $("#path-to").addEventListener("click", () => state.selected && setPathEnd("to", { id: state.selected, label: graph.hasNode(state.selected) ? graph.getNodeAttribute(state.selected, "label") : state.selected }));
  $("#path-clear").addEventListener("click", clearPath);

  const legend = $("#legend");
  for (const k of KINDS) {
    const b = el("button", { title: `Show or hide ${k} nodes`, "aria-pressed": "true" }, el("span", { class: "dot", style: `background:${COLORS[k]}` }), k);
    b.addEventListener("click", () => {
      if (state.hiddenKinds.has(k)) state.hiddenKinds.delete(k); else state.hiddenKinds.add(k);
      b.classList.toggle("off", state.hiddenKinds.has(k));
      b.setAttribute("aria-pressed", String(!state.hiddenKinds.has(k)));
      renderer && renderer.refresh({ skipIndexation: true });
    });
    legend.append(b);
  }
}

// ---- the path tool

function setPathEnd(end, n) {
  if (end === "from") state.pathFrom = n; else state.pathTo = n;
  $("#path-" + end).textContent = n.label || n.id;
  $("#path-" + end).title = n.id;
  if (state.pathFrom && state.pathTo) findPath();
}

function clearPath() {
  state.pathFrom = state.pathTo = null;
  state.pathNodes = new Set();
  state.pathEdges = new Set();
  $("#path-from").textContent = "from…";
  $("#path-to").textContent = "to…";
  $("#path-result").replaceChildren();
  renderer && renderer.refresh({ skipIndexation: true });
}

async function findPath() {
  const out = $("#path-result");
  let hops;
  try {
    if (STATIC) throw new Error("the path tool needs notegraph serve");
    hops = await api("path", { from: state.pathFrom.id, to: state.pathTo.id });
  } catch (e) {
    out.textContent = e.message;
    return;
  }
  // Nodes of the path that are not shown are added beside their
  // neighbours on it.
  const data = { nodes: [], edges: [] };
  graph.forEachNode((k, a) => data.nodes.push({ key: k, attributes: a }));
  graph.forEachEdge((k, a, s, t) => data.edges.push({ key: k, source: s, target: t, attributes: a }));
  state.pathNodes = new Set([state.pathFrom.id]);
  state.pathEdges = new Set();
  for (const h of hops) {
    for (const n of [h.from, h.to]) {
      if (!graph.hasNode(n.id)) data.nodes.push({ key: n.id, attributes: { kind: n.kind, label: n.label } });
      state.pathNodes.add(n.id);
    }
    const [s, t] = h.forward ? [h.from.id, h.to.id] : [h.to.id, h.from.id];
    const key = [s, h.relation, t].map((p) => p.replace(/[\\>]/g, "\\$&")).join("->");
    if (!graph.hasEdge(key)) data.edges.push({ key, source: s, target: t, attributes: { relation: h.relation } });
    state.pathEdges.add(key);
  }
  merge(data);
  showCount();
  out.replaceChildren(el("div", {}, `${hops.length} hop${hops.length === 1 ? "" : "s"}:`),
    el("ol", {}, hops.map((h) => el("li", {}, nodeLink(h.from), ` ${h.forward ? "→" : "←"} ${h.relation} `, nodeLink(h.to)))));
  renderer.refresh();
}

// ---- search

let searchSeq = 0;
let suggestions = [];
let active = -1;

function showSuggestions(list) {
  suggestions = list;
  active = list.length ? 0 : -1;
  const ul = $("#suggestions");
  ul.replaceChildren(...list.map((s, i) => el("li", {
    role: "option", id: "sugg-" + i, "aria-selected": String(i === active), dataset: { id: s.id },
    onmousedown: (ev) => { ev.preventDefault(); pick(i); },
  }, el("span", { class: "dot", style: `background:${COLORS[s.kind] || COLORS[""]}` }), el("span", {}, s.label || s.id), el("span", { class: "id" }, s.id))));
  ul.hidden = list.length === 0;
  $("#search").setAttribute("aria-expanded", String(list.length > 0));
}

function moveActive(d) {
  if (!suggestions.length) return;
  active = (active + d + suggestions.length) % suggestions.length;
  document.querySelectorAll("#suggestions li").forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
  $("#search").setAttribute("aria-activedescendant", "sugg-" + active);
}

function pick(i) {
  const s = suggestions[i];
  if (!s) return;
  showSuggestions([]);
  $("#search").value = s.label || s.id;
  showTab("graph");
  select(s.id);
}

async function search(q) {
  const seq = ++searchSeq;
  if (!q.trim()) { showSuggestions([]); return; }
  let list;
  if (STATIC) {
    const lq = q.toLowerCase();
    list = [];
    graph.forEachNode((k, a) => { if (list.length < 12 && ((a.label || "").toLowerCase().includes(lq) || k.toLowerCase().includes(lq))) list.push({ id: k, kind: a.kind, label: a.label }); });
  } else {
    try {
      list = await api("search", { q, limit: 12 });
    } catch (e) {
      list = e.candidates || [];
      if (!list.length) { if (seq === searchSeq) showSuggestions([]); return; }
    }
  }
  if (seq === searchSeq) showSuggestions(list);
}

function buildSearch() {
  const input = $("#search");
  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => search(input.value), 120); });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") { moveActive(1); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { moveActive(-1); ev.preventDefault(); }
    else if (ev.key === "Enter") { pick(Math.max(active, 0)); ev.preventDefault(); }
  });
  input.addEventListener("blur", () => setTimeout(() => showSuggestions([]), 150));
  document.addEventListener("keydown", (ev) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (ev.key === "/" && !typing) { ev.preventDefault(); input.focus(); input.select(); }
    else if (ev.key === "Escape") {
      if (!$("#suggestions").hidden) showSuggestions([]);
      else if (state.pathNodes.size) clearPath();
      else { input.value = ""; input.blur(); select(null); }
    }
  });
}

// ---- tabs: timeline and papers

function showTab(name) {
  for (const b of document.querySelectorAll(".tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
  for (const v of ["graph", "timeline", "papers"]) $("#view-" + v).hidden = v !== name;
  document.body.dataset.tab = name;
  if (name === "timeline") loadTimeline();
  if (name === "papers") loadPapers();
  if (name === "graph" && renderer) renderer.refresh();
}

async function loadTimeline() {
  const f = new FormData($("#timeline-filter"));
  const list = $("#timeline");
  let res;
  try {
    res = await api("timeline", { tag: f.get("tag"), from: f.get("from"), to: f.get("to") });
  } catch (e) {
    list.replaceChildren(el("li", {}, e.message));
    return;
  }
  list.replaceChildren(...res.events.map((e) => el("li", { dataset: { id: e.id }, tabindex: "0", onclick: () => { showTab("graph"); select(e.id); }, onkeydown: (ev) => { if (ev.key === "Enter") { showTab("graph"); select(e.id); } } },
    el("span", { class: "date" }, e.qualifier ? `${e.date} (${e.qualifier})` : e.date),
    el("span", {}, e.text, " ", el("span", { class: "where" }, `${e.note}:${e.line}${timelineMarks(e)}`)))),
  res.more ? el("li", { class: "muted" }, `… and ${res.more} more: narrow the range`) : null);
  if (!res.events.length) list.replaceChildren(el("li", { class: "muted" }, "No events."));
}

// timelineMarks says what the CLI's timeline says below a row: the end of
// a range, the event's other dates (its own marked), an inferred date.
function timelineMarks(e) {
  const also = (e.also || []).filter((d) => d !== e.until).map((d) => (d === e.event_date ? `${d} (its date)` : d));
  let s = "";
  if (e.until) s += ` · until ${e.until}`;
  if (also.length) s += ` · also under ${also.join(", ")}`;
  if (e.relative) s += " · relative date";
  return s;
}

let paperSort = "citations";

async function loadPapers() {
  let rows;
  try {
    rows = await api("papers", { sort: paperSort });
  } catch (e) {
    $("#papers tbody").replaceChildren(el("tr", {}, el("td", { colspan: 5 }, e.message)));
    return;
  }
  for (const b of document.querySelectorAll("#papers th button")) b.classList.toggle("sorted", b.dataset.sort === paperSort);
  $("#papers tbody").replaceChildren(...rows.map((p) => el("tr", {},
    el("td", {}, nodeLink({ id: p.id, kind: "paper", label: p.id.replace(/^paper:/, "") })),
    el("td", {}, externalLink(p.id) ? el("a", { href: externalLink(p.id), target: "_blank", rel: "noopener noreferrer" }, p.title || "") : p.title || ""),
    el("td", {}, p.date || ""),
    el("td", { class: "n" }, String(p.citations)),
    el("td", {}, p.notes.map((id) => el("div", {}, nodeLink({ id, kind: "note", label: id.replace(/^note:/, "") })))))));
}

function buildTabs() {
  for (const b of document.querySelectorAll(".tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("#timeline-filter").addEventListener("submit", (ev) => { ev.preventDefault(); loadTimeline(); });
  for (const b of document.querySelectorAll("#papers th button")) b.addEventListener("click", () => { paperSort = b.dataset.sort; loadPapers(); });
  if (STATIC) {
    for (const t of ["timeline", "papers"]) $("#tab-" + t).hidden = true;
    for (const r of document.querySelectorAll("#toolbar .row")) r.hidden = true; // scope and path need the server
  }
}

// ---- theme

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  if (renderer) {
    renderer.setSetting("labelColor", { color: cssVar("--fg") });
    renderer.setSetting("defaultEdgeColor", cssVar("--edge"));
  }
}

function buildTheme() {
  let saved = null;
  try { saved = localStorage.getItem("notegraph-theme"); } catch (e) { /* private mode */ }
  const dark = window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches;
  applyTheme(params.get("theme") || saved || (dark ? "dark" : "light"));
  $("#theme").addEventListener("click", () => {
    const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
    try { localStorage.setItem("notegraph-theme", next); } catch (e) { /* private mode */ }
    applyTheme(next);
  });
}

// ---- live updates

function listen() {
  if (STATIC || !window.EventSource) return;
  const live = $("#live");
  const es = new EventSource("api/events");
  es.onopen = () => { live.className = "live on"; live.title = "Live: the page follows changes to the notes"; };
  es.onerror = () => { live.className = "live"; live.title = "Not connected: reconnecting…"; };
  es.addEventListener("build", async (ev) => {
    const b = JSON.parse(ev.data);
    state.seq = b.seq;
    if (b.error) { banner("The last build failed: " + b.error + " (the page shows the graph as it was)"); return; }
    banner("");
    live.className = "live busy";
    if (!updateNotes(b.notes)) await load(false);
    if (state.selected) await showPanel(state.selected);
    if (!$("#view-timeline").hidden) await loadTimeline();
    if (!$("#view-papers").hidden) await loadPapers();
    live.className = "live on";
    live.title = `Updated: ${b.changed} changed, ${b.deleted} deleted (${b.elapsed_ms} ms)`;
    document.body.dataset.seq = b.seq;
  });
}

// updateNotes brings the changed notes up to date in the whole graph
// shown, from the build event: it carries each note's neighbourhood after
// the build (notes, by ID), which is merged in where the note was, with
// no request and no new layout, so the change shows on the next frame
// however large the graph. sigma redraws what the merge touched by itself.
// It returns false when it cannot (the event has no notes: a folder
// changed, or many notes; or a local graph, which load refetches whole
// and fast).
function updateNotes(notes) {
  if (state.scope !== "all" || !notes) return false;
  for (const [id, data] of Object.entries(notes)) mergeAround(id, data);
  showCount();
  return true;
}

// mergeAround makes the edges of the node id and its neighbours what data
// (its neighbourhood) says, adding the nodes it gained and dropping those
// it was the last link of.
function mergeAround(id, data) {
  const before = graph.hasNode(id) ? new Set(graph.neighbors(id)) : new Set();
  const keys = new Set(data.nodes.map((n) => n.key));
  if (!keys.has(id)) {
    if (graph.hasNode(id)) graph.dropNode(id);
  } else {
    for (const n of data.nodes) {
      if (graph.hasNode(n.key)) {
        const old = graph.getNodeAttributes(n.key);
        graph.replaceNodeAttributes(n.key, { ...old, ...n.attributes, x: old.x, y: old.y });
      } else {
        const near = graph.hasNode(id) ? graph.getNodeAttributes(id) : disc(n.key, graph.order + 1);
        graph.addNode(n.key, { ...n.attributes, x: near.x + (hash(n.key, 1) - 0.5) * 4, y: near.y + (hash(n.key, 2) - 0.5) * 4 });
      }
    }
    const edges = new Set(data.edges.map((e) => e.key));
    graph.forEachEdge(id, (k) => { if (!edges.has(k)) graph.dropEdge(k); });
    for (const e of data.edges) {
      if (!graph.hasEdge(e.key) && graph.hasNode(e.source) && graph.hasNode(e.target)) {
        graph.addDirectedEdgeWithKey(e.key, e.source, e.target, { ...e.attributes });
      }
    }
  }
  for (const n of before) if (graph.hasNode(n) && graph.degree(n) === 0 && !keys.has(n)) graph.dropNode(n);
  for (const k of [id, ...keys, ...before]) if (graph.hasNode(k)) graph.mergeNodeAttributes(k, nodeStyle(k, graph.getNodeAttributes(k)));
  if (state.selected && graph.hasNode(state.selected)) state.neighbors = new Set(graph.neighbors(state.selected));
}

// ---- start

async function main() {
  buildTheme();
  buildToolbar();
  buildSearch();
  buildTabs();
  $("#panel-close").addEventListener("click", () => select(null));
  const from = params.get("node");
  if (from && !STATIC) setScope("local", from);
  await load(true);
  if (from) select(from, { center: false });
  listen();
}

// For tests and the curious: the graph and the page's state.
window.notegraph = { graph, state, select, get renderer() { return renderer; } };

main();
