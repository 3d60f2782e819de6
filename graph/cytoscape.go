package graph

import "io"

// WriteCytoscape writes src as Cytoscape.js elements, which
// cytoscape({elements: doc.elements}) loads as they are (and Cytoscape
// desktop imports as "Cytoscape.js JSON"):
//
//	{"elements":{
//	"nodes":[
//	{"data":{"id":ID,"kind":…,"label":…,…}},
//	…
//	],
//	"edges":[
//	{"data":{"id":…,"source":ID,"target":ID,"relation":…}},
//	…
//	]}}
//
// A node's data holds what WriteJSON gives as its attributes, typed the
// same way. No property is named "id" or "parent", which Cytoscape reads
// as the element's identity and as the compound node that holds it: a
// header's own keys come with their "fm." prefix. An edge's id is its EdgeKey. The output streams and is
// deterministic, one element to a line.
func WriteCytoscape(w io.Writer, src Source) error {
	return writeJSONDoc(w, src, []byte(`{"elements":{`+"\n"+`"nodes":[`), (*jsonWriter).appendCytoscapeNode,
		"],\n"+`"edges":[`, (*jsonWriter).appendCytoscapeEdge, "]}}\n")
}

func (jw *jsonWriter) appendCytoscapeNode(n Node) {
	b := append(jw.buf, `{"data":{"id":`...)
	b = appendJSONString(b, n.ID)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, string(KindOf(n.ID)))
	b = append(b, `,"label":`...)
	b = appendJSONString(b, n.Label())
	jw.buf = jw.appendProps(b, n)
	jw.buf = append(jw.buf, "}}"...)
}

func (jw *jsonWriter) appendCytoscapeEdge(e Edge) {
	b := append(jw.buf, `{"data":{"id":`...)
	b = appendEdgeKeyJSON(b, e)
	b = append(b, `,"source":`...)
	b = appendJSONString(b, e.Src)
	b = append(b, `,"target":`...)
	b = appendJSONString(b, e.Dst)
	b = append(b, `,"relation":`...)
	b = appendJSONString(b, string(e.Rel))
	jw.buf = append(b, "}}"...)
}
