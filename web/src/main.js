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
import { assignLayoutChanges } from "graphology-layout-forceatlas2/helpers.js";
import { EdgeLineProgram } from "sigma/rendering";

const KINDS = ["note", "tag", "category", "author", "url", "paper", "event", "date"];
const RELATIONS = ["tagged", "subtag_of", "in_category", "written_by", "links_to", "references",
  "cites", "identifies", "has_event", "on", "until", "within", "involves"];
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

const GRAPH_OPTIONS = { type: "directed", multi: true, allowSelfLoops: true };
// The graph shown; a fresh load fills a new one (bulk, with no renderer
// listening) and hands it to sigma whole.
let graph = new Graph(GRAPH_OPTIONS);
let renderer = null;
let noWebGL = false; // the browser gave sigma no WebGL context
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
  const text = await res.text();
  mark("ng:" + path + ":fetched");
  let body = {};
  try { body = JSON.parse(text); } catch (e) { /* an error page */ }
  mark("ng:" + path + ":parsed");
  if (!res.ok) throw new APIError(res.status, body);
  return body;
}

// mark records the first time the page reaches a step of its loading
// (performance.mark), for the timing harness (serve/browser_bench_test.go)
// and the browser's profiler.
const marked = new Set();
function mark(name) {
  if (marked.has(name)) return;
  marked.add(name);
  if (window.performance && performance.mark) performance.mark(name);
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

// sizeScale shrinks the nodes of a large graph, which would else cover
// each other and their edges: fill sets it from the graph's order.
let sizeScale = 1;

function nodeStyle(key, attrs, deg = graph.degree(key)) {
  return {
    color: COLORS[attrs.kind] || COLORS[""],
    size: Math.max(Math.min(3 + 1.6 * Math.sqrt(deg), 28) * sizeScale, 1.5),
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

// fill makes a new graph of data (graphology's JSON) in one bulk import,
// each node with its first place and its style.
function fill(data) {
  const deg = new Map();
  for (const e of data.edges) {
    deg.set(e.source, (deg.get(e.source) || 0) + 1);
    deg.set(e.target, (deg.get(e.target) || 0) + 1);
  }
  const order = data.nodes.length;
  sizeScale = Math.min(1, Math.max(Math.sqrt(600 / order), 0.4));
  for (const n of data.nodes) {
    const a = n.attributes || (n.attributes = {});
    Object.assign(a, disc(n.key, order), nodeStyle(n.key, a, deg.get(n.key) || 0));
  }
  const g = new Graph(GRAPH_OPTIONS);
  g.import({ nodes: data.nodes, edges: data.edges });
  return g;
}

// PacedLayout is ForceAtlas2's worker supervisor handing the worker's
// positions to the graph at most every `interval` ms rather than after
// each round: each hand-over makes sigma place and draw every node and
// edge again, which on a large graph takes longer than a round. The
// worker goes on meanwhile; the last positions are handed over on stop.
class PacedLayout extends FA2Layout {
  constructor(g, params, interval) {
    super(g, params);
    this.interval = interval;
    this.handed = 0;
  }

  spawnWorker() {
    this.pending = false; // a new worker answers no earlier question
    super.spawnWorker();
  }

  start() {
    if (this.running) return this;
    this.running = true;
    if (this.pending) return this; // the answer on its way goes on
    this.running = false;
    super.start();
    this.pending = true;
    return this;
  }

  handleMessage(event) {
    if (!this.pending) return;
    this.pending = false;
    const matrix = new Float32Array(event.data.nodes);
    this.matrices.nodes = matrix;
    const now = performance.now();
    if (!this.running || now - this.handed >= this.interval) {
      this.handed = now;
      assignLayoutChanges(this.graph, matrix, null);
    }
    if (this.running) {
      this.pending = true;
      this.askForIterations();
    }
  }
}

// runLayout runs ForceAtlas2 in its worker for a while: longer for a
// bigger graph, briefly after a live change.
function runLayout(ms) {
  if (graph.order === 0) return;
  if (!layout) {
    const settings = forceAtlas2.inferSettings(graph);
    settings.barnesHutOptimize = graph.order > 500;
    try {
      // A large graph's positions are handed over about twice a second
      // (docs/PERFORMANCE.md, the page); a small graph's at every round.
      layout = new PacedLayout(graph, { settings }, Math.min(graph.size / 150, 600));
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
  // The renderer is made while the server answers.
  const asked = STATIC ? null : api("graph", graphQuery());
  if (!renderer && !noWebGL) {
    try {
      startRenderer();
    } catch (e) {
      // No WebGL (switched off, or a GPU the browser refuses): all but
      // the drawing still works.
      noWebGL = true;
      banner(`This browser gives the page no WebGL (${e.message}), so the graph is not drawn; search, the side panel, the timeline and the papers work.`);
    }
    mark("ng:renderer");
  }
  let data;
  try {
    data = STATIC ? JSON.parse(dataElement.textContent) : await asked;
  } catch (e) {
    banner(e.message);
    return;
  }
  let added = 0;
  if (fresh) {
    resetLayout();
    graph = fill(data);
    mark("ng:built");
  }
  if (fresh && renderer) {
    // A small graph shows every label the label grid has room for; a
    // large one those of its bigger nodes, and more as one zooms in.
    setting("labelRenderedSizeThreshold", graph.order <= 300 ? 1 : 7);
    // A large graph's edges are drawn as thin lines (two vertices each,
    // not a rectangle's six) and not at all while the camera moves.
    setting("defaultEdgeType", graph.size > 20000 ? "thin" : "line");
    setting("hideEdgesOnMove", graph.size > 20000);
    renderer.setGraph(graph); // indexes and draws it at once
    renderer.getCamera().animatedReset({ duration: 200 }); // also ends a move under way
  }
  if (!fresh) {
    added = merge(data);
    if (renderer) renderer.refresh();
  }
  if (state.selected && !graph.hasNode(state.selected)) state.neighbors = new Set();
  if (state.selected && graph.hasNode(state.selected)) state.neighbors = new Set(graph.neighbors(state.selected));
  state.graphAttrs = data.attributes || {};
  showCount();
  if (!renderer) return;
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

// theme holds the theme's colours the renderer uses, read once per
// theme rather than once per node.
const theme = {};

// focus is the set of nodes a selection or a path sets off, or null;
// made again only when the state's sets change.
let focusOf = [], focusSet = null;
function focus() {
  if (focusOf[0] !== state.pathNodes || focusOf[1] !== state.selected || focusOf[2] !== state.neighbors) {
    focusOf = [state.pathNodes, state.selected, state.neighbors];
    focusSet = state.pathNodes.size ? state.pathNodes : state.selected ? new Set([state.selected, ...state.neighbors]) : null;
  }
  return focusSet;
}

// The reducers change sigma's own copy of a node's or edge's attributes.
// They run for every node and edge at each full refresh: an edge with
// nothing selected, hidden or on a path costs nothing.
function nodeReducer(key, d) {
  if (d.label && d.label.length > 40) d.label = d.label.slice(0, 38) + "…";
  if (state.hiddenKinds.size && state.hiddenKinds.has(d.kind)) { d.hidden = true; return d; }
  const f = focus();
  if (f && !f.has(key)) {
    d.color = theme.edge;
    d.label = "";
    d.zIndex = 0;
  } else if (f) {
    d.forceLabel = f.size <= 15; // more would overlap: sigma's label grid picks
    d.zIndex = 1;
  }
  if (key === state.selected || key === state.hovered) { d.highlighted = true; d.forceLabel = true; }
  return d;
}

function edgeReducer(key, d) {
  // A new object, not sigma's copy d: sigma's copy of an object from
  // JSON.parse takes its hidden class, and Chromium then adds sigma's
  // defaults to it several times slower (docs/PERFORMANCE.md, the page).
  if (!state.hiddenKinds.size && !state.pathEdges.size && !state.selected) return { ...d };
  const s = graph.source(key), t = graph.target(key);
  if (state.hiddenKinds.size && (state.hiddenKinds.has(graph.getNodeAttribute(s, "kind")) || state.hiddenKinds.has(graph.getNodeAttribute(t, "kind")))) {
    d.hidden = true;
  } else if (state.pathEdges.size) {
    if (state.pathEdges.has(key)) { d.color = "#d64545"; d.size = 3; d.zIndex = 1; d.type = "line"; } else d.hidden = true;
  } else if (state.selected) {
    if (s === state.selected || t === state.selected) { d.color = theme.accent; d.size = 1.5; d.zIndex = 1; }
    else if (state.scope === "local" && state.neighbors.has(s) && state.neighbors.has(t)) d.zIndex = 0;
    else d.hidden = true;
  }
  return d;
}

// hover marks the node under the pointer (null: none): only it and the
// one before are drawn again.
function hover(node) {
  const nodes = [state.hovered, node].filter((k) => k !== null && graph.hasNode(k));
  state.hovered = node;
  renderer.refresh({ partialGraph: { nodes }, skipIndexation: true });
}

// setting changes one of the renderer's settings if it differs: each
// change makes sigma index the whole graph again.
function setting(name, value) {
  if (renderer.getSetting(name) !== value) renderer.setSetting(name, value);
}

// startRenderer makes the renderer, on the graph as it is (empty before
// the first load: its WebGL contexts and programs are made while the
// graph is on its way).
function startRenderer() {
  renderer = new Sigma(graph, $("#sigma"), {
    renderEdgeLabels: false,
    allowInvalidContainer: true, // the graph's tab may be hidden when a live update comes
    edgeProgramClasses: { thin: EdgeLineProgram },
    defaultEdgeColor: theme.edge,
    labelColor: { color: theme.fg },
    labelFont: getComputedStyle(document.body).fontFamily,
    labelSize: 12,
    labelDensity: 0.5,
    labelGridCellSize: 110,
    labelRenderedSizeThreshold: 7,
    zIndex: true,
    stagePadding: 40,
    defaultDrawNodeHover: drawHover,
    defaultDrawNodeLabel: drawLabel,
    nodeReducer,
    edgeReducer,
  });
  renderer.on("beforeRender", () => { labelBoxes = []; });
  renderer.on("clickNode", ({ node }) => select(node));
  renderer.on("clickStage", () => { if (!state.pathNodes.size) select(null); });
  renderer.on("enterNode", ({ node }) => hover(node));
  renderer.on("leaveNode", () => hover(null));
  renderer.on("afterRender", () => {
    if (graph.order > 0 && document.body.dataset.drawn !== "true") {
      mark("ng:drawn");
      document.body.dataset.drawn = "true";
    }
  });
}

// labelBoxes are the boxes of the labels drawn in this frame: a label
// that would overlap one is left out (sigma's label grid thins labels by
// cells of the screen, and a long label reaches over its cell).
let labelBoxes = [];

function drawLabel(ctx, data, settings) {
  if (!data.label) return;
  const size = settings.labelSize;
  ctx.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const x = data.x + data.size + 3, y = data.y + size / 3;
  const box = [x - 2, y - size, x + ctx.measureText(data.label).width + 2, y + size / 3];
  for (const b of labelBoxes) if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) return;
  labelBoxes.push(box);
  ctx.fillStyle = settings.labelColor.color;
  ctx.fillText(data.label, x, y);
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
  if (renderer) renderer.refresh();
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
  if (seq === searchSeq) {
    showSuggestions(list);
    if (list.length) mark("ng:search:shown");
  }
}

function buildSearch() {
  const input = $("#search");
  let timer = 0;
  input.addEventListener("input", () => { mark("ng:search:typed"); clearTimeout(timer); timer = setTimeout(() => search(input.value), 120); });
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

function applyTheme(name) {
  document.documentElement.dataset.theme = name;
  for (const v of ["fg", "edge", "accent"]) theme[v] = cssVar("--" + v);
  if (renderer) {
    renderer.setSetting("labelColor", { color: theme.fg });
    renderer.setSetting("defaultEdgeColor", theme.edge);
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
    if (!(await updateNotes(b.paths, b.notes))) await load(false);
    if (state.selected) await showPanel(state.selected);
    if (!$("#view-timeline").hidden) await loadTimeline();
    if (!$("#view-papers").hidden) await loadPapers();
    live.className = "live on";
    live.title = `Updated: ${b.changed} changed, ${b.deleted} deleted (${b.elapsed_ms} ms)`;
    document.body.dataset.seq = b.seq;
  });
}

// updateNotes brings the notes at paths up to date in the whole graph
// shown: each one's neighbourhood after the build is merged in where the
// note was, with no new layout, so the change shows on the next frame
// however large the graph (sigma redraws what the merge touched by
// itself). The build event carries the neighbourhoods (notes, by ID) but
// a hub note's, which is fetched. It returns false when it cannot (a
// folder changed, many notes, or a local graph, which load refetches
// whole and fast).
async function updateNotes(paths, notes) {
  if (state.scope !== "all" || !paths || paths.length === 0 || paths.length > 50) return false;
  if (!paths.every((p) => /\.(md|markdown)$/i.test(p))) return false;
  for (const p of paths) {
    const id = "note:" + p;
    let data = notes && notes[id];
    if (!data) {
      try {
        data = await api("graph", { from: id, depth: 1, "max-nodes": 0 });
      } catch (e) {
        if (e.status !== 404) throw e;
        data = { nodes: [], edges: [] }; // the note is gone
      }
    }
    mergeAround(id, data);
  }
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
window.notegraph = { get graph() { return graph; }, state, select, get renderer() { return renderer; } };

main();
