package header

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// isFence reports whether line is exactly fence, trailing blanks allowed.
func isFence(line []byte, fence string) bool {
	return string(trimRight(line)) == fence
}

// parseFenced reads front matter between fence lines ("---" for YAML, whose
// closing may also be "...", or "+++" for TOML). The opening fence must be
// the first line. A fence that is never closed is not a header: it is more
// likely a thematic break, and guessing where the metadata ends would eat the
// note.
func parseFenced(src []byte, start int, fence, format string) parser {
	var p parser
	first, i := nextLine(src, start)
	if !isFence(first, fence) {
		return p
	}
	contentStart := i
	for i < len(src) {
		line, next := nextLine(src, i)
		if isFence(line, fence) || (format == "yaml" && isFence(line, "...")) {
			if next-start > maxHeader {
				p.warn(1, "header larger than 64 KiB, ignored")
				return p
			}
			p.found = true
			p.h.Format = format
			p.h.BodyStart = next
			content := p.validUTF8(src[contentStart:i], 2)
			if format == "yaml" {
				p.decodeYAML(content, 2)
			} else {
				p.decodeTOML(content, 2)
			}
			return p
		}
		i = next
	}
	p.warn(1, "front matter not closed")
	return p
}

// parseHexo reads Hexo-style front matter: YAML key lines from the first
// line, closed by "---", with no opening fence. Prose such as "Note: this is
// …" followed later by a thematic break must not pass, so every line before
// the fence has to be a key line, a list item, a blank line or the
// continuation of a block scalar, and at least one key must be one that
// headers use (title, date, tags, …).
func parseHexo(src []byte, start int) parser {
	var p parser
	known := false
	blockIndent := -1 // indentation of the key that opened a block scalar
	for i, lineNo := start, 1; i < len(src); lineNo++ {
		line, next := nextLine(src, i)
		if lineNo > 1 && isFence(line, "---") {
			if !known {
				return p
			}
			if next-start > maxHeader {
				p.warn(1, "header larger than 64 KiB, ignored")
				return p
			}
			p.found = true
			p.h.Format = "hexo"
			p.h.BodyStart = next
			p.decodeYAML(p.validUTF8(src[start:i], 1), 1)
			return p
		}
		indent := indentOf(line)
		switch {
		case isBlank(line):
		case blockIndent >= 0 && indent > blockIndent:
		case lineNo > 1 && isListItem(line[indent:]):
			blockIndent = -1
		default:
			key, val, ok := keyLine(line[indent:])
			if !ok || (lineNo == 1 && indent > 0) {
				return p
			}
			blockIndent = -1
			if v := strings.TrimSpace(string(val)); v != "" && (v[0] == '|' || v[0] == '>') {
				blockIndent = indent
			}
			if indent == 0 && isHeaderKey(key) {
				known = true
			}
		}
		i = next
	}
	return p
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	return n
}

func isListItem(b []byte) bool {
	return len(b) > 0 && b[0] == '-' && (len(b) == 1 || b[1] == ' ' || b[1] == '\t')
}

// keyLine splits "key: value" where key is a YAML-like plain key: a letter or
// '_' then letters, digits, '_', '-' or '.'; the colon must be followed by a
// blank or the end of the line, as YAML requires.
func keyLine(b []byte) (key, val []byte, ok bool) {
	i := 0
	for i < len(b) {
		c := b[i]
		switch {
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			goto end
		}
		i++
	}
end:
	if i == 0 {
		return nil, nil, false
	}
	key = b[:i]
	j := i
	for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
		j++
	}
	if j >= len(b) || b[j] != ':' {
		return nil, nil, false
	}
	j++
	if j < len(b) && b[j] != ' ' && b[j] != '\t' {
		return nil, nil, false
	}
	return key, b[j:], true
}

// isHeaderKey reports whether key (any case) is one of the keys that make a
// block of key lines look like metadata rather than prose.
func isHeaderKey(key []byte) bool {
	switch strings.ToLower(string(key)) {
	case "title", "date", "tags", "tag", "categories", "category", "author", "authors", "keywords":
		return true
	}
	return false
}

// decodeYAML applies a YAML mapping. firstLine is the file line content
// starts on, so that warnings point into the file, not into the block.
func (p *parser) decodeYAML(content []byte, firstLine int) {
	// yaml.v3 also breaks lines at a lone '\r'; clamping keeps its line
	// numbers inside the block even then.
	lastLine := firstLine + max(bytes.Count(content, []byte{'\n'}), 1) - 1
	fileLine := func(n int) int { return min(max(firstLine+n-1, firstLine), lastLine) }
	var doc yaml.Node
	if err := unmarshalYAML(content, &doc); err != nil {
		p.warn(fileLine(yamlBadLine(content)), "yaml: %s", yamlProblem(err))
		p.readLines(content, firstLine, ':')
		return
	}
	if len(doc.Content) == 0 {
		return // only comments, or nothing at all
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		if root.Kind != yaml.ScalarNode || root.Tag != "!!null" {
			p.warn(fileLine(root.Line), "front matter is not a key: value mapping")
		}
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		p.assign(strings.ToLower(strings.TrimSpace(k.Value)), yamlValue(v), fileLine(k.Line))
	}
}

// unmarshalYAML guards yaml.v3, which can panic on some malformed input.
func unmarshalYAML(b []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: parser failed: %v", r)
		}
	}()
	return yaml.Unmarshal(b, n)
}

// yamlProblem is yaml.v3's message without its "yaml: line N:" prefix;
// that line number is 0-based for some errors and 1-based for others, so
// yamlBadLine finds the line instead.
func yamlProblem(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if _, err := strconv.Atoi(num); err == nil {
				return text
			}
		}
	}
	return msg
}

// yamlBadLine returns the 1-based line of content (which does not parse)
// whose addition first makes a prefix of whole lines unparsable: an unclosed
// quote or bracket, a tab, a bad indentation all show up on their own line.
// A binary search keeps this to a few parses; it is run only on broken
// headers.
func yamlBadLine(content []byte) int {
	var ends []int
	for i := 0; i < len(content); {
		_, next := nextLine(content, i)
		ends = append(ends, next)
		i = next
	}
	var n yaml.Node
	lo, hi := 0, len(ends) // the first lo lines parse; the first hi lines do not
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		n = yaml.Node{}
		if unmarshalYAML(content[:ends[mid-1]], &n) == nil {
			lo = mid
		} else {
			hi = mid
		}
	}
	return max(hi, 1)
}

// Limits on flattening a list: YAML aliases let a few lines describe an
// enormous tree, so the walk is bounded by nodes visited, not items kept.
const (
	maxListDepth = 8
	maxListItems = 1000
	maxListNodes = 10000
)

// yamlValue reduces a YAML node to a value; nested lists are flattened (Hexo
// writes categories as [[a, b]]), maps inside lists are skipped.
func yamlValue(n *yaml.Node) value {
	n = resolveAlias(n)
	if n == nil {
		return value{kind: nullValue}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return value{kind: nullValue}
		}
		return value{s: n.Value}
	case yaml.SequenceNode:
		v := value{kind: listValue}
		budget := maxListNodes
		flattenYAML(n, 0, &budget, &v.items)
		return v
	}
	return value{kind: mapValue}
}

func flattenYAML(n *yaml.Node, depth int, budget *int, out *[]string) {
	if depth > maxListDepth {
		return
	}
	for _, c := range n.Content {
		if *budget <= 0 || len(*out) >= maxListItems {
			return
		}
		*budget--
		c = resolveAlias(c)
		if c == nil {
			continue
		}
		switch c.Kind {
		case yaml.ScalarNode:
			if c.Tag != "!!null" {
				*out = append(*out, c.Value)
			}
		case yaml.SequenceNode:
			flattenYAML(c, depth+1, budget, out)
		}
	}
}

// resolveAlias follows alias nodes, giving up on chains that loop.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for hops := 0; n != nil && n.Kind == yaml.AliasNode; hops++ {
		if hops > maxListDepth {
			return nil
		}
		n = n.Alias
	}
	return n
}

// decodeTOML applies TOML front matter; firstLine as for decodeYAML.
func (p *parser) decodeTOML(content []byte, firstLine int) {
	var m map[string]any
	md, err := decodeTOMLSafe(string(content), &m)
	if err != nil {
		line, msg := 0, err.Error()
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, msg = pe.Position.Line, pe.Message
		}
		lastLine := firstLine + max(bytes.Count(content, []byte{'\n'}), 1) - 1
		p.warn(min(firstLine+max(line, 1)-1, lastLine), "toml: %s", msg)
		p.readLines(content, firstLine, '=')
		return
	}
	// md.Keys keeps document order, so repeated keys that differ only in
	// case resolve the same way on every run.
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(k[0]))
		line := firstLine
		if n := keyLineNumber(content, k[0]); n > 0 {
			line = firstLine + n - 1
		}
		p.assign(key, tomlValue(m[k[0]]), line)
	}
}

func decodeTOMLSafe(s string, m *map[string]any) (md toml.MetaData, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("parser failed: %v", r)
		}
	}()
	return toml.Decode(s, m)
}

// keyLineNumber finds the 1-based line where a top-level TOML key is set;
// the decoder does not expose positions, and warnings need a line.
func keyLineNumber(content []byte, key string) int {
	for n := 1; len(content) > 0; n++ {
		line, next := nextLine(content, 0)
		content = content[next:]
		line = bytes.TrimLeft(line, " \t")
		if bytes.HasPrefix(line, []byte(key)) {
			rest := bytes.TrimLeft(line[len(key):], " \t")
			if len(rest) > 0 && rest[0] == '=' {
				return n
			}
		}
	}
	return 0
}

func tomlValue(x any) value {
	switch t := x.(type) {
	case nil:
		return value{kind: nullValue}
	case []any:
		v := value{kind: listValue}
		flattenTOML(t, 0, &v.items)
		return v
	case map[string]any, []map[string]any:
		return value{kind: mapValue}
	}
	return value{s: tomlScalar(x)}
}

func flattenTOML(list []any, depth int, out *[]string) {
	if depth > maxListDepth {
		return
	}
	for _, x := range list {
		if len(*out) >= maxListItems {
			return
		}
		switch t := x.(type) {
		case []any:
			flattenTOML(t, depth+1, out)
		case map[string]any, nil:
		default:
			*out = append(*out, tomlScalar(t))
		}
	}
}

func tomlScalar(x any) string {
	switch t := x.(type) {
	case string:
		return t
	case time.Time:
		// A TOML local date decodes as midnight; keep it a plain date.
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return t.Format(time.DateOnly)
		}
		return t.Format(time.RFC3339)
	}
	return fmt.Sprint(x)
}
