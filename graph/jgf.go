package graph

import "io"

// WriteJGF writes src in the JSON Graph Format, version 2.1
// (jsongraphformat.info), which graph libraries and viewers outside the
// JavaScript world read:
//
//	{"graph":{"id":"notegraph","type":"notegraph","directed":true,
//	"metadata":{…graphAttrs},
//	"nodes":{
//	"note:a.md":{"label":…,"metadata":{"kind":…,…}},
//	…
//	},
//	"edges":[
//	{"source":ID,"relation":…,"target":ID},
//	…
//	]}}
//
// Nodes are keyed by ID. A node's metadata holds "kind" and Node.Props,
// typed as in WriteJSON; its label is Node.Label. "edges" is written even when empty:
// the schema tells a graph of edges from one of hyperedges by it. The
// output streams and is deterministic, one node or edge to a line.
func WriteJGF(w io.Writer, src Source, graphAttrs map[string]string) error {
	head := append([]byte(`{"graph":{"id":"notegraph","type":"notegraph","directed":true,`+"\n"+`"metadata":{`), appendStringMap(nil, graphAttrs)...)
	head = append(head, "},\n"+`"nodes":{`...)
	return writeJSONDoc(w, src, head, (*jsonWriter).appendJGFNode, "},\n"+`"edges":[`, (*jsonWriter).appendJGFEdge, "]}}\n")
}

func (jw *jsonWriter) appendJGFNode(n Node) {
	b := appendJSONString(jw.buf, n.ID)
	b = append(b, `:{"label":`...)
	b = appendJSONString(b, n.Label())
	b = append(b, `,"metadata":{"kind":`...)
	b = appendJSONString(b, string(KindOf(n.ID)))
	jw.buf = jw.appendProps(b, n)
	jw.buf = append(jw.buf, "}}"...)
}

func (jw *jsonWriter) appendJGFEdge(e Edge) {
	b := append(jw.buf, `{"source":`...)
	b = appendJSONString(b, e.Src)
	b = append(b, `,"relation":`...)
	b = appendJSONString(b, string(e.Rel))
	b = append(b, `,"target":`...)
	b = appendJSONString(b, e.Dst)
	jw.buf = append(b, '}')
}
