package main

import (
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"
)

// writeJSON writes rows as an indented JSON array, an empty list as [],
// byte for byte as json.Encoder with SetIndent("", "  ") would.
func writeJSON[T any](w io.Writer, rows []T) error {
	l := jsonList{w: w}
	for i := range rows {
		if err := l.add(&rows[i]); err != nil {
			return err
		}
	}
	return l.close()
}

// jsonList writes an indented JSON array a row at a time, as json.Encoder
// with SetIndent("", "  ") writes the whole array. The encoder would build
// the array, and then its indented copy, in buffers as large as the
// output, which for the rows of a whole vault costs more than the query
// and grows with the vault.
type jsonList struct {
	w io.Writer
	n int // rows written
}

func (l *jsonList) add(row any) error {
	b, err := json.MarshalIndent(row, "  ", "  ")
	if err != nil {
		return err
	}
	return l.addRaw(b)
}

// addRaw writes a row already encoded as json.MarshalIndent(row, "  ",
// "  ") would.
func (l *jsonList) addRaw(b []byte) error {
	sep := ",\n  "
	if l.n == 0 {
		sep = "[\n  "
	}
	l.n++
	if _, err := io.WriteString(l.w, sep); err != nil {
		return err
	}
	_, err := l.w.Write(b)
	return err
}

func (l *jsonList) close() error {
	end := "\n]\n"
	if l.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.w, end)
	return err
}

// appendNeighborJSON appends r as json.MarshalIndent(r, "  ", "  ")
// writes it, without reflection or a map sort per row: a big tag has tens
// of thousands of rows. keys is scratch space for the attribute names.
// TestNeighborJSONMatchesEncoder holds the two together.
func appendNeighborJSON(b []byte, r *neighborJSON, keys []string) ([]byte, []string) {
	b = append(b, "{\n    \"id\": "...)
	b = appendJSONString(b, r.ID)
	b = append(b, ",\n    \"kind\": "...)
	b = appendJSONString(b, string(r.Kind))
	b = append(b, ",\n    \"label\": "...)
	b = appendJSONString(b, r.Label)
	b = append(b, ",\n    \"relation\": "...)
	b = appendJSONString(b, string(r.Relation))
	b = append(b, ",\n    \"direction\": "...)
	b = appendJSONString(b, r.Direction)
	b = append(b, ",\n    \"depth\": "...)
	b = strconv.AppendInt(b, int64(r.Depth), 10)
	b = append(b, ",\n    \"via\": "...)
	b = appendJSONString(b, r.Via)
	if len(r.Attrs) > 0 {
		keys = keys[:0]
		for k := range r.Attrs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, ",\n    \"attributes\": {"...)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n      "...)
			b = appendJSONString(b, k)
			b = append(b, ": "...)
			b = appendJSONString(b, r.Attrs[k])
		}
		b = append(b, "\n    }"...)
	}
	return append(b, "\n  }"...), keys
}

// appendJSONString appends s as encoding/json writes a string. Text that
// it passes through unchanged (printable ASCII other than the quote, the
// backslash, <, > and &, and valid UTF-8 other than U+2028 and U+2029) is
// copied between quotes; any other string, rare in a store, goes through
// encoding/json itself, so the escaping is always the encoder's.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendMarshalled(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			return appendMarshalled(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendMarshalled(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}
