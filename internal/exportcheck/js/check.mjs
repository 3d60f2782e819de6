// Loads one of notegraph's exports with the JavaScript library it is made
// for, the way a web page would, and prints what the library holds:
//
//   node check.mjs cytoscape FILE   cytoscape({elements}) in headless mode
//   node check.mjs graphology FILE  graphology's Graph.from
//
// It prints {"nodes":N,"edges":M,"types":{attribute:[typeof …]}} and exits
// 1 when the library refuses the file or says anything on the console
// (Cytoscape warns and drops an edge whose end is missing).
import { readFileSync } from "node:fs";
import cytoscape from "cytoscape";
import Graph from "graphology";

const [format, file] = process.argv.slice(2);
const complaints = [];
for (const level of ["warn", "error", "log"]) {
  console[level] = (...args) => complaints.push(args.join(" "));
}

const doc = JSON.parse(readFileSync(file, "utf8"));
const types = {};
const note = (attrs) => {
  for (const [k, v] of Object.entries(attrs)) {
    const t = Array.isArray(v) ? "array" : typeof v;
    types[k] ??= [];
    if (!types[k].includes(t)) types[k].push(t);
  }
};

let nodes, edges;
if (format === "cytoscape") {
  const cy = cytoscape({ headless: true, elements: doc.elements });
  nodes = cy.nodes().length;
  edges = cy.edges().length;
  cy.nodes().forEach((n) => note(n.data()));
  cy.edges().forEach((e) => {
    if (!e.source().nonempty() || !e.target().nonempty()) complaints.push(`edge ${e.id()} lacks an end`);
  });
} else if (format === "graphology") {
  const g = Graph.from(doc);
  if (g.type !== "directed" || !g.multi) complaints.push(`graph is ${g.type}, multi=${g.multi}`);
  nodes = g.order;
  edges = g.size;
  g.forEachNode((_, attrs) => note(attrs));
} else {
  complaints.push(`unknown format ${format}`);
}

if (complaints.length > 0) {
  process.stderr.write(complaints.join("\n") + "\n");
  process.exit(1);
}
process.stdout.write(JSON.stringify({ nodes, edges, types }) + "\n");
