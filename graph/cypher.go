package graph

import (
	"bufio"
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
)

// CypherBatch is the most rows WriteCypher sends in one statement.
const CypherBatch = 500

// WriteCypher writes src as a Cypher script for a running Neo4j server,
// fed to it by `cypher-shell < graph.cypher`:
//
//	CREATE CONSTRAINT notegraph_note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE;
//	…
//	:param {rows: [{id: "note:a.md", props: {label: "A", title: "A", …}}, …]}
//	UNWIND $rows AS row MERGE (n:Note {id: row.id}) SET n += row.props;
//	…
//	:param {rows: [{s: "note:a.md", t: "tag:go"}, …]}
//	UNWIND $rows AS row MATCH (a:Note {id: row.s}) MATCH (b:Tag {id: row.t}) MERGE (a)-[:TAGGED]->(b);
//
// The uniqueness constraints come first, so that every MERGE finds its
// node by an index. Then the nodes, a batch of up to CypherBatch rows per
// statement, each with its label (Neo4jLabel) and "label" and properties
// typed as WriteGraphML declares them; then the edges, batched by relation
// and the labels of their ends. Every value travels as a parameter: the
// statements themselves hold only labels, relationship types and the
// parameter, so the server plans each shape once. Running the script
// again changes nothing (MERGE).
//
// Strings are written as JSON writes them: Cypher reads the same escapes,
// and a statement or :param line stays on one line. Nodes are read twice,
// first for the types of their properties. Edges are
// held in one batch per relation and pair of labels until it fills.
func WriteCypher(w io.Writer, src Source) error {
	types, err := gatherKeyTypes(src)
	if err != nil {
		return err
	}
	bw := bufferedWriter(w)
	bw.WriteString("// notegraph export for a running Neo4j server: cypher-shell -u neo4j -p PASSWORD < graph.cypher\n")
	for _, k := range Kinds {
		l := Neo4jLabel(k)
		bw.WriteString("CREATE CONSTRAINT notegraph_" + string(k) + "_id IF NOT EXISTS FOR (n:" + l + ") REQUIRE n.id IS UNIQUE;\n")
	}

	cw := &cypherWriter{w: bw}
	var props []Prop
	var current Kind
	err = src.Nodes(func(n Node) error {
		if k := n.Kind(); k != current {
			if len(cw.rows) > 0 {
				cw.flushNodes(current)
			}
			current = k
		}
		b := append(cw.row[:0], "{id: "...)
		b = appendJSONString(b, n.ID)
		b = append(b, ", props: {label: "...)
		b = appendJSONString(b, n.Label())
		props = n.Props(props[:0])
		for _, p := range props {
			b = append(b, ", "...)
			b = appendCypherName(b, p.Key)
			b = append(b, ": "...)
			b = appendCypherValue(b, p, types[p.Key])
		}
		b = append(b, "}}"...)
		cw.row = b
		cw.rows = append(cw.rows, string(b))
		if len(cw.rows) == CypherBatch {
			cw.flushNodes(current)
		}
		return cw.err
	})
	if err != nil {
		return err
	}
	if len(cw.rows) > 0 {
		cw.flushNodes(current)
	}

	type shape struct {
		rel      Rel
		src, dst Kind
	}
	batches := map[shape][]string{}
	err = src.Edges(func(e Edge) error {
		s := shape{Rel(strings.Clone(string(e.Rel))), KindOf(e.Src), KindOf(e.Dst)}
		b := append(cw.row[:0], "{s: "...)
		b = appendJSONString(b, e.Src)
		b = append(b, ", t: "...)
		b = appendJSONString(b, e.Dst)
		b = append(b, '}')
		cw.row = b
		batches[s] = append(batches[s], string(b))
		if len(batches[s]) == CypherBatch {
			cw.rows = batches[s]
			cw.flushEdges(s.rel, s.src, s.dst)
			batches[s] = cw.rows[:0]
		}
		return cw.err
	})
	if err != nil {
		return err
	}
	keys := make([]shape, 0, len(batches))
	for s, rows := range batches {
		if len(rows) > 0 {
			keys = append(keys, s)
		}
	}
	slices.SortFunc(keys, func(a, b shape) int {
		return cmp.Or(cmp.Compare(a.rel, b.rel), cmp.Compare(a.src, b.src), cmp.Compare(a.dst, b.dst))
	})
	for _, s := range keys {
		cw.rows = batches[s]
		cw.flushEdges(s.rel, s.src, s.dst)
	}
	if cw.err != nil {
		return cw.err
	}
	return bw.Flush()
}

// cypherWriter writes batches of rows as a :param line and a statement.
type cypherWriter struct {
	w    *bufio.Writer
	row  []byte   // the row being made
	rows []string // the batch
	err  error
}

func (cw *cypherWriter) param() {
	cw.w.WriteString(":param {rows: [")
	for i, r := range cw.rows {
		if i > 0 {
			cw.w.WriteString(", ")
		}
		cw.w.WriteString(r)
	}
	cw.w.WriteString("]}\n")
	cw.rows = cw.rows[:0]
}

func (cw *cypherWriter) flushNodes(k Kind) {
	cw.param()
	_, cw.err = cw.w.WriteString("UNWIND $rows AS row MERGE (n:" + Neo4jLabel(k) + " {id: row.id}) SET n += row.props;\n")
}

func (cw *cypherWriter) flushEdges(r Rel, src, dst Kind) {
	cw.param()
	b := append(cw.row[:0], "UNWIND $rows AS row MATCH (a:"...)
	b = append(b, Neo4jLabel(src)...)
	b = append(b, " {id: row.s}) MATCH (b:"...)
	b = append(b, Neo4jLabel(dst)...)
	b = append(b, " {id: row.t}) MERGE (a)-[:"...)
	b = appendCypherName(b, Neo4jType(r))
	b = append(b, "]->(b);\n"...)
	cw.row = b
	_, cw.err = cw.w.Write(b)
}

// appendCypherValue appends p's value as a Cypher literal of type t (see
// keyTypes): a list, a number, a boolean or a string.
func appendCypherValue(b []byte, p Prop, t valueType) []byte {
	switch {
	case p.Type == PropList:
		b = append(b, '[')
		for i, s := range p.List {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']')
	case t == typeDouble && p.Type == PropString:
		f, _ := strconv.ParseFloat(p.Str, 64)
		s := strconv.FormatFloat(f, 'f', -1, 64)
		b = append(b, s...)
		if !strings.Contains(s, ".") {
			b = append(b, ".0"...) // else Cypher reads an integer
		}
		return b
	case t == typeBool || isNumber(t):
		return appendTyped(b, p, t, true)
	}
	return appendJSONString(b, p.Text())
}

// appendCypherName appends a property key or a type as a Cypher name:
// bare when it is a plain identifier, else in backticks ("fm.draft").
func appendCypherName(b []byte, name string) []byte {
	plain := name != ""
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(isLetter(c) || c == '_' || (i > 0 && c-'0' < 10)) {
			plain = false
			break
		}
	}
	if plain {
		return append(b, name...)
	}
	b = append(b, '`')
	b = append(b, strings.ReplaceAll(strings.ToValidUTF8(name, "\uFFFD"), "`", "``")...)
	return append(b, '`')
}
