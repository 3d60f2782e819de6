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
// typed as WriteGraphML declares them: numbers, booleans, lists as arrays,
// and a header's values as numbers or booleans when every value of their
// key reads so (keyTypes); its label is Node.Label. The nodes are read
// twice: first for those types. "edges" is written even when empty:
// the schema tells a graph of edges from one of hyperedges by it. The
// output streams and is deterministic, one node or edge to a line.
func WriteJGF(w io.Writer, src Source, graphAttrs map[string]string) error {
	head := append([]byte(`{"graph":{"id":"notegraph","type":"notegraph","directed":true,`+"\n"+`"metadata":{`), appendStringMap(nil, graphAttrs)...)
	head = append(head, "},\n"+`"nodes":{`...)
	types, err := gatherKeyTypes(src)
	if err != nil {
		return err
	}
	node := func(jw *jsonWriter, n Node) { jw.appendJGFNode(n, types) }
	return writeJSONDoc(w, src, head, node, "},\n"+`"edges":[`, (*jsonWriter).appendJGFEdge, "]}}\n")
}

func (jw *jsonWriter) appendJGFNode(n Node, types keyTypes) {
	b := appendJSONString(jw.buf, n.ID)
	b = append(b, `:{"label":`...)
	b = appendJSONString(b, n.Label())
	b = append(b, `,"metadata":{"kind":`...)
	b = appendJSONString(b, string(KindOf(n.ID)))
	jw.props = n.Props(jw.props[:0])
	for _, p := range jw.props {
		b = append(b, ',')
		b = appendJSONString(b, p.Key)
		b = append(b, ':')
		b = appendTyped(b, p, types[p.Key], true)
	}
	jw.buf = append(b, "}}"...)
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
