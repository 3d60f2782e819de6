package binrec

import "testing"

func TestRoundTrip(t *testing.T) {
	b := AppendString(nil, "标签")
	b = AppendBool(b, true)
	b = AppendString(b, "")
	r := NewReader(b)
	if s, v, e := r.String(), r.Bool(), r.String(); s != "标签" || !v || e != "" || r.Err() != nil || r.Len() != 0 {
		t.Fatalf("got %q %v %q err %v, %d left", s, v, e, r.Err(), r.Len())
	}
	r.Byte()
	if r.Err() != ErrCorrupt {
		t.Fatalf("reading past the end: err %v", r.Err())
	}
}

// FuzzReader reads any bytes as a record: no panic, and a length larger
// than the record is refused rather than allocated.
func FuzzReader(f *testing.F) {
	f.Add(AppendString(AppendBool(nil, true), "x"))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(b)
		for i := 0; i < 8 && r.Err() == nil; i++ {
			s := r.String()
			if len(s) > len(b) {
				t.Fatalf("string of %d bytes from a %d-byte record", len(s), len(b))
			}
			r.Bool()
			r.Uint64()
		}
	})
}
