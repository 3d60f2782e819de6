package graph

import (
	"math"
	"strconv"
	"strings"
)

// valueType is the type an export declares for a property key, over all
// the nodes that have it: GraphML's attr.type, or the JSON type of a JGF
// metadata value.
type valueType uint8

const (
	typeUnset valueType = iota
	typeString
	typeBool
	typeInt    // fits in 32 bits, GraphML's int
	typeLong   // fits in 64 bits
	typeDouble // a finite number
)

var graphMLTypeNames = [...]string{typeUnset: "string", typeString: "string", typeBool: "boolean", typeInt: "int", typeLong: "long", typeDouble: "double"}

// keyTypes gathers the type of each property key as the nodes go by: the
// narrowest type that every value of the key has. notegraph's own
// properties carry their type (Prop.Type); the keys of a note's header
// (those with FrontMatterPrefix) are text, typed by what every value
// parses as: "true" and "false" as boolean, integers as int or long,
// other numbers as double. A list is a string: its JSON array.
type keyTypes map[string]valueType

func (kt keyTypes) observe(p Prop) {
	kt[p.Key] = joinTypes(kt[p.Key], typeOf(p))
}

// typeOf is the type of one property's value.
func typeOf(p Prop) valueType {
	switch p.Type {
	case PropBool:
		return typeBool
	case PropInt:
		if p.Int == int(int32(p.Int)) {
			return typeInt
		}
		return typeLong
	case PropList:
		return typeString
	}
	if !strings.HasPrefix(p.Key, FrontMatterPrefix) {
		return typeString
	}
	return parsedType(p.Str)
}

// parsedType is the type that the text s reads as.
func parsedType(s string) valueType {
	if s == "true" || s == "false" {
		return typeBool
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n == int64(int32(n)) {
			return typeInt
		}
		return typeLong
	}
	// Only plain decimal forms: ParseFloat also takes "NaN", "Inf", hex
	// floats and underscores, which neither XML Schema nor JSON does.
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && plainNumber(s) {
		return typeDouble
	}
	return typeString
}

// plainNumber reports whether s is spelled with digits, one point, an
// exponent and signs only.
func plainNumber(s string) bool {
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-':
		default:
			return false
		}
	}
	return digits
}

// joinTypes is the narrowest type that holds values of types a and b.
func joinTypes(a, b valueType) valueType {
	switch {
	case a == typeUnset || a == b:
		return b
	case b == typeUnset:
		return a
	case isNumber(a) && isNumber(b):
		return max(a, b) // int < long < double
	}
	return typeString
}

func isNumber(t valueType) bool { return t == typeInt || t == typeLong || t == typeDouble }

// appendTyped appends p's value as the text of type t (see keyTypes):
// for a number or a boolean its canonical form, for a list its JSON array,
// else its text. asJSON writes strings as JSON strings, numbers and
// booleans bare; otherwise the text is raw, for the caller to escape.
func appendTyped(b []byte, p Prop, t valueType, asJSON bool) []byte {
	switch {
	case p.Type == PropList:
		return appendPropValue(b, p) // a JSON array of strings, in JSON or as text
	case t == typeBool:
		if p.Type == PropBool {
			return strconv.AppendBool(b, p.Bool)
		}
		return append(b, p.Str...) // "true" or "false", checked
	case isNumber(t):
		if p.Type == PropInt {
			return strconv.AppendInt(b, int64(p.Int), 10)
		}
		if t != typeDouble {
			n, _ := strconv.ParseInt(p.Str, 10, 64)
			return strconv.AppendInt(b, n, 10)
		}
		f, _ := strconv.ParseFloat(p.Str, 64)
		return strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	if asJSON {
		return appendJSONString(b, p.Text())
	}
	return append(b, p.Text()...)
}

// gatherKeyTypes reads the nodes of src for the type of each property key.
func gatherKeyTypes(src Source) (keyTypes, error) {
	types := keyTypes{}
	var props []Prop
	err := src.Nodes(func(n Node) error {
		props = n.Props(props[:0])
		for _, p := range props {
			types.observe(p)
		}
		return nil
	})
	return types, err
}
