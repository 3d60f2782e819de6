package swar

import (
	"math/rand/v2"
	"testing"
)

// TestZeroBytes checks on random words with many zero bytes that every
// zero byte is marked, and that a byte is marked only when it is zero or
// lies above a zero byte.
func TestZeroBytes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b [8]byte
		for i := range b {
			if r.IntN(3) > 0 {
				b[i] = byte(r.IntN(3)) // mostly 0, 1 and 2
			} else {
				b[i] = byte(r.IntN(256))
			}
		}
		x := Load8(string(b[:]), 0)
		m := ZeroBytes(x)
		zeroBelow := false
		for i, c := range b {
			marked := m>>(8*i+7)&1 == 1
			if c == 0 && !marked {
				t.Fatalf("%x: zero byte %d not marked (%x)", b, i, m)
			}
			if marked && c != 0 && !zeroBelow {
				t.Fatalf("%x: byte %d marked with no zero byte at or below it (%x)", b, i, m)
			}
			zeroBelow = zeroBelow || c == 0
		}
	}
}

func TestLoad8(t *testing.T) {
	if got := Load8("xx\x01\x02\x03\x04\x05\x06\x07\x08yy", 2); got != 0x0807060504030201 {
		t.Errorf("Load8 = %x", got)
	}
}
